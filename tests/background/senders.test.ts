import { describe, expect, it } from 'vitest';
import { classifySender, manifestHostOf, matchesPattern } from '@/utils/background/senders';

const context = {
  extensionId: 'tandem-id',
  extensionOrigin: 'chrome-extension://tandem-id',
  jiraDcOrigins: async () => ['https://jira.acme-dc.example', 'https://jira.other.example:8443'],
};
const tab = { id: 7 };

describe('sender classifier', () => {
  it('knows extension pages by their origin, with or without a tab', async () => {
    for (const sender of [
      { id: 'tandem-id', url: 'chrome-extension://tandem-id/options.html' },
      { id: 'tandem-id', url: 'chrome-extension://tandem-id/popup.html', tab },
    ])
      expect(await classifySender(sender, context)).toEqual({ class: 'extension-page' });
  });

  it('knows content scripts by their tab and a URL the manifest or a granted site covers', async () => {
    expect(
      await classifySender(
        { id: 'tandem-id', url: 'https://acme.atlassian.net/browse/SHOP-1', tab },
        context,
      ),
    ).toMatchObject({
      class: 'content-script',
      host: 'jira-cloud',
      origin: 'https://acme.atlassian.net',
      tabId: 7,
    });
    expect(
      await classifySender({ id: 'tandem-id', url: 'https://jira.acme-dc.example/browse/X-1', tab }, context),
    ).toMatchObject({ class: 'content-script', host: 'jira-dc' });
    expect(
      await classifySender(
        { id: 'tandem-id', url: 'https://jira.other.example:8443/browse/X-1', tab },
        context,
      ),
    ).toMatchObject({ class: 'content-script', host: 'jira-dc' });
  });

  it('answers nobody else: other extensions, no tab, uncovered sites, another port, pages claiming our id', async () => {
    const senders = [
      { id: 'other-extension', url: 'chrome-extension://tandem-id/options.html' },
      { id: 'tandem-id', url: 'https://acme.atlassian.net/browse/SHOP-1' },
      { id: 'tandem-id', url: 'https://evil.example/browse/SHOP-1', tab },
      { id: 'tandem-id', url: 'https://jira.other.example/browse/X-1', tab },
      { id: 'tandem-id', url: 'http://acme.atlassian.net/browse/SHOP-1', tab },
      { id: 'tandem-id', url: 'chrome-extension://other-id/options.html' },
      { id: 'tandem-id', url: 'https://acme.zendesk.com/hc/en-us', tab },
      { id: 'tandem-id', tab },
    ];
    for (const sender of senders)
      expect(await classifySender(sender, context), JSON.stringify(sender)).toBeNull();
  });
});

describe('match patterns', () => {
  it('match as the browser does', () => {
    expect(matchesPattern(new URL('https://a.atlassian.net/x'), 'https://*.atlassian.net/*')).toBe(true);
    expect(matchesPattern(new URL('https://atlassian.net.evil.example/x'), 'https://*.atlassian.net/*')).toBe(
      false,
    );
    expect(matchesPattern(new URL('https://evilatlassian.net/x'), 'https://*.atlassian.net/*')).toBe(false);
    expect(
      matchesPattern(new URL('https://acme.zendesk.com/agent/tickets/1'), 'https://*.zendesk.com/agent/*'),
    ).toBe(true);
    expect(manifestHostOf(new URL('https://acme.crm4.dynamics.com/main.aspx'))).toBe('dynamics');
    expect(manifestHostOf(new URL('https://acme.lightning.force.com/lightning/r/Account/001/view'))).toBe(
      'salesforce',
    );
  });
});
