/**
 * The catalog is kept in layers: `local` (imported files and edits made in the browser) and one per
 * shared source (`source:<id>`). The catalog pages see is the layers merged (merge.ts).
 */
export const LOCAL_LAYER = 'local';
