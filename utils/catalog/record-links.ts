/**
 * Links to a customer's CRM record, built from the catalog's `sites` (catalog-v1.md, Sites) and its
 * links by record id, for the impact block on a Jira issue (issue 18). A need's id links name
 * records, not customers, so a record is taken as a customer's only when the need has that one
 * customer: two customers on a need leave the record unattributed rather than guessed.
 */
import { customerKey } from './impact';
import type { Catalog, CrmTarget } from './schema';

/** The record's address on the system's first listed site; undefined where it cannot be built. */
export function crmRecordUrl(target: CrmTarget, sites: Catalog['sites']): string | undefined {
  const { system, object, id } = target;
  const origin = sites?.[system]?.[0];
  if (!origin || !id) return undefined;
  const safeId = encodeURIComponent(id.trim());
  switch (system) {
    case 'salesforce':
      return object
        ? `${origin}/lightning/r/${encodeURIComponent(object)}/${safeId}/view`
        : `${origin}/lightning/r/${safeId}/view`;
    case 'dynamics':
      return `${origin}/main.aspx?pagetype=entityrecord&etn=${encodeURIComponent((object ?? 'account').toLowerCase())}&id=${safeId}`;
    case 'zendesk': {
      const kind = (object ?? 'organization').toLowerCase();
      const path = kind === 'ticket' ? 'tickets' : kind === 'user' ? 'users' : 'organizations';
      return `${origin}/agent/${path}/${safeId}`;
    }
    default:
      // HubSpot record addresses need the portal id, which neither the catalog nor `sites` gives.
      return undefined;
  }
}

/**
 * `(needId, customerName) => url`: the record a need's id link names, for the need's only customer.
 * Builds its map of need -> first record URL once per catalog.
 */
export function recordUrlFinder(catalog: Catalog): (needId: string, name: string) => string | undefined {
  const byNeed = new Map<string, string>();
  for (const link of catalog.links) {
    if (!link.need || !link.crm?.id || byNeed.has(link.need)) continue;
    const url = crmRecordUrl(link.crm, catalog.sites);
    if (url) byNeed.set(link.need, url);
  }
  const customersOf = new Map<string, Set<string>>();
  for (const need of catalog.needs) {
    if (byNeed.has(need.id))
      customersOf.set(need.id, new Set((need.customers ?? []).map((customer) => customerKey(customer.name))));
  }
  return (needId, name) => {
    const customers = customersOf.get(needId);
    return customers?.size === 1 && customers.has(customerKey(name)) ? byNeed.get(needId) : undefined;
  };
}
