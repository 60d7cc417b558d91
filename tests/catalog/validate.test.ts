// @vitest-environment node
/**
 * parseCatalog and parseCatalogText as import and `catalog check` see them: whole documents in,
 * either a catalog or errors that each name a JSON path and a rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CatalogInput } from '@/utils/catalog/schema';
import {
  type CatalogResult,
  formatError,
  formatPath,
  MAX_CATALOG_BYTES,
  MAX_REPORTED_ERRORS,
  parseCatalog,
  parseCatalogShape,
  parseCatalogText,
  tooLarge,
} from '@/utils/catalog/validate';

/** A small catalog that uses every entity and most optional fields; each test breaks one thing. */
function fullCatalog(): CatalogInput {
  return {
    format: 'tandem.catalog',
    version: 1,
    name: 'Acme Corp catalog',
    generatedAt: '2026-11-20T09:00:00Z',
    sites: { jira: ['https://acme.atlassian.net/'], zendesk: ['https://acme.zendesk.com'] },
    people: [
      { id: 'p-maria', name: 'Maria González', side: 'business', email: 'maria@acme.example' },
      { id: 'p-raj', name: 'Raj Patel', side: 'it', chat: 'https://chat.acme.example/u/raj' },
      { id: 'p-zoe', name: 'Zoë Ångström', side: 'business', verifiedAt: '2026-10-15' },
      { id: 'p-kenji', name: '山田 健二', side: 'it' },
    ],
    teams: [
      {
        id: 't-checkout',
        name: 'Checkout & Reorder',
        approach: 'clean-slate',
        businessLead: 'p-maria',
        itLead: 'p-raj',
        members: ['p-maria', 'p-raj'],
        charter: {
          url: 'https://wiki.acme.example/checkout',
          capability: 'Online ordering',
          agreements: ['Pairs decide'],
        },
        channels: [{ label: '#checkout', url: 'https://chat.acme.example/c/checkout' }],
      },
      { id: 't-billing', name: 'Billing', businessLead: 'p-zoe', itLead: 'p-kenji' },
    ],
    needs: [
      {
        id: 'n-reorder',
        title: 'One-click reorder for repeat buyers',
        status: 'in-delivery',
        team: 't-checkout',
        businessOwner: 'p-maria',
        itOwner: 'p-raj',
        customers: [{ name: 'Globex Corporation', importance: 'critical', revenueBand: '1M-5M' }],
        adoption: { metric: 'Reorders', unit: '%', target: 40, current: 12, asOf: '2026-11-16' },
        evidence: [{ label: 'Interview', url: 'https://wiki.acme.example/research/globex' }],
      },
      { id: 'n-invoices', title: 'Consolidated monthly invoices', team: 't-billing' },
    ],
    links: [
      { id: 'l-shop-142', need: 'n-reorder', jira: { issue: 'shop-142' } },
      { need: 'n-reorder', jira: { epic: 'SHOP-100' } },
      { need: 'n-invoices', jira: { project: 'shop', label: 'invoicing' } },
      { team: 't-checkout', jira: { project: 'SHOP', component: 'Cart' } },
      { need: 'n-reorder', crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' } },
      { need: 'n-invoices', crm: { system: 'hubspot', name: 'Initech' } },
    ],
  };
}

/** The formatted errors of a catalog that `change` has broken. */
function errorsAfter(change: (catalog: CatalogInput) => void): string[] {
  const catalog = fullCatalog();
  change(catalog);
  return formatted(parseCatalog(catalog));
}

function formatted(result: CatalogResult): string[] {
  return result.ok ? [] : result.errors.map(formatError);
}

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/catalogs/${name}`, import.meta.url), 'utf8');
}

describe('a valid catalog', () => {
  it('parses, applying defaults and normalising keys and origins', () => {
    const result = parseCatalog(fullCatalog());
    if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
    const { catalog } = result;
    expect(catalog.teams.map((team) => team.approach)).toEqual(['clean-slate', 'standard']);
    expect(catalog.needs.map((need) => need.status)).toEqual(['in-delivery', 'discovery']);
    expect(catalog.links[0]?.jira).toEqual({ issue: 'SHOP-142' });
    expect(catalog.links[2]?.jira).toEqual({ project: 'SHOP', label: 'invoicing' });
    expect(catalog.sites?.jira).toEqual(['https://acme.atlassian.net']);
    expect(catalog.people.map((person) => person.name)).toContain('山田 健二');
  });

  it('keeps unknown fields at the top level and in entities, so a newer producer does not break import', () => {
    const input = fullCatalog();
    input.owner = { team: 'Enterprise Architecture' };
    Object.assign(input.people[0] ?? {}, { pronouns: 'she/her' });
    Object.assign(input.needs[0] ?? {}, { priorityScore: 87 });
    Object.assign(input.links[0] ?? {}, { createdBy: 'p-raj' });
    Object.assign(input.links[0]?.jira ?? {}, { site: 'cloud' });
    const result = parseCatalog(input);
    if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
    const catalog = result.catalog as typeof result.catalog & Record<string, unknown>;
    expect(catalog.owner).toEqual({ team: 'Enterprise Architecture' });
    expect(catalog.people[0]).toMatchObject({ pronouns: 'she/her' });
    expect(catalog.needs[0]).toMatchObject({ priorityScore: 87 });
    expect(catalog.links[0]).toMatchObject({
      createdBy: 'p-raj',
      jira: { issue: 'SHOP-142', site: 'cloud' },
    });
  });

  it('may have empty lists', () => {
    const result = parseCatalog({
      format: 'tandem.catalog',
      version: 1,
      people: [],
      teams: [],
      needs: [],
      links: [],
    });
    expect(result.ok).toBe(true);
  });

  it('allows the same id in different kinds: ids are unique within their kind', () => {
    expect(
      errorsAfter((c) => {
        c.people.push({ id: 't-checkout', name: 'Someone called t-checkout', side: 'it' });
      }),
    ).toEqual([]);
  });
});

describe('error paths and messages', () => {
  it('formats paths as JSON paths', () => {
    expect(formatPath(['needs', 0, 'adoption', 'target'])).toBe('needs[0].adoption.target');
    expect(formatPath(['teams', 2, 'members', 1])).toBe('teams[2].members[1]');
    expect(formatPath([])).toBe('(document)');
    expect(formatError({ path: 'needs[3].itOwner', rule: 'no person "p-raj"' })).toBe(
      'needs[3].itOwner: no person "p-raj"',
    );
  });

  it('names the nested path of a shape error', () => {
    expect(
      errorsAfter((c) => {
        const adoption = c.needs[0]?.adoption;
        if (adoption) adoption.target = -5;
      }),
    ).toEqual(['needs[0].adoption.target: must be 0 or more']);
  });

  it('reports a missing required field as "required"', () => {
    expect(
      errorsAfter((c) => {
        Reflect.deleteProperty(c.people[1] ?? {}, 'name');
        Reflect.deleteProperty(c.teams[1] ?? {}, 'itLead');
        Reflect.deleteProperty(c.needs[0]?.adoption ?? {}, 'asOf');
        Reflect.deleteProperty(c, 'links');
      }),
    ).toEqual([
      'people[1].name: required',
      'teams[1].itLead: required',
      'needs[0].adoption.asOf: required',
      'links: required',
    ]);
  });

  it('tells a wrong type apart from a missing field', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.people[1] ?? {}, { name: 42 });
        Object.assign(c, { teams: {} });
      }),
    ).toEqual(['people[1].name: must be a string', 'teams: must be a list']);
  });

  it('refuses a document that is not an object', () => {
    for (const input of [null, [], 'tandem.catalog', 1]) {
      const result = parseCatalog(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['(document)']);
    }
  });

  it('needs the format literal and refuses a newer version with a message that says so', () => {
    expect(
      errorsAfter((c) => {
        // Deliberately outside the input type: these are what an older or foreign file holds.
        Object.assign(c, { format: 'tandem-catalog', version: 2 });
      }),
    ).toEqual([
      'format: must be "tandem.catalog"',
      'version: version 2 is newer than this Tandem reads (1); update the extension',
    ]);
  });

  it('lists at most MAX_REPORTED_ERRORS errors, then how many more there were', () => {
    const result = parseCatalog({
      format: 'tandem.catalog',
      version: 1,
      people: Array.from({ length: MAX_REPORTED_ERRORS + 5 }, () => ({ id: 'bad id', name: 'X' })),
      teams: [],
      needs: [],
      links: [],
    });
    const errors = formatted(result);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]).toBe('people[0].id: must be 1 to 64 characters from A-Z a-z 0-9 . _ : -');
    expect(errors.at(-1)).toBe('(document): and 5 more errors');
  });
});

describe('ids', () => {
  it('must match the id pattern, wherever they appear', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.people[0] ?? {}, { id: 'p maria' });
        Object.assign(c.teams[0] ?? {}, { members: ['p-maria', 'x'.repeat(65)] });
        Object.assign(c.links[0] ?? {}, { id: '' });
      }),
    ).toEqual([
      'people[0].id: must be 1 to 64 characters from A-Z a-z 0-9 . _ : -',
      'teams[0].members[1]: must be 1 to 64 characters from A-Z a-z 0-9 . _ : -',
      'links[0].id: must be 1 to 64 characters from A-Z a-z 0-9 . _ : -',
    ]);
  });

  it('must be unique within each kind; the later duplicate is reported', () => {
    expect(
      errorsAfter((c) => {
        c.people.push({ id: 'p-raj', name: 'Raj Again', side: 'it' });
        c.teams.push({ id: 't-billing', name: 'Billing 2', businessLead: 'p-zoe', itLead: 'p-kenji' });
        c.needs.push({ id: 'n-reorder', title: 'Reorder again', team: 't-checkout' });
      }),
    ).toEqual([
      'people[4].id: duplicate id "p-raj"',
      'teams[2].id: duplicate id "t-billing"',
      'needs[2].id: duplicate id "n-reorder"',
    ]);
  });

  it('reports a duplicate link id at its index among all links, ids being optional', () => {
    expect(
      errorsAfter((c) => {
        c.links.push({ id: 'l-shop-142', need: 'n-invoices', jira: { issue: 'SHOP-143' } });
      }),
    ).toEqual(['links[6].id: duplicate id "l-shop-142"']);
  });
});

describe('references', () => {
  it('reports dangling team leads and members', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.teams[0] ?? {}, {
          businessLead: 'p-nobody',
          itLead: 'p-ghost',
          members: ['p-raj', 'p-x'],
        });
      }),
    ).toEqual([
      'teams[0].businessLead: no person "p-nobody"',
      'teams[0].itLead: no person "p-ghost"',
      'teams[0].members[1]: no person "p-x"',
    ]);
  });

  it('reports a dangling need team and owners', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.needs[0] ?? {}, { team: 't-gone', businessOwner: 'p-gone' });
        Object.assign(c.needs[1] ?? {}, { itOwner: 'p-raj2' });
      }),
    ).toEqual([
      'needs[0].team: no team "t-gone"',
      'needs[0].businessOwner: no person "p-gone"',
      'needs[1].itOwner: no person "p-raj2"',
    ]);
  });

  it('names the path exactly: needs[3].itOwner: no person "p-raj"', () => {
    expect(
      errorsAfter((c) => {
        c.people.splice(1, 1);
        c.teams.splice(0, 1);
        c.links.splice(3, 1);
        Reflect.deleteProperty(c.needs[0] ?? {}, 'team');
        c.needs.push(
          { id: 'n-3', title: 'Three', team: 't-billing' },
          { id: 'n-4', title: 'Four', team: 't-billing', itOwner: 'p-raj' },
        );
      }),
    ).toEqual(['needs[0].itOwner: no person "p-raj"', 'needs[3].itOwner: no person "p-raj"']);
  });

  it('reports dangling link needs and teams', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.links[1] ?? {}, { need: 'n-unknown' });
        Object.assign(c.links[3] ?? {}, { team: 't-unknown' });
      }),
    ).toEqual(['links[1].need: no need "n-unknown"', 'links[3].team: no team "t-unknown"']);
  });
});

describe('links', () => {
  it('reports each broken link at its own path', () => {
    expect(formatted(parseCatalogText(fixture('broken-links.json')))).toEqual([
      'links[0]: needs exactly one of need or team',
      'links[1]: needs exactly one target: jira or crm',
      'links[2].jira: needs exactly one of issue, epic or project',
      'links[3].jira: label and component go with project',
      'links[4].crm.object: goes with id, not name',
      'links[5].crm.system: must be "salesforce", "hubspot", "dynamics" or "zendesk"',
    ]);
  });

  it('refuses a label and a component together', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.links[3]?.jira ?? {}, { label: 'cart' });
      }),
    ).toEqual(['links[3].jira: takes a label or a component, not both']);
  });

  it('refuses a CRM target with both an id and a name', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.links[5]?.crm ?? {}, { id: '18273645012' });
      }),
    ).toEqual(['links[5].crm: needs exactly one of id or name']);
  });
});

describe('URLs, origins and dates', () => {
  it('accepts only https in chat, channels, charters and evidence', () => {
    expect(formatted(parseCatalogText(fixture('unsafe-urls.json')))).toEqual([
      'sites.jira[0]: must be an https:// origin such as https://acme.atlassian.net',
      'people[0].chat: must be an https:// URL',
      'needs[0].evidence[0].url: must be an https:// URL',
    ]);
    expect(
      errorsAfter((c) => {
        Object.assign(c.teams[0]?.charter ?? {}, { url: 'http://wiki.acme.example/checkout' });
        Object.assign(c.teams[0]?.channels?.[0] ?? {}, { url: 'data:text/plain,hi' });
      }),
    ).toEqual([
      'teams[0].charter.url: must be an https:// URL',
      'teams[0].channels[0].url: must be an https:// URL',
    ]);
  });

  it('needs sites to be origins, not pages', () => {
    expect(
      errorsAfter((c) => {
        c.sites = { ...c.sites, zendesk: ['https://acme.zendesk.com/agent'] };
      }),
    ).toEqual(['sites.zendesk[0]: must be an https:// origin such as https://acme.atlassian.net']);
  });

  it('needs dates as YYYY-MM-DD', () => {
    expect(
      errorsAfter((c) => {
        Object.assign(c.people[2] ?? {}, { verifiedAt: '15/10/2026' });
        Object.assign(c.teams[0]?.charter ?? {}, { startsOn: '2026-09-01T00:00:00Z' });
        Object.assign(c.needs[0]?.adoption ?? {}, { asOf: '2026-02-30' });
      }),
    ).toEqual([
      'people[2].verifiedAt: must be a date as YYYY-MM-DD',
      'teams[0].charter.startsOn: must be a date as YYYY-MM-DD',
      'needs[0].adoption.asOf: must be a date as YYYY-MM-DD',
    ]);
  });
});

describe('parseCatalogText', () => {
  it('parses a fixture with a dangling owner into the documented message', () => {
    expect(formatted(parseCatalogText(fixture('dangling-owner.json')))).toEqual([
      'needs[0].itOwner: no person "p-raj"',
    ]);
  });

  it('refuses a newer version with a message that says it is newer', () => {
    expect(formatted(parseCatalogText(fixture('future-version.json')))).toEqual([
      'version: version 2 is newer than this Tandem reads (1); update the extension',
    ]);
  });

  it('reports only the version when a newer format also has fields this version cannot read', () => {
    const newer = JSON.stringify({ format: 'tandem.catalog', version: 3, people: 'moved to a v3 place' });
    expect(formatted(parseCatalogText(newer))).toEqual([
      'version: version 3 is newer than this Tandem reads (1); update the extension',
    ]);
  });

  it('accepts a file saved with a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify({ format: 'tandem.catalog', version: 1, people: [], teams: [], needs: [], links: [] })}`;
    expect(parseCatalogText(text).ok).toBe(true);
  });

  it('measures multi-byte text in bytes, not characters', () => {
    // 22 M three-byte characters: under the limit in characters, about 66 MB in UTF-8.
    const text = `"${'€'.repeat(22 * 1024 * 1024)}"`;
    expect(formatted(parseCatalogText(text))[0]).toMatch(
      /^\(document\): is 66\.0 MB; the limit is 64\.0 MB$/,
    );
  });

  it('reports text that is not JSON', () => {
    const errors = formatted(parseCatalogText('{"format": "tandem.catalog",'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\(document\): is not valid JSON \(.+\)$/);
  });

  it('says how large a refused file is and what the limit is', () => {
    expect(formatError(tooLarge(70 * 1024 * 1024))).toBe('(document): is 70.0 MB; the limit is 64.0 MB');
  });

  it('refuses text over the limit before parsing it', () => {
    // Not JSON at all: a parse attempt would report invalid JSON instead of the size.
    const text = 'x'.repeat(MAX_CATALOG_BYTES + 1);
    expect(parseCatalogText(text)).toEqual({ ok: false, errors: [tooLarge(MAX_CATALOG_BYTES + 1)] });
  });
});

