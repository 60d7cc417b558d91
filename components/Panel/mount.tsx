/**
 * The panel's host element, `<tandem-panel>`, with an open shadow root that the host page's CSS and
 * scripts neither style nor break. The element is created once per content-script run and moved,
 * not re-created, when the host re-renders around it, so its state survives.
 */
import { render } from 'preact';
import type { Placement } from '@/utils/hosts/types';
import { Panel, type PanelProps } from './Panel';

export const PANEL_TAG = 'tandem-panel';

/** Keys typed in the panel must not reach the host's shortcuts (Jira's and Zendesk's are many). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export interface PanelHost {
  element: HTMLElement;
  render(props: PanelProps): void;
  setAttributes(attributes: Record<string, string>): void;
  /** Puts the panel at `placement`, or floating over the page when there is none. */
  place(placement: Placement | null): void;
  isPlacedAt(placement: Placement | null): boolean;
  destroy(): void;
}

function adoptStyles(shadow: ShadowRoot, css: string): void {
  // Constructed sheets are not subject to the page's style-src CSP; a <style> is the fallback.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}

export function createPanelHost(doc: Document, css: string): PanelHost {
  const element = doc.createElement(PANEL_TAG);
  const shadow = element.attachShadow({ mode: 'open' });
  adoptStyles(shadow, css);
  const root = doc.createElement('div');
  shadow.append(root);
  const stop = (event: Event) => event.stopPropagation();
  for (const type of ISOLATED_EVENTS) element.addEventListener(type, stop);
  let placed: Placement | null = null;

  return {
    element,
    render(props) {
      render(<Panel {...props} />, root);
    },
    setAttributes(attributes) {
      for (const [name, value] of Object.entries(attributes)) {
        if (element.getAttribute(name) !== value) element.setAttribute(name, value);
      }
    },
    place(placement) {
      placed = placement;
      element.setAttribute('data-layout', placement ? placement.layout : 'floating');
      if (!placement) {
        (doc.body ?? doc.documentElement).append(element);
        return;
      }
      const { anchor, position } = placement;
      if (position === 'before') anchor.before(element);
      else if (position === 'after') anchor.after(element);
      else if (position === 'prepend') anchor.prepend(element);
      else anchor.append(element);
    },
    isPlacedAt(placement) {
      if (!element.isConnected) return false;
      if (!placement || !placed) return placement === placed;
      if (placed.anchor !== placement.anchor || placed.position !== placement.position) return false;
      const { anchor, position } = placement;
      if (position === 'after') return anchor.nextElementSibling === element;
      if (position === 'before') return anchor.previousElementSibling === element;
      return element.parentElement === anchor;
    },
    destroy() {
      render(null, root);
      for (const type of ISOLATED_EVENTS) element.removeEventListener(type, stop);
      element.remove();
      placed = null;
    },
  };
}
