import { describe, expect, it } from 'vitest';
import {
  createDynamicsAdapter,
  DYNAMICS_MATCHES,
  dynamicsDetection,
  readDynamicsTitle,
} from '@/utils/hosts/dynamics';
import type { Detection } from '@/utils/hosts/types';
import { DETECTORS, DYNAMICS_NOT_RECORDS, DYNAMICS_RECORDS, page } from './crm-urls';

describe('Dynamics 365 URL detection', () => {
  it.each(DYNAMICS_RECORDS)('%s names %s', (url, label) => {
    const [object, id] = label.split('/');
    expect(dynamicsDetection(new URL(url))).toEqual({
      host: 'dynamics',
      recordLabel: label,
      record: { kind: 'crm', host: 'dynamics', object, id },
    });
  });

  it.each(DYNAMICS_RECORDS)('%s is claimed by no other host', (url) => {
    for (const [host, detect] of Object.entries(DETECTORS)) {
      if (host !== 'dynamics') expect(detect(new URL(url)), host).toBeNull();
    }
  });

  it.each(DYNAMICS_NOT_RECORDS)('%s names no record', (url) => {
    expect(dynamicsDetection(new URL(url))).toBeNull();
  });

  it('covers the regional hosts with valid match patterns', () => {
    expect(DYNAMICS_MATCHES).toContain('https://*.crm.dynamics.com/*');
    expect(DYNAMICS_MATCHES).toContain('https://*.crm4.dynamics.com/*');
    expect(DYNAMICS_MATCHES).toContain('https://*.crm11.dynamics.com/*');
  });
});

const SOYLENT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const PLAIN_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const detect = (id: string): Detection => {
  const detection = dynamicsDetection(
    new URL(`https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${id}`),
  );
  if (!detection) throw new Error(`no record for ${id}`);
  return detection;
};
const SOYLENT = detect(SOYLENT_ID);
const PLAIN = detect(PLAIN_ID);

/** A UCI form: header with the title (and its save state), then tabs. */
const form = (title: string, id = 'form') => `
  <div id="ApplicationShell"><div id="shell-container">
    <div data-id="editFormRoot" id="${id}">
      <div data-id="form-header" id="${id}-header">
        <h1 data-id="header_title" title="${title}">${title}</h1>
        <span data-id="entity_name_span">Account</span>
        <div id="headerControlsList_1"><div data-id="header_statuscode">Active</div></div>
      </div>
      <ul id="tablist"><li data-id="tablist-SUMMARY_TAB" title="Summary">Summary</li></ul>
    </div>
  </div></div>`;

describe('Dynamics 365 form', () => {
  it('reads the title without its save state', () => {
    const doc = page(form('Soylent Foods GmbH - Saved'));
    expect(readDynamicsTitle(doc.querySelector('h1') as Element)).toBe('Soylent Foods GmbH');
    const unsaved = page('<h1 data-id="header_title">Ann’s Bakery- Unsaved</h1>');
    expect(readDynamicsTitle(unsaved.querySelector('h1') as Element)).toBe('Ann’s Bakery');
  });

  it('places the panel below the form header and adds the name', () => {
    const adapter = createDynamicsAdapter();
    const doc = page(form('Soylent Foods GmbH'));
    const placement = adapter.findPlacement(doc, SOYLENT);
    expect(placement?.anchor.id).toBe('form-header');
    expect(placement?.position).toBe('after');
    expect(adapter.findPlacement(doc, SOYLENT)).toEqual(placement);
    expect(adapter.enrich?.(doc, SOYLENT).record).toMatchObject({ names: ['Soylent Foods GmbH'] });
  });

  it('never takes the previous record’s form, nor a rebuilt form whose title is still the old one', () => {
    const adapter = createDynamicsAdapter();
    const old = page(form('Soylent Foods GmbH - Saved'));
    expect(adapter.findPlacement(old, SOYLENT)).not.toBeNull();
    // The URL names another account; the old form is still on screen.
    expect(adapter.findPlacement(old, PLAIN)).toBeNull();
    expect(adapter.enrich?.(old, PLAIN).record).not.toHaveProperty('names');
    // Torn down: no form at all.
    expect(
      adapter.findPlacement(
        page('<div id="shell-container"><div class="progress">Loading…</div></div>'),
        PLAIN,
      ),
    ).toBeNull();
    // Rebuilt, but the title still shows the previous record for a moment.
    expect(adapter.findPlacement(page(form('Soylent Foods GmbH', 'form2')), PLAIN)).toBeNull();
    // Rebuilt with an empty title.
    expect(adapter.findPlacement(page(form('', 'form2')), PLAIN)).toBeNull();
    const fresh = page(form('Ann’s Bakery - Saved', 'form2'));
    expect(adapter.findPlacement(fresh, PLAIN)?.anchor.id).toBe('form2-header');
    expect(adapter.enrich?.(fresh, PLAIN).record).toMatchObject({ names: ['Ann’s Bakery'] });
    // And back: the other account's title is now the stale one.
    expect(adapter.findPlacement(fresh, SOYLENT)).toBeNull();
  });

  it('ignores quick-view dialogs and hidden sessions', () => {
    const adapter = createDynamicsAdapter();
    const doc = page(`
      <div data-id="editFormRoot" style="display:none"><div data-id="form-header"><h1 data-id="header_title">Hidden Co</h1></div></div>
      <div aria-modal="true"><h2 data-id="header_title">Quick view</h2><h1 data-id="header_title">Dialog Co</h1></div>`);
    expect(adapter.findPlacement(doc, SOYLENT)).toBeNull();
  });
});
