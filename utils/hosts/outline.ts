/**
 * A redacted outline of the page's landmarks, for a bug report when Tandem found none of its
 * anchors: tag names, roles and test-id names (digits masked, since ids can carry record numbers),
 * indented by nesting. No text, no ids, no classes, no URLs: nothing the page says about its data.
 *
 * The background runs it in the tab that reported the miss (`scripting.executeScript`), so it is
 * self-contained: everything it uses is inside it, and content scripts do not carry it.
 */
export function landmarkOutline(doc: Document = document): string {
  const landmarkTags = new Set([
    'MAIN',
    'NAV',
    'ASIDE',
    'HEADER',
    'FOOTER',
    'SECTION',
    'FORM',
    'DIALOG',
    'H1',
  ]);
  const testIds = ['data-testid', 'data-test-id', 'data-id', 'data-selenium-test'];
  const maxLines = 300;
  const maxDepth = 12;
  // Elements visited at most: the outline is made once per missed view, never in a hot path.
  const maxVisits = 20_000;
  const redact = (value: string) => value.replace(/\d+/g, '#').slice(0, 80);
  const describe = (element: Element): string | null => {
    const role = element.getAttribute('role');
    const testId = testIds.map((name) => element.getAttribute(name)).find((value) => value);
    if (!landmarkTags.has(element.tagName) && !role && !testId && !element.shadowRoot) return null;
    let line = element.tagName.toLowerCase();
    if (role) line += ` role=${redact(role)}`;
    if (testId) line += ` testid=${redact(testId)}`;
    if (element.shadowRoot) line += ' #shadow';
    return line;
  };
  const lines: string[] = [];
  let visits = 0;
  const walk = (parent: Element, depth: number) => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (lines.length >= maxLines || ++visits > maxVisits) return;
      if (child.tagName === 'SCRIPT' || child.tagName === 'STYLE' || child.tagName === 'TANDEM-PANEL')
        continue;
      const line = describe(child);
      if (line) lines.push(`${'  '.repeat(depth)}${line}`);
      if (depth < maxDepth) walk(child, line ? depth + 1 : depth);
    }
  };
  if (doc.body) walk(doc.body, 0);
  return lines.join('\n');
}
