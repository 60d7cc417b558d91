/**
 * `build()`'s value, computed on the first call and then kept. Content scripts use it for what they
 * need not build while the host page is still drawing itself (zod schemas above all).
 */
export function lazily<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
