/**
 * The manifest fields that are ours rather than WXT's: name, permissions, Firefox settings.
 * Pure, so a test can fix the exact permissions for each browser.
 */
export interface ManifestEnv {
  TANDEM_TEST_JIRA_DC_ORIGINS?: string | undefined;
}

/** Origins a test build treats as Jira Data Center sites with their permission already granted. */
export function testJiraDcOrigins(env: ManifestEnv): string[] {
  return (env.TANDEM_TEST_JIRA_DC_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin));
}

/**
 * Jira Data Center sites live on origins nobody can list in advance: each is asked for, one origin
 * at a time, when the user adds it in the options page.
 */
export const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'http://*/*'];

export function buildManifest(browser: string, env: ManifestEnv) {
  const testOrigins = testJiraDcOrigins(env).map((origin) => {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
  });
  return {
    name: 'Tandem',
    description:
      'The customer need, the business and IT owners and the cross-functional team behind the work, on Jira issues and CRM records.',
    // scripting: registering the Jira Data Center content script for origins the user adds.
    permissions: ['scripting'],
    ...(testOrigins.length > 0 ? { host_permissions: testOrigins } : {}),
    // Manifest V2 (Firefox) lists optional origins among optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_HOST_PERMISSIONS }
      : { optional_host_permissions: OPTIONAL_HOST_PERMISSIONS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tandem@tandem.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  };
}
