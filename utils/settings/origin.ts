/** Origins as the user types them, and as match patterns the browser grants. */

/** `https://jira.example.com/jira/` -> `https://jira.example.com`; null when it is not a site address. */
export function siteOrigin(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || !url.hostname) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The match pattern for an origin: match patterns take no port, so the host stands for all. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
