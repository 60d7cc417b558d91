/**
 * Light or dark, as the host page shows itself: an explicit mode attribute first (Jira's
 * `data-color-mode`, GitHub-style `data-theme`), then a `color-scheme` the page pins to one
 * value, then the luminance of the background it paints, and only then the system preference.
 */
export type Scheme = 'light' | 'dark';

const MODE_ATTRIBUTES = ['data-color-mode', 'data-theme', 'data-color-scheme', 'data-mode'];

/** Attributes whose change may switch the host's scheme; the panel loop watches them. */
export const SCHEME_ATTRIBUTES = MODE_ATTRIBUTES;

function fromAttributes(element: Element): Scheme | null {
  for (const name of MODE_ATTRIBUTES) {
    const value = element.getAttribute(name)?.trim().toLowerCase();
    if (value === 'dark' || value === 'light') return value;
  }
  const classes = element.classList;
  if (classes.contains('dark') || classes.contains('theme-dark') || classes.contains('dark-mode'))
    return 'dark';
  return null;
}

/** `rgb(a)` as the browser computes it, to relative luminance; null when mostly transparent. */
export function luminanceOf(color: string): number | null {
  const match = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)$/.exec(color.trim());
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : Number.parseFloat(match[4]) / (match[4].endsWith('%') ? 100 : 1);
  if (alpha < 0.5) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function detectScheme(doc: Document, win: Window): Scheme {
  const elements = [doc.documentElement, doc.body].filter((element): element is HTMLElement => !!element);
  for (const element of elements) {
    const scheme = fromAttributes(element);
    if (scheme) return scheme;
  }
  const styles = elements.map((element) => win.getComputedStyle(element));
  for (const style of styles) {
    const declared = (style.colorScheme ?? '').split(/\s+/);
    const dark = declared.includes('dark');
    if (dark !== declared.includes('light')) return dark ? 'dark' : 'light';
  }
  // The body paints over the root, so it speaks first.
  for (const style of styles.reverse()) {
    const luminance = luminanceOf(style.backgroundColor ?? '');
    if (luminance !== null) return luminance < 0.2 ? 'dark' : 'light';
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
