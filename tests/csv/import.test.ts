import { describe, expect, it } from 'vitest';
import { parseCustomer } from '@/utils/csv/fields';
import { autoMap, convertRows, mappingProblems, parseCsv, rowToEntity } from '@/utils/csv/import';

describe('CSV column mapping', () => {
  it('maps headers to fields by key, label or alias, ignoring case, accents and punctuation', () => {
    const { headers } = parseCsv('ID,Full name,E-Mail,Job title,Côté,Shoe size\n');
    expect(autoMap('people', headers)).toEqual(['id', 'name', 'email', 'title', '', '']);
    expect(autoMap('needs', ['id', 'Business owner', 'IT owner', 'Adoption target', 'customers'])).toEqual([
      'id',
      'businessOwner',
      'itOwner',
      'adoptionTarget',
      'customers',
    ]);
    expect(autoMap('links', ['Need', 'Issue key', 'CRM system', 'Customer'])).toEqual([
      'need',
      'jiraIssue',
      'crmSystem',
      'crmName',
    ]);
  });

  it('names a required field without a column, and a field mapped twice', () => {
    expect(mappingProblems('people', ['id', ''])).toEqual(['Name: no column is mapped to it (required)']);
    expect(mappingProblems('people', ['id', 'name', 'name'])).toEqual([
      'Name: 2 columns are mapped to it; keep one',
    ]);
  });
});

describe('CSV rows to entities', () => {
  it('builds nested fields, lists and numbers from cells, skipping empty ones', () => {
    const need = rowToEntity(
      'needs',
      [
        'n-1',
        'Reorder',
        'IN-DELIVERY',
        'Globex (critical, 1M-5M) | Initech (important) | Hooli (100k)',
        'Orders',
        '40',
        '12',
        '2026-11-01',
        'Call notes https://wiki.example/call',
        '',
      ],
      [
        'id',
        'title',
        'status',
        'customers',
        'adoptionMetric',
        'adoptionTarget',
        'adoptionCurrent',
        'adoptionAsOf',
        'evidence',
        'team',
      ],
    );
    expect(need).toEqual({
      id: 'n-1',
      title: 'Reorder',
      status: 'in-delivery',
      customers: [
        { name: 'Globex', importance: 'critical', revenueBand: '1M-5M' },
        { name: 'Initech', importance: 'important' },
        { name: 'Hooli', revenueBand: '100k' },
      ],
      adoption: { metric: 'Orders', target: 40, current: 12, asOf: '2026-11-01' },
      evidence: [{ label: 'Call notes', url: 'https://wiki.example/call' }],
    });
    expect(parseCustomer('Just a name')).toEqual({ name: 'Just a name' });
  });

  it('takes back the quote an export put before a formula-like cell', () => {
    expect(rowToEntity('people', ["'-dash", "'=SUM(A1)"], ['id', 'name'])).toEqual({
      id: '-dash',
      name: '=SUM(A1)',
    });
  });

  it('validates each row with the catalog schema and names row, field and rule', () => {
    const parsed = parseCsv(
      [
        'id,name,email,side',
        'p-ok,Fine Person,fine@acme.example,it',
        'p-bad,,not-an-email,both',
        'bad id!,Someone,,',
      ].join('\n'),
    );
    const { entities, errors } = convertRows('people', parsed, autoMap('people', parsed.headers));
    expect(entities).toHaveLength(3);
    expect(errors).toEqual([
      { row: 3, field: 'name', rule: 'required' },
      { row: 3, field: 'email', rule: 'must be an e-mail address' },
      { row: 3, field: 'side', rule: 'must be "business" or "it"' },
      { row: 4, field: 'id', rule: 'must be 1 to 64 characters from A-Z a-z 0-9 . _ : -' },
    ]);
  });

  it('puts link rules about the whole row on the row, and nested ones on their column', () => {
    const parsed = parseCsv(
      'need,team,jiraIssue,crmSystem,crmName\nn-1,t-1,,,\nn-1,,shop 1,,\n,,,pipedrive,Acme\n',
    );
    const { errors } = convertRows('links', parsed, autoMap('links', parsed.headers));
    expect(errors).toEqual([
      { row: 2, field: '(row)', rule: 'needs exactly one of need or team' },
      { row: 2, field: '(row)', rule: 'needs exactly one target: jira or crm' },
      { row: 3, field: 'jiraIssue', rule: 'must be a Jira key such as SHOP-142' },
      // zod runs a row's own rules only once its fields pass, so row 4 names its field first.
      { row: 4, field: 'crmSystem', rule: 'must be "salesforce", "hubspot", "dynamics" or "zendesk"' },
    ]);
  });

  it('reads an adoption history cell and names its column when a pair is broken', () => {
    const parsed = parseCsv(
      [
        'id,title,adoptionMetric,adoptionTarget,adoptionCurrent,adoptionAsOf,adoptionHistory',
        'n-1,Reorder,Orders,40,20,2026-11-01,2026-09-01=10; 2026-10-01=15',
        'n-2,Reorder,Orders,40,20,2026-11-01,2026-09-01=ten',
        'n-3,Reorder,Orders,40,20,2026-11-01,2026-10-01=1; 2026-09-01=2',
      ].join('\n'),
    );
    const { entities, errors } = convertRows('needs', parsed, autoMap('needs', parsed.headers));
    expect(entities[0]).toMatchObject({
      adoption: {
        history: [
          { asOf: '2026-09-01', value: 10 },
          { asOf: '2026-10-01', value: 15 },
        ],
      },
    });
    expect(errors).toEqual([
      { row: 3, field: 'adoptionHistory', rule: 'must be a number' },
      { row: 4, field: 'adoptionHistory', rule: 'must be after 2026-10-01 (history[0]): dates ascending' },
    ]);
  });

  it('reports a broken CSV structure with its row and reads a byte-order mark', () => {
    const parsed = parseCsv('\uFEFFid,name\np-1,"unclosed\n');
    expect(parsed.headers).toEqual(['id', 'name']);
    expect(parsed.problems[0]).toMatchObject({ row: 2, field: '(row)' });
  });
});
