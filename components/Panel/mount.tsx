/**
 * The panel's host element, `<tandem-panel>`, with an open shadow root that the host page's CSS and
 * scripts neither style nor break. The element is created once per content-script run and moved,
 * not re-created, when the host re-renders around it, so its state survives.
 */
import { render } from 'preact';
import { Panel, type PanelProps } from '@/components/Panel/Panel';
import type { Placement } from '@/utils/hosts/types';

export const PANEL_TAG = 'tandem-panel';
/** Marks the fallback host used when the page has claimed `tandem-panel` (see `hostElement`). */
const FALLBACK_ATTRIBUTE = 'data-tandem-panel';
/** Every panel host element, the fallback included. */
export const PANEL_SELECTOR = `${PANEL_TAG},[${FALLBACK_ATTRIBUTE}]`;

/** Keys typed in the panel must not reach the host's shortcuts (Jira's and Zendesk's are many). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
/**
 * The shadow root is open (for tests and automation), so a page's script can reach the panel's
 * controls, but it cannot make trusted events: its synthetic clicks, keys and input stop at the
 * shadow root, cancelled. It cannot open the link picker or the new-need form, search needs
 * through them, pick, save or undo. Real mouse, keyboard and assistive-technology input is trusted.
 */
const USER_ONLY_EVENTS = ['click', 'keydown', 'input'] as const;

function dropUntrusted(event: Event): void {
  // Browsers always say true or false (unforgeably); DOM emulations without the flag pass.
  if (event.isTrusted !== false) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

export interface PanelHost {
  element: HTMLElement;
  render(props: PanelProps): void;
  setAttributes(attributes: Record<string, string>): void;
  /** Puts the panel at `placement`, or floating over the page when there is none. */
  place(placement: Placement | null): void;
  isPlacedAt(placement: Placement | null): boolean;
  /** Moves focus to the panel's own collapse or expand control. */
  focus(): void;
  /** Focus is inside the panel. */
  hasFocus(): boolean;
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

/**
 * Custom elements are defined per document, not per world: a page that defines its own
 * `tandem-panel` would upgrade ours with its class, whose shadow root makes `attachShadow` throw.
 * Where the browser has scoped registries (Chromium 146+) our element belongs to an empty registry
 * of its own, so the page's definition never applies and the element stays ours. Elsewhere, when
 * the page's class took it, the panel lives in a `<div data-tandem-panel>` (no page can define a
 * `div`), with the same attributes and open shadow root.
 */
function hostElement(doc: Document): [HTMLElement, ShadowRoot] {
  let customElementRegistry: CustomElementRegistry | undefined;
  try {
    customElementRegistry = new CustomElementRegistry();
  } catch {}
  try {
    const element = doc.createElement(PANEL_TAG, { customElementRegistry });
    return [element, element.attachShadow({ mode: 'open' })];
  } catch {
    const element = doc.createElement('div');
    element.setAttribute(FALLBACK_ATTRIBUTE, '');
    return [element, element.attachShadow({ mode: 'open' })];
  }
}

export function createPanelHost(doc: Document, css: string): PanelHost {
  const [element, shadow] = hostElement(doc);
  for (const type of USER_ONLY_EVENTS) shadow.addEventListener(type, dropUntrusted, true);
  adoptStyles(shadow, css);
  const root = doc.createElement('div');
  shadow.append(root);
  const stop = (event: Event) => event.stopPropagation();
  for (const type of ISOLATED_EVENTS) element.addEventListener(type, stop);
  let placed: Placement | null = null;
  // What had focus in the panel, kept when the host (not the user) took the panel out of the page.
  let lastFocused: HTMLElement | null = null;
  shadow.addEventListener('focusin', (event) => {
    lastFocused = event.target as HTMLElement;
  });
  shadow.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (element.isConnected && !shadow.contains(next)) lastFocused = null;
  });

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
      // Moving an element blurs whatever is focused inside it, and a host that re-renders takes
      // the panel out with its container: either way the user typing in the panel keeps their place.
      const idle = !doc.activeElement || doc.activeElement === doc.body;
      const focused =
        (shadow.activeElement as HTMLElement | null) ?? (!element.isConnected && idle ? lastFocused : null);
      if (!placement) (doc.body ?? doc.documentElement).append(element);
      else {
        const { anchor, position } = placement;
        if (position === 'before') anchor.before(element);
        else if (position === 'after') anchor.after(element);
        else if (position === 'prepend') anchor.prepend(element);
        else anchor.append(element);
      }
      if (focused?.isConnected && shadow.activeElement !== focused) focused.focus({ preventScroll: true });
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
    focus() {
      shadow.querySelector<HTMLElement>('[data-panel-focus]')?.focus();
    },
    hasFocus() {
      return doc.activeElement === element;
    },
    destroy() {
      render(null, root);
      for (const type of ISOLATED_EVENTS) element.removeEventListener(type, stop);
      element.remove();
      placed = null;
    },
  };
}
