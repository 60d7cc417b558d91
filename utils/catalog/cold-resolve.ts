/**
 * The first answers after the background starts, before the whole catalog is loaded: resolves a
 * record from the stored resolve snapshots (lookups.ts) and the buckets that hold the entities it
 * names, reading a few dozen records instead of the catalog. Every entity the answer uses is
 * parsed with the catalog's zod schemas first.
 *
 * The answer is the full resolver's own (resolve.ts), run on the part of the merged catalog the
 * record can reach: every link filed under a key the resolver asks for (`targetsOf`), every
 * link of the needs those name (their work in flight), those needs, their teams and the people
 * both name, each as the merge would keep it (the first layer to define an id wins). The full
 * index gives the same answer for that record (tests/catalog/cold-resolve.test.ts checks it).
 *
 * Gives up (null) whenever it cannot stand in for the full load: a layer without a current
 * snapshot (an upgraded or older database), two entities of a kind sharing an id in a layer, or
 * anything that fails to parse. The caller then loads, validates and indexes everything.
 */
import { z } from 'zod';
import { bucketOf, type Columns, type Entry, entriesOf, entryKey } from '@/utils/catalog/buckets';
import type { LayerMeta, TandemDb } from '@/utils/catalog/db';
import type { EntityKind } from '@/utils/catalog/kinds';
import { LOOKUPS_VERSION, needLookupKey, targetLookupKey } from '@/utils/catalog/lookups';
import { inMergeOrder, mergeLayers, needsSourceOrder } from '@/utils/catalog/merge';
import { ENTITY_SCHEMAS, layerDocument } from '@/utils/catalog/repo';
import { resolveRecord, targetsOf } from '@/utils/catalog/resolve';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { Catalog, Link, Need, Person, Team } from '@/utils/catalog/schema';
import { parseBucket, parseLookup, revisionOf, StoredLayerMeta, StoredLayout } from '@/utils/catalog/stored';
import { parseCatalogShape } from '@/utils/catalog/validate';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';

export interface ColdAnswer {
  revision: number;
  context: ResolvedContext;
}

/** Why the snapshot could not answer; the caller falls back to the full load. */
class Unanswerable extends Error {}

interface Layer {
  rank: number;
  meta: LayerMeta;
  entityBuckets: Record<EntityKind, number>;
  lookupBuckets: number;
}

interface Found<T> {
  rank: number;
  ordinal: number;
  value: T;
}

const LayerNames = z.array(z.string());

const NO_CATALOG: ResolvedContext = { needs: [], team: null, noCatalog: true };

/**
 * What cold answers share while the full load runs: the parsed layouts and every bucket already
 * read (parsed when read), for one state of the database. Each answer checks it still describes
 * what its own transaction sees (revision, layers, layouts, order) and starts afresh otherwise.
 */
export interface ColdCache {
  key: string;
  layers: Layer[];
  heads: { layer: string; catalog: Catalog }[];
  reads: Map<string, Promise<void>>;
  lookupBuckets: Map<string, Map<string, Columns>>;
  entityBuckets: Map<string, Entry[]>;
  chosen: Map<string, Found<unknown> | null>;
}

export function newColdCache(): ColdCache {
  return {
    key: '',
    layers: [],
    heads: [],
    reads: new Map(),
    lookupBuckets: new Map(),
    entityBuckets: new Map(),
    chosen: new Map(),
  };
}

export async function coldResolve(
  db: TandemDb,
  record: RecordRef,
  sourceOrder: () => Promise<string[]>,
  cache: ColdCache = newColdCache(),
): Promise<ColdAnswer | null> {
  try {
    // The order of shared sources comes from the settings, outside this transaction; only asked
    // for when it matters.
    const names = parsed(LayerNames.safeParse(await db.getAllKeys('layers')));
    const order = needsSourceOrder(names) ? await sourceOrder() : null;
    return await answer(db, record, order, cache);
  } catch (error) {
    if (error instanceof Unanswerable) return null;
    throw error;
  }
}

/**
 * Reads and parses what every cold answer starts from (the layers, their layouts and document
 * fields) into `cache`, ahead of the first page's request: a browser start's worker does it while
 * the pages are still loading. Nothing when the snapshot cannot answer (the full load will).
 */
