/**
 * Record ids in the form each host means them, so that a URL read from a page and an id written in
 * a catalog meet. The host adapters use these; the catalog's normalize.ts compares by them.
 */

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

/** A Dynamics GUID as Tandem writes it: no braces, lower case. */
export function dynamicsGuid(id: string): string {
  return id
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}
