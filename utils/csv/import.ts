/**
 * CSV import, the part that runs in the options page: parse the file with papaparse, propose a
 * column mapping from the headers, turn each row into an entity and validate it with the same zod
 * schema as a catalog import, so every problem is named by row, column and rule before anything is
 * sent. The background checks again (references, ids of shared entities) and writes all rows or
 * none.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { Link, Need, Person } from '@/utils/catalog/schema';
import { CSV_FIELDS, type CsvKind, fieldOfPath } from '@/utils/csv/fields';
import { restoreCell } from '@/utils/csv/neutralise';
import { fold } from '@/utils/search/fold';

const SCHEMAS: Record<CsvKind, z.ZodType> = { people: Person, needs: Need, links: Link };

/** Beyond this many rows an import is refused before any work: 100,000 links is docs/catalog-format.md's size. */
export const MAX_CSV_ROWS = 150_000;

export interface ParsedCsv {
  headers: string[];
  /** Data rows, header excluded, as the file has them. */
  rows: string[][];
  /** Problems papaparse found (unclosed quotes…), by row. */
  problems: RowError[];
}

export interface RowError {
  /** The row as a spreadsheet numbers it: the header is row 1, so the first data row is row 2. */
  row: number;
  field: string;
  rule: string;
}

/** One CSV column per index: the field it fills, or '' to ignore it. */
export type ColumnMapping = string[];

export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    header: false,
    skipEmptyLines: 'greedy',
  });
  const [headers = [], ...rows] = result.data;
  const problems = result.errors.map((error) => ({
    row: (error.row ?? 0) + 1,
    field: '(row)',
    rule: error.message,
  }));
  return { headers: headers.map((header) => header.trim()), rows, problems };
}

const squash = (name: string) => fold(name).replace(/[^a-z0-9]/g, '');

/** Matches each header to a field by key, label or alias (case, accents and punctuation ignored). */
export function autoMap(kind: CsvKind, headers: readonly string[]): ColumnMapping {
  const taken = new Set<string>();
  return headers.map((header) => {
    const wanted = squash(header);
    const field = CSV_FIELDS[kind].find(
      (candidate) =>
        !taken.has(candidate.key) &&
        [candidate.key, candidate.label, ...(candidate.aliases ?? [])].some(
          (name) => squash(name) === wanted,
        ),
    );
    if (!field) return '';
    taken.add(field.key);
    return field.key;
  });
}

/** Problems with the mapping itself: a required field without a column, a field mapped twice. */
export function mappingProblems(kind: CsvKind, mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  for (const field of CSV_FIELDS[kind]) {
    const count = mapping.filter((key) => key === field.key).length;
    if (field.required && count === 0) problems.push(`${field.label}: no column is mapped to it (required)`);
    if (count > 1) problems.push(`${field.label}: ${count} columns are mapped to it; keep one`);
  }
  return problems;
}

export function rowToEntity(kind: CsvKind, row: readonly string[], mapping: ColumnMapping) {
  const entity: Record<string, unknown> = {};
  mapping.forEach((key, column) => {
    const field = key ? CSV_FIELDS[kind].find((candidate) => candidate.key === key) : undefined;
    const cell = restoreCell(row[column] ?? '');
    if (field && cell.trim() !== '') field.write(entity, cell);
  });
  return entity;
}

export interface ConvertedRows {
  /** Every row's entity, in file order (also the rows with errors). */
  entities: Record<string, unknown>[];
  errors: RowError[];
}

const ruleOf = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;

/** Converts and validates every row; errors name the spreadsheet row, the column's field and the rule. */
export function convertRows(kind: CsvKind, parsed: ParsedCsv, mapping: ColumnMapping): ConvertedRows {
  const entities: Record<string, unknown>[] = [];
  const errors: RowError[] = [...parsed.problems];
  parsed.rows.forEach((row, i) => {
    const entity = rowToEntity(kind, row, mapping);
    entities.push(entity);
    const result = SCHEMAS[kind].safeParse(entity, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({ row: i + 2, field: fieldOfPath(kind, issue.path), rule: ruleOf(issue) });
      }
    }
  });
  return { entities, errors };
}

export function fieldLabel(kind: CsvKind, key: string): string {
  return CSV_FIELDS[kind].find((field) => field.key === key)?.label ?? key;
}
