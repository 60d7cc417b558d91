/**
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return may run as a formula when the exported file is opened in a spreadsheet. Such cells get a
 * leading `'`, which spreadsheets show as "this is text". Import takes the `'` off again, so an
 * export imports back unchanged.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseCell(cell: string): string {
  return cell.length > 0 && TRIGGERS.has(cell[0] as string) ? `'${cell}` : cell;
}

export function restoreCell(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && TRIGGERS.has(cell[1] as string) ? cell.slice(1) : cell;
}
