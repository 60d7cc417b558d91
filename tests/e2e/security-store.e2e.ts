/**
 * Permissions and store readiness (docs/security.md), on the builds a store would receive:
 * `npm run zip` (both browsers, production: no test origin) into a temporary output folder, then
 * - the exact permissions, host access and exposure of each BUILT manifest;
 * - `web-ext lint` on the Firefox build: no error, and no warning from Tandem's own code. Two kinds
 *   come from libraries and are checked, each where it is flagged: UNSAFE_VAR_ASSIGNMENT must sit
 *   in Preact's `dangerouslySetInnerHTML` branch (which Tandem never uses: Biome's
 *   noDangerouslySetInnerHtml is an error here), and DANGEROUS_EVAL in zod's probe for whether the
 *   page allows eval (`new Function("")` in a try; extension CSPs say no, so zod never compiles);
 * - a zip per browser holding that manifest.
 * tests/manifest.test.ts fixes what utils/manifest.ts builds; this fixes what WXT actually writes.
 *
 * Run: npx vitest run -c vitest.e2e.config.ts tests/e2e/security-store.e2e.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DYNAMICS_MATCHES } from '../../utils/hosts/dynamics';
import { HUBSPOT_MATCHES } from '../../utils/hosts/hubspot';
import { JIRA_CLOUD_MATCHES } from '../../utils/hosts/jira-cloud';
import { SALESFORCE_MATCHES } from '../../utils/hosts/salesforce';
import { ZENDESK_MATCHES } from '../../utils/hosts/zendesk';
import { projectRoot } from './harness/browser';

const PERMISSIONS = ['scripting', 'alarms', 'storage'];
const OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'];
const CONTENT_MATCHES = [
  ...JIRA_CLOUD_MATCHES,
  ...SALESFORCE_MATCHES,
  ...HUBSPOT_MATCHES,
  ...DYNAMICS_MATCHES,
  ...ZENDESK_MATCHES,
].sort();

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[] }[];
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
  content_security_policy?: unknown;
  key?: string;
  update_url?: string;
  browser_specific_settings?: { gecko?: Record<string, unknown>; gecko_android?: Record<string, unknown> };
  [key: string]: unknown;
}

/** The entries of a zip file (stored or deflated), by name. Enough for WXT's zips. */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const entries = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('store readiness: the built extensions and their zips', () => {
  let out: string;
  let zips: string[];
  const manifest = (target: string) =>
    JSON.parse(readFileSync(path.join(out, target, 'manifest.json'), 'utf8')) as Manifest;

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'tandem-store-'));
    // A production build: none of the test build's variables.
    const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_OUT_DIR: out };
    for (const name of Object.keys(env)) if (/^(WXT_)?TANDEM_TEST_/.test(name)) delete env[name];
    const zip = spawnSync('npm', ['run', 'zip'], { cwd: projectRoot, env, encoding: 'utf8' });
    if (zip.status !== 0) throw new Error(`npm run zip failed:\n${zip.stdout}\n${zip.stderr}`);
    zips = readdirSync(out).filter((name) => name.endsWith('.zip'));
  }, 240_000);

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('Chrome (MV3): exactly scripting, alarms and storage, Jira Cloud for status reads; Jira Data Center and catalog origins optional', () => {
    const chrome = manifest('chrome-mv3');
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.permissions).toEqual(PERMISSIONS);
    expect(chrome.optional_host_permissions).toEqual(OPTIONAL_ORIGINS);
    // Only the content scripts' own sites, so tabs open before an install get the panel.
    expect([...(chrome.host_permissions ?? [])].sort()).toEqual(CONTENT_MATCHES);
    expect(chrome).not.toHaveProperty('optional_permissions');
  });

  it('Firefox (MV2): the same permissions, optional origins the MV2 way, no data collected', () => {
    const firefox = manifest('firefox-mv2');
    expect(firefox.manifest_version).toBe(2);
    expect(firefox.permissions?.slice(0, PERMISSIONS.length)).toEqual(PERMISSIONS);
    expect(firefox.permissions?.slice(PERMISSIONS.length).sort()).toEqual(CONTENT_MATCHES);
    expect(firefox.optional_permissions).toEqual(OPTIONAL_ORIGINS);
    expect(firefox).not.toHaveProperty('host_permissions');
    expect(firefox.browser_specific_settings?.gecko).toMatchObject({
      id: 'tandem@tandem.invalid',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it.each(['chrome-mv3', 'firefox-mv2'])(
    '%s: content scripts only on the hosts the adapters name, nothing exposed to pages or other extensions',
    (target) => {
      const built = manifest(target);
      const matches = (built.content_scripts ?? []).flatMap((script) => script.matches).sort();
      expect(matches).toEqual(CONTENT_MATCHES);
      const text = JSON.stringify(built);
      for (const forbidden of [
        '<all_urls>',
        '"tabs"',
        'cookies',
        'webRequest',
        'history',
        'unsafe-eval',
        '127.0.0.1',
        'acme-dc',
      ])
        expect(text, forbidden).not.toContain(forbidden);
      // No page and no other extension can reach the background or load Tandem's files.
      expect(built).not.toHaveProperty('externally_connectable');
      expect(built).not.toHaveProperty('web_accessible_resources');
      expect(built).not.toHaveProperty('content_security_policy');
      expect(built).not.toHaveProperty('key');
      expect(built).not.toHaveProperty('update_url');
    },
  );

  it('web-ext lint: no error, no notice, and no warning from Tandem’s own code', () => {
    const run = spawnSync(
      'npx',
      [
        'web-ext',
        'lint',
        '--source-dir',
        path.join(out, 'firefox-mv2'),
        '--output',
        'json',
        '--no-config-discovery',
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    const report = JSON.parse(run.stdout) as {
      errors: unknown[];
      notices: unknown[];
      warnings: { code: string; file?: string; line?: number; column?: number; description: string }[];
    };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    const LIBRARY = ['UNSAFE_VAR_ASSIGNMENT', 'DANGEROUS_EVAL'];
    const ours = report.warnings.filter((warning) => !LIBRARY.includes(warning.code));
    expect(ours, 'warnings from the manifest or Tandem’s code').toEqual([]);
    const flagged = (warning: (typeof report.warnings)[number]) => {
      const line = readFileSync(path.join(out, 'firefox-mv2', warning.file as string), 'utf8').split('\n')[
        (warning.line as number) - 1
      ] as string;
      const at = (warning.column as number) - 1;
      return { statement: line.slice(at, at + 40), around: line.slice(Math.max(0, at - 400), at) };
    };
    const zod = readFileSync(path.join(projectRoot, 'node_modules/zod/v4/core/util.js'), 'utf8');
    expect(zod, 'zod probes whether eval is allowed').toMatch(/Cloudflare[\s\S]{0,200}new F\(""\)/);
    for (const warning of report.warnings.filter((w) => w.code === 'DANGEROUS_EVAL')) {
      const { statement, around } = flagged(warning);
      const where = `${warning.file}:${warning.line}:${warning.column}`;
      expect(statement, where).toMatch(/^(new )?Function\(""\)/);
      expect(around, `${where} is zod's eval probe`).toMatch(/jitless[\s\S]*Cloudflare[\s\S]*try\{return $/);
    }
    const preact = readFileSync(path.join(projectRoot, 'node_modules/preact/dist/preact.mjs'), 'utf8');
    expect(preact, 'Preact itself assigns innerHTML for dangerouslySetInnerHTML').toMatch(
      /\.innerHTML=\w+\.__html/,
    );
    for (const warning of report.warnings.filter((w) => w.code === 'UNSAFE_VAR_ASSIGNMENT')) {
      const { statement, around } = flagged(warning);
      // Preact's diffProps: `c=="dangerouslySetInnerHTML"?b=g:…` then `e.innerHTML=b.__html`.
      expect(statement, `${warning.file}:${warning.line}:${warning.column}`).toMatch(
        /^\w+\.innerHTML=\w+\.__html/,
      );
      expect(around, 'inside Preact’s dangerouslySetInnerHTML branch').toContain('"dangerouslySetInnerHTML"');
    }
    // And Tandem's own source never asks for it.
    const sources = spawnSync(
      'grep',
      [
        '-rlE',
        'dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML',
        'components',
        'entrypoints',
        'utils',
      ],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    );
    expect(sources.stdout.trim()).toBe('');
  });

  it('npm run zip makes one store package per browser, each with its manifest', () => {
    const chromeZip = zips.find((name) => name.endsWith('-chrome.zip'));
    const firefoxZip = zips.find((name) => name.endsWith('-firefox.zip'));
    expect(chromeZip, `zips: ${zips.join(', ')}`).toBeDefined();
    expect(firefoxZip, `zips: ${zips.join(', ')}`).toBeDefined();
    for (const [zip, target] of [
      [chromeZip, 'chrome-mv3'],
      [firefoxZip, 'firefox-mv2'],
    ] as const) {
      const entries = unzip(path.join(out, zip as string));
      const inside = entries.get('manifest.json');
      expect(inside, `${zip} holds manifest.json`).toBeDefined();
      expect(JSON.parse((inside as Buffer).toString('utf8'))).toEqual(manifest(target));
      expect([...entries.keys()].some((name) => name.startsWith('content-scripts/'))).toBe(true);
      expect([...entries.keys()].filter((name) => /\.map$|node_modules|\.env/.test(name))).toEqual([]);
    }
    expect(existsSync(path.join(out, 'chrome-mv3', 'manifest.json'))).toBe(true);
  });
});
