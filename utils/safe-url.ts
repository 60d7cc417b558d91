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
  // encodeURIComponent leaves ! ' * as they are; a quote must not reach an href either.
  const encoded = encodeURIComponent(email).replace(
    /[!'*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `mailto:${encoded.replace(/%40/g, '@')}`;
}
