/** Views, actions and a render helper shared by the panel's component tests. */

import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { captureUi } from '@/components/Capture/capture-ui';
import { Panel, type PanelProps, type PanelView } from '@/components/Panel/Panel';
import type { PanelActions } from '@/components/Panel/types';
import type { NeedView, RecordRef, ResolvedContext, TeamView } from '@/utils/catalog/view';

export const NOW = new Date('2026-11-20T12:00:00Z');

export const team: TeamView = {
  id: 't-checkout',
  name: 'Checkout',
  approach: 'clean-slate',
  businessLead: { id: 'p-maria', name: 'Maria Lopez', title: 'Head of Commerce' },
  itLead: { id: 'p-raj', name: 'Raj Patel' },
  charter: {
    url: 'https://wiki.acme.example/checkout',
    mission: 'Make buying again effortless',
    businessGoal: 'Repeat orders online from 35% to 60%',
    startsOn: '2026-09-01',
    endsOn: '2027-02-26',
  },
  channels: [],
  verifiedAt: '2026-11-02',
};

export const need = (overrides: Partial<NeedView> = {}): NeedView => ({
  id: 'n-reorder',
  title: 'One-click reorder',
  status: 'in-delivery',
  level: 'issue',
  customers: [
    { name: 'Initech', importance: 'important' },
    { name: 'Globex', importance: 'critical' },
  ],
  adoption: { metric: 'Weekly reorders', unit: 'orders', target: 400, current: 100, asOf: '2026-11-01' },
  evidence: [],
  verifiedAt: '2026-11-02',
  team,
  businessOwner: {
    person: { id: 'p-zoe', name: 'Zoë Ångström', email: 'zoe@acme.example' },
    fromTeam: false,
  },
  itOwner: {
    person: { id: 'p-raj', name: 'Raj Patel', chat: 'https://chat.acme.example/raj' },
    fromTeam: true,
  },
  workItems: [{ key: 'SHOP-142', url: 'https://acme.atlassian.net/browse/SHOP-142' }],
  ...overrides,
});

export function fakeActions(overrides: Partial<PanelActions> = {}): PanelActions {
  return {
    openOptions: vi.fn(),
    retry: vi.fn(),
    setPrefs: vi.fn(),
    searchNeeds: vi.fn(async () => []),
    searchPeople: vi.fn(async () => []),
    save: vi.fn(async () => ({ ok: true as const, revision: 2, id: 'x' })),
    remove: vi.fn(async () => undefined),
    // The forms the content script loads on first use, as the loaded script exposes them.
    loadCapture: vi.fn(async () => captureUi),
    ...overrides,
  };
}

const JIRA_RECORD: RecordRef = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' };

export function show(view: PanelView, overrides: Partial<PanelProps> = {}) {
  const props: PanelProps = {
    host: 'jira-cloud',
    recordLabel: 'SHOP-142',
    record: JIRA_RECORD,
    view,
    prefs: { layout: 'docked', collapsed: false },
    pageUrl: 'https://acme.atlassian.net/browse/SHOP-142',
    actions: fakeActions(),
    now: NOW,
    ...overrides,
  };
  const result = render(<Panel {...props} />);
  return {
    ...result,
    props,
    rerender: (next: Partial<PanelProps>) => result.rerender(<Panel {...props} {...next} />),
  };
}

export const ready = (context: Partial<ResolvedContext>): PanelView => ({
  state: 'ready',
  context: { needs: [], team: null, ...context },
});
