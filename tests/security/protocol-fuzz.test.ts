/**
 * Every message of the protocol, generated and mutated by fast-check, sent through the real
 * background router (tests/security/background.ts) as a page would send it. Whatever arrives:
 * - a message the request schema refuses gets no answer (the router drops it), and one from
 *   another extension gets none either;
 * - every answer parses with that request's own response schema, so the page that asked can read
 *   it (a thrown error or an answer of the wrong shape would surface as "bad answer" in a page);
 * - a write that is refused (`ok: false`) changes nothing in the database.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type AnyRequest, Protocol, type RequestType } from '@/utils/messages';
import { catalogInput } from '../catalog/build';
import { answerProblem, startTestBackground, type TestBackground } from './background';
import { DANGEROUS_URLS, HTTPS_URL_PAYLOADS, TEXT_PAYLOADS } from './xss-corpus';

/** `npm run test:long` (TANDEM_LONG=1) runs every property ten times as often. */
const RUNS = process.env.TANDEM_LONG ? 10 : 1;
vi.setConfig({ testTimeout: process.env.TANDEM_LONG ? 600_000 : 60_000 });

/** Text as it comes: payloads, edge lengths, control and bidi characters, plain words. */
const text = fc.oneof(
  fc.constantFrom(...TEXT_PAYLOADS, '', ' ', '\u0000', '\uFEFF', 'SHOP-142', 'n-seed', 'p-seed', 't-seed'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat(3000).map((n) => 'x'.repeat(n)),
);
const url = fc.oneof(
  fc.constantFrom(...DANGEROUS_URLS, ...HTTPS_URL_PAYLOADS, 'https://catalog.acme.example/t.json'),
  fc.webUrl(),
  text,
);
const id = fc.oneof(
  fc.constantFrom('p-seed', 't-seed', 'n-seed', 'l-seed', 'p-new', 'n-new', 'l-new'),
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/),
  text,
);
const kind = fc.constantFrom('people', 'teams', 'needs', 'links');
const host = fc.constantFrom('jira-cloud', 'jira-dc', 'salesforce', 'hubspot', 'dynamics', 'zendesk');
const jiraKey = fc.oneof(
  fc.constantFrom('SHOP-142', 'SHOP-1', 'OPS-5'),
  fc.stringMatching(/^[A-Z]{2,5}-\d{1,5}$/),
);

const validId = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const name = fc.oneof(
  fc.constantFrom(...TEXT_PAYLOADS),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
);

/** Entities that pass the catalog's schema, so writes succeed as often as they are refused. */
const VALID = {
  people: fc.record({ id: validId, name, title: name, side: fc.constantFrom('business', 'it') }),
  teams: fc.record({ id: validId, name, businessLead: fc.constant('p-seed'), itLead: fc.constant('p-it') }),
  needs: fc.record({
    id: validId,
    title: name,
    team: fc.constant('t-seed'),
    customers: fc.array(fc.record({ name }), { maxLength: 2 }),
  }),
  links: fc.oneof(
    fc.record({ need: fc.constant('n-seed'), jira: fc.record({ issue: jiraKey }) }),
    fc.record({ team: fc.constant('t-seed'), crm: fc.record({ system: fc.constant('zendesk'), name }) }),
  ),
};
const validEntity = fc.oneof(VALID.people, VALID.teams, VALID.needs, VALID.links);

