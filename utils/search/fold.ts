/**
 * Text as search compares it: case and accents folded away (NFKD, combining marks stripped, lower
 * case), plus the few Latin letters that Unicode does not decompose, so "zoe" finds "Zoë" and
 * "angstrom" finds "Ångström". Pure and cheap enough to run on every keystroke.
 */
const MARKS = /\p{M}+/gu;
const UNDECOMPOSED = /[ßæœøłđðþı]/g;
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

export function fold(text: string): string {
  // Lower-casing first: 'İ'.toLowerCase() yields a combining dot that the mark strip then removes.
  const folded = text.toLowerCase().normalize('NFKD').replace(MARKS, '');
  return folded.replace(UNDECOMPOSED, (char) => SPELLED[char] ?? char);
}

/** A query as typed, folded, trimmed, with runs of white space made single spaces. */
export function foldQuery(text: string): string {
  return fold(text).trim().replace(/\s+/g, ' ');
}