describe('nesting', () => {
  /** `levels` arrays, one inside the other, around a text. */
  function nested(levels: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  }
  /** The catalog with a person whose unknown field nests `levels` arrays (the person is level 3). */
  function withDeepPerson(levels: number): CatalogInput {
    const catalog = fullCatalog();
    catalog.people.push({ id: 'p-deep', name: 'Deep', 'x-deep': nested(levels) } as never);
    return catalog;
  }

  it('accepts 64 levels, and refuses 65 before anything else, naming where and the limit', () => {
    expect(parseCatalog(withDeepPerson(61)).ok).toBe(true);
    const refused = withDeepPerson(62);
    (refused.people[0] as { name: string }).name = ''; // a schema error too: the nesting is reported alone
    expect(formatted(parseCatalog(refused))).toEqual([
      'people[4].x-deep[0][0][0][0][0]…: is nested too deep: a catalog may nest at most 64 levels',
    ]);
    expect(formatted(parseCatalogShape(refused))).toHaveLength(1);
  });

  it('counts objects as levels too, and names their keys on the way down', () => {
    const catalog = { ...fullCatalog(), 'x-deep': { a: nested(63) } };
    expect(formatted(parseCatalog(catalog))[0]).toMatch(/^x-deep\.a\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]…: /);
    const shallow = { ...fullCatalog(), 'x-deep': { a: nested(62) } };
    expect(parseCatalog(shallow).ok).toBe(true);
  });

  it('walks a million levels without running out of stack', () => {
    const result = parseCatalog({ ...fullCatalog(), 'x-deep': nested(1_000_000) });
    expect(formatted(result)).toEqual([
      'x-deep[0][0][0][0][0][0][0]…: is nested too deep: a catalog may nest at most 64 levels',
    ]);
  });
});