/** Entity values the options page's forms, the panel's capture and a CSV import could send. */
const entity = fc.oneof(
  validEntity,
  fc.record(
    { id, name: text, title: text, email: text, chat: url, side: fc.constantFrom('business', 'it', 'x') },
    { requiredKeys: ['id'] },
  ),
  fc.record(
    {
      id,
      name: text,
      approach: fc.constantFrom('clean-slate', 'firewall', 'standard', 'none'),
      businessLead: id,
      itLead: id,
      charter: fc.record({ url, mission: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ['id'] },
  ),
  fc.record(
    {
      id,
      title: text,
      status: fc.constantFrom('discovery', 'released', 'nope'),
      team: id,
      customers: fc.array(fc.record({ name: text }), { maxLength: 3 }),
      evidence: fc.array(fc.record({ label: text, url }), { maxLength: 2 }),
    },
    { requiredKeys: ['id'] },
  ),
  fc.record(
    {
      id,
      need: id,
      team: id,
      jira: fc.record({ issue: jiraKey, label: text }, { requiredKeys: [] }),
      crm: fc.record({ system: host, id: text, name: text }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
);

const jiraRecord = fc.record(
  {
    kind: fc.constant('jira'),
    host: fc.constantFrom('jira-cloud', 'jira-dc'),
    key: jiraKey,
    labels: fc.array(text, { maxLength: 3 }),
    components: fc.array(text, { maxLength: 3 }),
  },
  { requiredKeys: ['kind', 'host', 'key'] },
);
const crmRecord = fc.record(
  {
    kind: fc.constant('crm'),
    host: fc.constantFrom('salesforce', 'hubspot', 'dynamics', 'zendesk'),
    object: text,
    id: text,
    names: fc.array(text, { maxLength: 3 }),
  },
  { requiredKeys: ['kind', 'host', 'object', 'id'] },
);

const outcomeFilters = fc.record(
  {
    team: id,
    approach: fc.constantFrom('clean-slate', 'firewall', 'standard', 'none'),
    status: fc.constantFrom('discovery', 'released', 'nope'),
    flag: fc.constantFrom('stale', 'no-owners', 'work-done', 'nope'),
    teams: fc.array(id, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** One arbitrary per request type; the meta-test below keeps it in step with the protocol. */
const REQUESTS: { [T in RequestType]: fc.Arbitrary<Record<string, unknown>> } = {
  resolve: fc.record({ record: fc.oneof(jiraRecord, crmRecord) }),
  'catalog.import': fc.record({
    text: fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      text,
      fc.constant(JSON.stringify(catalogInput())),
      entity.map((value) => JSON.stringify({ ...catalogInput(), needs: [value] })),
    ),
  }),
  'options.open': fc.record({}),
  'capture.load': fc.record({}),
  'settings.get': fc.record({}),
  'settings.update': fc.record({
    patch: fc.record(
      {
        disabledHosts: fc.array(host, { maxLength: 3 }),
        panel: fc.record({ layout: fc.constantFrom('docked', 'floating'), collapsed: fc.boolean() }),
        panelByHost: fc.dictionary(host, fc.record({ collapsed: fc.boolean() }), { maxKeys: 2 }),
        pinnedTeams: fc.array(id, { maxLength: 3 }),
        // Mostly finite numbers, so the patch is often accepted; NaN and infinities now and then.
        // (Keys the patch does not know, such as `sources`, come from the mutation step.)
        maxTeamsPerLead: fc.oneof(
          { weight: 4, arbitrary: fc.integer() },
          { weight: 1, arbitrary: fc.double() },
        ),
      },
      { requiredKeys: [] },
    ),
  }),
  'jiraDc.add': fc.record({ origin: url }),
  'jiraDc.remove': fc.record({ origin: url }),
  'catalog.summary': fc.record({}),
  'entity.save': fc.oneof(
    fc
      .constantFrom('people', 'teams', 'needs', 'links')
      .chain((k) => VALID[k].map((value) => ({ kind: k, value }))),
    fc.record({ kind, value: entity, replaces: id }, { requiredKeys: ['kind', 'value'] }),
  ),
  'entity.delete': fc.record({ kind, id, force: fc.boolean() }, { requiredKeys: ['kind', 'id'] }),
  'catalog.query': fc.record(
    {
      kind,
      text,
      sort: fc.constantFrom('id', 'name', 'title', 'layer', 'nope'),
      dir: fc.constantFrom('asc', 'desc'),
      offset: fc.nat(50),
      limit: fc.integer({ min: 1, max: 200 }),
      layer: fc.constantFrom('all', 'local', 'shared'),
      id,
    },
    { requiredKeys: ['kind', 'text', 'offset', 'limit'] },
  ),
  'catalog.usedBy': fc.record({ kind, id }),
  'catalog.overview': fc.record({}),
  'catalog.search': fc.record({ text, limit: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: ['text'] }),
  'teams.list': fc.record({}),
  'catalog.export': fc.record(
    {
      scope: fc.constantFrom('merged', 'local'),
      format: fc.constantFrom('json', 'csv'),
      kind: fc.constantFrom('people', 'needs', 'links'),
    },
    { requiredKeys: ['scope', 'format'] },
  ),
  'catalog.importRows': fc.oneof(
    fc.constantFrom('people', 'needs', 'links').chain((k) =>
      fc.record({
        kind: fc.constant(k),
        rows: fc.array(VALID[k] as fc.Arbitrary<Record<string, unknown>>, { maxLength: 4 }),
        mode: fc.constant('merge'),
      }),
    ),
    fc.record({
      kind: fc.constantFrom('people', 'needs', 'links'),
      rows: fc.array(entity, { maxLength: 4 }),
      mode: fc.constantFrom('merge', 'replace'),
    }),
  ),
  'privacy.report': fc.record({}),
  'catalog.salvage': fc.record({}),
  'needs.search': fc.record(
    { query: text, limit: fc.integer({ min: 1, max: 50 }) },
    { requiredKeys: ['query'] },
  ),
  'people.search': fc.record(
    { query: text, limit: fc.integer({ min: 1, max: 50 }), prefer: fc.constantFrom('business', 'it') },
    { requiredKeys: ['query'] },
  ),
  'sources.status': fc.record({}),
  'sources.add': fc.record({
    url,
    kind: fc.constantFrom('catalog', 'backstage'),
    refreshMinutes: fc.oneof(fc.integer(), fc.double()),
  }),
  'sources.update': fc.record(
    { id: text, refreshMinutes: fc.integer(), kind: fc.constantFrom('catalog', 'backstage') },
    { requiredKeys: ['id'] },
  ),
  'sources.remove': fc.record({ id: text }),
  'sources.move': fc.record({ id: text, by: fc.constantFrom(-1, 1) }),
  // Sources are refreshed against the stub fetch, which refuses: the answer must say so, not hang.
  'sources.refresh': fc.record({ id: text }, { requiredKeys: [] }),
  'catalog.conflicts': fc.record({}),
  'sites.list': fc.record({}),
  'sites.add': fc.record({
    key: fc.constantFrom('jira', 'salesforce', 'hubspot', 'dynamics', 'zendesk', 'nope'),
    origin: fc.oneof(
      url,
      fc.constantFrom('https://*.acme.example', 'https://%2a.x.example', 'https://a@b.example'),
    ),
  }),
  'outcomes.query': fc.record(
    {
      filters: outcomeFilters,
      sort: fc.constantFrom('team', 'gap', 'nope'),
      offset: fc.nat(50),
      limit: fc.integer({ min: 1, max: 500 }),
    },
    { requiredKeys: ['filters', 'sort', 'offset', 'limit'] },
  ),
  'outcomes.export': fc.record({
    filters: outcomeFilters,
    sort: fc.constantFrom('team', 'gap'),
    format: fc.constantFrom('csv', 'svg', 'pdf'),
  }),
  'placement.miss': fc.record({
    host,
    view: text,
    anchors: fc.array(text, { maxLength: 4 }),
    signal: fc.constantFrom('view', 'quiet', 'deadline'),
    outline: text,
  }),
  'placement.misses': fc.record({}),
  'placement.clear': fc.record({}),
  // Statuses are read against the stub fetch, which refuses: the answer is a problem line.
  'workStatus.get': fc.record({ record: fc.oneof(jiraRecord, crmRecord) }),
  'workStatus.seen': fc.record({
    origin: url,
    issues: fc.array(
      fc.record({
        key: jiraKey,
        fields: fc.record({ status: fc.record({ name: text, statusCategory: fc.record({ key: text }) }) }),
      }),
      { maxLength: 3 },
    ),
  }),
};

/** Requests that may write: a refused one must leave every store as it was. */
const WRITES = new Set<RequestType>([
  'catalog.import',
  'settings.update',
  'jiraDc.add',
  'jiraDc.remove',
  'entity.save',
  'entity.delete',
  'catalog.importRows',
  'sources.add',
  'sources.update',
  'sources.remove',
  'sources.move',
  'sites.add',
]);

const TYPES = Object.keys(Protocol) as RequestType[];

/** A request of any type, as generated, or mutated: a field dropped, replaced or added. */
const anyRequest = fc
  .constantFrom(...TYPES)
  .chain((type) =>
    fc.tuple(
      fc.constant(type),
      REQUESTS[type],
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 })) },
      ),
    ),
  )
  .map(([type, fields, mutation]) => {
    const request: Record<string, unknown> = { type, ...fields };
    if (mutation) {
      const [key, value] = mutation;
      const keys = Object.keys(request).filter((name) => name !== 'type');
      const target =
        keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] as string) : key;
      if (value === null) delete request[target];
      else request[target] = value;
    }
    return { type, request };
  });

