/** Ids and layer names of shared sources. */
import { originPattern } from '@/utils/settings/origin';

export const SOURCE_LAYER_PREFIX = 'source:';

export const sourceLayer = (id: string) => `${SOURCE_LAYER_PREFIX}${id}`;

/** The host permission a source needs: its origin, any port (match patterns take none). */
export const sourcePermission = (url: string) => originPattern(new URL(url).origin);

/**
 * A readable id for a new source, from its host (`catalog-acme-example-com`), unique among `taken`.
 * Ids follow the settings schema: 1 to 40 characters from a-z 0-9 -.
 */
export function newSourceId(url: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let host = 'source';
  try {
    host = new URL(url).hostname;
  } catch {
    // the caller validates the URL; an id is still produced
  }
  const base =
    host
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34)
      .replace(/-+$/, '') || 'source';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Why `url` cannot be a source, or null when it can: `https:`, or `http:` on localhost/127.0.0.1
 * only (the settings schema's rule, checked here too so the options page never asks the browser for
 * a permission the background would then refuse to use).
 */
export function sourceUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'must be a full address such as https://catalog.example.com/tandem.json';
  }
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return null;
  return 'must be an https:// URL (http:// only for localhost or 127.0.0.1)';
}