export async function primeColdCache(
  db: TandemDb,
  sourceOrder: () => Promise<string[]>,
  cache: ColdCache,
): Promise<void> {
  try {
    const names = parsed(LayerNames.safeParse(await db.getAllKeys('layers')));
    await openCold(db, needsSourceOrder(names) ? await sourceOrder() : null, cache);
  } catch (error) {
    if (!(error instanceof Unanswerable)) throw error;
  }
}

function parsed<T>(result: { success: true; data: T } | { success: false }): T {
  if (!result.success) throw new Unanswerable();
  return result.data;
}

/** The layers in merge order with their layouts, and their document fields, all parsed. */
function describeLayers(
  rawMetas: unknown[],
  rawLayouts: unknown[],
  order: readonly string[] | null,
): Pick<ColdCache, 'layers' | 'heads'> {
  const metas = rawMetas.map((raw) => parsed(StoredLayerMeta.safeParse(raw)) as LayerMeta);
  // Another source may have landed since the order was (not) read.
  if (order === null && needsSourceOrder(metas.map((meta) => meta.layer))) throw new Unanswerable();
  const layouts = new Map(rawLayouts.map((raw) => [String((raw as { layer?: unknown }).layer), raw]));
  const layers: Layer[] = inMergeOrder(metas, (meta) => meta.layer, order ?? []).map((meta, rank) => {
    const layout = parsed(StoredLayout.safeParse(layouts.get(meta.layer)));
    if (layout.lookups?.version !== LOOKUPS_VERSION || layout.duplicates) throw new Unanswerable();
    return { rank, meta, entityBuckets: layout.buckets, lookupBuckets: layout.lookups.buckets };
  });
  // Each layer's document fields (name, sites) as the full read would parse them.
  const heads = layers.map(({ meta }) => {
    const head = parseCatalogShape(layerDocument(meta, { people: [], teams: [], needs: [], links: [] }));
    if (!head.ok) throw new Unanswerable();
    return { layer: meta.layer, catalog: head.catalog };
  });
  return { layers, heads };
}

/**
 * One cold read: a read-only transaction over the stored snapshot, the layers as `cache` holds them
 * for this database state, and readers that fetch each bucket once and pick an id's first
 * definition in merge order, parsed.
 */
