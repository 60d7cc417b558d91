import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '@/utils/csv/export';
import { autoMap, convertRows, parseCsv } from '@/utils/csv/import';
import { neutraliseCell, restoreCell } from '@/utils/csv/neutralise';

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ['plain', '1-1', "'quoted", '']) expect(neutraliseCell(cell)).toBe(cell);
    expect(restoreCell(neutraliseCell('=1+1'))).toBe('=1+1');
    expect(restoreCell("'plain")).toBe("'plain");
  });

  it('writes one column per field with the same names import reads, every cell neutralised', () => {
    const text = toCsv('people', [
      { id: 'p-1', name: '=HYPERLINK("https://evil.example")', email: 'a@b.example', title: '@admin' },
    ]);
    const [header, row] = Papa.parse<string[]>(text).data;
    expect(header).toEqual(['id', 'name', 'email', 'title', 'side', 'chat', 'verifiedAt']);
    expect(row).toEqual(['p-1', `'=HYPERLINK("https://evil.example")`, 'a@b.example', "'@admin", '', '', '']);
  });

  it('round-trips needs and links through export and import', () => {
    const needs = [
      {
        id: 'n-1',
        title: '-5% churn',
        status: 'committed',
        customers: [{ name: 'Globex', importance: 'critical', revenueBand: '1M-5M' }, { name: 'Initech' }],
        adoption: {
          metric: 'Orders',
          unit: '%',
          target: 40,
          current: 0,
          asOf: '2026-11-01',
          history: [
            { asOf: '2026-09-01', value: 12.5 },
            { asOf: '2026-10-01', value: 3 },
          ],
        },
        evidence: [{ label: 'Call', url: 'https://wiki.example/call' }],
      },
    ];
    const links = [
      { id: 'l-1', need: 'n-1', jira: { project: 'SHOP', label: 'reorder' } },
      { id: 'l-2', team: 't-1', crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' } },
    ];
    for (const [kind, list] of [
      ['needs', needs],
      ['links', links],
    ] as const) {
      const parsed = parseCsv(toCsv(kind, list));
      const back = convertRows(kind, parsed, autoMap(kind, parsed.headers));
      expect(back.errors).toEqual([]);
      expect(back.entities).toEqual(list);
    }
  });

  it('writes an adoption history as date=value pairs, oldest first', () => {
    const text = toCsv('needs', [
      {
        id: 'n-1',
        title: 'Reorder',
        adoption: {
          metric: 'Orders',
          target: 40,
          current: 20,
          asOf: '2026-11-01',
          history: [
            { asOf: '2026-09-01', value: 10 },
            { asOf: '2026-10-01', value: 15 },
          ],
        },
      },
    ]);
    const [header, row] = Papa.parse<string[]>(text).data;
    const column = header?.indexOf('adoptionHistory') ?? -1;
    expect(column).toBeGreaterThan(-1);
    expect(row?.[column]).toBe('2026-09-01=10; 2026-10-01=15');
  });
});
