// @vitest-environment node
/**
 * `npm run catalog:check`: the pure report, and the real CLI end to end on the demo catalog, on a
 * bad file and without a file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHECK_USAGE,
  checkCatalogFile,
  checkCatalogText,
  sizeReport,
  unreadableReport,
  usageReport,
} from '@/utils/catalog/check-report';
import { MAX_CATALOG_BYTES } from '@/utils/catalog/validate';

const valid = {
  format: 'tandem.catalog',
  version: 1,
  name: 'Acme Corp catalog',
  people: [
    { id: 'p-maria', name: 'Maria González' },
    { id: 'p-raj', name: 'Raj Patel' },
  ],
  teams: [{ id: 't-checkout', name: 'Checkout', businessLead: 'p-maria', itLead: 'p-raj' }],
  needs: [{ id: 'n-reorder', title: 'One-click reorder', team: 't-checkout' }],
  links: [
    { need: 'n-reorder', jira: { issue: 'SHOP-142' } },
    { team: 't-checkout', jira: { project: 'SHOP' } },
  ],
};

describe('checkCatalogText', () => {
  it('summarises a valid catalog in one line and exits 0', () => {
    expect(checkCatalogText('acme.json', JSON.stringify(valid))).toEqual({
      exitCode: 0,
      lines: ['ok: Acme Corp catalog: 2 people, 1 team, 1 need, 2 links'],
    });
  });

  it('names the catalog by its file when it has no name', () => {
    const { name: _name, ...unnamed } = valid;
    expect(checkCatalogText('exports/acme.json', JSON.stringify(unnamed)).lines).toEqual([
      'ok: exports/acme.json: 2 people, 1 team, 1 need, 2 links',
    ]);
  });

  it('prints each error as FILE: path: rule and exits 1', () => {
    const broken = {
      ...valid,
      needs: [{ id: 'n-reorder', title: 'Reorder', itOwner: 'p-kenji', team: 't-x' }],
    };
    expect(checkCatalogText('acme.json', JSON.stringify(broken))).toEqual({
      exitCode: 1,
      lines: ['acme.json: needs[0].team: no team "t-x"', 'acme.json: needs[0].itOwner: no person "p-kenji"'],
    });
  });

  it('reports text that is not JSON as an error in the file', () => {
    const report = checkCatalogText('acme.json', '{ not json');
    expect(report.exitCode).toBe(1);
    expect(report.lines).toHaveLength(1);
    expect(report.lines[0]).toMatch(/^acme\.json: \(document\): is not valid JSON/);
  });
});

describe('sizes and usage', () => {
  it('refuses a file over the limit from its size alone', () => {
    expect(sizeReport('big.json', MAX_CATALOG_BYTES)).toBeUndefined();
    expect(sizeReport('big.json', MAX_CATALOG_BYTES + 1)).toEqual({
      exitCode: 1,
      lines: ['big.json: (document): is 64.0 MB; the limit is 64.0 MB'],
    });
    // The size wins even when the text would parse.
    expect(checkCatalogFile('big.json', 80 * 1024 * 1024, JSON.stringify(valid))).toEqual({
      exitCode: 1,
      lines: ['big.json: (document): is 80.0 MB; the limit is 64.0 MB'],
    });
  });

  it('exits 2 for usage errors and unreadable files', () => {
    expect(usageReport('no catalog file given')).toEqual({
      exitCode: 2,
      lines: ['catalog:check: no catalog file given', CHECK_USAGE],
    });
    expect(unreadableReport('gone.json', 'ENOENT')).toEqual({
      exitCode: 2,
      lines: ['catalog:check: cannot read gone.json: ENOENT'],
    });
  });
});

describe('the catalog:check CLI', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const temp = mkdtempSync(join(tmpdir(), 'tandem-catalog-check-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  function cli(...args: string[]) {
    const run = spawnSync('npx', ['tsx', 'scripts/catalog-check.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      // npm sets INIT_CWD for `npm run`; a caller's value must not redirect relative paths here.
      env: { ...process.env, INIT_CWD: root },
    });
    return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
  }

  it('passes the demo catalog', { timeout: 60_000 }, () => {
    const run = cli('demo/catalog.json');
    expect(run).toMatchObject({ status: 0 });
    expect(run.stdout).toMatch(/^ok: Acme Corp demo catalog: \d+ people, \d+ teams, \d+ needs, \d+ links$/);
  });

  it('fails a bad file with FILE: path: rule lines', { timeout: 60_000 }, () => {
    const file = join(temp, 'dangling.json');
    writeFileSync(file, JSON.stringify({ ...valid, teams: [{ ...valid.teams[0], itLead: 'p-nobody' }] }));
    expect(cli(file)).toMatchObject({ status: 1, stdout: `${file}: teams[0].itLead: no person "p-nobody"` });
  });

  it('exits 2 without a file or with a missing one', { timeout: 60_000 }, () => {
    expect(cli()).toMatchObject({ status: 2, stdout: '' });
    const missing = cli(join(temp, 'missing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});
