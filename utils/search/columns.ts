/**
 * The catalog tables' columns, by kind: what the background fills in for each row (cells are
 * plain text, references already turned into names) and what the options page shows and sorts.
 */
export const TABLE_KINDS = ['people', 'teams', 'needs', 'links'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export interface Column {
  key: string;
  label: string;
}

export const TABLE_COLUMNS: Record<TableKind, readonly Column[]> = {
  people: [
    { key: 'name', label: 'Name' },
    { key: 'title', label: 'Title' },
    { key: 'email', label: 'E-mail' },
    { key: 'side', label: 'Side' },
    { key: 'id', label: 'Id' },
  ],
  teams: [
    { key: 'name', label: 'Name' },
    { key: 'approach', label: 'Approach' },
    { key: 'businessLead', label: 'Business lead' },
    { key: 'itLead', label: 'IT lead' },
    { key: 'id', label: 'Id' },
  ],
  needs: [
    { key: 'title', label: 'Title' },
    { key: 'status', label: 'Status' },
    { key: 'team', label: 'Team' },
    { key: 'customers', label: 'Customers' },
    { key: 'id', label: 'Id' },
  ],
  links: [
    { key: 'subject', label: 'Need or team' },
    { key: 'target', label: 'Linked to' },
    { key: 'id', label: 'Id' },
  ],
};

export const SINGULAR: Record<TableKind, string> = {
  people: 'person',
  teams: 'team',
  needs: 'need',
  links: 'link',
};

/** `local` or `source:<id>`: how the options page names the layer an entity came from. */
export function layerLabel(layer: string): string {
  if (layer === 'local') return 'Local';
  return layer.startsWith('source:') ? `Shared: ${layer.slice('source:'.length)}` : layer;
}
