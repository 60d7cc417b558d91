import { describe, expect, it, vi } from 'vitest';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';
import type { DetailsRequest, Detection } from '@/utils/hosts/types';
import {
  activeWorkspace,
  findZendeskPlacement,
  readTicketOrganizations,
  zendeskAdapter,
  zendeskDetection,
  zendeskRecord,
  zendeskViewReady,
} from '@/utils/hosts/zendesk';
import { startPanelLoop } from '@/utils/page/panel-loop';
import { DETECTORS, page, ZENDESK_NOT_RECORDS, ZENDESK_RECORDS } from './crm-urls';

describe('Zendesk URL detection', () => {
  it.each(ZENDESK_RECORDS)('%s names %s', (url, label) => {
    const [object, id] = label.split('/');
    expect(zendeskDetection(new URL(url))).toEqual({
      host: 'zendesk',
      recordLabel: label,
      record: { kind: 'crm', host: 'zendesk', object, id },
    });
  });

  it.each(ZENDESK_RECORDS)('%s is claimed by no other host', (url) => {
    for (const [host, detect] of Object.entries(DETECTORS)) {
      if (host !== 'zendesk') expect(detect(new URL(url)), host).toBeNull();
    }
  });

  it.each(ZENDESK_NOT_RECORDS)('%s names no record', (url) => {
    expect(zendeskDetection(new URL(url))).toBeNull();
  });
});

const detect = (url: string): Detection => {
  const detection = zendeskDetection(new URL(url));
  if (!detection) throw new Error(`no record in ${url}`);
  return detection;
};
const TICKET = detect('https://acme.zendesk.com/agent/tickets/35436');
const OTHER_TICKET = detect('https://acme.zendesk.com/agent/tickets/35501');

/** One ticket workspace of the Agent Workspace (2023+ layout). */
const workspace = (ticket: string, active: boolean, organization?: [string, string]) => `
  <div class="ticket-panes-grid-layout" data-is-active="${active}" id="ws-${ticket}" ${active ? '' : 'style="display:none"'}>
    <div class="grid-main-conversation-panel">
      <div data-side-conversations-anchor-id="${ticket}">
        <div data-support-suite-trial-onboarding-id="conversationPane">
          <div id="header-${ticket}">
            <input data-test-id="omni-header-subject" aria-label="Subject" value="Ticket ${ticket}">
            ${organization ? `<a href="/agent/organizations/${organization[0]}">${organization[1]}</a>` : ''}
          </div>
          <div data-test-id="omni-log-container">log</div>
        </div>
      </div>
    </div>
    <div data-test-id="customer-context-tab-navigation"></div>
  </div>`;

describe('Zendesk Agent Workspace', () => {
  it('finds the active workspace among several, and the ticket’s own conversation', () => {
    const doc = page(workspace('35436', false) + workspace('35501', true));
    expect(activeWorkspace(doc)?.id).toBe('ws-35501');
    const placement = zendeskAdapter.findPlacement(doc, OTHER_TICKET);
    expect(placement?.anchor.id).toBe('header-35501');
    expect(placement?.position).toBe('after');
    expect(zendeskAdapter.findPlacement(doc, OTHER_TICKET)).toEqual(placement);
  });

  it('is not ready while the URL names a ticket whose workspace is not the active one', () => {
    // A tab switch: the URL changed, `data-is-active` has not flipped yet.
    const doc = page(workspace('35436', false) + workspace('35501', true));
    expect(zendeskAdapter.findPlacement(doc, TICKET)).toBeNull();
  });

  it('reads the requester’s organization from the active workspace only', () => {
    const doc = page(
      workspace('35436', true, ['360002', 'Umbrella Retail Group']) +
        workspace('35501', false, ['360001', 'Globex Corporation']),
    );
    expect(readTicketOrganizations(doc, '35436')).toEqual(['Umbrella Retail Group']);
    expect(zendeskAdapter.enrich?.(doc, TICKET).record).toMatchObject({ names: ['Umbrella Retail Group'] });
    expect(readTicketOrganizations(doc, '35501')).toEqual([]);
  });

  it('uses the older layout’s visible workspace', () => {
    const doc = page(`
      <div class="workspace" style="display:none"><div data-side-conversations-anchor-id="35436" id="old"></div></div>
      <div class="workspace"><div data-side-conversations-anchor-id="35436" id="shown"></div></div>`);
    expect(zendeskAdapter.findPlacement(doc, TICKET)?.anchor.id).toBe('shown');
  });

  it('floats on users’ and organizations’ pages', () => {
    const doc = page(workspace('35436', true));
    const record = zendeskRecord(new URL('https://acme.zendesk.com/agent/organizations/360001'));
    expect(record).not.toBeNull();
    if (record) expect(findZendeskPlacement(doc, record)).toBeNull();
  });
});

