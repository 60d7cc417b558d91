/**
 * Storage, through the real background over fake-indexeddb:
 * - a populated database of every schema version that landed (tests/fixtures/idb/v<N>.json, and
 *   v5-629a4ef.json for the first version-5 layout; dumps of what that version wrote, loaded with
 *   that version's own stores) opens with the current code and keeps every record: the catalog layers, the revision, the settings and the sources' state;
 * - a write refused by the browser for lack of space (QuotaExceededError) loses nothing and says so;
 * - an upgrade blocked by a connection that holds the old version waits, says why, and loses nothing;
 * - many writes at once, from the options page, the popup and two tabs, end consistent.
 * tests/catalog/repo.test.ts covers each step's code on databases the steps themselves create; the
 * fixtures here are independent of that code, so a step that changes what it reads is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_VERSION, openTandemDb } from '@/utils/catalog/db';
import { readLayers } from '@/utils/catalog/repo';
import { parseCatalogShape } from '@/utils/catalog/validate';
import type { AnyRequest } from '@/utils/messages';
import { catalogInput } from '../catalog/build';
import { answerProblem, startTestBackground, type TestBackground } from './background';

const FIXTURES = path.resolve(__dirname, '../fixtures/idb');

interface StoreDump {
  name: string;
  keyPath?: string | string[];
  autoIncrement?: boolean;
  indexes?: { name: string; keyPath: string | string[] }[];
  records: unknown[];
}

interface IdbFixture {
  about: string;
  database: string;
  version: number;
  stores: StoreDump[];
  expected: {
    revision: number;
    layers: Record<string, { updatedAt: string; document: Record<string, unknown> }>;
    settings: Record<string, unknown> | null;
    sources: { id: string; etag: string; counts: Record<string, number> }[];
  };
}

function fixture(name: number | string): IdbFixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `v${name}.json`), 'utf8')) as IdbFixture;
}

/** Writes a fixture into a fresh factory at its own version, with its own stores, as that version did. */
async function loadFixture(dump: IdbFixture, factory = new IDBFactory()): Promise<IDBFactory> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.open(dump.database, dump.version);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of dump.stores) {
        const created = db.createObjectStore(store.name, {
          ...(store.keyPath !== undefined ? { keyPath: store.keyPath } : {}),
          ...(store.autoIncrement ? { autoIncrement: true } : {}),
        });
        for (const index of store.indexes ?? []) created.createIndex(index.name, index.keyPath);
        for (const record of store.records) created.add(record);
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
  return factory;
}

const byId = <T>(list: T[]) =>
  [...list].sort((a, b) =>
    String((a as { id?: string }).id).localeCompare(String((b as { id?: string }).id)),
  );

/** A layer's catalog as a document, lists in id order (versions 1–2 kept no document order). */
function comparable(document: Record<string, unknown>, ordered: boolean) {
  const parsed = parseCatalogShape(document);
  if (!parsed.ok) throw new Error(`fixture document invalid: ${JSON.stringify(parsed.errors)}`);
  const catalog = JSON.parse(JSON.stringify(parsed.catalog)) as Record<string, unknown[]>;
  if (!ordered)
    for (const kind of ['people', 'teams', 'needs'] as const) catalog[kind] = byId(catalog[kind] ?? []);
  return catalog;
}

