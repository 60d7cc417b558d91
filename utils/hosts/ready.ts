/**
 * Signals that a record's view is on screen, in terms that survive a host's redesign: the document
 * title naming the record, the record's key or name visible in a landmark. Adapters combine them in
 * `viewReady`; the panel loop uses that when no anchor matches (README.md, "When the host's markup
 * is new"), so the panel floats as soon as the view is there rather than after a fixed wait.
 */
import { isShown } from '@/utils/hosts/dom';

/** Where a record's own view lives: the page's main region, a dialog or a side panel. */
export const MAIN_LANDMARKS = 'main, [role="main"]';
export const SIDE_LANDMARKS =
  'dialog, [role="dialog"], aside, [role="complementary"], section[aria-label], [role="region"]';

/** Text nodes read per landmark at most: a signal must stay cheap on a page of any size. */
const MAX_TEXT_NODES = 4000;

/**
 * `text` is the content of a visible text node inside one of `landmarks`, trimmed, or as `clean`
 * reads it (Dynamics adds a save state to the record's name: "Contoso - Saved").
 */
export function shownIn(
  doc: Document,
  landmarks: string,
  text: string,
  clean: (value: string) => string = (value) => value.trim(),
): boolean {
  if (!text) return false;
  for (const landmark of doc.querySelectorAll(landmarks)) {
    const walker = doc.createTreeWalker(landmark, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = walker.nextNode(); node && count < MAX_TEXT_NODES; node = walker.nextNode(), count++) {
      const value = node.nodeValue;
      if (!value?.includes(text) || clean(value) !== text) continue;
      const parent = node.parentElement;
      // Not a hidden cached view, and not a chip of another record that merely contains the text.
      if (parent && isShown(parent)) return true;
    }
  }
  return false;
}

/** The document title names the record: `[SHOP-142] Reorder…` on Jira, a name elsewhere. */
export function titleNames(doc: Document, text: string): boolean {
  return text.length > 0 && doc.title.includes(text);
}

/**
 * The view is on screen: a full page titles itself `[KEY] summary` and shows the key in its
 * main region; a side panel or modal over a board shows the key inside its own landmark (the board's
 * cards, in the main region, show keys too, so there the title must agree).
 */
export function jiraViewReady(doc: Document, key: string): boolean {
  // One walk per check: a full page's main region, or (over a board, whose title is the board's) the side landmarks.
  return doc.title.startsWith(`[${key}]`)
    ? shownIn(doc, MAIN_LANDMARKS, key)
    : shownIn(doc, SIDE_LANDMARKS, key);
}
