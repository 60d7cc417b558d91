import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectScheme, luminanceOf } from '@/utils/page/theme';

function page(html = '', body = ''): Document {
  const doc = document.implementation.createHTMLDocument('t');
  if (html)
    for (const [name, value] of new URLSearchParams(html)) doc.documentElement.setAttribute(name, value);
  if (body) for (const [name, value] of new URLSearchParams(body)) doc.body.setAttribute(name, value);
  return doc;
}

/** A window whose computed styles and system preference the test chooses. */
function win(
  styles: { root?: Partial<CSSStyleDeclaration>; body?: Partial<CSSStyleDeclaration> },
  systemDark = false,
) {
  return {
    getComputedStyle: (element: Element) =>
      (element.localName === 'html' ? styles.root : styles.body) ?? {
        colorScheme: 'normal',
        backgroundColor: 'rgba(0, 0, 0, 0)',
      },
    matchMedia: vi.fn(() => ({ matches: systemDark })),
  } as unknown as Window;
}

afterEach(() => vi.restoreAllMocks());

describe('luminanceOf', () => {
  it('reads computed colours and ignores mostly transparent ones', () => {
    expect(luminanceOf('rgb(255, 255, 255)')).toBeCloseTo(1);
    expect(luminanceOf('rgb(0, 0, 0)')).toBe(0);
    expect(luminanceOf('rgba(29, 33, 37, 1)')).toBeLessThan(0.05);
    expect(luminanceOf('rgba(0, 0, 0, 0)')).toBeNull();
    expect(luminanceOf('rgb(0 0 0 / 10%)')).toBeNull();
    expect(luminanceOf('transparent')).toBeNull();
  });
});

describe('detectScheme', () => {
  it('follows an explicit mode attribute first (Jira, GitHub-style themes)', () => {
    const light = { body: { colorScheme: 'normal', backgroundColor: 'rgb(255, 255, 255)' } };
    expect(detectScheme(page('data-color-mode=dark'), win(light))).toBe('dark');
    expect(detectScheme(page('', 'data-theme=dark'), win(light))).toBe('dark');
    expect(detectScheme(page('class=theme-dark'), win(light))).toBe('dark');
    expect(detectScheme(page('data-color-mode=light'), win({}, true))).toBe('light');
  });

  it('then a colour scheme the page pins to one value', () => {
    expect(
      detectScheme(page(), win({ root: { colorScheme: 'dark', backgroundColor: 'rgba(0, 0, 0, 0)' } })),
    ).toBe('dark');
    expect(
      detectScheme(
        page(),
        win({ root: { colorScheme: 'light', backgroundColor: 'rgba(0, 0, 0, 0)' } }, true),
      ),
    ).toBe('light');
  });

  it('then the background the page paints, body over root', () => {
    const dark = { colorScheme: 'normal', backgroundColor: 'rgb(29, 33, 37)' };
    const white = { colorScheme: 'normal', backgroundColor: 'rgb(255, 255, 255)' };
    expect(detectScheme(page(), win({ body: dark, root: white }))).toBe('dark');
    expect(detectScheme(page(), win({ body: white }, true))).toBe('light');
  });

  it('and the system preference when the page says nothing', () => {
    expect(detectScheme(page(), win({}, true))).toBe('dark');
    expect(detectScheme(page(), win({}, false))).toBe('light');
    const both = { colorScheme: 'light dark', backgroundColor: 'rgba(0, 0, 0, 0)' };
    expect(detectScheme(page(), win({ root: both }, true))).toBe('dark');
  });
});
