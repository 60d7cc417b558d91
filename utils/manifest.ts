/**
 * The manifest fields that are ours rather than WXT's: name, permissions, Firefox settings.
 * Pure, so a test can fix the exact permissions for each browser.
 */
export interface ManifestEnv {
  TANDEM_TEST_JIRA_DC_ORIGINS?: string | undefined;
  /** Shared-catalog origins a test build may read without asking (headless Chromium cannot answer a prompt). */
  TANDEM_TEST_SOURCE_ORIGINS?: string | undefined;
}

function originList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin));
}

/** Origins a test build treats as Jira Data Center sites with their permission already granted. */
export function testJiraDcOrigins(env: ManifestEnv): string[] {
  return originList(env.TANDEM_TEST_JIRA_DC_ORIGINS);
}

/** Origins whose shared catalogs a test build may fetch with the permission already granted. */
export function testSourceOrigins(env: ManifestEnv): string[] {
  return originList(env.TANDEM_TEST_SOURCE_ORIGINS);
}

/** Declares the browser-policy settings (storage.managed); the file is public/managed_schema.json. */
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

/**
 * Jira Data Center sites live on origins nobody can list in advance: each is asked for, one origin
 * at a time, when the user adds it in the options page.
 */
export const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'http://*/*'];

/** Shows or hides the panel on the active tab; the key is a suggestion the user can change. */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';
export const COMMANDS = {
  [TOGGLE_PANEL_COMMAND]: {
    suggested_key: { default: 'Alt+Shift+K' },
    description: 'Show or hide the Tandem panel',
  },
};

export function buildManifest(browser: string, env: ManifestEnv) {
  const testOrigins = [
    ...new Set(
      [...testJiraDcOrigins(env), ...testSourceOrigins(env)].map((origin) => {
        const url = new URL(origin);
        return `${url.protocol}//${url.hostname}/*`;
      }),
    ),
  ];
  return {
    name: 'Tandem',
    description:
      'The customer need, the business and IT owners and the cross-functional team behind the work, on Jira issues and CRM records.',
    // scripting: registering the Jira Data Center content script for origins the user adds.
    // alarms: refreshing shared catalogs on schedule; storage: reading browser policy (storage.managed).
    permissions: ['scripting', 'alarms', 'storage'],
    // Chrome validates policy values against this schema; Firefox reads policies.json without one.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: MANAGED_SCHEMA_FILE } }),
    commands: COMMANDS,
    ...(testOrigins.length > 0 ? { host_permissions: testOrigins } : {}),
    // Manifest V2 (Firefox) lists optional origins among optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOST_PERMISSIONS }
      : { optional_host_permissions: OPTIONAL_HOST_PERMISSIONS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // data_collection_permissions needs Firefox 140 (142 on Android); older minimums make
            // `web-ext lint` warn that the key is unsupported there.
            gecko: {
              id: 'tandem@tandem.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  };
}
