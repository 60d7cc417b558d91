import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCatalogService } from '@/utils/background/catalog-service';
import {
  createKeptAnswers,
  KEPT_ANSWER_MAX_CHARS,
  KEPT_ANSWERS,
  KEPT_ANSWERS_KEY,
  KEPT_ANSWERS_VERSION,
} from '@/utils/background/kept-answers';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';
import { canonicalJson } from '@/utils/sync/diff';
import { sourceLayer } from '@/utils/sync/source-id';
import { validCatalog } from '../catalog/build';

let n = 0;
const demoText = () => readFileSync(resolvePath(process.cwd(), 'demo/catalog.json'), 'utf8');
const shop142: RecordRef = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' };

/** The background's catalog service with kept answers over `name`, as a (re)started worker wires it. */
function worker(name: string, sourceOrder: () => Promise<string[]> = async () => []) {
  const openDb = () => openTandemDb({ name });
  const kept = createKeptAnswers({ openDb, sourceOrder, keepAfterMs: 0 });
  const find = vi.fn(kept.find);
  const catalog = createCatalogService({ openDb, sourceOrder, keptAnswers: { find, keep: kept.keep } });
  return { catalog, find };
}

async function keptRecord(name: string) {
  const db = await openTandemDb({ name });
  const record = await db.get('settings', KEPT_ANSWERS_KEY);
  db.close();
  return record as
    | { value: { answers: { record: string; revision: number; layers: string[] }[] } }
    | undefined;
}

const context = (title: string): ResolvedContext => ({
  needs: [],
  team: null,
  catalogName: title,
});

describe("the panels' last answers, kept between starts", () => {
  it('answers the first resolve after a restart from the kept answer, the same as the last one given', async () => {
    const name = `kept-${++n}`;
    const first = worker(name);
    await first.catalog.handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    const given = await first.catalog.resolve(shop142);
    expect(given.context.needs[0]?.id).toBe('n-reorder');
    await expect.poll(async () => (await keptRecord(name))?.value.answers.length).toBe(1);

    // The snapshot emptied behind its back: only the kept answer can give the same one.
    const db = await openTandemDb({ name });
    await db.clear('lookups');
    await db.clear('buckets');
    db.close();
    const restarted = worker(name);
    expect(await restarted.catalog.resolve(shop142)).toEqual(given);
    expect(restarted.find).toHaveBeenCalledTimes(1);
    expect(restarted.catalog.inMemory()).toBe(false);
  });

  it('keeps cold answers too, and never uses one after the catalog changed', async () => {
    const name = `kept-${++n}`;
    const first = worker(name);
    await first.catalog.handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    // A restarted worker answers cold (nothing kept yet) and keeps that answer.
    const second = worker(name);
    const cold = await second.catalog.resolve(shop142);
    await expect.poll(async () => (await keptRecord(name))?.value.answers[0]?.revision).toBe(1);
    // Another import: revision 2, in which SHOP-142 has no need.
    const catalog = JSON.parse(demoText()) as { links: { jira?: { issue?: string } }[] };
    catalog.links = catalog.links.filter((link) => link.jira?.issue !== 'SHOP-142');
    await second.catalog.handlers['catalog.import']({
      type: 'catalog.import',
      text: JSON.stringify(catalog),
    });
    const third = worker(name);
    const after = await third.catalog.resolve(shop142);
    expect(after.revision).toBe(2);
    expect(after.context.needs.map((need) => need.id)).not.toEqual(cold.context.needs.map((need) => need.id));
  });

  it('uses an answer only for the merge order of layers it was worked out for', async () => {
    const name = `kept-${++n}`;
    const db = await openTandemDb({ name });
    const [a, b] = [sourceLayer('a'), sourceLayer('b')];
    await replaceLayer(db, a, validCatalog());
    await replaceLayer(db, b, validCatalog());
    db.close();
    let order = [a, b];
    const kept = createKeptAnswers({
      openDb: () => openTandemDb({ name }),
      sourceOrder: async () => order,
      keepAfterMs: 0,
    });
    kept.keep(shop142, { revision: 2, context: context('kept') }, [a, b]);
    await expect.poll(async () => (await keptRecord(name))?.value.answers.length).toBe(1);
    expect((await kept.find(shop142))?.context.catalogName).toBe('kept');
    order = [b, a];
    expect(await kept.find(shop142)).toBeNull();
    // Another record was never kept.
    order = [a, b];
    expect(await kept.find({ ...shop142, key: 'SHOP-1' })).toBeNull();
  });

  it('trusts nothing it reads: a damaged answer or another version of the record is not used', async () => {
    const name = `kept-${++n}`;
    const db = await openTandemDb({ name });
    await replaceLayer(db, LOCAL_LAYER, validCatalog());
    const entry = { revision: 1, layers: [LOCAL_LAYER] };
    const open = () =>
      createKeptAnswers({ openDb: () => openTandemDb({ name }), sourceOrder: async () => [] });
    const put = (schemaVersion: number, answer: unknown) =>
      db.put('settings', { key: KEPT_ANSWERS_KEY, schemaVersion, value: { answers: [answer] } });
    const canonical = { ...entry, record: canonicalJson(shop142) };
    await put(KEPT_ANSWERS_VERSION, { ...canonical, context: context('fine') });
    expect((await open().find(shop142))?.context.catalogName).toBe('fine');
    await put(KEPT_ANSWERS_VERSION, { ...canonical, context: { needs: 'not a list', team: null } });
    expect(await open().find(shop142)).toBeNull();
    await put(KEPT_ANSWERS_VERSION + 1, { ...canonical, context: context('fine') });
    expect(await open().find(shop142)).toBeNull();
    await put(KEPT_ANSWERS_VERSION, { ...canonical, revision: 'one', context: context('fine') });
    expect(await open().find(shop142)).toBeNull();
    db.close();
  });

  it(`keeps the ${KEPT_ANSWERS} records answered last, newest first; not a huge answer, nor "no catalog"`, async () => {
    const name = `kept-${++n}`;
    const kept = createKeptAnswers({
      openDb: () => openTandemDb({ name }),
      sourceOrder: async () => [],
      keepAfterMs: 0,
    });
    for (let i = 0; i < KEPT_ANSWERS + 5; i++)
      kept.keep({ ...shop142, key: `SHOP-${i}` }, { revision: 1, context: context(`${i}`) }, [LOCAL_LAYER]);
    kept.keep(
      { ...shop142, key: 'SHOP-HUGE' },
      { revision: 1, context: context('x'.repeat(KEPT_ANSWER_MAX_CHARS)) },
      [LOCAL_LAYER],
    );
    kept.keep(
      { ...shop142, key: 'SHOP-NONE' },
      { revision: 0, context: { needs: [], team: null, noCatalog: true } },
      [],
    );
    await expect
      .poll(async () => (await keptRecord(name))?.value.answers[0]?.record)
      .toContain(`SHOP-${KEPT_ANSWERS + 4}`);
    const answers = (await keptRecord(name))?.value.answers ?? [];
    expect(answers).toHaveLength(KEPT_ANSWERS);
    expect(answers.at(-1)?.record).toContain('"SHOP-5"');
    expect(answers.some((answer) => /HUGE|NONE/.test(answer.record))).toBe(false);
  });
});
