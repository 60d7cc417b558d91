/**
 * Canonical forms for everything the resolver compares, so that a catalog written by hand and a
 * URL read from a page meet: Jira keys in upper case, Salesforce ids in their 18-character form,
 * Dynamics GUIDs without braces in lower case, customer names without accents or legal suffixes.
 */
import type { CrmSystem } from './schema';

export function normalizeJiraKey(key: string): string {
  return key.trim().toUpperCase();
}

/** The project part of an issue key: `SHOP-142` -> `SHOP`. */
export function projectOfKey(key: string): string {
  const dash = key.lastIndexOf('-');
  return dash > 0 ? key.slice(0, dash) : key;
}

const SF_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Salesforce's 15-character ids are case-sensitive; the 18-character form appends three characters
 * that encode the case of the first 15, so both forms of one record map to the same 18 characters.
 */
export function salesforceId18(id: string): string {
  const trimmed = id.trim();
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(trimmed)) return trimmed;
  const base = trimmed.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = base.charCodeAt(chunk * 5 + i);
      if (char >= 65 && char <= 90) bits |= 1 << i;
    }
    suffix += SF_SUFFIX_ALPHABET[bits];
  }
  return base + suffix;
}

export function dynamicsGuid(id: string): string {
  return id
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
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
