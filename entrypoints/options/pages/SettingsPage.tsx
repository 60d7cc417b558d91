/**
 * Sites and panel: host switches, Jira Data Center sites, the organisation's sites, panel defaults,
 * pinned teams, keyboard, and where the panel floated because a site's layout was new to it.
 */
import { CatalogSites } from '@/components/CatalogSites/CatalogSites';
import { JiraDcSites } from '@/components/JiraDcSites/JiraDcSites';
import { PlacementMisses } from '@/components/Placement/PlacementMisses';
import { PinnedTeams } from '@/components/SettingsPanel/PinnedTeams';
import { SettingsPanel } from '@/components/SettingsPanel/SettingsPanel';

export function SettingsPage() {
  return (
    <>
      <h2 class="page-title">Sites &amp; panel</h2>
      <SettingsPanel />
      <JiraDcSites />
      <CatalogSites />
      <PinnedTeams />
      <PlacementMisses />
    </>
  );
}
