import { describe, expect, it } from 'vitest';
import { flavourOf, searchUrl } from '@/utils/jira-status/search';

describe('the JQL search a status read sends', () => {
  it('treats Atlassian’s hosted sites, the legacy jira.com ones too, as Cloud', () => {
    expect(flavourOf('https://acme.atlassian.net')).toBe('cloud');
    expect(flavourOf('https://acme.jira.com')).toBe('cloud');
    expect(flavourOf('https://jira.acme.example')).toBe('dc');
    expect(flavourOf('https://atlassian.net.evil.example')).toBe('dc');
  });

  it('asks Cloud’s /search/jql and Data Center’s /search, with valid keys and the shown fields only', () => {
    const cloud = new URL(searchUrl('https://acme.jira.com', ['SHOP-1', 'bad key', 'OPS-22']));
    expect(cloud.pathname).toBe('/rest/api/3/search/jql');
    expect(cloud.searchParams.get('jql')).toBe('key in (SHOP-1,OPS-22)');
    expect(cloud.searchParams.get('fields')).toBe('status,assignee,fixVersions,duedate');
    expect(cloud.searchParams.has('validateQuery')).toBe(false);
    const dc = new URL(searchUrl('https://jira.acme.example:8443', ['SHOP-1']));
    expect(dc.origin).toBe('https://jira.acme.example:8443');
    expect(dc.pathname).toBe('/rest/api/2/search');
    expect(dc.searchParams.get('validateQuery')).toBe('warn');
  });
});
