/**
 * The cold path (utils/catalog/cold-resolve.ts) against the full index: on generated catalogs,
 * every record the fixture sites show and one record per link target resolve to the very same
 * answer both ways, in one layer and across layers whose ids collide, and after edits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderLayers } from '@/utils/background/catalog-service';
import { coldResolve } from '@/utils/catalog/cold-resolve';
import { LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { mergeLayers } from '@/utils/catalog/merge';
import {
  deleteEntity,
  putEntity,
  readLayers,
  replaceLayer,
  rewriteLayers,
  staleLayers,
} from '@/utils/catalog/repo';
import { resolveRecord } from '@/utils/catalog/resolve';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { Link } from '@/utils/catalog/schema';
import type { RecordRef } from '@/utils/catalog/view';
import {
  type CatalogSize,
  FIXTURE_ANCHORS,
  type GeneratedCatalog,
  generateCatalog,
} from '../../bench/generate-catalog';
import { catalogInput, validCatalog } from './build';
import { freshDatabases, parsedCatalog, putLegacyLayer, putRawEntry } from './storage';

const SIZE: CatalogSize = { needs: 240, people: 60, teams: 16, links: 900 };
const DEFAULT_OBJECT = {
  salesforce: 'Account',
  hubspot: 'company',
  dynamics: 'account',
  zendesk: 'organization',
};

const freshDb = freshDatabases('cold');
const parsed = parsedCatalog;

/** What the Jira fixtures show: each issue with its parent or epic, labels and components. */
function jiraFixtureRecords(): RecordRef[] {
  return ['jira-cloud', 'jira-dc'].flatMap((site) => {
    const data = JSON.parse(readFileSync(path.join('tests/fixtures', site, 'data.json'), 'utf8')) as {
      issues: {
        key: string;
        parent?: string | null;
        epicLink?: string | null;
        labels?: string[];
        components?: string[];
      }[];
    };
    return data.issues.map(
      (issue): RecordRef => ({
        kind: 'jira',
        host: site === 'jira-dc' ? 'jira-dc' : 'jira-cloud',
        key: issue.key,
        ...(issue.parent ? { parent: issue.parent } : {}),
        ...(issue.epicLink ? { epic: issue.epicLink } : {}),
        labels: issue.labels ?? [],
        components: issue.components ?? [],
      }),
    );
  });
}

/** What the CRM fixtures show, by id and by name, and a ticket standing for its organization. */
function crmFixtureRecords(): RecordRef[] {
  return FIXTURE_ANCHORS.flatMap(({ crm }): RecordRef[] => {
    if (!crm) return [];
    if (crm.id) {
      const object = crm.object ?? DEFAULT_OBJECT[crm.system];
      return [
        { kind: 'crm', host: crm.system, object, id: crm.id },
        { kind: 'crm', host: crm.system, object: 'ticket', id: '99', related: [{ object, id: crm.id }] },
      ];
    }
    return [
      { kind: 'crm', host: crm.system, object: DEFAULT_OBJECT[crm.system], id: '1', names: [crm.name ?? ''] },
    ];
  });
}

/** One record per link target in the catalog, so every key the snapshot files is asked for. */
function targetRecords(links: readonly Link[]): RecordRef[] {
  const seen = new Set<string>();
  const records: RecordRef[] = [];
  const add = (record: RecordRef) => {
    const key = JSON.stringify(record);
    if (!seen.has(key)) records.push(record);
    seen.add(key);
  };
  for (const { jira, crm } of links) {
    if (jira?.issue) add({ kind: 'jira', host: 'jira-cloud', key: jira.issue });
    else if (jira?.epic)
      add({ kind: 'jira', host: 'jira-cloud', key: `${jira.epic.split('-')[0]}-999999`, epic: jira.epic });
    else if (jira?.project)
      add({
        kind: 'jira',
        host: 'jira-cloud',
        key: `${jira.project}-424242`,
        labels: jira.label ? [jira.label.toUpperCase(), 'other'] : [],
        components: jira.component ? [jira.component] : [],
      });
    else if (crm?.id)
      add({ kind: 'crm', host: crm.system, object: crm.object ?? DEFAULT_OBJECT[crm.system], id: crm.id });
    else if (crm?.name)
      add({ kind: 'crm', host: crm.system, object: 'ticket', id: '7', names: [` ${crm.name}, Inc.`] });
  }
  return records;
}

