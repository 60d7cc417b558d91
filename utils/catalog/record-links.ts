/**
 * Links to a customer's CRM record, built from the catalog's `sites` (docs/catalog-format.md, Sites) and its
 * links by record id, for the impact block on a Jira issue. A need's id links name
 * records, not customers, so a record is attributed to a customer only where the catalog leaves no
 * doubt (see `recordUrlFinder`); otherwise the customer shows without a link rather than a guess.
 */
import { customerKey } from '@/utils/catalog/impact';
import { normalizeCustomerName } from '@/utils/catalog/normalize';
import type { Catalog, CrmTarget } from '@/utils/catalog/schema';

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
 * `(needId, customerName) => url`. A need's record link (by id) is a customer's when the need's
 * links on that system name exactly that one customer by name too (`{crm: {system, name}}`), or
 * when the need has that one customer only. Built once per catalog.
 */
export function recordUrlFinder(catalog: Catalog): (needId: string, name: string) => string | undefined {
  /** need -> system -> {the record URL of its first id link, the customer names its name links give} */
  const byNeed = new Map<string, Map<string, { url?: string; names: Set<string> }>>();
  for (const link of catalog.links) {
    if (!link.need || !link.crm) continue;
    let systems = byNeed.get(link.need);
    if (!systems) {
      systems = new Map();
      byNeed.set(link.need, systems);
    }
    let entry = systems.get(link.crm.system);
    if (!entry) {
      entry = { names: new Set() };
      systems.set(link.crm.system, entry);
    }
    if (link.crm.name) entry.names.add(normalizeCustomerName(link.crm.name));
    else entry.url ??= crmRecordUrl(link.crm, catalog.sites);
  }
  const onlyCustomer = new Map<string, string>();
  for (const need of catalog.needs) {
    const names = new Set((need.customers ?? []).map((customer) => customerKey(customer.name)));
    if (names.size === 1) onlyCustomer.set(need.id, [...names][0] as string);
  }
  return (needId, name) => {
    const systems = byNeed.get(needId);
    if (!systems) return undefined;
    const normalized = normalizeCustomerName(name);
    for (const { url, names } of systems.values()) {
      if (url && names.size === 1 && names.has(normalized)) return url;
    }
    if (onlyCustomer.get(needId) !== customerKey(name)) return undefined;
    for (const { url } of systems.values()) if (url) return url;
    return undefined;
  };
}