const SEED = catalogInput({
  people: [
    { id: 'p-seed', name: 'Seed Person', side: 'business' },
    { id: 'p-it', name: 'Seed IT', side: 'it' },
  ],
  teams: [{ id: 't-seed', name: 'Seed team', approach: 'standard', businessLead: 'p-seed', itLead: 'p-it' }],
  needs: [{ id: 'n-seed', title: 'Seed need', team: 't-seed' }],
  links: [
    { id: 'l-seed', need: 'n-seed', jira: { issue: 'SHOP-142' } },
    { id: 'l-seed-crm', need: 'n-seed', crm: { system: 'salesforce', object: 'Account', id: '001' } },
  ],
});

describe('every protocol message, generated and mutated, through the real background', () => {
  let background: TestBackground;

  beforeEach(async () => {
    background = startTestBackground();
    const seeded = await background.send({ type: 'catalog.import', text: JSON.stringify(SEED) });
    expect(seeded).toMatchObject({ ok: true });
  });

  it('has an arbitrary for every request type of the protocol', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual([...TYPES].sort());
  });

  it('answers what the schema accepts with an answer of its own response shape, and nothing else', async () => {
    const answered = new Set<string>();
    await fc.assert(
      fc.asyncProperty(anyRequest, async ({ type, request }) => {
        const accepted = Protocol[type].request.safeParse(request).success;
        const write = WRITES.has(type);
        const before = write ? await background.snapshot() : undefined;
        const answer = await background.raw(request);
        if (accepted) answered.add(type);
        if (!accepted) {
          expect(answer, `a refused ${type} gets no answer`).toBeUndefined();
        } else {
          const problem = answerProblem(type, answer);
          expect(problem, problem ?? '').toBeNull();
        }
        if (before && (!accepted || (answer as { ok?: boolean }).ok === false)) {
          expect(await background.snapshot(), `a refused ${type} changed nothing`).toEqual(before);
        }
      }),
      { numRuns: 1000 * RUNS },
    );
    // Every entry of the protocol is answered at least once, not only refused by its schema: a type
    // the random runs happened to miss gets one accepted request of its own arbitrary.
    for (const type of TYPES.filter((name) => !answered.has(name))) {
      const [fields] = fc.sample(
        REQUESTS[type].filter((value) => Protocol[type].request.safeParse({ type, ...value }).success),
        1,
      );
      const answer = await background.raw({ type, ...fields });
      const problem = answerProblem(type, answer);
      expect(problem, problem ?? '').toBeNull();
      answered.add(type);
    }
    expect([...answered].sort()).toEqual([...TYPES].sort());
  }, 120_000);

  it('ignores messages from other extensions and web pages, however well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TYPES).chain((type) => REQUESTS[type].map((fields) => ({ type, ...fields }))),
        fc.constantFrom<{ id?: string }>({ id: 'another-extension-id' }, {}, { id: '' }),
        async (request, sender) => {
          const before = await background.snapshot();
          expect(await background.raw(request, sender)).toBeUndefined();
          expect(await background.snapshot()).toEqual(before);
        },
      ),
      { numRuns: 100 * RUNS },
    );
  });

  it('never lets a unit test reach the network', () => {
    // sources.add and sources.refresh above ask the stub fetch; it refuses and records.
    for (const url of background.fetched) expect(url).not.toMatch(/^http/);
  });
});

describe('a refused write answers in its own shape', () => {
  it('catalog.import of a catalog nested too deep to store', async () => {
    const background = startTestBackground();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = JSON.stringify(catalogInput()).replace(/}$/, `,"x-deep":${deep}}`);
    const answer = await background.send({ type: 'catalog.import', text } as AnyRequest);
    expect(answerProblem('catalog.import', answer)).toBeNull();
    expect(await background.revision()).toBe(0);
  });
});
