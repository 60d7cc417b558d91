/**
 * Canonical forms for everything the resolver compares, so that a catalog written by hand and a
 * URL read from a page meet: Jira keys in upper case, Salesforce ids in their 18-character form,
 * Dynamics GUIDs without braces in lower case, customer names without accents or legal suffixes.
 */
import type { CrmSystem } from '@/utils/catalog/schema';
import { dynamicsGuid, salesforceId18 } from '@/utils/hosts/ids';

// The hosts' own id forms: the host adapters read them from URLs, the catalog compares by them.
export { dynamicsGuid, salesforceId18 };

export function normalizeJiraKey(key: string): string {
  return key.trim().toUpperCase();
}

/** The project part of an issue key: `SHOP-142` -> `SHOP`. */
export function projectOfKey(key: string): string {
  const dash = key.lastIndexOf('-');
  return dash > 0 ? key.slice(0, dash) : key;
}

export function normalizeCrmId(system: CrmSystem, id: string): string {
  switch (system) {
    case 'salesforce':
      return salesforceId18(id);
    case 'dynamics':
      return dynamicsGuid(id);
    default:
      return id.trim();
  }
}

/** Legal forms dropped from the end of a customer name ("Globex, Inc." is "Globex"). */
const LEGAL_SUFFIXES = new Set([
  '&',
  'ab',
  'ag',
  'aps',
  'as',
  'bv',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'inc',
  'incorporated',
  'kg',
  'kk',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'nv',
  'oy',
  'plc',
  'pty',
  'sa',
  'sarl',
  'sas',
  'spa',
  'srl',
]);

/**
 * Case- and accent-insensitive, surrounding spaces and legal suffixes ignored. Letters of every
 * script survive, so names in CJK or Arabic still compare.
 */
export function normalizeCustomerName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase();
}
