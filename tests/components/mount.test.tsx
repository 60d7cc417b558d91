/**
 * The panel's host element when the page has defined its own `tandem-panel` (custom elements are
 * per document, not per world). The browser case, with scoped registries, is in
 * tests/e2e/security-hostile-page.e2e.ts; here (happy-dom, no scoped registries) the fallback host.
 */
import { describe, expect, it } from 'vitest';
import { createPanelHost, PANEL_SELECTOR } from '@/components/Panel/mount';

describe('createPanelHost', () => {
  it('makes a <tandem-panel> with an open shadow root', () => {
    const host = createPanelHost(document, '');
    expect(host.element.localName).toBe('tandem-panel');
    expect(host.element.shadowRoot).not.toBeNull();
    host.destroy();
  });

  it('falls back to a host the page cannot claim when the page defined tandem-panel, and throws nothing', () => {
    let upgraded = 0;
    customElements.define(
      'tandem-panel',
      class extends HTMLElement {
        constructor() {
          super();
          upgraded += 1;
          this.attachShadow({ mode: 'closed' });
        }
      },
    );
    const host = createPanelHost(document, '');
    host.setAttributes({ 'data-record': 'SHOP-1' });
    host.place(null);
    expect(upgraded, 'the page’s class ran on the element it could claim').toBe(1);
    expect(host.element.localName).toBe('div');
    expect(host.element.hasAttribute('data-tandem-panel')).toBe(true);
    expect(host.element.shadowRoot).not.toBeNull();
    expect(host.element.getAttribute('data-record')).toBe('SHOP-1');
    expect(document.querySelectorAll(PANEL_SELECTOR)).toHaveLength(1);
    host.destroy();
    expect(document.querySelectorAll(PANEL_SELECTOR)).toHaveLength(0);
  });
});
