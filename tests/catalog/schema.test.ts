// @vitest-environment node
/**
 * The per-entity rules of catalog v1, checked on each zod schema directly. Paths, document-wide
 * rules and error formatting are covered in validate.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  Adoption,
  CatalogShape,
  CrmTarget,
  HttpsOrigin,
  HttpsUrl,
  Id,
  IsoDate,
  JiraTarget,
  Link,
  Need,
  Person,
  Team,
} from '@/utils/catalog/schema';

/** The rule messages a value breaks, with their paths: [] when it is valid. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
}

/** Each value with its problems, so a failure names the value that slipped through. */
function problemsOfEach(schema: z.ZodType, values: readonly unknown[]): Record<string, string[]> {
  return Object.fromEntries(values.map((value) => [JSON.stringify(value), problems(schema, value)]));
}

/** What problemsOfEach returns when every value breaks `rule` alone, or, without a rule, none. */
function each(values: readonly unknown[], rule?: string): Record<string, string[]> {
  return Object.fromEntries(values.map((value) => [JSON.stringify(value), rule ? [rule] : []]));
}

const minimalCatalog = { format: 'tandem.catalog', version: 1, people: [], teams: [], needs: [], links: [] };

describe('Id', () => {
  it('accepts 1 to 64 characters from A-Z a-z 0-9 . _ : -', () => {
    const ids = ['p-raj', 'n.reorder_2', 'urn:acme:42', 'A', 'A'.repeat(64)];
    expect(problemsOfEach(Id, ids)).toEqual(each(ids));
  });

  it('refuses empty, too long and other characters', () => {
    const ids = ['', 'A'.repeat(65), 'p raj', 'p/raj', 'zoë', 'n#1'];
    expect(problemsOfEach(Id, ids)).toEqual(each(ids, 'must be 1 to 64 characters from A-Z a-z 0-9 . _ : -'));
  });

  it('refuses a number, which JSON producers sometimes emit for ids', () => {
    expect(problems(Id, 42)).toEqual(['must be a string']);
  });
});

describe('HttpsUrl', () => {
  it('accepts https URLs with paths, queries and fragments', () => {
    expect(problems(HttpsUrl, 'https://wiki.acme.example/teams/checkout?view=1#charter')).toEqual([]);
  });

  it('refuses http:, javascript:, data: and anything that is not an absolute https URL', () => {
    const urls = [
      'http://wiki.acme.example/charter',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://files.acme.example/x',
      '//wiki.acme.example/charter',
      'wiki.acme.example',
      '',
    ];
    expect(problemsOfEach(HttpsUrl, urls)).toEqual(each(urls, 'must be an https:// URL'));
  });
});

