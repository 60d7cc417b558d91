import { describe, expect, it } from 'vitest';
import { mailtoUrl, safeHttpsUrl } from '@/utils/safe-url';

describe('links from data', () => {
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'http://x.example',
    'vbscript:x',
    '',
    'not a url',
  ])('refuses %s', (value) => {
    expect(safeHttpsUrl(value)).toBeUndefined();
  });
  it('keeps https URLs', () => {
    expect(safeHttpsUrl('https://wiki.acme.example/a b')).toBe('https://wiki.acme.example/a%20b');
  });
  it('builds mailto links only from plain addresses', () => {
    expect(mailtoUrl('maria@acme.example')).toBe('mailto:maria@acme.example');
    expect(mailtoUrl('x@y.z?bcc=all@acme.example')).toBeUndefined();
    expect(mailtoUrl('not an address')).toBeUndefined();
    // Found by the property test in tests/security/catalog-to-page.test.ts: a quote stayed as it was.
    expect(mailtoUrl("o'brien@acme.example")).toBe('mailto:o%27brien@acme.example');
    expect(mailtoUrl("=@'.#")).toBe('mailto:%3D@%27.%23');
  });
});