/** Every fixture: `v<N>.json`, or `v<N>-<commit>.json` for a layout that landed under a number another one shares. */
const FIXTURE_NAMES = readdirSync(FIXTURES)
  .map((file) => /^v(\d+(?:-\w+)?)\.json$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('upgrading a populated database of every earlier version', () => {
  it('has a fixture for every version that landed, the current one included', () => {
    expect([...new Set(FIXTURE_NAMES.map((name) => Number.parseInt(name, 10)))]).toEqual(
      Array.from({ length: DB_VERSION }, (_, i) => i + 1),
    );
  });

  for (const name of FIXTURE_NAMES) {
    const dump = fixture(name);
    const { version } = dump;

    it(`v${name}: opens at version ${DB_VERSION} with every layer, entity, field and the revision`, async () => {
      globalThis.indexedDB = await loadFixture(dump);
      const db = await openTandemDb();
      try {
        expect(db.version).toBe(DB_VERSION);
        const read = await readLayers(db);
        if (!read.ok) throw new Error(`unreadable after upgrade: ${JSON.stringify(read)}`);
        expect(read.revision).toBe(dump.expected.revision);
        expect(read.layers.map((layer) => layer.meta.layer).sort()).toEqual(
          Object.keys(dump.expected.layers).sort(),
        );
        for (const layer of read.layers) {
          const expected = dump.expected.layers[layer.meta.layer];
          if (!expected) throw new Error(`unexpected layer ${layer.meta.layer}`);
          expect(layer.meta.updatedAt).toBe(expected.updatedAt);
          const ordered = version >= 3;
          expect(comparable(layer.catalog as unknown as Record<string, unknown>, ordered)).toEqual(
            comparable(expected.document, ordered),
          );
        }
      } finally {
        db.close();
      }
    });

    it(`v${name}: the background answers from it at once: pages, settings, sources, export`, async () => {
      const background = startTestBackground(await loadFixture(dump));
      const summary = await background.send({ type: 'catalog.summary' });
      if (!summary.ok || !summary.summary) throw new Error(JSON.stringify(summary));
      expect(summary.summary.revision).toBe(dump.expected.revision);
      const resolved = await background.send({
        type: 'resolve',
        record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' },
      });
      expect(resolved.ok && resolved.context.needs.map((need) => need.id)).toEqual(['n-reorder']);
      const crm = await background.send({
        type: 'resolve',
        record: { kind: 'crm', host: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
      });
      expect(crm.ok && crm.context.needs.map((need) => need.id)).toEqual(['n-alerts']);

      const settings = await background.send({ type: 'settings.get' });
      if (!settings.ok) throw new Error(settings.error);
      if (dump.expected.settings) expect(settings.settings).toMatchObject(dump.expected.settings);

      const sources = await background.send({ type: 'sources.status' });
      if (!sources.ok) throw new Error(sources.error);
      expect(
        sources.sources.map((source) => ({
          id: source.id,
          etag: source.state?.etag,
          counts: source.stored?.counts,
        })),
      ).toEqual(dump.expected.sources);

      const exported = await background.send({ type: 'catalog.export', scope: 'local', format: 'json' });
      if (!exported.ok) throw new Error(exported.error);
      const { generatedAt: _generated, ...local } = JSON.parse(exported.text) as Record<string, unknown>;
      const { generatedAt: _expectedAt, ...expected } = dump.expected.layers.local?.document ?? {};
      expect(comparable({ ...local, generatedAt: undefined }, version >= 3)).toEqual(
        comparable({ ...expected, generatedAt: undefined }, version >= 3),
      );
      expect(local['x-owner'], 'unknown top-level fields survive').toBe('catalog team');
    });

    it(`v${name}: stays whole when the upgraded database is edited and opened again`, async () => {
      const factory = await loadFixture(dump);
      const first = startTestBackground(factory);
      const saved = await first.send({
        type: 'entity.save',
        kind: 'people',
        value: { id: 'p-after-upgrade', name: 'Added after the upgrade' },
      });
      expect(saved).toMatchObject({ ok: true, revision: dump.expected.revision + 1 });
      // Let the background finish rebuilding what the upgrade left stale, then read cold.
      await first.send({ type: 'catalog.overview' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const db = await openTandemDb();
      try {
        const read = await readLayers(db);
        if (!read.ok) throw new Error(JSON.stringify(read));
        const local = read.layers.find((layer) => layer.meta.layer === 'local');
        const expected = dump.expected.layers.local?.document as Record<string, { id?: string }[]>;
        expect(local?.catalog.people.map((person) => person.id).sort()).toEqual(
          [...(expected.people ?? []).map((p) => p.id), 'p-after-upgrade'].sort(),
        );
        expect(local?.catalog.needs).toHaveLength((expected.needs ?? []).length);
        expect(local?.catalog.links).toHaveLength((expected.links ?? []).length);
      } finally {
        db.close();
      }
    });
  }
});

// ------------------------------------------------------------------------------------------------

/** Makes every IndexedDB put and add throw QuotaExceededError until the returned function is called. */
function fillTheDisk(): () => void {
  const proto = globalThis.IDBObjectStore.prototype as unknown as Record<
    'put' | 'add',
    (...args: unknown[]) => unknown
  >;
  const spies = (['put', 'add'] as const).map((method) =>
    vi.spyOn(proto, method).mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }),
  );
  return () => {
    for (const spy of spies) spy.mockRestore();
  };
}

const SPACE = /storage|space|quota|full|disk/i;

function messageOf(answer: unknown): string {
  const value = answer as { error?: string; errors?: { path: string; rule: string }[] };
  return value.error ?? (value.errors ?? []).map((error) => `${error.path}: ${error.rule}`).join('; ');
}

describe('the disk is full', () => {
  async function seeded(): Promise<TestBackground> {
    const background = startTestBackground();
    const first = await background.send({ type: 'catalog.import', text: JSON.stringify(catalogInput()) });
    expect(first).toMatchObject({ ok: true });
    await background.send({ type: 'settings.update', patch: { pinnedTeams: ['t-checkout'] } });
    return background;
  }

  const WRITES: { name: string; request: AnyRequest }[] = [
    {
      name: 'catalog.import',
      request: {
        type: 'catalog.import',
        text: JSON.stringify(catalogInput({ needs: [{ id: 'n-new', title: 'New' }] })),
      },
    },
    {
      name: 'entity.save',
      request: { type: 'entity.save', kind: 'people', value: { id: 'p-new', name: 'New' } },
    },
    { name: 'entity.delete', request: { type: 'entity.delete', kind: 'teams', id: 't-billing' } },
    {
      name: 'catalog.importRows',
      request: {
        type: 'catalog.importRows',
        kind: 'people',
        rows: [{ id: 'p-csv', name: 'CSV' }],
        mode: 'merge',
      },
    },
    { name: 'settings.update', request: { type: 'settings.update', patch: { pinnedTeams: ['t-billing'] } } },
  ];

  for (const { name, request } of WRITES) {
    it(`${name}: loses nothing, and everything works again once there is space`, async () => {
      const background = await seeded();
      const before = await background.snapshot();
      const healed = fillTheDisk();
      const answer = await background.raw(request);
      healed();
      expect((answer as { ok?: boolean }).ok).toBe(false);
      expect(await background.snapshot()).toEqual(before);
      const resolved = await background.send({
        type: 'resolve',
        record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' },
      });
      expect(resolved.ok).toBe(true);
      const again = (await background.raw(request)) as { ok: boolean };
      expect(again.ok, JSON.stringify(again)).toBe(true);
    });
  }

  it('entity.delete: says there is no space left, in its own shape', async () => {
    const background = await seeded();
    const healed = fillTheDisk();
    const answer = await background.send({
      type: 'entity.delete',
      kind: 'teams',
      id: 't-billing',
      force: true,
    });
    healed();
    expect(answerProblem('entity.delete', answer)).toBeNull();
    expect(messageOf(answer)).toMatch(SPACE);
  });

  for (const { name, request } of WRITES.filter((write) => write.name !== 'entity.delete')) {
    it(`${name}: answers in its own shape that there is no space left`, async () => {
      const background = await seeded();
      const healed = fillTheDisk();
      const answer = await background.raw(request);
      healed();
      expect(answerProblem(request.type, answer)).toBeNull();
      expect(messageOf(answer)).toMatch(SPACE);
    });
  }
});

// ------------------------------------------------------------------------------------------------

describe('an upgrade blocked by a connection that holds the old version', () => {
  it('gives way when the holder is an older Tandem page: it closes on versionchange', async () => {
    const factory = await loadFixture(fixture(4));
    globalThis.indexedDB = factory;
    const old = await openTandemDb({ version: 4 });
    const background = startTestBackground(factory);
    const summary = await background.send({ type: 'catalog.summary' });
    expect(summary.ok && summary.summary?.revision).toBe(19);
    // The old connection closed itself (openTandemDb's `blocking`), so nothing was held up.
    expect(background.logged.filter((line) => /waits for another/.test(line))).toEqual([]);
    old.close();
  });

  it('waits for a holder that ignores versionchange, says why, then answers with nothing lost', async () => {
    const dump = fixture(4);
    const factory = await loadFixture(dump);
    globalThis.indexedDB = factory;
    const holder = await openDB(DB_NAME, dump.version); // no versionchange handler: it never lets go
    const background = startTestBackground(factory);
    let answered: unknown;
    const pending = background.send({ type: 'catalog.summary' }).then((answer) => {
      answered = answer;
      return answer;
    });
    await vi.waitFor(
      () =>
        expect(background.logged.join('\n')).toMatch(
          /database upgrade waits for another Tandem page to close/,
        ),
      { timeout: 5000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered, 'nothing is answered from a half-upgraded database').toBeUndefined();
    holder.close();
    const summary = await pending;
    expect(summary.ok && summary.summary?.revision).toBe(dump.expected.revision);
    expect(summary.ok && summary.summary?.counts).toEqual({ people: 5, teams: 3, needs: 4, links: 6 });
  });

  it('tells a page that asks while it waits why it cannot answer yet', async () => {
    const dump = fixture(4);
    const factory = await loadFixture(dump);
    globalThis.indexedDB = factory;
    const holder = await openDB(DB_NAME, dump.version);
    try {
      const background = startTestBackground(factory);
      const answer = await Promise.race([
        background.send({ type: 'catalog.summary' }),
        new Promise((resolve) => setTimeout(() => resolve('no answer within 3 s'), 3000)),
      ]);
      expect(answerProblem('catalog.summary', answer)).toBeNull();
      expect(messageOf(answer)).toMatch(/close|another|update/i);
    } finally {
      holder.close();
    }
  });

  it('after saying why, answers normally once the holder lets go, with nothing lost', async () => {
    const dump = fixture(4);
    const factory = await loadFixture(dump);
    globalThis.indexedDB = factory;
    const holder = await openDB(DB_NAME, dump.version);
    const background = startTestBackground(factory);
    const [summaryWhile, savedWhile, settingsWhile] = await Promise.all([
      background.send({ type: 'catalog.summary' }),
      background.send({ type: 'entity.save', kind: 'people', value: { id: 'p-while', name: 'While' } }),
      background.send({ type: 'settings.get' }),
    ]);
    expect(answerProblem('catalog.summary', summaryWhile)).toBeNull();
    expect(answerProblem('entity.save', savedWhile)).toBeNull();
    expect(answerProblem('settings.get', settingsWhile)).toBeNull();
    for (const answer of [summaryWhile, savedWhile, settingsWhile])
      expect(messageOf(answer)).toMatch(/close other Tandem pages to finish the update/);
    holder.close();
    const summary = await background.send({ type: 'catalog.summary' });
    expect(summary.ok && summary.summary?.revision).toBe(dump.expected.revision);
    expect(summary.ok && summary.summary?.counts).toEqual({ people: 5, teams: 3, needs: 4, links: 6 });
    const saved = await background.send({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-after', name: 'After' },
    });
    expect(saved).toMatchObject({ ok: true, revision: dump.expected.revision + 1 });
    const settings = await background.send({ type: 'settings.get' });
    if (!settings.ok) throw new Error(settings.error);
    if (dump.expected.settings) expect(settings.settings).toMatchObject(dump.expected.settings);
  });
});

// ------------------------------------------------------------------------------------------------

describe('many writers at once: the options page, the popup and two tabs', () => {
  it('lands every one of 120 parallel edits, each a revision of its own, with nothing damaged', async () => {
    const background = startTestBackground();
    await background.send({ type: 'catalog.import', text: JSON.stringify(catalogInput()) });
    const start = await background.revision();
    const surfaces = ['options', 'popup', 'tab-a', 'tab-b'];
    const requests: AnyRequest[] = surfaces.flatMap((surface) =>
      Array.from({ length: 10 }, (_, i): AnyRequest[] => [
        { type: 'entity.save', kind: 'people', value: { id: `p-${surface}-${i}`, name: `${surface} ${i}` } },
        {
          type: 'entity.save',
          kind: 'needs',
          value: { id: `n-${surface}-${i}`, title: `Need ${surface} ${i}`, team: 't-checkout' },
        },
        {
          type: 'entity.save',
          kind: 'links',
          value: { id: `l-${surface}-${i}`, need: 'n-seed', jira: { issue: `SHOP-${100 + i}` } },
        },
      ]).flat(),
    );
    // The links name a need that exists before they run.
    await background.send({ type: 'entity.save', kind: 'needs', value: { id: 'n-seed', title: 'Seed' } });
    const answers = await Promise.all(requests.map((request) => background.send(request)));
    for (const answer of answers) expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
    const revisions = answers
      .map((answer) => (answer as { revision: number }).revision)
      .sort((a, b) => a - b);
    expect(new Set(revisions).size, 'each edit got a revision of its own').toBe(requests.length);
    expect(await background.revision()).toBe(start + 1 + requests.length);

    const db = await openTandemDb();
    try {
      const read = await readLayers(db);
      if (!read.ok) throw new Error(JSON.stringify(read));
      const local = read.layers.find((layer) => layer.meta.layer === 'local')?.catalog;
      for (const request of requests) {
        if (request.type !== 'entity.save') continue;
        const list = local?.[request.kind] as { id?: string }[];
        expect(
          list.map((item) => item.id),
          String(request.value.id),
        ).toContain(request.value.id);
      }
    } finally {
      db.close();
    }
    // Every page then sees the same catalog: every new link resolves.
    const resolved = await background.send({
      type: 'resolve',
      record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-105' },
    });
    expect(resolved.ok && resolved.context.needs.map((need) => need.id)).toEqual(['n-seed']);
  });

  it('keeps edits and deletes of the same entity from different pages in one order', async () => {
    const background = startTestBackground();
    await background.send({ type: 'catalog.import', text: JSON.stringify(catalogInput()) });
    const saves = Array.from({ length: 30 }, (_, i) =>
      background.send({
        type: 'entity.save',
        kind: 'people',
        value: { id: 'p-contested', name: `Version ${i}` },
        ...(i > 0 ? { replaces: 'p-contested' } : {}),
      }),
    );
    await Promise.all(saves);
    const query = await background.send({
      type: 'catalog.query',
      kind: 'people',
      text: '',
      offset: 0,
      limit: 50,
      id: 'p-contested',
    });
    if (!query.ok) throw new Error(query.error);
    expect(query.rows.filter((row) => row.id === 'p-contested')).toHaveLength(1);
    const read = await readLayers(await openTandemDb());
    expect(read.ok).toBe(true);
  });

  it('keeps an edit saved from a tab while the options page imports CSV rows', async () => {
    const lost: string[] = [];
    // The tab's save arrives just before, with, or during the import, as it would in real use.
    for (const delay of [-1, 0, 1, 5]) {
      const background = startTestBackground();
      await background.send({ type: 'catalog.import', text: JSON.stringify(catalogInput()) });
      const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `p-csv-${i}`, name: `CSV ${i}` }));
      const save = () =>
        background.send({
          type: 'entity.save',
          kind: 'needs',
          value: { id: 'n-from-tab', title: 'From a tab' },
        });
      const early = delay < 0 ? save() : undefined;
      const [imported, saved] = await Promise.all([
        background.send({ type: 'catalog.importRows', kind: 'people', rows, mode: 'merge' }),
        early ?? new Promise((resolve) => setTimeout(resolve, delay)).then(save),
      ]);
      expect(imported).toMatchObject({ ok: true });
      expect(saved).toMatchObject({ ok: true });
      const db = await openTandemDb();
      const read = await readLayers(db);
      db.close();
      if (!read.ok) throw new Error(JSON.stringify(read));
      const local = read.layers.find((layer) => layer.meta.layer === 'local')?.catalog;
      expect(local?.people).toHaveLength(4 + 2000);
      if (!local?.needs.some((need) => need.id === 'n-from-tab'))
        lost.push(delay < 0 ? 'saved just before the import' : `saved ${delay} ms into the import`);
    }
    expect(lost, 'edits answered ok and then lost').toEqual([]);
  });

  // Was a bug: two settings changes at once could lose one. Settings writers now take turns.
  it('keeps both of two settings changes made at once from the options page and a tab', async () => {
    const background = startTestBackground();
    await background.send({ type: 'settings.get' });
    const [pinned, remembered] = await Promise.all([
      background.send({ type: 'settings.update', patch: { pinnedTeams: ['t-checkout'] } }),
      background.send({
        type: 'settings.update',
        patch: { panelByHost: { 'jira-cloud': { collapsed: true } } },
      }),
    ]);
    expect(pinned.ok && remembered.ok).toBe(true);
    const settings = await background.send({ type: 'settings.get' });
    expect(settings.ok && settings.settings.pinnedTeams).toEqual(['t-checkout']);
    expect(settings.ok && settings.settings.panelByHost).toEqual({ 'jira-cloud': { collapsed: true } });
  });
});