async function openCold(db: TandemDb, order: readonly string[] | null, cache: ColdCache) {
  const tx = db.transaction(['layers', 'layouts', 'state', 'buckets', 'lookups'], 'readonly');
  const [rawMetas, rawLayouts, state] = await Promise.all([
    tx.objectStore('layers').getAll(),
    tx.objectStore('layouts').getAll(),
    tx.objectStore('state').get('revision'),
  ]);
  const key = JSON.stringify([state ?? null, order, rawMetas, rawLayouts]);
  if (key !== cache.key)
    Object.assign(cache, newColdCache(), { key }, describeLayers(rawMetas, rawLayouts, order));
  const { layers, reads, lookupBuckets, entityBuckets, chosen } = cache;

  // Reading: each bucket once (while the cache holds, all of one database state), parsed when read.
  const once = (at: string, read: () => Promise<void>) => {
    let pending = reads.get(at);
    if (!pending) {
      pending = read();
      reads.set(at, pending);
    }
    return pending;
  };
  const readLookups = (keys: Iterable<string>) =>
    Promise.all(
      layers.flatMap((layer) =>
        [...new Set([...keys].map((key) => bucketOf(key, layer.lookupBuckets)))].map((n) => {
          const at = `${layer.rank}/${n}`;
          return once(at, async () => {
            const raw = await tx.objectStore('lookups').get([layer.meta.layer, n]);
            const bucket = raw === undefined ? new Map() : parseLookup(raw);
            if (!bucket) throw new Unanswerable();
            lookupBuckets.set(at, bucket);
          });
        }),
      ),
    );
  /** Reads the buckets of `kind` that hold `ids` in every layer; with `ids` null, all of them. */
  const readEntities = (kind: EntityKind, ids: Iterable<string> | null) =>
    Promise.all(
      layers.flatMap((layer) => {
        const count = layer.entityBuckets[kind];
        const numbers =
          ids === null
            ? Array.from({ length: count }, (_, n) => n)
            : [...new Set([...ids].map((id) => bucketOf(id, count)))];
        return numbers.map((n) => {
          const at = `${layer.rank}/${kind}/${n}`;
          return once(at, async () => {
            const raw = await tx.objectStore('buckets').get([layer.meta.layer, kind, n]);
            const bucket = raw === undefined ? { ordinals: [], values: [] } : parseBucket(raw);
            if (!bucket) throw new Unanswerable();
            entityBuckets.set(at, entriesOf(bucket));
          });
        });
      }),
    );

  // The first definition of an id in merge order, as stored (not parsed); null when no layer has it.
  function firstRaw(kind: EntityKind, id: string): Found<unknown> | null {
    let found: Found<unknown> | null = null;
    for (const layer of layers) {
      const bucket = entityBuckets.get(`${layer.rank}/${kind}/${bucketOf(id, layer.entityBuckets[kind])}`);
      if (bucket === undefined) throw new Error(`${kind} bucket of "${id}" was not read`);
      for (const entry of bucket) {
        if (entryKey(entry) !== id || (found && found.rank === layer.rank && found.ordinal < entry[0]))
          continue;
        found = { rank: layer.rank, ordinal: entry[0], value: entry[1] };
      }
      if (found) break;
    }
    return found;
  }

  // The first definition of an id in merge order, parsed; undefined when no layer has it.
  function first<T>(kind: EntityKind, id: string): Found<T> | undefined {
    const at = `${kind}/${id}`;
    if (!chosen.has(at)) {
      const found = firstRaw(kind, id);
      if (found) found.value = parsed<unknown>((ENTITY_SCHEMAS[kind] as z.ZodType).safeParse(found.value));
      chosen.set(at, found);
    }
    return (chosen.get(at) ?? undefined) as Found<T> | undefined;
  }

  /** Every id of `kind` the layers hold (their buckets must have been read whole). */
  function idsOf(kind: EntityKind): Set<string> {
    const ids = new Set<string>();
    for (const layer of layers)
      for (let n = 0; n < layer.entityBuckets[kind]; n++)
        for (const entry of entityBuckets.get(`${layer.rank}/${kind}/${n}`) ?? []) ids.add(entryKey(entry));
    return ids;
  }

  return {
    state,
    layers,
    heads: cache.heads,
    lookupBuckets,
    readLookups,
    readEntities,
    firstRaw,
    first,
    idsOf,
  };
}

async function answer(
  db: TandemDb,
  record: RecordRef,
  order: readonly string[] | null,
  cache: ColdCache,
): Promise<ColdAnswer> {
  const { state, layers, heads, lookupBuckets, readLookups, readEntities, first } = await openCold(
    db,
    order,
    cache,
  );
  if (layers.length === 0) return { revision: 0, context: NO_CATALOG };

  // Links, by layer and ordinal, parsed.
  const links = new Map<string, Found<Link>>();
  const addLinks = (key: string) => {
    for (const layer of layers) {
      const bucket = lookupBuckets.get(`${layer.rank}/${bucketOf(key, layer.lookupBuckets)}`);
      const filed = bucket?.get(key);
      for (const [ordinal, value] of filed ? entriesOf(filed) : []) {
        const at = `${layer.rank}/${ordinal}`;
        if (!links.has(at))
          links.set(at, { rank: layer.rank, ordinal, value: parsed(ENTITY_SCHEMAS.links.safeParse(value)) });
      }
    }
  };

  // 1. The links filed under what the record is looked up by.
  const targetKeys = [...new Set(targetsOf(record).map(targetLookupKey))];
  await readLookups(targetKeys);
  for (const key of targetKeys) addLinks(key);

  // 2. The needs and teams they name, and every link of those needs.
  const needIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const { value } of links.values()) {
    if (value.need !== undefined) needIds.add(value.need);
    if (value.team !== undefined) teamIds.add(value.team);
  }
  await Promise.all([
    readEntities('needs', needIds),
    readEntities('teams', teamIds),
    readLookups([...needIds].map(needLookupKey)),
  ]);
  for (const id of needIds) addLinks(needLookupKey(id));
  const needs = [...needIds].flatMap((id) => first<Need>('needs', id) ?? []);

  // 3. The needs' teams, and, across layers, whether an earlier layer's link takes a link's id.
  for (const { value } of needs) if (value.team !== undefined) teamIds.add(value.team);
  const linkIds = new Set<string>();
  if (layers.length > 1)
    for (const { value } of links.values()) if (value.id !== undefined) linkIds.add(value.id);
  await Promise.all([readEntities('teams', teamIds), readEntities('links', linkIds)]);
  const teams = [...teamIds].flatMap((id) => first<Team>('teams', id) ?? []);

  // 4. The people the teams and needs name.
  const personIds = new Set<string>();
  for (const { value } of teams) for (const id of [value.businessLead, value.itLead]) personIds.add(id);
  for (const { value } of needs)
    for (const id of [value.businessOwner, value.itOwner]) if (id !== undefined) personIds.add(id);
  await readEntities('people', personIds);
  const people = [...personIds].flatMap((id) => first<Person>('people', id) ?? []);

  // The merge keeps a link unless an earlier one (in merge order) has its id.
  const kept = [...links.values()].filter(({ rank, ordinal, value }) => {
    if (value.id === undefined || layers.length === 1) return true;
    const owner = first<Link>('links', value.id);
    return owner?.rank === rank && owner.ordinal === ordinal;
  });
  kept.sort((a, b) => a.rank - b.rank || a.ordinal - b.ordinal);

  const { catalog: merged } = mergeLayers(heads);
  const slice: Catalog = {
    ...merged,
    people: people.map((found) => found.value),
    teams: teams.map((found) => found.value),
    needs: needs.map((found) => found.value),
    links: kept.map((found) => found.value),
  };
  return { revision: revisionOf(state), context: resolveRecord(buildResolveIndex(slice), record) };
}

