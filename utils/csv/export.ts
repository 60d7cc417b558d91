/**
 * CSV export of people, needs or links: one column per field (the same columns import reads),
 * every cell neutralised against spreadsheet formula injection. Pure; papaparse writes the quoting.
 */
import Papa from 'papaparse';
import { CSV_FIELDS, type CsvKind } from '@/utils/csv/fields';
import { neutraliseCell } from '@/utils/csv/neutralise';

export function toCsv(kind: CsvKind, entities: readonly Record<string, unknown>[]): string {
  const fields = CSV_FIELDS[kind];
  const rows = entities.map((entity) => fields.map((field) => neutraliseCell(field.read(entity))));
  return Papa.unparse(
    { fields: fields.map((field) => field.key), data: rows },
    { escapeFormulae: false, newline: '\r\n' },
  );
}
