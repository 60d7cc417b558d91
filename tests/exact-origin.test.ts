import { describe, expect, it } from 'vitest';
import { exactOrigin } from '@/utils/exact-origin';

describe('exact origins (corpus)', () => {
  const accepted: [string, string][] = [
    ['https://jira.example.com', 'https://jira.example.com'],
    ['https://JIRA.Example.com/', 'https://jira.example.com'],
    ['https://jira.example.com:8443', 'https://jira.example.com:8443'],
    ['https://jira.example.com:443', 'https://jira.example.com'],
    ['https://10.0.0.7:8080', 'https://10.0.0.7:8080'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ];
  it.each(accepted)('accepts %s as %s', (input, origin) => {
    expect(exactOrigin(input)).toEqual({ ok: true, origin, http: false });
  });

  const refused: [string, RegExp][] = [
    ['https://*.example.com', /wildcard/],
    ['https://*', /wildcard/],
    ['https://%2A.example.com', /wildcard/],
    ['https://%2a.example.com', /wildcard/],
    ['https://user@jira.example.com', /user name/],
    ['https://user:pw@jira.example.com', /user name/],
    ['https://@jira.example.com', /user name/],
    ['http://jira.example.com', /https/],
    ['javascript:alert(1)', /https/],
    ['data:text/html,x', /https/],
    ['ftp://jira.example.com', /https/],
    ['https://jira.example.com/jira', /without a path/],
    ['https://jira.example.com/?q=1', /without a path/],
    ['https://jira_example.com', /host name/],
    ['https://999.1.1.1', /not an address|host name/],
    ['not a url', /not an address/],
  ];
  it.each(refused)('refuses %s, saying why', (input, reason) => {
    const answer = exactOrigin(input);
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.reason).toMatch(reason);
  });

  it('accepts http only when asked to, and says so; a path only when asked to', () => {
    expect(exactOrigin('http://jira.example.com:8080', { allowHttp: true })).toEqual({
      ok: true,
      origin: 'http://jira.example.com:8080',
      http: true,
    });
    expect(exactOrigin('https://catalog.example.com/a/b.json', { allowPath: true })).toMatchObject({
      ok: true,
      origin: 'https://catalog.example.com',
    });
  });
});
