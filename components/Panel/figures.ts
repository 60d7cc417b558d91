/**
 * Figures as the panel shows them: at most three decimals, and thousands grouped with a narrow
 * no-break space from five digits on (the SI style, read the same way in every language).
 *
 * Not `Intl.NumberFormat`: building one makes the browser load its locale data, about 20 ms of
 * the host page's main thread on a page that has not used `Intl` yet. Content scripts load on every
 * host page while it is drawing itself, so that cost landed on every page load.
 */
const NARROW_NO_BREAK_SPACE = '\u202f';

export function formatFigure(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = String(Math.abs(rounded));
  // Very large or very small numbers print in exponent form; they are shown as they are.
  if (!Number.isFinite(rounded) || text.includes('e')) return String(value);
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+$)/g, NARROW_NO_BREAK_SPACE) : whole;
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
