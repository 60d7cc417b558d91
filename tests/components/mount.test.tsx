/**
 * The panel's host element when the page has defined its own `tandem-panel` (custom elements are
 * per document, not per world). The browser case, with scoped registries, is in
 * tests/e2e/security-hostile-page.e2e.ts; here (happy-dom, no scoped registries) the fallback host.
 */
import { describe, expect, it, vi } from 'vitest';
import { createPanelHost, PANEL_SELECTOR } from '@/components/Panel/mount';

describe('createPanelHost', () => {
  it('makes a <tandem-panel> with an open shadow root', () => {
    const host = createPanelHost(document, '');
    expect(host.element.localName).toBe('tandem-panel');
    expect(host.element.shadowRoot).not.toBeNull();
    host.destroy();
  });

  it('lets no synthetic click, key or input reach the panel’s controls (a page script makes only those)', () => {
    const host = createPanelHost(document, '');
    const root = host.element.shadowRoot as ShadowRoot;
    const button = document.createElement('button');
    const input = document.createElement('input');
    root.append(button, input);
    const reached = vi.fn();
    for (const type of ['click', 'keydown', 'input']) {
      button.addEventListener(type, reached);
      input.addEventListener(type, reached);
    }
    const event = (type: string, trusted: boolean) => {
      const made = new Event(type, { bubbles: true, cancelable: true, composed: true });
      Object.defineProperty(made, 'isTrusted', { value: trusted });
      return made;
    };
    for (const type of ['click', 'keydown']) {
      const untrusted = event(type, false);
      button.dispatchEvent(untrusted);
      expect(untrusted.defaultPrevented, `${type} cancelled`).toBe(true);
    }
    input.dispatchEvent(event('input', false));
    expect(reached).not.toHaveBeenCalled();
    button.dispatchEvent(event('click', true));
    input.dispatchEvent(event('input', true));
    expect(reached).toHaveBeenCalledTimes(2);
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
