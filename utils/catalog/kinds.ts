/** The entity lists of a catalog document, in the order they are stored and checked. */
export const ENTITY_KINDS = ['people', 'teams', 'needs', 'links'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
