/**
 * The organisation's sites (catalog `sites`), which bind records: where the merged catalog names a
 * host's sites, a page on another origin gets no catalog data (panel-rules.ts). The options page
 * lists them per host, says when none are named (every site of that host matches), and adds an
 * origin to the local layer's `sites`.
 */

import type { Turns } from '@/utils/background/turns';
import { LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { setLayerSites } from '@/utils/catalog/repo';
import { Sites } from '@/utils/catalog/schema';
import { exactOrigin } from '@/utils/exact-origin';
import { SITE_KEYS } from '@/utils/hosts/host-ids';
import type { Handlers } from '@/utils/messages';

export { SITE_KEYS };

export interface SitesServiceOptions {
  openDb: () => Promise<TandemDb>;
  /** The merged catalog's `sites`. */
  sites: () => Promise<Sites | undefined>;
  changed: (revision: number) => void;
  inTurn: Turns;
}

export function createSitesService({ openDb, sites, changed, inTurn }: SitesServiceOptions) {
  async function localSites(): Promise<Sites> {
    const meta = await (await openDb()).get('layers', LOCAL_LAYER);
    const parsed = Sites.safeParse(meta?.sites ?? {});
    if (!parsed.success)
      throw new Error('The stored catalog is damaged (local: its sites cannot be read); import it again.');
    return parsed.data;
  }

  const handlers: Pick<Handlers, 'sites.list' | 'sites.add'> = {
    async 'sites.list'() {
      const merged = (await sites()) ?? {};
      const local = await localSites();
      return {
        ok: true,
        hosts: SITE_KEYS.map((key) => ({
          key,
          origins: [...((merged[key] as string[] | undefined) ?? [])],
          local: [...((local[key] as string[] | undefined) ?? [])],
        })),
      };
    },
    'sites.add': ({ key, origin: input }) =>
      inTurn(async () => {
        const exact = exactOrigin(input);
        if (!exact.ok) return { ok: false, error: `${input}: ${exact.reason}` };
        const local = await localSites();
        const list = (local[key] as string[] | undefined) ?? [];
        if (list.includes(exact.origin)) return { ok: true };
        const revision = await setLayerSites(await openDb(), LOCAL_LAYER, {
          ...local,
          [key]: [...list, exact.origin],
        });
        changed(revision);
        return { ok: true };
      }),
  };
  return { handlers };
}
