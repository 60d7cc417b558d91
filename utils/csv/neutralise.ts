/**
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return may run as a formula when the exported file is opened in a spreadsheet. Such cells get a
 * leading `'`, which spreadsheets show as "this is text". Import takes the `'` off again, so an
 * export imports back unchanged.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Apostrophes, then a trigger: the shape an escaped cell has, so a text of that shape is escaped too. */
function escapedShape(cell: string): boolean {
  let i = 0;
  while (cell[i] === "'") i++;
  return i > 0 && i < cell.length && TRIGGERS.has(cell[i] as string);
}

export function neutraliseCell(cell: string): string {
  const risky = cell.length > 0 && TRIGGERS.has(cell[0] as string);
  // A text that already looks escaped (`'=1`) gets one more apostrophe, so import gives it back whole.
  return risky || escapedShape(cell) ? `'${cell}` : cell;
}

export function restoreCell(cell: string): string {
  return escapedShape(cell) ? cell.slice(1) : cell;
}
