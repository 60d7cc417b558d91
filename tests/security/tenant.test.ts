/**
 * Records are bound to the organisation's sites, and a content script gets what a panel needs:
 * through the real background, with Chromium's sender for a tab on a host page.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { catalogInput } from '../catalog/build';
import { startTestBackground, type TestBackground } from './background';

const inTab = (url: string) => ({ url, tab: { id: 9 } });

const CATALOG = catalogInput({
  sites: { jira: ['https://acme.atlassian.net'] },
  needs: [{ id: 'n-1', title: 'Checkout', team: 't-checkout', businessOwner: 'p-maria' }],
  links: [{ id: 'l-1', need: 'n-1', jira: { issue: 'PROJ-123' } }],
});
const PROJ_123 = { type: 'resolve', record: { kind: 'jira', host: 'jira-cloud', key: 'PROJ-123' } };

describe('tenants and sites', () => {
  let background: TestBackground;

  it('answers the same key on another site with no catalog data, until the site is added', async () => {
    background = startTestBackground();
    const id = fakeBrowser.runtime.id;
    const sender = (url: string) => ({ ...inTab(url), id });
    expect(await background.send({ type: 'catalog.import', text: JSON.stringify(CATALOG) })).toMatchObject({
      ok: true,
    });
    const own = await background.raw(PROJ_123, sender('https://acme.atlassian.net/browse/PROJ-123'));
    expect(JSON.stringify(own)).toContain('Checkout');
    const other = await background.raw(
      PROJ_123,
      sender('https://globex-consulting.atlassian.net/browse/PROJ-123'),
    );
    expect(other).toMatchObject({ ok: false, error: expect.stringContaining('not one of the sites') });
    expect(JSON.stringify(other)).not.toContain('Checkout');
    expect(JSON.stringify(other)).not.toContain('maria@');

    expect(await background.send({ type: 'sites.list' })).toMatchObject({
      ok: true,
      hosts: expect.arrayContaining([
        { key: 'jira', origins: ['https://acme.atlassian.net'], local: ['https://acme.atlassian.net'] },
      ]),
    });
    expect(
      await background.send({ type: 'sites.add', key: 'jira', origin: 'https://*.atlassian.net' }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('wildcard') });
    expect(
      await background.send({
        type: 'sites.add',
        key: 'jira',
        origin: 'https://globex-consulting.atlassian.net',
      }),
    ).toEqual({ ok: true });
    const added = await background.raw(
      PROJ_123,
      sender('https://globex-consulting.atlassian.net/browse/PROJ-123'),
    );
    expect(JSON.stringify(added)).toContain('Checkout');
  });

  it('refuses what a panel does not need from a content script, and changes nothing', async () => {
    background = startTestBackground();
    const id = fakeBrowser.runtime.id;
    expect(await background.send({ type: 'catalog.import', text: JSON.stringify(CATALOG) })).toMatchObject({
      ok: true,
    });
    const before = await background.snapshot();
    const page = { ...inTab('https://acme.atlassian.net/browse/PROJ-123'), id };
    for (const request of [
      { type: 'catalog.export', scope: 'merged', format: 'json' },
      { type: 'catalog.import', text: JSON.stringify(catalogInput()) },
      { type: 'settings.update', patch: { disabledHosts: ['jira-cloud'] } },
      { type: 'jiraDc.remove', origin: 'https://jira.acme-dc.example' },
      { type: 'privacy.report' },
      { type: 'sources.status' },
      { type: 'catalog.overview' },
      { type: 'entity.delete', kind: 'needs', id: 'n-1', force: true },
      { type: 'entity.save', kind: 'people', value: { id: 'p-x', name: 'X' } },
    ])
      expect(await background.raw(request, page), request.type).toMatchObject({ ok: false });
    expect(await background.snapshot()).toEqual(before);
    expect(background.logged.filter((line) => line.includes('refused')).length).toBeGreaterThanOrEqual(9);
  });
});
