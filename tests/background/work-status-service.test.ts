import { describe, expect, it, vi } from 'vitest';
import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { createWorkStatusService } from '@/utils/background/work-status-service';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { CrmRecord } from '@/utils/catalog/view';
import { FRESH_MS } from '@/utils/jira-status/cache';
import { FAILURE_PAUSE_MS } from '@/utils/jira-status/reader';
import { validCatalog } from '../catalog/build';

const catalog = validCatalog({
  sites: { jira: ['https://acme.atlassian.net'] },
  needs: [
    { id: 'n-reorder', title: 'Reorder', status: 'in-delivery', customers: [{ name: 'Globex' }] },
    { id: 'n-other', title: 'Other', status: 'committed' },
  ],
  links: [
    { need: 'n-reorder', crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' } },
    { need: 'n-reorder', jira: { issue: 'SHOP-142' } },
    { need: 'n-reorder', jira: { epic: 'SHOP-100' } },
    // Not linked to the record: its key must never be asked for.
    { need: 'n-other', jira: { issue: 'SECRET-1' } },
  ],
});
const loaded = { catalog, index: buildResolveIndex(catalog) } as unknown as LoadedCatalog;
const record: CrmRecord = { kind: 'crm', host: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' };

const issue = (key: string, category: string, status: string, extra: Record<string, unknown> = {}) => ({
  key,
  fields: {
    status: { name: status, statusCategory: { key: category } },
    assignee: null,
    fixVersions: [],
    duedate: null,
    ...extra,
  },
});

function setup(answer: (url: URL) => Response | Promise<Response>, options: { granted?: boolean } = {}) {
  let clock = 1_000_000;
  const urls: URL[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    urls.push(url);
    expect(init?.credentials).toBe('include');
    return answer(url);
  });
  const contains = vi.fn(async () => options.granted ?? true);
  const service = createWorkStatusService({
    loaded: async () => loaded,
    api: { permissions: { contains } } as never,
    fetch: fetch as typeof globalThis.fetch,
    now: () => clock,
  });
  const get = () => service.handlers['workStatus.get']({ type: 'workStatus.get', record });
  return { service, get, urls, fetch, tick: (ms: number) => (clock += ms) };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('workStatus.get', () => {
  it('reads the record’s keys in one batched Cloud search and answers ready to draw', async () => {
    const { get, urls } = setup(() =>
      json(200, {
        issues: [
          issue('SHOP-142', 'indeterminate', 'In Progress', {
            assignee: { displayName: 'Raj Patel' },
            fixVersions: [{ name: '4.2' }],
          }),
          issue('SHOP-100', 'new', 'To Do', { duedate: '2026-12-24' }),
        ],
      }),
    );
    const answer = await get();
    expect(urls).toHaveLength(1);
    expect(`${urls[0]?.origin}${urls[0]?.pathname}`).toBe('https://acme.atlassian.net/rest/api/3/search/jql');
    expect(urls[0]?.searchParams.get('jql')).toBe('key in (SHOP-142,SHOP-100)');
    expect(urls[0]?.searchParams.get('fields')).toBe('status,assignee,fixVersions,duedate');
    expect(answer).toEqual({
      ok: true,
      items: [
        {
          key: 'SHOP-142',
          category: 'indeterminate',
          status: 'In Progress',
          assignee: 'Raj Patel',
          plan: 'Fix version 4.2',
        },
        { key: 'SHOP-100', category: 'new', status: 'To Do', plan: 'Due 2026-12-24' },
      ],
      shipped: [],
    });
  });

  it('answers from the cache while fresh and reads again once stale', async () => {
    const { get, urls, tick } = setup(() =>
      json(200, { issues: [issue('SHOP-142', 'done', 'Done'), issue('SHOP-100', 'done', 'Done')] }),
    );
    const first = await get();
    expect(first.ok && first.shipped).toEqual(['n-reorder']);
    tick(FRESH_MS - 1);
    await get();
    expect(urls).toHaveLength(1);
    tick(2);
    await get();
    expect(urls).toHaveLength(2);
  });

  it('keeps one read in flight per site: a second panel waits for it', async () => {
    let release: () => void = () => undefined;
    const { get, urls } = setup(
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(json(200, { issues: [issue('SHOP-142', 'new', 'To Do')] }));
        }),
    );
    const one = get();
    const two = get();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(urls).toHaveLength(1);
    release();
    const [a, b] = await Promise.all([one, two]);
    expect(urls).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it.each([
    [401, 'Sign in to Jira at acme.atlassian.net to see status.'],
    [403, 'No permission to read these issues at acme.atlassian.net.'],
    [429, 'Jira at acme.atlassian.net asked Tandem to slow down: status will refresh shortly.'],
    [500, 'Jira at acme.atlassian.net could not answer just now: status will refresh shortly.'],
  ])('says what to do on %i', async (status, line) => {
    const { get } = setup(() => json(status, { errorMessages: ['nope'] }));
    const answer = await get();
    // No status for any key: the panel shows the keys alone, and the line.
    expect(answer).toEqual({ ok: true, items: [], problem: line, shipped: [] });
  });

  it('says offline when the site cannot be reached', async () => {
    const { get } = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    const answer = await get();
    expect(answer.ok && answer.problem).toBe('Offline: could not reach Jira at acme.atlassian.net.');
  });

  it('drops a key Jira refuses in the JQL and asks once more for the rest', async () => {
    const { get, urls } = setup((url) =>
      url.searchParams.get('jql')?.includes('SHOP-100')
        ? json(400, { errorMessages: ["An issue with key 'SHOP-100' does not exist for field 'key'."] })
        : json(200, { issues: [issue('SHOP-142', 'done', 'Done')] }),
    );
    const answer = await get();
    expect(urls.map((url) => url.searchParams.get('jql'))).toEqual([
      'key in (SHOP-142,SHOP-100)',
      'key in (SHOP-142)',
    ]);
    expect(answer.ok && answer.items.map((item) => item.category)).toEqual(['done', 'unknown']);
    expect(answer.ok && answer.problem).toBeUndefined();
  });

  it('reads nothing without the site’s permission, and says how to grant it', async () => {
    const { get, urls } = setup(() => json(200, { issues: [] }), { granted: false });
    const answer = await get();
    expect(urls).toHaveLength(0);
    expect(answer.ok && answer.problem).toBe(
      'Allow Tandem on acme.atlassian.net (options, Sites) to see status.',
    );
  });

  it('shows what a Jira tab of that site saw, with its age, when its own read gets no session', async () => {
    const { service, get, tick } = setup(() => json(401, {}));
    const seen = (url: string) =>
      service.handlers['workStatus.seen'](
        {
          type: 'workStatus.seen',
          origin: 'https://acme.atlassian.net',
          issues: [{ key: 'SHOP-142', fields: issue('SHOP-142', 'done', 'Done').fields }],
        },
        { id: 'ext', tab: { id: 1 } as never, url },
      );
    expect(await seen('https://evil.example/browse/SHOP-142')).toMatchObject({ ok: false });
    expect(await seen('https://acme.atlassian.net/browse/SHOP-142')).toEqual({ ok: true });
    tick(2 * 3_600_000);
    const answer = await get();
    expect(answer.ok && answer.items[0]).toEqual({
      key: 'SHOP-142',
      category: 'done',
      status: 'Done',
      seen: 'seen 2 h ago in your Jira tab',
    });
    expect(answer.ok && answer.problem).toBe('Sign in to Jira at acme.atlassian.net to see status.');
  });
});

describe('workStatus.get after a failure', () => {
  it('tries again on the next panel after a sign-in failure, but waits out a 429', async () => {
    let status = 401;
    const { get, urls, tick } = setup(() =>
      status === 200
        ? json(200, { issues: [issue('SHOP-142', 'new', 'To Do')] })
        : new Response('{}', { status, headers: status === 429 ? { 'retry-after': '30' } : {} }),
    );
    await get();
    status = 200;
    // Within the short failure pause the line stands without a new read; after it, a new read.
    await get();
    expect(urls).toHaveLength(1);
    tick(FAILURE_PAUSE_MS + 1);
    const signedIn = await get();
    expect(urls).toHaveLength(2);
    expect(signedIn.ok && signedIn.problem).toBeUndefined();
    tick(FRESH_MS + 1);
    status = 429;
    await get();
    status = 200;
    await get();
    expect(urls).toHaveLength(3);
    tick(30_001);
    await get();
    expect(urls).toHaveLength(4);
  });
});
