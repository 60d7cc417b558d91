import { describe, expect, it } from 'vitest';
import {
  activeView,
  createSalesforceAdapter,
  deepQuery,
  readLightningName,
  salesforceDetection,
  salesforceRecord,
} from '@/utils/hosts/salesforce';
import type { Detection } from '@/utils/hosts/types';
import { DETECTORS, page, SALESFORCE_NOT_RECORDS, SALESFORCE_RECORDS, shadow } from './crm-urls';

describe('Salesforce URL detection', () => {
  it.each(SALESFORCE_RECORDS)('%s names %s', (url, label) => {
    const detection = salesforceDetection(new URL(url));
    const [object, id] = label.split('/');
    expect(detection).toEqual({
      host: 'salesforce',
      recordLabel: label,
      record: { kind: 'crm', host: 'salesforce', object, id },
    });
  });

  it.each(SALESFORCE_RECORDS)('%s is claimed by no other host', (url) => {
    for (const [host, detect] of Object.entries(DETECTORS)) {
      if (host !== 'salesforce') expect(detect(new URL(url)), host).toBeNull();
    }
  });

  it.each(SALESFORCE_NOT_RECORDS)('%s names no record', (url) => {
    expect(salesforceDetection(new URL(url))).toBeNull();
  });

  it('tells Lightning from Classic', () => {
    expect(salesforceRecord(new URL(SALESFORCE_RECORDS[0]?.[0] ?? ''))?.ui).toBe('lightning');
    expect(salesforceRecord(new URL('https://acme.my.salesforce.com/001Dn00000AbCdE'))?.ui).toBe('classic');
  });
});

const detect = (url: string): Detection => {
  const detection = salesforceDetection(new URL(url));
  if (!detection) throw new Error(`no record in ${url}`);
  return detection;
};
const GLOBEX = detect('https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view');
const UMBRELLA = detect('https://acme.lightning.force.com/lightning/r/Opportunity/006Dn00000XyZaBIAV/view');

/** One Lightning page view: active or cached (hidden), with a highlights panel whose name sits in open shadow roots. */
const view = (id: string, active: boolean, withHighlights = true) => `
  <div class="windowViewMode-normal oneContent ${active ? 'active ' : ''}lafPageHost" id="view-${id}"
       ${active ? '' : 'style="display:none"'}>
    <div class="flexipagePage oneRecordHomeFlexipage"><div>
      <one-record-home-flexipage2 id="home-${id}">
        <div class="record-page-decorator">
          ${withHighlights ? `<records-lwc-highlights-panel><records-highlights2 id="hl-${id}"></records-highlights2></records-lwc-highlights-panel>` : ''}
          <div class="region-main">details</div>
        </div>
      </one-record-home-flexipage2>
    </div></div>
  </div>`;

const highlightsShadow = () => `
  <div class="highlights slds-page-header slds-page-header_record-home">
    <div class="entityNameTitle"><records-entity-label>Account</records-entity-label></div>
    <h1><slot name="primaryField"><lightning-formatted-text class="name"></lightning-formatted-text></slot></h1>
    <records-highlights-details-item><p class="fieldComponent"><lightning-formatted-text>Not the name</lightning-formatted-text></p></records-highlights-details-item>
  </div>`;

/** Renders the name the way LWC does it: inside the formatted-text element's own open shadow root. */
function withName(doc: Document, id: string, name: string): void {
  const root = shadow(doc, `#hl-${id}`, highlightsShadow());
  shadow(root, 'lightning-formatted-text.name', `<span>${name}</span>`);
}

