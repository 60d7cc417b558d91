import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, testJiraDcOrigins, testSourceOrigins } from '@/utils/manifest';

describe('manifest permissions', () => {
  it('asks Chrome for scripting, alarms and storage only, with Data Center origins optional', () => {
    const manifest = buildManifest('chrome', {});
    expect(manifest.permissions).toEqual(['scripting', 'alarms', 'storage']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).toMatchObject({ optional_host_permissions: ['https://*/*', 'http://*/*'] });
  });

  it('lists optional origins the Manifest V2 way for Firefox, with a gecko id', () => {
    const manifest = buildManifest('firefox', {});
    expect(manifest.permissions).toEqual(['scripting', 'alarms', 'storage']);
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

  it('declares the toggle-panel command with a suggested key the user can change', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(buildManifest(browser, {}).commands).toEqual({
        'toggle-panel': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Show or hide the Tandem panel',
        },
      });
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

  it('declares the policy schema for Chrome, whose file WXT copies from public/', () => {
    expect(buildManifest('chrome', {})).toMatchObject({ storage: { managed_schema: 'managed_schema.json' } });
    expect(existsSync(resolve(process.cwd(), 'public/managed_schema.json'))).toBe(true);
    expect(buildManifest('firefox', {})).not.toHaveProperty('storage');
  });

  it('grants test catalog origins only in a build made with the variable, one pattern per host', () => {
    const env = {
      TANDEM_TEST_SOURCE_ORIGINS: 'http://127.0.0.1, http://127.0.0.1:8080, javascript:alert(1)',
      TANDEM_TEST_JIRA_DC_ORIGINS: 'https://jira.acme-dc.example',
    };
    expect(testSourceOrigins(env)).toEqual(['http://127.0.0.1', 'http://127.0.0.1:8080']);
    expect(buildManifest('chrome', env)).toMatchObject({
      host_permissions: ['https://jira.acme-dc.example/*', 'http://127.0.0.1/*'],
    });
    expect(buildManifest('chrome', {})).not.toHaveProperty('host_permissions');
  });
});
