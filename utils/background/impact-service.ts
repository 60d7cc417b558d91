/**
 * Customer impact on Jira issues: the `resolve` answer for a Jira record with needs
 * carries `impact`, worked out here so the Jira panel only draws it. Each customer's CRM record is
 * linked once the whole catalog is in memory (its links and `sites`); a cold answer, sent before
 * that, has the figures without the record links.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { customerImpact, formatRevenue } from '@/utils/catalog/impact';
import { recordUrlFinder } from '@/utils/catalog/record-links';
import type { ImpactView, NeedView } from '@/utils/catalog/view';
import type { Handlers } from '@/utils/messages';

export interface ImpactServiceOptions {
  resolve: Handlers['resolve'];
  loaded: () => Promise<LoadedCatalog | null>;
  inMemory: () => boolean;
}

export function impactView(
  needs: readonly NeedView[],
  recordUrlOf?: (needId: string, name: string) => string | undefined,
): ImpactView {
  const impact = customerImpact(needs, recordUrlOf);
  return {
    customers: impact.customers,
    critical: impact.critical,
    ...(impact.revenue ? { revenue: formatRevenue(impact.revenue) } : {}),
    list: impact.list,
  };
}

export function createImpactService({ resolve, loaded, inMemory }: ImpactServiceOptions) {
  // One finder per loaded catalog: built on the first Jira answer after a change.
  const finders = new WeakMap<LoadedCatalog, ReturnType<typeof recordUrlFinder>>();
  const finderFor = async () => {
    if (!inMemory()) return undefined;
    const current = await loaded();
    if (!current) return undefined;
    let finder = finders.get(current);
    if (!finder) {
      finder = recordUrlFinder(current.catalog);
      finders.set(current, finder);
    }
    return finder;
  };
  const handlers: Pick<Handlers, 'resolve'> = {
    async resolve(request, sender) {
      const answer = await resolve(request, sender);
      if (!answer.ok || request.record.kind !== 'jira' || answer.context.needs.length === 0) return answer;
      const finder = await finderFor().catch(() => undefined);
      return { ...answer, context: { ...answer.context, impact: impactView(answer.context.needs, finder) } };
    },
  };
  return { handlers };
}