/** The full path: read, validate, order, merge, index; the answer per record. */
async function fullAnswers(db: TandemDb, records: RecordRef[], order: string[]) {
  const read = await readLayers(db);
  if (!read.ok) throw new Error('unreadable');
  const merged = mergeLayers(
    orderLayers(read.layers, order).map(({ meta, catalog }) => ({ layer: meta.layer, catalog })),
  );
  const index = buildResolveIndex(merged.catalog);
  return records.map((record) => ({ revision: read.revision, context: resolveRecord(index, record) }));
}

async function coldAnswers(db: TandemDb, records: RecordRef[], order: string[]) {
  const answers = [];
  for (const record of records) answers.push(await coldResolve(db, record, async () => order));
  return answers;
}

async function expectSameAnswers(db: TandemDb, records: RecordRef[], order: string[] = []) {
  const [full, cold] = [await fullAnswers(db, records, order), await coldAnswers(db, records, order)];
  // Compared record by record, so a failure names the record.
  for (const [i, record] of records.entries())
    expect({ record, answer: cold[i] }).toEqual({ record, answer: full[i] });
  return full;
}

const generated = (seed: number, size = SIZE) => generateCatalog({ seed, size }) as GeneratedCatalog;

describe('cold resolve from the stored snapshot', () => {
  it('answers every fixture record and every link target exactly as the full index does', async () => {
    const catalog = parsed(generated(20260801));
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog);
    const records = [...jiraFixtureRecords(), ...crmFixtureRecords(), ...targetRecords(catalog.links)];
    expect(records.length).toBeGreaterThan(700);
    const full = await expectSameAnswers(db, records);
    // The comparison means something: most records find needs, some only a team, some nothing.
    expect(full.filter((answer) => answer.context.needs.length > 0).length).toBeGreaterThan(
      records.length / 2,
    );
    expect(full.some((answer) => answer.context.team !== null)).toBe(true);
    expect(full.some((answer) => answer.context.needs.some((need) => need.workItems.length > 1))).toBe(true);
  }, 60_000);

  it('follows the merge across layers: the first layer to define an id wins, for entities and links', async () => {
    const a = generated(7);
    const b = generated(8); // the same ids, other contents: every need, team, person and named link collides
    const local = generated(9, { needs: 120, people: 30, teams: 8, links: 300 });
    const db = await freshDb();
    // Layers keep their own references; across layers some now point elsewhere, as in real merges.
    await replaceLayer(db, 'source:a', parsed({ ...a, sites: { jira: ['https://a.atlassian.net'] } }));
    await replaceLayer(
      db,
      'source:b',
      parsed({ ...b, name: 'B', sites: { jira: ['https://b.atlassian.net'] } }),
    );
    await replaceLayer(db, LOCAL_LAYER, parsed({ ...local, name: undefined }));
    const all = [a, b, local].flatMap((catalog) => parsed(catalog).links);
    const records = [
      ...jiraFixtureRecords(),
      ...crmFixtureRecords(),
      ...targetRecords(all).filter((_, i) => i % 3 === 0),
    ];
    const bFirst = await expectSameAnswers(db, records, ['source:b', 'source:a']);
    const aFirst = await expectSameAnswers(db, records.slice(0, 150), ['source:a', 'source:b']);
    // The layers do collide, links included, and the order decides answers.
    const read = await readLayers(db);
    if (!read.ok) throw new Error('unreadable');
    const { conflicts } = mergeLayers(
      read.layers.map(({ meta, catalog }) => ({ layer: meta.layer, catalog })),
    );
    expect(new Set(conflicts.map((conflict) => conflict.kind))).toEqual(
      new Set(['people', 'teams', 'needs', 'links']),
    );
    expect(aFirst.some((answer, i) => JSON.stringify(answer) !== JSON.stringify(bFirst[i]))).toBe(true);
  }, 60_000);

  it('stays equal after single-entity edits, which rewrite the buckets and snapshot entries they touch', async () => {
    const catalog = parsed(generated(11));
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog);
    const link = catalog.links.find((item) => item.id !== undefined && item.jira?.issue && item.need);
    const need = catalog.needs[3];
    if (!link?.id || !need) throw new Error('no link to edit');
    // Move a link to another issue and need, add one, delete a need and a link, retitle a need.
    await putEntity(db, LOCAL_LAYER, 'links', link.id, {
      ...link,
      need: need.id,
      jira: { issue: 'SHOP-142' },
    });
    await putEntity(db, LOCAL_LAYER, 'links', 'l-new', {
      id: 'l-new',
      need: need.id,
      jira: { epic: 'SHOP-100' },
    });
    await putEntity(db, LOCAL_LAYER, 'needs', need.id, { ...need, title: 'Retitled' });
    await deleteEntity(db, LOCAL_LAYER, 'needs', catalog.needs[5]?.id ?? '');
    await deleteEntity(db, LOCAL_LAYER, 'links', catalog.links[0]?.id ?? '');
    const records = [...jiraFixtureRecords(), ...targetRecords([link, ...catalog.links.slice(0, 150)])];
    const full = await expectSameAnswers(db, records);
    const shop142 = full[records.findIndex((record) => record.kind === 'jira' && record.key === 'SHOP-142')];
    expect(shop142?.context.needs.find((item) => item.id === need.id)?.title).toBe('Retitled');
  }, 60_000);

  it('answers "no catalog" before anything is stored', async () => {
    const db = await freshDb();
    expect(
      await coldResolve(db, { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' }, async () => []),
    ).toEqual({
      revision: 0,
      context: { needs: [], team: null, noCatalog: true },
    });
  });

  it('gives way to the full load when an upgraded database has no snapshot yet, and answers once it is rebuilt', async () => {
    const db3 = await freshDb(4);
    await putLegacyLayer(db3, LOCAL_LAYER, parsed(generated(12)), { revision: 3 });
    db3.close();
    const db = await freshDb.reopen(db3.name);
    const record: RecordRef = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' };
    expect(await coldResolve(db, record, async () => [])).toBeNull();
    expect(await staleLayers(db, [LOCAL_LAYER])).toEqual([LOCAL_LAYER]);
    const read = await readLayers(db);
    if (!read.ok) throw new Error('unreadable');
    expect(await rewriteLayers(db, read.layers, read.revision)).toBe(true);
    expect(await staleLayers(db, [LOCAL_LAYER])).toEqual([]);
    await expectSameAnswers(db, [record, ...jiraFixtureRecords()]);
  });

  it('does not rebuild a snapshot over a catalog that changed since it was read', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, validCatalog());
    const read = await readLayers(db);
    if (!read.ok) throw new Error('unreadable');
    await replaceLayer(db, LOCAL_LAYER, validCatalog({ name: 'Newer' }));
    expect(await rewriteLayers(db, read.layers, read.revision)).toBe(false);
    const again = await readLayers(db);
    expect(again.ok && again.layers[0]?.catalog.name).toBe('Newer');
  });

  it('validates what the answer uses: a damaged need it would show makes it give way', async () => {
    const db = await freshDb();
    await replaceLayer(
      db,
      LOCAL_LAYER,
      parsed(
        catalogInput({
          needs: [{ id: 'n-a', title: 'A', team: 't-checkout' }],
          links: [
            { need: 'n-a', jira: { issue: 'SHOP-1' } },
            { need: 'n-dup', jira: { issue: 'SHOP-2' } },
          ],
        }),
      ),
    );
    const record = (key: string): RecordRef => ({ kind: 'jira', host: 'jira-cloud', key });
    expect(
      (await coldResolve(db, record('SHOP-1'), async () => []))?.context.needs.map((need) => need.id),
    ).toEqual(['n-a']);
    // A need stored without a title, where SHOP-2's link points: the answer to SHOP-2 would use it.
    await putRawEntry(db, LOCAL_LAYER, 'needs', [7, { id: 'n-dup', status: 'committed' }]);
    expect(await coldResolve(db, record('SHOP-2'), async () => [])).toBeNull();
    // SHOP-1's answer does not use it, so it is still answered; the full read reports the damage.
    expect((await coldResolve(db, record('SHOP-1'), async () => []))?.context.needs).toHaveLength(1);
    expect((await readLayers(db)).ok).toBe(false);
  });

  it('gives way when a layer holds two entities with one id (never written by a validated write)', async () => {
    const db = await freshDb();
    const catalog = validCatalog({
      needs: [{ id: 'n-a', title: 'A' }],
      links: [{ need: 'n-a', jira: { issue: 'SHOP-1' } }],
    });
    await replaceLayer(db, LOCAL_LAYER, {
      ...catalog,
      needs: [...catalog.needs, { ...catalog.needs[0], title: 'Again' } as never],
    });
    expect(
      await coldResolve(db, { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' }, async () => []),
    ).toBeNull();
  });
});
