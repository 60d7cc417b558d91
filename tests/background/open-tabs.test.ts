/** Tabs open before an install or update get the content script without a reload. */
import { describe, expect, it, vi } from 'vitest';
import { injectIntoOpenTabs, manifestScripts } from '@/utils/background/open-tabs';

interface FakeTab {
  id: number;
  url: string;
  discarded?: boolean;
  /** A script of this version already answers there. */
  running?: boolean;
}

/** `tabs.query({ url })` as Chromium filters it: by match pattern, over the hosts it may see. */
function fakeApi(tabs: FakeTab[]) {
  const matches = (pattern: string, url: string) =>
    new RegExp(`^${pattern.replace(/[.?+^$()|[\]{}\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(url);
  const injected: { tabId: number; files: string[] }[] = [];
  const api = {
    tabs: {
      query: vi.fn(async ({ url }: { url?: string | string[] }) => {
        const patterns = Array.isArray(url) ? url : url ? [url] : [];
        return tabs.filter((tab) => patterns.some((pattern) => matches(pattern, tab.url)));
      }),
      sendMessage: vi.fn(async (tabId: number) => {
        if (!tabs.find((tab) => tab.id === tabId)?.running)
          throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true, status: null };
      }),
    },
    scripting: {
      executeScript: vi.fn(async ({ target, files }: { target: { tabId: number }; files: string[] }) => {
        if (tabs.find((tab) => tab.id === target.tabId)?.url.includes('error'))
          throw new Error('Frame with ID 0 is showing error page');
        injected.push({ tabId: target.tabId, files });
        return [];
      }),
    },
  };
  return { api: api as never, injected };
}

describe('starting in tabs open before the install', () => {
  const scripts = manifestScripts({
    content_scripts: [
      {
        matches: ['https://*.atlassian.net/*'],
        exclude_matches: ['https://*.atlassian.net/wiki/*'],
        js: ['content-scripts/jira.js'],
      },
      { matches: ['https://*.zendesk.com/*'], js: ['content-scripts/zendesk.js'] },
      { matches: [], js: ['nothing.js'] },
    ],
  });

  it('reads the manifest scripts, leaving out one that matches nothing', () => {
    expect(scripts).toEqual([
      {
        matches: ['https://*.atlassian.net/*'],
        excludeMatches: ['https://*.atlassian.net/wiki/*'],
        js: ['content-scripts/jira.js'],
      },
      { matches: ['https://*.zendesk.com/*'], js: ['content-scripts/zendesk.js'] },
    ]);
  });

  it('injects into matching tabs that run nothing of ours, skipping excluded, discarded and failing ones', async () => {
    const { api, injected } = fakeApi([
      { id: 1, url: 'https://acme.atlassian.net/browse/SHOP-142' },
      { id: 2, url: 'https://acme.atlassian.net/wiki/spaces/X' },
      { id: 3, url: 'https://acme.zendesk.com/agent/tickets/7', running: true },
      { id: 4, url: 'https://acme.zendesk.com/agent/tickets/8', discarded: true },
      { id: 5, url: 'https://example.com/' },
      { id: 6, url: 'https://acme.zendesk.com/error' },
      { id: 7, url: 'https://acme.zendesk.com/agent/tickets/9' },
    ]);
    expect(await injectIntoOpenTabs(api, scripts)).toBe(2);
    expect(injected).toEqual([
      { tabId: 1, files: ['content-scripts/jira.js'] },
      { tabId: 7, files: ['content-scripts/zendesk.js'] },
    ]);
  });
});
