/** Small DOM helpers shared by host adapters. They take the element or document to read. */

/** Matches both spellings Jira, HubSpot and Zendesk have used: `data-testid` and `data-test-id`. */
export function byTestId(id: string, tag = ''): string {
  return `${tag}[data-testid="${id}"], ${tag}[data-test-id="${id}"]`;
}

/** The element is rendered (not in a hidden, cached view). */
export function isShown(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') return element.checkVisibility();
  return element.getClientRects().length > 0;
}

export function firstShown(root: ParentNode, selector: string): Element | null {
  for (const element of root.querySelectorAll(selector)) {
    if (isShown(element)) return element;
  }
  return null;
}