/** The header's tabs, one per open record; `selected` is the one on screen. */
const tabs = (selected: string, ...others: string[]) =>
  [selected, ...others]
    .map(
      (subtitle, index) => `
      <div role="tab" aria-selected="${index === 0}">
        <div data-test-id="header-tab-title">Subject of ${subtitle}</div>
        <div data-test-id="header-tab-subtitle">${subtitle}</div>
      </div>`,
    )
    .join('');

describe('Zendesk view signals (markup renamed: no known anchor)', () => {
  /** The redesign fixture's workspace: classes and anchor ids renamed, the header tabs as they were. */
  const renamed = (ticket: string) =>
    `<div class="v2-ticket-panes-grid-layout" data-is-active="true"><div data-v2-side-conversations-anchor-id="${ticket}"></div></div>`;

  it('a ticket is on screen when the selected header tab shows its number', () => {
    const doc = page(`<div role="tablist">${tabs('#35436', '#35501')}</div>${renamed('35436')}`);
    expect(zendeskAdapter.findPlacement(doc, TICKET)).toBeNull();
    expect(zendeskAdapter.viewReady?.(doc, TICKET)).toBe(true);
  });

  it('is not ready during a tab switch: the URL names the next ticket, the previous tab is still selected', () => {
    const doc = page(`<div role="tablist">${tabs('#35436', '#35501')}</div>${renamed('35436')}`);
    expect(zendeskAdapter.viewReady?.(doc, OTHER_TICKET)).toBe(false);
  });

  it('reads the tab state from ARIA only: a hidden or unselected tab does not count', () => {
    const hidden = page(`<div role="tablist" style="display:none">${tabs('#35436')}</div>`);
    expect(zendeskAdapter.viewReady?.(hidden, TICKET)).toBe(false);
    const current = page(`<div role="tab" aria-current="page"><span>#35436</span></div>`);
    expect(zendeskAdapter.viewReady?.(current, TICKET)).toBe(true);
    const mentioned = page(`<div role="tab" aria-selected="true"><span>Merged into #35436</span></div>`);
    expect(zendeskAdapter.viewReady?.(mentioned, TICKET)).toBe(false);
  });

  it('an organization by the name the REST answer gave; a user waits for the quiet page', () => {
    const doc = page(`<div role="tablist">${tabs('Organization')}</div>`);
    doc.querySelector('[data-test-id="header-tab-title"]')?.replaceChildren('Globex Corporation');
    const organization = { object: 'organization', id: '360001' } as const;
    expect(zendeskViewReady(doc, organization, [])).toBe(false);
    expect(zendeskViewReady(doc, organization, ['Globex Corporation'])).toBe(true);
    expect(zendeskViewReady(doc, { object: 'user', id: '9004' }, ['Globex Corporation'])).toBe(false);
  });
});

