/**
 * Every list of hosts is derived from utils/hosts/host-ids.ts; the few that cannot import it (the
 * browser's policy schema, a static file) or that pair each host with code are checked here, so a
 * new host that misses one fails a test instead of failing silently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_LABEL } from '@/utils/catalog/labels';
import { CRM_SYSTEMS } from '@/utils/catalog/schema';
import { CRM_HOST_IDS, HOST_IDS, SITE_KEYS } from '@/utils/hosts/host-ids';
import { HOST_ADAPTERS } from '@/utils/hosts/registry';

describe('the host list', () => {
  it('has an adapter and a label for every host, and nothing else', () => {
    expect(Object.keys(HOST_ADAPTERS).sort()).toEqual([...HOST_IDS].sort());
    expect(Object.keys(HOST_LABEL).sort()).toEqual([...HOST_IDS].sort());
  });

  it('gives the CRM systems and the sites keys from the same list', () => {
    expect(CRM_SYSTEMS).toEqual(CRM_HOST_IDS);
    expect(SITE_KEYS).toEqual(['jira', ...CRM_HOST_IDS]);
  });

  it("names every host in the browser policy schema's disabledHosts", () => {
    const schema = JSON.parse(readFileSync(path.join(process.cwd(), 'public/managed_schema.json'), 'utf8'));
    expect(schema.properties.disabledHosts.items.enum).toEqual([...HOST_IDS]);
  });
});
