/**
 * Customer impact on a Jira issue (docs/jira-status.md): who stands behind the needs the
 * panel shows. Pure functions of the needs' views, so the background computes the figures once
 * and the panel only draws them (`tandem-impact` in surfaces: `data-customers`, `data-critical`).
 *
 * Names are compared trimmed and case-blind (the contract says so; the resolver's looser
 * customer-name matching is for reading names off CRM pages). A customer behind several needs
 * counts once, at its highest importance, with the first revenue band the needs give it.
 */
import type { NeedView } from '@/utils/catalog/view';

type Importance = NonNullable<NeedView['customers'][number]['importance']>;

const RANK: Record<Importance, number> = { critical: 0, important: 1, nice: 2 };

export interface ImpactCustomer {
  name: string;
  importance?: Importance;
  revenueBand?: string;
  /** The customer's CRM record, where the catalog links one and names the system's site. */
  recordUrl?: string;
}

export interface RevenueRange {
  /** Sum of the bands' lower ends. */
  low: number;
  /** Sum of the upper ends; null when a band is open-ended ("5M+"). */
  high: number | null;
  /** How many customers' bands were given but could not be read as amounts. */
  unread: number;
}

export interface CustomerImpact {
  customers: number;
  critical: number;
  /** Present when at least one customer has a band that reads as an amount. */
  revenue?: RevenueRange;
  list: ImpactCustomer[];
}

/** The key two customer names share when they are the same customer. */
export const customerKey = (name: string): string => name.trim().toLowerCase();

/**
 * Distinct customers across `needs`, most important first. `recordUrlOf` names a customer's CRM
 * record (the background builds it from the catalog's links and `sites`).
 */
export function customerImpact(
  needs: readonly Pick<NeedView, 'id' | 'customers'>[],
  recordUrlOf: (needId: string, name: string) => string | undefined = () => undefined,
): CustomerImpact {
  const byKey = new Map<string, ImpactCustomer>();
  for (const need of needs) {
    for (const customer of need.customers) {
      const key = customerKey(customer.name);
      if (!key) continue;
      const seen = byKey.get(key);
      const recordUrl = recordUrlOf(need.id, customer.name);
      if (!seen) {
        byKey.set(key, {
          name: customer.name.trim(),
          ...(customer.importance ? { importance: customer.importance } : {}),
          ...(customer.revenueBand?.trim() ? { revenueBand: customer.revenueBand.trim() } : {}),
          ...(recordUrl ? { recordUrl } : {}),
        });
        continue;
      }
      if (customer.importance && (!seen.importance || RANK[customer.importance] < RANK[seen.importance]))
        seen.importance = customer.importance;
      if (!seen.revenueBand && customer.revenueBand?.trim()) seen.revenueBand = customer.revenueBand.trim();
      if (!seen.recordUrl && recordUrl) seen.recordUrl = recordUrl;
    }
  }
  // Critical first; customers without an importance after those with one.
  const rank = (customer: ImpactCustomer) => (customer.importance ? RANK[customer.importance] : 3);
  const list = [...byKey.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const revenue = sumBands(list.map((customer) => customer.revenueBand));
  return {
    customers: list.length,
    critical: list.filter((customer) => customer.importance === 'critical').length,
    ...(revenue ? { revenue } : {}),
    list,
  };
}

const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, bn: 1e9 };
const AMOUNT = String.raw`(\d+(?:[.,]\d+)?)\s*(k|m|bn|b)?`;
const RANGE = new RegExp(String.raw`^[^\d<>]*${AMOUNT}\s*(?:-|–|—|to)\s*[^\d]*${AMOUNT}\s*$`, 'i');
const OPEN_END = new RegExp(String.raw`^(?:>|>=|over\s+)?[^\d]*${AMOUNT}\s*(\+)?$`, 'i');
const BELOW = new RegExp(String.raw`^(?:<|<=|(?:under|below)[\s-]*)[^\d]*${AMOUNT}$`, 'i');

function amount(digits: string | undefined, unit: string | undefined): number {
  return Number((digits ?? '0').replace(',', '.')) * (SCALE[(unit ?? '').toLowerCase()] ?? 1);
}

/**
 * Reads a revenue band written as catalogs write them: `100k-500k`, `$1M–5M`, `5M+`, `>1M`,
 * `<100k`, or one amount. Null for anything else (the band is shown, not summed).
 */
export function parseRevenueBand(band: string): { low: number; high: number | null } | null {
  const text = band.trim();
  const range = RANGE.exec(text);
  if (range) {
    // `100-500k`: a unit written once applies to both ends.
    const highUnit = range[4];
    const lowUnit = range[2] ?? highUnit;
    const low = amount(range[1], lowUnit);
    const high = amount(range[3], highUnit);
    return low <= high ? { low, high } : null;
  }
  const below = BELOW.exec(text);
  if (below) return { low: 0, high: amount(below[1], below[2]) };
  const open = OPEN_END.exec(text);
  if (open) {
    const value = amount(open[1], open[2]);
    const isOpen = open[3] === '+' || /^(>|over)/i.test(text);
    return { low: value, high: isOpen ? null : value };
  }
  return null;
}

/** Sums the bands that read as amounts; undefined when none does. */
export function sumBands(bands: readonly (string | undefined)[]): RevenueRange | undefined {
  let low = 0;
  let high: number | null = 0;
  let read = 0;
  let unread = 0;
  for (const band of bands) {
    if (!band) continue;
    const parsed = parseRevenueBand(band);
    if (!parsed) {
      unread++;
      continue;
    }
    read++;
    low += parsed.low;
    high = high === null || parsed.high === null ? null : high + parsed.high;
  }
  return read > 0 ? { low, high, unread } : undefined;
}

/** `1.5M`, `600k`, `950`: short amounts for the panel. */
export function formatAmount(value: number): string {
  const short = (n: number, unit: string) => `${Number(n.toFixed(n < 10 ? 1 : 0))}${unit}`;
  if (value >= 1e9) return short(value / 1e9, 'B');
  if (value >= 1e6) return short(value / 1e6, 'M');
  if (value >= 1e3) return short(value / 1e3, 'k');
  return String(Math.round(value));
}

/** `600k–3.5M`, `5M+`, `1M`: the summed range as the panel shows it. */
export function formatRevenue(range: RevenueRange): string {
  if (range.high === null) return `${formatAmount(range.low)}+`;
  if (range.high === range.low) return formatAmount(range.low);
  return `${formatAmount(range.low)}–${formatAmount(range.high)}`;
}