function request(answer: (url: string) => Response | Promise<Response>): DetailsRequest & { urls: string[] } {
  const urls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return answer(String(input));
  });
  return {
    origin: 'https://acme.zendesk.com',
    doc: page(''),
    fetch,
    signal: new AbortController().signal,
    urls,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('Zendesk REST details', () => {
  it('adds the requester’s organization to a ticket, same origin', async () => {
    const req = request(() =>
      json({
        ticket: { id: 35436, organization_id: 360002, subject: 'Invoices' },
        organizations: [
          { id: 360002, name: 'Umbrella Retail Group' },
          { id: 360009, name: 'Someone Else' },
        ],
      }),
    );
    const details = await zendeskAdapter.fetchDetails?.(TICKET, req);
    expect(req.urls).toEqual(['https://acme.zendesk.com/api/v2/tickets/35436.json?include=organizations']);
    expect(details?.record).toMatchObject({
      id: '35436',
      object: 'ticket',
      names: ['Umbrella Retail Group'],
      related: [{ object: 'organization', id: '360002' }],
    });
  });

  it('reads an organization’s and a user’s names', async () => {
    const org = request(() => json({ organization: { id: 360001, name: 'Globex Corporation' } }));
    const orgDetails = await zendeskAdapter.fetchDetails?.(
      detect('https://acme.zendesk.com/agent/organizations/360001'),
      org,
    );
    expect(org.urls).toEqual(['https://acme.zendesk.com/api/v2/organizations/360001.json']);
    expect(orgDetails?.record).toMatchObject({ names: ['Globex Corporation'] });
    const user = request(() =>
      json({
        user: { id: 9001, organization_id: 360001 },
        organizations: [{ id: 360001, name: 'Globex Corporation' }],
      }),
    );
    const userDetails = await zendeskAdapter.fetchDetails?.(
      detect('https://acme.zendesk.com/agent/users/9001'),
      user,
    );
    expect(user.urls).toEqual(['https://acme.zendesk.com/api/v2/users/9001.json?include=organizations']);
    expect(userDetails?.record).toMatchObject({
      names: ['Globex Corporation'],
      related: [{ object: 'organization', id: '360001' }],
    });
  });

  it.each([
    ['401', () => json({ error: 'Couldn’t authenticate you' }, 401)],
    ['404', () => json({ error: 'RecordNotFound' }, 404)],
    ['a malformed answer', () => json({ ticket: { organization_id: 'x' }, organizations: 'none' })],
    ['a body that is not JSON', () => new Response('<html>login</html>', { status: 200 })],
    [
      'a ticket without organization',
      () => json({ ticket: { id: 35436, organization_id: null }, organizations: [] }),
    ],
    [
      'a timeout',
      () =>
        new Promise<Response>((_, reject) =>
          setTimeout(() => reject(new DOMException('The operation timed out.', 'TimeoutError')), 5),
        ),
    ],
  ])('settles for null, quietly, on %s', async (_, answer) => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    expect(await zendeskAdapter.fetchDetails?.(TICKET, request(answer))).toBeNull();
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
    errors.mockRestore();
    warnings.mockRestore();
  });
});

describe('Zendesk in the panel loop', () => {
  it('asks again with the organization from the page, then from the API, and not again after', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'https://acme.zendesk.com/agent/tickets/35436',
    );
    document.body.innerHTML = workspace('35436', true, ['360002', 'Umbrella Retail Group']); // fixture markup
    const resolve = vi.fn(
      async (_record: RecordRef): Promise<ResolvedContext> => ({ needs: [], team: null }),
    );
    const fetch = vi.fn(async () =>
      json({
        ticket: { id: 35436, organization_id: 360009 },
        organizations: [{ id: 360009, name: 'Other Org' }],
      }),
    );
    const controller = new AbortController();
    const loop = startPanelLoop({
      adapter: zendeskAdapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve,
      openOptions: vi.fn(),
      fetch,
    });
    // A generous wait: this machine runs other suites alongside; the assertion is about order, not speed.
    await vi.waitFor(
      () =>
        expect(resolve).toHaveBeenLastCalledWith(
          expect.objectContaining({ id: '35436', names: ['Umbrella Retail Group', 'Other Org'] }),
        ),
      { timeout: 5000 },
    );
    expect(resolve.mock.calls.map(([record]) => (record.kind === 'crm' ? record.names : null))).toEqual([
      undefined,
      ['Umbrella Retail Group'],
      ['Umbrella Retail Group', 'Other Org'],
    ]);
    loop.reconcile();
    loop.reconcile();
    expect(resolve).toHaveBeenCalledTimes(3);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('tandem-panel')).toHaveLength(1);
    controller.abort();
    document.body.innerHTML = '';
  });
});
