/**
 * What the update-in-place files share (storage-update.e2e.ts in Chromium,
 * firefox-storage-update.e2e.ts in Firefox): the fixture databases of every landed storage format
 * (tests/fixtures/idb/, docs/storage.md), the stand-in of an old build that only keeps one, the
 * page-side code that writes one in the extension's origin, and what the updated build must show.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from './harness/browser';
import { AVAILABLE_HOSTS } from './panel-support';

const FIXTURES = path.join(projectRoot, 'tests/fixtures/idb');

/** `v1` … `v7`, `v5-629a4ef`: one per fixture database, in name order. */
export const FIXTURE_NAMES = readdirSync(FIXTURES)
  .map((file) => /^(v\d+(?:-\w+)?)\.json$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .sort();

/** The tabs open across the update: a Jira issue and a CRM record, each with a need linked in every fixture. */
export const UPDATE_TABS = AVAILABLE_HOSTS.filter(
  (host) => host.host === 'jira-cloud' || host.host === 'salesforce',
);
export const NEED_OF: Record<string, string> = { 'jira-cloud': 'n-reorder', salesforce: 'n-alerts' };

const KINDS = ['people', 'teams', 'needs', 'links'] as const;

export interface IdbFixture {
  database: string;
  version: number;
  stores: {
    name: string;
    keyPath?: string | string[];
    autoIncrement?: boolean;
    indexes?: { name: string; keyPath: string | string[] }[];
    records: unknown[];
  }[];
  expected: {
    revision: number;
    layers: Record<string, { document: Record<string, unknown[]> }>;
    settings: Record<string, unknown> | null;
  };
}

export function readIdbFixture(name: string): IdbFixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as IdbFixture;
}

/**
 * Writes the fixture at its own version, with its own stores; runs in an extension page (handed to
 * `page.evaluate`, so no named inner functions). It refuses a database that is already there: the
 * old build's data must be the fixture's alone.
 */
export function writeFixtureDatabase(dump: IdbFixture): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let created = false;
    const request = indexedDB.open(dump.database, dump.version);
    request.onupgradeneeded = () => {
      created = request.result.objectStoreNames.length === 0;
      if (!created) return;
      for (const store of dump.stores) {
        const made = request.result.createObjectStore(store.name, {
          ...(store.keyPath !== undefined ? { keyPath: store.keyPath } : {}),
          ...(store.autoIncrement ? { autoIncrement: true } : {}),
        });
        for (const index of store.indexes ?? []) made.createIndex(index.name, index.keyPath);
        for (const record of store.records) made.add(record);
      }
    };
    request.onsuccess = () => {
      request.result.close();
      if (created) resolve();
      else reject(new Error(`a database "${dump.database}" was already there: not seeded`));
    };
    request.onerror = () => reject(request.error);
  });
}

/**
 * A copy of `buildDir` standing in for an old build: version 0.0.1 (below any real one, so the
 * current build is an update), its background replaced by `backgroundScript` (it keeps the
 * database and nothing else), and an empty `seed.html` to write the fixture from.
 */
export function makeStandIn(
  buildDir: string,
  background: Record<string, unknown>,
  backgroundScript: string,
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-update-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.version = '0.0.1';
  manifest.background = background;
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'seed-background.js'), backgroundScript);
  writeFileSync(path.join(dir, 'seed.html'), '<!doctype html><title>seed</title>\n');
  return dir;
}

/** The options page's `catalog-counts` line for everything in the fixture's layers. */
export function expectedCounts(fixture: IdbFixture): string {
  const layers = Object.values(fixture.expected.layers);
  const total = (kind: (typeof KINDS)[number]) =>
    layers.reduce((sum, layer) => sum + (layer.document[kind]?.length ?? 0), 0);
  return `${total('people')} people · ${total('teams')} teams · ${total('needs')} needs · ${total('links')} links`;
}

/** Sends one protocol message from an extension page of the updated build. */
export type Ask = <T>(message: object) => Promise<T>;

/** The updated background answers with the fixture's revision, settings and every local entity. */
export async function expectEverythingKept(ask: Ask, fixture: IdbFixture): Promise<void> {
  const summary = await ask<{ ok: boolean; summary: { revision: number } }>({ type: 'catalog.summary' });
  expect(summary.summary.revision).toBe(fixture.expected.revision);
  const settings = await ask<{ ok: boolean; settings: Record<string, unknown> }>({ type: 'settings.get' });
  expect(settings.ok).toBe(true);
  if (fixture.expected.settings) expect(settings.settings).toMatchObject(fixture.expected.settings);
  const exported = await ask<{ ok: boolean; text: string }>({
    type: 'catalog.export',
    scope: 'local',
    format: 'json',
  });
  const local = JSON.parse(exported.text) as Record<string, { id?: string }[]>;
  const expectedLocal = fixture.expected.layers.local?.document as Record<string, { id?: string }[]>;
  for (const kind of KINDS)
    expect(local[kind]?.map((item) => item.id).sort(), kind).toEqual(
      expectedLocal[kind]?.map((item) => item.id).sort(),
    );
}
