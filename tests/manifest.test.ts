import { describe, expect, it } from 'vitest';
import { buildManifest, testJiraDcOrigins } from '@/utils/manifest';

describe('manifest permissions', () => {
  it('asks Chrome for scripting only, with Data Center origins optional', () => {
    const manifest = buildManifest('chrome', {});
    expect(manifest.permissions).toEqual(['scripting']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).toMatchObject({ optional_host_permissions: ['https://*/*', 'http://*/*'] });
  });

  it('lists optional origins the Manifest V2 way for Firefox, with a gecko id', () => {
    const manifest = buildManifest('firefox', {});
    expect(manifest.permissions).toEqual(['scripting']);
    expect(manifest).toMatchObject({
      optional_permissions: ['https://*/*', 'http://*/*'],
      browser_specific_settings: { gecko: { id: 'tandem@tandem.invalid' } },
    });
  });

  it('never asks for broad or sensitive permissions', () => {
    for (const browser of ['chrome', 'firefox']) {
      const text = JSON.stringify(buildManifest(browser, {}));
      for (const forbidden of ['<all_urls>', '"tabs"', 'cookies', 'webRequest', 'history']) {
        expect(text).not.toContain(forbidden);
      }
    }
  });

  it('grants test Data Center origins only in a build made with the variable', () => {
    const env = {
      TANDEM_TEST_JIRA_DC_ORIGINS: 'https://jira.acme-dc.example, https://x.example:8443,not an origin',
    };
    expect(testJiraDcOrigins(env)).toEqual(['https://jira.acme-dc.example', 'https://x.example:8443']);
    expect(buildManifest('chrome', env)).toMatchObject({
      host_permissions: ['https://jira.acme-dc.example/*', 'https://x.example/*'],
    });
  });
});
