import { describe, expect, it } from 'vitest';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { describePrivacy } from '@/utils/privacy/describe';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

describe('privacy report', () => {
  it('reads every store with its count and every layer from the live database', async () => {
    const { handlers } = await fakeBackground({ [LOCAL_LAYER]: validCatalog() });
    const answer = await handlers['privacy.report']?.({ type: 'privacy.report' });
    if (!answer?.ok) throw new Error('no report');
    const stores = Object.fromEntries(
      answer.report.database.stores.map((store) => [store.name, store.records]),
    );
    expect(stores).toMatchObject({ buckets: 2, layouts: 1, lookups: 0, layers: 1, state: 1, settings: 0 });
    expect(answer.report.layers).toMatchObject([{ layer: 'local', counts: { people: 4, teams: 2 } }]);

    const model = describePrivacy(
      {
        permissions: ['scripting', 'somethingNew'],
        optional_host_permissions: ['https://*/*'],
        content_scripts: [
          { matches: ['https://*.atlassian.net/*'] },
          { matches: ['https://*.zendesk.com/agent/*'] },
        ],
      },
      {
        ...answer.report,
        jiraDcOrigins: ['https://jira.example.com'],
        sources: [{ id: 'acme', url: 'https://cat.example/c.json', kind: 'catalog', refreshMinutes: 60 }],
      },
      ['https://*.atlassian.net/*', 'https://jira.example.com/*'],
    );
    expect(model.stores.find((store) => store.name === 'buckets')).toMatchObject({
      records: 2,
      described: true,
    });
    expect(model.stores.filter((store) => !store.described)).toEqual([]);
    expect(model.permissions).toEqual([
      expect.objectContaining({ name: 'scripting', described: true }),
      { name: 'somethingNew', purpose: 'Not described here yet.', described: false },
    ]);
    expect(model.runsOn.map((entry) => entry.patterns)).toEqual([
      ['https://*.atlassian.net/*'],
      ['https://*.zendesk.com/agent/*'],
      ['https://jira.example.com'],
    ]);
    expect(model.grantedOrigins).toEqual(['https://jira.example.com/*']);
    expect(model.requests.map((request) => request.to)).toEqual([
      'https://*.atlassian.net/*',
      'https://*.zendesk.com/agent/*',
      'https://jira.example.com',
      // The catalog's Jira site, for work-item status from the background.
      'https://acme.atlassian.net',
      'https://cat.example/c.json',
    ]);
    expect(answer.report.jiraStatusSites).toEqual(['https://acme.atlassian.net']);
    expect(model.requests.find((request) => request.to === 'https://acme.atlassian.net')?.by).toBe(
      'the background',
    );
  });
});