describe('HttpsOrigin', () => {
  it('accepts an origin and drops a trailing slash', () => {
    expect(HttpsOrigin.parse('https://acme.atlassian.net')).toBe('https://acme.atlassian.net');
    expect(HttpsOrigin.parse('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net');
    expect(HttpsOrigin.parse('https://jira.acme.example:8443')).toBe('https://jira.acme.example:8443');
  });

  it('refuses http origins and URLs with a path, query, fragment or user', () => {
    const origins = [
      'http://acme.atlassian.net',
      'https://acme.atlassian.net/jira',
      'https://acme.atlassian.net/?x=1',
      'https://acme.atlassian.net/#x',
      'https://user@acme.atlassian.net',
      'javascript:alert(1)',
    ];
    expect(problemsOfEach(HttpsOrigin, origins)).toEqual(
      each(origins, 'must be an https:// origin such as https://acme.atlassian.net'),
    );
  });
});

describe('IsoDate', () => {
  it('accepts calendar dates, leap days included', () => {
    const dates = ['2026-11-20', '2024-02-29', '2026-12-31'];
    expect(problemsOfEach(IsoDate, dates)).toEqual(each(dates));
  });

  it('refuses date-times, other layouts and days that do not exist', () => {
    const dates = [
      '2026-11-20T10:00:00Z',
      '20-11-2026',
      '2026/11/20',
      '2026-11-2',
      '2026-13-01',
      '2026-02-30',
      '2025-02-29',
      '2026-04-31',
    ];
    expect(problemsOfEach(IsoDate, dates)).toEqual(each(dates, 'must be a date as YYYY-MM-DD'));
  });
});

describe('Person', () => {
  it('requires id and name, and keeps fields it does not know', () => {
    expect(problems(Person, {})).toEqual(['id: must be a string', 'name: must be a string']);
    expect(Person.parse({ id: 'p-raj', name: 'Raj Patel', pronouns: 'he/him' })).toEqual({
      id: 'p-raj',
      name: 'Raj Patel',
      pronouns: 'he/him',
    });
  });

  it('checks side, email and that chat is https', () => {
    expect(
      problems(Person, { id: 'p-raj', name: 'Raj', side: 'ops', email: 'raj', chat: 'http://chat.x/raj' }),
    ).toEqual([
      'email: must be an e-mail address',
      'side: must be "business" or "it"',
      'chat: must be an https:// URL',
    ]);
  });
});

describe('Team', () => {
  const team = { id: 't-checkout', name: 'Checkout', businessLead: 'p-maria', itLead: 'p-raj' };

  it('defaults approach to "standard"', () => {
    expect(Team.parse(team).approach).toBe('standard');
    expect(Team.parse({ ...team, approach: 'firewall' }).approach).toBe('firewall');
  });

  it('requires both leads: the pair is the point', () => {
    expect(problems(Team, { id: 't-1', name: 'One-sided' })).toEqual([
      'businessLead: must be a string',
      'itLead: must be a string',
    ]);
  });

  it('refuses an unknown approach', () => {
    expect(problems(Team, { ...team, approach: 'agile' })).toEqual([
      'approach: must be "clean-slate", "firewall" or "standard"',
    ]);
  });

  it('checks charter and channel URLs and dates', () => {
    expect(
      problems(Team, {
        ...team,
        charter: { url: 'http://wiki.acme.example/charter', startsOn: '2026-09-01', endsOn: '1 March 2027' },
        channels: [{ label: 'Chat', url: 'javascript:void(0)' }],
      }),
    ).toEqual([
      'charter.url: must be an https:// URL',
      'charter.endsOn: must be a date as YYYY-MM-DD',
      'channels.0.url: must be an https:// URL',
    ]);
  });
});

describe('Need', () => {
  it('defaults status to "discovery" and trims the title', () => {
    const need = Need.parse({ id: 'n-1', title: '  Reorder  ' });
    expect(need.status).toBe('discovery');
    expect(need.title).toBe('Reorder');
  });

  it('refuses an empty title and an unknown status or importance', () => {
    expect(
      problems(Need, {
        id: 'n-1',
        title: '   ',
        status: 'done',
        customers: [{ name: 'Globex', importance: 'high' }],
      }),
    ).toEqual([
      'title: must not be empty',
      'status: must be one of in-delivery, committed, discovery, released, adopted, parked',
      'customers.0.importance: must be "nice", "important" or "critical"',
    ]);
  });
});

describe('Adoption', () => {
  it('accepts zero and fractional numbers', () => {
    expect(problems(Adoption, { metric: 'Reorders', target: 0.5, current: 0, asOf: '2026-11-16' })).toEqual(
      [],
    );
  });

  it('refuses negative numbers and numbers written as text', () => {
    expect(problems(Adoption, { metric: 'Reorders', target: -1, current: '3', asOf: '2026-11-16' })).toEqual([
      'target: must be 0 or more',
      'current: must be a number',
    ]);
  });

  const measured = { metric: 'Reorders', target: 100, current: 40, asOf: '2026-11-16' };

  it('takes a history of earlier measurements, dates ascending and before asOf', () => {
    const history = [
      { asOf: '2026-09-01', value: 10 },
      { asOf: '2026-10-01', value: 25.5 },
      { asOf: '2026-11-15', value: 0 },
    ];
    expect(problems(Adoption, { ...measured, history })).toEqual([]);
    expect(problems(Adoption, { ...measured, history: [] })).toEqual([]);
  });

  it('refuses history out of order, on or after asOf, and broken points, naming the entry', () => {
    expect(
      problems(Adoption, {
        ...measured,
        history: [
          { asOf: '2026-10-01', value: 10 },
          { asOf: '2026-10-01', value: 11 },
          { asOf: '2026-09-01', value: 12 },
        ],
      }),
    ).toEqual([
      'history.1.asOf: must be after 2026-10-01 (history[0]): dates ascending',
      'history.2.asOf: must be after 2026-10-01 (history[1]): dates ascending',
    ]);
    expect(
      problems(Adoption, {
        ...measured,
        history: [
          { asOf: '2026-11-16', value: 10 },
          { asOf: '2026-12-01', value: 11 },
        ],
      }),
    ).toEqual([
      "history.0.asOf: must be before the adoption's asOf 2026-11-16",
      "history.1.asOf: must be before the adoption's asOf 2026-11-16",
    ]);
    expect(
      problems(Adoption, { ...measured, history: [{ asOf: '2026-02-30', value: -1 }, { value: 3 }] }),
    ).toEqual([
      'history.0.asOf: must be a date as YYYY-MM-DD',
      'history.0.value: must be 0 or more',
      'history.1.asOf: must be a string',
    ]);
    expect(problems(Adoption, { ...measured, history: 'monthly' })).toEqual(['history: must be a list']);
  });
});

describe('JiraTarget', () => {
  it('upper-cases and trims keys so they compare as Jira does', () => {
    expect(JiraTarget.parse({ issue: ' shop-142 ' })).toEqual({ issue: 'SHOP-142' });
    expect(JiraTarget.parse({ epic: 'shop-100' })).toEqual({ epic: 'SHOP-100' });
    expect(JiraTarget.parse({ project: 'shop', label: 'invoicing' })).toEqual({
      project: 'SHOP',
      label: 'invoicing',
    });
  });

  it('refuses keys that are not Jira keys', () => {
    expect(problems(JiraTarget, { issue: 'SHOP142' })).toEqual([
      'issue: must be a Jira key such as SHOP-142',
    ]);
    expect(problems(JiraTarget, { project: 'SHOP-1' })).toEqual([
      'project: must be a Jira project key such as SHOP',
    ]);
  });

  it('needs exactly one of issue, epic or project', () => {
    expect(problems(JiraTarget, {})).toEqual(['needs exactly one of issue, epic or project']);
    expect(problems(JiraTarget, { issue: 'SHOP-142', epic: 'SHOP-100' })).toEqual([
      'needs exactly one of issue, epic or project',
    ]);
  });

  it('takes label and component only with project, and not both', () => {
    expect(problems(JiraTarget, { project: 'SHOP', component: 'Cart' })).toEqual([]);
    expect(problems(JiraTarget, { epic: 'SHOP-100', label: 'reorder' })).toEqual([
      'label and component go with project',
    ]);
    expect(problems(JiraTarget, { project: 'SHOP', label: 'reorder', component: 'Cart' })).toEqual([
      'takes a label or a component, not both',
    ]);
  });
});

describe('CrmTarget', () => {
  it('accepts an id with an object, or a name', () => {
    expect(
      problems(CrmTarget, { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' }),
    ).toEqual([]);
    expect(problems(CrmTarget, { system: 'hubspot', name: 'Initech' })).toEqual([]);
  });

  it('needs exactly one of id or name', () => {
    expect(problems(CrmTarget, { system: 'zendesk' })).toEqual(['needs exactly one of id or name']);
    expect(problems(CrmTarget, { system: 'zendesk', id: '360001', name: 'Globex' })).toEqual([
      'needs exactly one of id or name',
    ]);
  });

  it('takes object only with id', () => {
    expect(problems(CrmTarget, { system: 'dynamics', object: 'account', name: 'Globex' })).toEqual([
      'object: goes with id, not name',
    ]);
  });

  it('knows four systems', () => {
    expect(problems(CrmTarget, { system: 'Salesforce', id: '1' })).toEqual([
      'system: must be "salesforce", "hubspot", "dynamics" or "zendesk"',
    ]);
  });
});

describe('Link', () => {
  it('needs exactly one of need and team', () => {
    const target = { jira: { issue: 'SHOP-142' } };
    expect(problems(Link, { need: 'n-1', ...target })).toEqual([]);
    expect(problems(Link, target)).toEqual(['needs exactly one of need or team']);
    expect(problems(Link, { need: 'n-1', team: 't-1', ...target })).toEqual([
      'needs exactly one of need or team',
    ]);
  });

  it('needs exactly one target, jira or crm', () => {
    expect(problems(Link, { need: 'n-1' })).toEqual(['needs exactly one target: jira or crm']);
    expect(
      problems(Link, { need: 'n-1', jira: { issue: 'SHOP-142' }, crm: { system: 'zendesk', id: '1' } }),
    ).toEqual(['needs exactly one target: jira or crm']);
  });
});

describe('CatalogShape', () => {
  it('accepts the smallest catalog', () => {
    expect(problems(CatalogShape, minimalCatalog)).toEqual([]);
  });

  it('needs the format literal', () => {
    expect(problems(CatalogShape, { ...minimalCatalog, format: 'tandem' })).toEqual([
      'format: must be "tandem.catalog"',
    ]);
  });

  it('refuses a newer version saying that it is newer', () => {
    expect(problems(CatalogShape, { ...minimalCatalog, version: 2 })).toEqual([
      'version: version 2 is newer than this Tandem reads (1); update the extension',
    ]);
  });

  it('refuses older and non-integer versions', () => {
    expect(problems(CatalogShape, { ...minimalCatalog, version: 0 })).toEqual(['version: must be 1']);
    expect(problems(CatalogShape, { ...minimalCatalog, version: 1.5 })).toEqual([
      'version: must be a whole number',
    ]);
    expect(problems(CatalogShape, { ...minimalCatalog, version: '1' })).toEqual([
      'version: must be a number',
    ]);
  });

  it('checks generatedAt as an ISO 8601 date-time', () => {
    expect(problems(CatalogShape, { ...minimalCatalog, generatedAt: '2026-11-20T09:00:00+01:00' })).toEqual(
      [],
    );
    expect(problems(CatalogShape, { ...minimalCatalog, generatedAt: 'yesterday' })).toEqual([
      'generatedAt: must be an ISO 8601 date-time',
    ]);
  });
});
