/**
 * What `npm run catalog:check -- FILE` prints and how it exits, kept free of I/O so tests can pin
 * every case. scripts/catalog-check.ts only reads the file and hands over its size and text.
 */
import type { Catalog } from '@/utils/catalog/schema';
import {
  type CatalogError,
  formatError,
  MAX_CATALOG_BYTES,
  parseCatalogText,
  tooLarge,
} from '@/utils/catalog/validate';

/** 0: the catalog is valid; 1: it breaks rules; 2: the command was used wrongly or the file is unreadable. */
export type CheckExitCode = 0 | 1 | 2;

export interface CheckReport {
  exitCode: CheckExitCode;
  lines: string[];
}

export const CHECK_USAGE = 'usage: npm run catalog:check -- FILE';

export function usageReport(problem?: string): CheckReport {
  return { exitCode: 2, lines: problem ? [`catalog:check: ${problem}`, CHECK_USAGE] : [CHECK_USAGE] };
}

export function unreadableReport(name: string, reason: string): CheckReport {
  return { exitCode: 2, lines: [`catalog:check: cannot read ${name}: ${reason}`] };
}

/** Checked on the file's size before it is read, so a huge file is refused without loading it. */
export function sizeReport(name: string, bytes: number): CheckReport | undefined {
  return bytes > MAX_CATALOG_BYTES ? errorReport(name, [tooLarge(bytes)]) : undefined;
}

export function checkCatalogText(name: string, text: string): CheckReport {
  const result = parseCatalogText(text);
  if (!result.ok) return errorReport(name, result.errors);
  return { exitCode: 0, lines: [`ok: ${summary(result.catalog, name)}`] };
}

/** The whole check for a file already read: size first, then content. */
export function checkCatalogFile(name: string, bytes: number, text: string): CheckReport {
  return sizeReport(name, bytes) ?? checkCatalogText(name, text);
}

function errorReport(name: string, errors: readonly CatalogError[]): CheckReport {
  // `FILE: path: rule`, the shape editors and CI logs already know how to link to.
  return { exitCode: 1, lines: errors.map((error) => `${name}: ${formatError(error)}`) };
}

function summary(catalog: Catalog, name: string): string {
  const counts = [
    count(catalog.people.length, 'person', 'people'),
    count(catalog.teams.length, 'team', 'teams'),
    count(catalog.needs.length, 'need', 'needs'),
    count(catalog.links.length, 'link', 'links'),
  ];
  const title = catalog.name?.trim() || name;
  return `${title}: ${counts.join(', ')}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
