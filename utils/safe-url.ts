/**
 * Links built from catalog data: only `https:` (and `mailto:` for e-mail addresses we build
 * ourselves), so a catalog cannot smuggle `javascript:` or `data:` URLs into a host page.
 */
export function safeHttpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function mailtoUrl(email: string | undefined): string | undefined {
  if (!email || !EMAIL.test(email)) return undefined;
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}`;
}
