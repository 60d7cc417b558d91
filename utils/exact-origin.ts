/**
 * Exact origins: what a Jira Data Center site, a shared catalog's address, a catalog's `sites` and
 * a policy value must be (docs/security.md). A scheme, a hostname of labels or an IP literal, and a
 * port, which is kept and matched; no wildcard (`*`, `%2A`), no user info. Each refusal says why.
 */

export type ExactOrigin = { ok: true; origin: string; http: boolean } | { ok: false; reason: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Whether a hostname (as `URL` gives it: lower case, IDN in punycode) is labels or an IP literal. */
function plainHostname(hostname: string): boolean {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return /^\[[0-9a-f:.]+\]$/.test(hostname);
  const ipv4 = IPV4.exec(hostname);
  if (ipv4) return ipv4.slice(1).every((part) => Number(part) <= 255);
  return hostname.split('.').every((label) => LABEL.test(label));
}

/**
 * `input` as an exact origin. `allowPath` accepts an address with a path (a catalog URL, a site
 * address typed with `/jira/`) and keeps only its origin; `allowHttp` accepts `http:` (the caller
 * shows a warning).
 */
export function exactOrigin(
  input: string,
  options: { allowHttp?: boolean; allowPath?: boolean } = {},
): ExactOrigin {
  const text = input.trim();
  if (/\*|%2a/i.test(text)) return { ok: false, reason: 'must name one site exactly: no * wildcard' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'is not an address such as https://jira.example.com' };
  }
  const http = url.protocol === 'http:';
  if (url.protocol !== 'https:' && !(http && options.allowHttp))
    return {
      ok: false,
      reason: `must start with https://${options.allowHttp ? ' (or http:// on an intranet)' : ''}, not ${url.protocol}`,
    };
  if (url.username || url.password || /^[a-z]+:\/\/[^/?#]*@/i.test(text))
    return { ok: false, reason: 'must not contain a user name or password' };
  if (!url.hostname || !plainHostname(url.hostname))
    return {
      ok: false,
      reason: 'must have a host name of letters, digits, dots and hyphens, or an IP address',
    };
  if (!options.allowPath && (url.pathname !== '/' || url.search || url.hash))
    return { ok: false, reason: 'must be an origin only, such as https://jira.example.com, without a path' };
  return { ok: true, origin: url.origin, http };
}
