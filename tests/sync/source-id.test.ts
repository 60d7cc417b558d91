import { describe, expect, it } from 'vitest';
import { Source } from '@/utils/settings/schema';
import { newSourceId, sourcePermission, sourceUrlProblem } from '@/utils/sync/source-id';

describe('source ids and URLs', () => {
  it('makes a readable id from the host, unique among the taken ones, valid for the settings schema', () => {
    expect(newSourceId('https://catalog.acme.example/tandem.json', [])).toBe('catalog-acme-example');
    expect(newSourceId('https://catalog.acme.example/b.json', ['catalog-acme-example'])).toBe(
      'catalog-acme-example-2',
    );
    expect(newSourceId('http://127.0.0.1:8080/c.json', [])).toBe('127-0-0-1');
    const long = newSourceId(`https://${'a'.repeat(60)}.example/x.json`, []);
    expect(Source.safeParse({ id: long, url: 'https://x.example' }).success).toBe(true);
  });

  it('asks for the origin of the source, any port', () => {
    expect(sourcePermission('http://127.0.0.1:8080/catalog.json')).toBe('http://127.0.0.1/*');
    expect(sourcePermission('https://raw.githubusercontent.com/acme/org/main/tandem.json')).toBe(
      'https://raw.githubusercontent.com/*',
    );
  });

  it('accepts exactly the URLs the settings schema accepts', () => {
    const urls = [
      'https://catalog.acme.example/tandem.json',
      'http://localhost:3000/x.json',
      'http://127.0.0.1/x.json',
      'http://catalog.acme.example/tandem.json',
      'ftp://catalog.acme.example/tandem.json',
      'catalog.acme.example/tandem.json',
      'javascript:alert(1)',
    ];
    for (const url of urls) {
      expect(sourceUrlProblem(url) === null, url).toBe(Source.safeParse({ id: 'x', url }).success);
    }
  });
});