describe('Salesforce Lightning active view', () => {
  it('reads the name through open shadow roots, never from a hidden cached view', () => {
    const doc = page(
      view('a', false) + view('b', true),
      'Umbrella - Wholesale alerts | Opportunity | Salesforce',
    );
    withName(doc, 'a', 'Globex Corporation');
    withName(doc, 'b', 'Umbrella - Wholesale alerts');
    expect(doc.querySelector('records-highlights2 lightning-formatted-text')).toBeNull(); // not in the light DOM
    expect(activeView(doc)?.id).toBe('view-b');
    expect(readLightningName(activeView(doc) as Element)).toBe('Umbrella - Wholesale alerts');
  });

  it('places the panel after the active view’s highlights panel and adds the name', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', false) + view('b', true));
    withName(doc, 'a', 'Umbrella - Wholesale alerts');
    withName(doc, 'b', 'Globex Corporation');
    const placement = adapter.findPlacement(doc, GLOBEX);
    expect(placement?.anchor.id).toBe('hl-b');
    expect(placement?.position).toBe('after');
    expect(adapter.findPlacement(doc, GLOBEX)).toEqual(placement); // a second call changes nothing
    expect(adapter.enrich?.(doc, GLOBEX).record).toMatchObject({ names: ['Globex Corporation'] });
  });

  it('never takes a view seen for another record, until the host marks the right one active', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', true) + view('b', false));
    withName(doc, 'a', 'Globex Corporation');
    withName(doc, 'b', 'Umbrella - Wholesale alerts');
    expect(adapter.findPlacement(doc, GLOBEX)?.anchor.id).toBe('hl-a');
    // The URL now names the opportunity; the account's view is still the active one.
    expect(adapter.findPlacement(doc, UMBRELLA)).toBeNull();
    // Lightning flips to the cached opportunity view.
    const a = doc.getElementById('view-a') as HTMLElement;
    const b = doc.getElementById('view-b') as HTMLElement;
    a.classList.remove('active');
    a.style.display = 'none';
    b.classList.add('active');
    b.style.display = '';
    expect(adapter.findPlacement(doc, UMBRELLA)?.anchor.id).toBe('hl-b');
    // Back to the account: its cached view is still its own.
    b.classList.remove('active');
    b.style.display = 'none';
    a.classList.add('active');
    a.style.display = '';
    expect(adapter.findPlacement(doc, GLOBEX)?.anchor.id).toBe('hl-a');
  });

  it('waits for the name instead of taking a title that may lag behind', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', true), 'Globex Corporation | Account | Salesforce');
    shadow(doc, '#hl-a', highlightsShadow());
    expect(adapter.findPlacement(doc, UMBRELLA)).not.toBeNull();
    expect(adapter.enrich?.(doc, UMBRELLA).record).not.toHaveProperty('names');
  });

  it('falls back to the top of the record page, and to document.title for the name', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', true, false), 'Vandelay Industries | Account | Salesforce');
    const placement = adapter.findPlacement(doc, GLOBEX);
    expect(placement?.anchor.id).toBe('home-a');
    expect(placement?.position).toBe('prepend');
    expect(adapter.enrich?.(doc, GLOBEX).record).toMatchObject({ names: ['Vandelay Industries'] });
  });

  it('falls back to the title when the highlights panel is behind a closed shadow root', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', true), 'Vandelay Industries | Account | Salesforce');
    const closed = doc.querySelector('#hl-a')?.attachShadow({ mode: 'closed' });
    closed?.append(doc.createElement('h1'));
    expect(adapter.findPlacement(doc, GLOBEX)?.anchor.id).toBe('hl-a');
    expect(adapter.enrich?.(doc, GLOBEX).record).toMatchObject({ names: ['Vandelay Industries'] });
  });

  it('ignores a title that still names the previous record', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(view('a', true, false), 'Globex Corporation | Account | Salesforce');
    adapter.enrich?.(doc, GLOBEX);
    const next = page(view('b', true, false), 'Globex Corporation | Account | Salesforce');
    expect(adapter.enrich?.(next, UMBRELLA).record).not.toHaveProperty('names');
  });

  it('mounts in the light DOM even when the highlights panel sits in a shadow root', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(`
      <div class="windowViewMode-normal oneContent active lafPageHost">
        <one-record-home-flexipage2 id="home"></one-record-home-flexipage2>
      </div>`);
    const inner = shadow(doc, '#home', '<div><records-highlights2 id="deep"></records-highlights2></div>');
    expect(deepQuery(doc, '#deep')).toBe(inner.querySelector('#deep'));
    const placement = adapter.findPlacement(doc, GLOBEX);
    expect(placement?.anchor.id).toBe('home');
    expect(placement?.position).toBe('before');
  });

  it('uses the console app’s maximized view', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(`
      <section class="oneConsoleTab" style="display:none"><div class="windowViewMode-maximized active lafPageHost">
        <records-highlights2 id="hidden-tab"></records-highlights2></div></section>
      <section class="oneConsoleTab"><div class="windowViewMode-maximized active lafPageHost">
        <records-highlights2 id="shown-tab"></records-highlights2></div></section>`);
    expect(adapter.findPlacement(doc, GLOBEX)?.anchor.id).toBe('shown-tab');
  });

  it('is not ready on a page without a record view', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(
      '<div class="windowViewMode-normal oneContent active lafPageHost"><div class="forceListViewManager">list</div></div>',
    );
    expect(adapter.findPlacement(doc, GLOBEX)).toBeNull();
    expect(adapter.findPlacement(page('<div>Jira or anything else</div>'), GLOBEX)).toBeNull();
  });
});

describe('Salesforce Classic', () => {
  const classic = (name: string) => `
    <div id="bodyCell"><div class="bPageTitle"><div class="ptBody"><div class="content">
      <h1 class="pageType">Account</h1><h2 class="pageDescription"> ${name} </h2>
    </div></div></div><div class="bDetailBlock">details</div></div>`;

  it('places the panel under the page title and reads the record name', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(
      classic('Globex Corporation'),
      'Account: Globex Corporation ~ Salesforce - Enterprise Edition',
    );
    doc.body.classList.add('sfdcBody');
    const placement = adapter.findPlacement(doc, GLOBEX);
    expect(placement?.anchor.className).toBe('bPageTitle');
    expect(placement?.position).toBe('after');
    expect(adapter.enrich?.(doc, GLOBEX).record).toMatchObject({ names: ['Globex Corporation'] });
  });

  it('falls back to the Classic title', () => {
    const adapter = createSalesforceAdapter();
    const doc = page(classic(''), 'Account: Vandelay Industries ~ Salesforce - Enterprise Edition');
    expect(adapter.enrich?.(doc, GLOBEX).record).toMatchObject({ names: ['Vandelay Industries'] });
  });
});
