import { describe, expect, it, vi } from 'vitest';
import {
  detailsFromFields,
  fetchCloudIssueDetails,
  fetchDataCenterIssueDetails,
  findEpicLinkField,
} from '@/utils/hosts/jira-rest';

const record = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-143' } as const;

function fakeFetch(routes: Record<string, unknown>) {
  return vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = String(input);
    const path = Object.keys(routes).find((prefix) => url.startsWith(prefix));
    if (!path) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(routes[path]), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}

describe('Jira REST details', () => {
  it('reads parent, epic link, labels and components from an issue', () => {
    const details = detailsFromFields(
      record,
      {
        parent: { key: 'shop-100', fields: { summary: 'Epic' } },
        customfield_10014: 'SHOP-90',
        labels: ['invoicing'],
        components: [{ id: '1', name: 'Cart' }],
      },
      'customfield_10014',
    );
    expect(details).toEqual({
      ...record,
      parent: 'SHOP-100',
      epic: 'SHOP-90',
      labels: ['invoicing'],
      components: ['Cart'],
    });
  });

  it('leaves out malformed fields instead of failing the record', () => {
    const details = detailsFromFields(
      record,
      { parent: { key: '<script>' }, labels: 'invoicing', components: [{ nom: 'x' }], customfield_10014: 12 },
      'customfield_10014',
    );
    expect(details).toEqual(record);
  });

  it('asks Jira Cloud once, same-origin, for the fields it needs', async () => {
    const fetch = fakeFetch({
      'https://acme.atlassian.net/rest/api/3/issue/SHOP-143': {
        key: 'SHOP-143',
        fields: { labels: ['invoicing'] },
      },
    });
    const details = await fetchCloudIssueDetails('https://acme.atlassian.net', record, {
      fetch,
      signal: new AbortController().signal,
    });
    expect(details.labels).toEqual(['invoicing']);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe(
      'https://acme.atlassian.net/rest/api/3/issue/SHOP-143?fields=parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate,customfield_10014',
    );
    expect(init).toMatchObject({ credentials: 'same-origin' });
  });

  it('fails on 401 and 404 so the caller keeps key-only matching', async () => {
    const fetch = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('', { status: 401 }),
    );
    await expect(
      fetchCloudIssueDetails('https://acme.atlassian.net', record, {
        fetch,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('401');
  });

  it('finds the Data Center Epic Link field by its schema, then by name', () => {
    expect(
      findEpicLinkField([
        { id: 'customfield_1', name: 'Epic Link' },
        { id: 'customfield_2', name: 'Epic', schema: { custom: 'com.pyxis.greenhopper.jira:gh-epic-link' } },
      ]),
    ).toBe('customfield_2');
    expect(findEpicLinkField([{ id: 'customfield_7', name: 'Epic Link' }])).toBe('customfield_7');
    expect(findEpicLinkField([{ id: 'summary', name: 'Summary' }])).toBeNull();
  });

  it('reads a Data Center issue under its context path with the instance epic field', async () => {
    const base = 'https://jira.acme-dc.example/jira';
    const fetch = fakeFetch({
      [`${base}/rest/api/2/field`]: [{ id: 'customfield_10100', name: 'Epic Link' }],
      [`${base}/rest/api/2/issue/SHOP-143`]: {
        fields: { customfield_10100: 'SHOP-100', components: [{ name: 'Cart' }] },
      },
    });
    const details = await fetchDataCenterIssueDetails(
      base,
      { ...record, host: 'jira-dc' },
      { fetch, signal: new AbortController().signal },
    );
    expect(details).toMatchObject({ epic: 'SHOP-100', components: ['Cart'] });
    expect(String(fetch.mock.calls[1]?.[0])).toContain(
      'fields=parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate,customfield_10100',
    );
  });
});

describe('Data Center epic field look-up', () => {
  it('asks again after a failed look-up instead of remembering the failure', async () => {
    const base = 'https://retry.acme-dc.example';
    let fieldAnswers = 0;
    const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/rest/api/2/field')) {
        fieldAnswers++;
        if (fieldAnswers === 1) return new Response('', { status: 401 });
        return new Response(JSON.stringify([{ id: 'customfield_9', name: 'Epic Link' }]), { status: 200 });
      }
      return new Response(JSON.stringify({ fields: { customfield_9: 'SHOP-1' } }), { status: 200 });
    });
    const request = { fetch, signal: new AbortController().signal };
    const dcRecord = { kind: 'jira', host: 'jira-dc', key: 'SHOP-2' } as const;
    expect((await fetchDataCenterIssueDetails(base, dcRecord, request)).epic).toBeUndefined();
    expect((await fetchDataCenterIssueDetails(base, dcRecord, request)).epic).toBe('SHOP-1');
  });
});