/** A team of the merged catalog with its leads, as the popup's charter links show it. */
export interface ColdTeam {
  team: Team;
  businessLead?: Person;
  itLead?: Person;
}

/** A team's id and name, as the popup's charter links are chosen and sorted by. */
export interface TeamName {
  id: string;
  name: string;
}

/** Which teams a charter list shows: the ids chosen from all the teams' names (query-service.ts). */
export type ChooseTeams = (teams: readonly TeamName[]) => ReadonlySet<string>;

/**
 * The merged catalog's teams and their leads, read cold: every team bucket and the people buckets
 * that hold the chosen teams' leads, instead of the whole catalog (the popup's charter links after
 * a browser start). Only the chosen teams are parsed, and only their leads read: the names of the
 * others (a plain string, or nothing) only decide the choice and the count. Null when the
 * snapshot cannot stand in for the full load, as for `coldResolve`.
 */
export async function coldTeams(
  db: TandemDb,
  sourceOrder: () => Promise<string[]>,
  cache: ColdCache = newColdCache(),
  choose: ChooseTeams = (teams) => new Set(teams.map((team) => team.id)),
): Promise<{ revision: number; teams: ColdTeam[]; total: number } | null> {
  try {
    const names = parsed(LayerNames.safeParse(await db.getAllKeys('layers')));
    const order = needsSourceOrder(names) ? await sourceOrder() : null;
    const { state, layers, readEntities, firstRaw, first, idsOf } = await openCold(db, order, cache);
    if (layers.length === 0) return { revision: 0, teams: [], total: 0 };
    await readEntities('teams', null);
    const all = [...idsOf('teams')].map((id) => {
      const raw = firstRaw('teams', id)?.value as { name?: unknown } | undefined;
      return { id, name: typeof raw?.name === 'string' ? raw.name : '' };
    });
    const chosen = choose(all);
    const teams = all.flatMap(({ id }) => (chosen.has(id) ? (first<Team>('teams', id)?.value ?? []) : []));
    await readEntities(
      'people',
      teams.flatMap((team) => [team.businessLead, team.itLead]),
    );
    const person = (id: string) => first<Person>('people', id)?.value;
    return {
      revision: revisionOf(state),
      total: all.length,
      teams: teams.map((team) => ({
        team,
        businessLead: person(team.businessLead),
        itLead: person(team.itLead),
      })),
    };
  } catch (error) {
    if (error instanceof Unanswerable) return null;
    throw error;
  }
}
