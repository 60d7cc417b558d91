import { describe, expect, it } from 'vitest';
import {
  createHubSpotAdapter,
  findHubSpotPlacement,
  HUBSPOT_MATCHES,
  hubspotDetection,
  readHubSpotName,
} from '@/utils/hosts/hubspot';
import type { Detection } from '@/utils/hosts/types';
import { DETECTORS, HUBSPOT_NOT_RECORDS, HUBSPOT_RECORDS, page } from './crm-urls';

describe('HubSpot URL detection', () => {
  it.each(HUBSPOT_RECORDS)('%s names %s', (url, label) => {
    const [object, id] = label.split('/');
    expect(hubspotDetection(new URL(url))).toEqual({
      host: 'hubspot',
      recordLabel: label,
      record: { kind: 'crm', host: 'hubspot', object, id },
    });
  });

  it.each(HUBSPOT_RECORDS)('%s is claimed by no other host', (url) => {
    for (const [host, detect] of Object.entries(DETECTORS)) {
      if (host !== 'hubspot') expect(detect(new URL(url)), host).toBeNull();
    }
  });

  it.each(HUBSPOT_NOT_RECORDS)('%s names no record', (url) => {
    expect(hubspotDetection(new URL(url))).toBeNull();
  });

  it('gives the legacy URL and the one HubSpot rewrites it to the same record', () => {
    const legacy = hubspotDetection(new URL('https://app.hubspot.com/contacts/4711001/company/18273645012'));
    const current = hubspotDetection(
      new URL('https://app.hubspot.com/contacts/4711001/record/0-2/18273645012'),
    );
    expect(legacy).toEqual(current);
  });

  it('lists only valid match patterns (no app-* wildcard)', () => {
    for (const pattern of HUBSPOT_MATCHES)
      expect(pattern).toMatch(/^https:\/\/app(-[a-z]{2,3}\d+)?\.hubspot\.com\/\*$/);
  });
});

const detect = (url: string): Detection => {
  const detection = hubspotDetection(new URL(url));
  if (!detection) throw new Error(`no record in ${url}`);
  return detection;
};
const GLOBEX = detect('https://app.hubspot.com/contacts/4711001/record/0-2/18273645012');
const INITECH = detect('https://app.hubspot.com/contacts/4711001/record/0-2/18273645099');

/** A record page: three columns, every middle-pane tab in the DOM, only one shown. */
const recordPage = (name: string, visibleTab = 0) => `
  <div data-test-id="record-page">
    <div id="record-page-left-sidebar"><div data-test-id="left-sidebar">
      <div data-test-id="card-wrapper-OBJECT_HIGHLIGHT" data-card-type="OBJECT_HIGHLIGHT" id="highlight">
        <div data-test-id="record-highlight-content">
          <span data-test-id="highlight-record-label" title="${name}">${name}</span>
          <span data-test-id="highlight-property-item-domain">example.com</span>
        </div>
      </div>
    </div></div>
    <div data-test-id="middle-pane">
      <div role="tablist"><button role="tab" aria-selected="${visibleTab === 0}">Overview</button>
        <button role="tab" aria-selected="${visibleTab === 1}">Activities</button></div>
      ${[0, 1]
        .map(
          (
            n,
          ) => `<div data-test-id="tab-${n}-content" id="tab-${n}" ${n === visibleTab ? '' : 'hidden style="display:none"'}>
            <div class="ScrollContainer"><div id="cards-${n}">
              <div data-test-id="card-wrapper-PROPERTIES_V3/0-2/0">props</div>
              <div data-test-id="card-wrapper-ASSOCIATION_V3/0-1">contacts</div>
            </div></div>
          </div>`,
        )
        .join('')}
    </div>
    <div data-test-id="records-right-sidebar"><div data-test-id="right-sidebar" id="right">right</div></div>
  </div>`;

describe('HubSpot record page', () => {
  it('reads the name from the highlight card and ignores hidden copies', () => {
    const doc = page(
      `<div style="display:none"><span data-test-id="highlight-record-label">Old Co</span></div>${recordPage('Initech')}`,
    );
    expect(readHubSpotName(doc)).toBe('Initech');
    expect(readHubSpotName(page('<h3>Initech</h3>'))).toBeNull();
  });

  it('puts the panel at the top of the visible tab’s card list', () => {
    expect(findHubSpotPlacement(page(recordPage('Initech', 0)))?.anchor.id).toBe('cards-0');
    const placement = findHubSpotPlacement(page(recordPage('Initech', 1)));
    expect(placement?.anchor.id).toBe('cards-1');
    expect(placement?.position).toBe('prepend');
  });

  it('falls back to after the highlight card, then the right sidebar', () => {
    const withoutMiddle = page(recordPage('Initech').replace('data-test-id="middle-pane"', 'data-x="1"'));
    expect(findHubSpotPlacement(withoutMiddle)?.anchor.id).toBe('highlight');
    expect(findHubSpotPlacement(page('<div data-test-id="right-sidebar" id="r"></div>'))?.anchor.id).toBe(
      'r',
    );
    expect(findHubSpotPlacement(page('<div data-test-id="tab-0-content">a list page</div>'))).toBeNull();
  });

  it('adds the name, and waits while the page still shows the previous record', () => {
    const adapter = createHubSpotAdapter();
    const globex = page(recordPage('Globex Corporation'));
    expect(adapter.findPlacement(globex, GLOBEX)?.anchor.id).toBe('cards-0');
    expect(adapter.enrich?.(globex, GLOBEX).record).toMatchObject({ names: ['Globex Corporation'] });
    // The URL names Initech; React has not re-rendered yet.
    expect(adapter.findPlacement(globex, INITECH)).toBeNull();
    expect(adapter.enrich?.(globex, INITECH).record).not.toHaveProperty('names');
    const initech = page(recordPage('Initech'));
    expect(adapter.findPlacement(initech, INITECH)?.anchor.id).toBe('cards-0');
    expect(adapter.enrich?.(initech, INITECH).record).toMatchObject({ names: ['Initech'] });
  });
});
