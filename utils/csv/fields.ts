/**
 * The CSV columns for people, needs and links: what each is called, which names a spreadsheet may
 * use for it, how a cell becomes part of an entity and how an entity becomes a cell again. Lists
 * (a need's customers and evidence) sit in one cell, items separated by " | ":
 *   customers  `Globex Corporation (critical, 1M-5M) | Initech (important)`
 *   evidence   `Globex interview https://wiki.example/globex | Ticket 123 https://…`
 * An adoption's history is one cell of `date=value` pairs separated by "; ", oldest first:
 *   adoption history  `2026-01-01=10; 2026-02-01=20`
 * Pure; the same definitions drive import, the mapping preview and export.
 */
import { IMPORTANCES } from '@/utils/catalog/schema';

export const CSV_KINDS = ['people', 'needs', 'links'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

type Entity = Record<string, unknown>;

export interface CsvField {
  key: string;
  label: string;
  required?: boolean;
  /** Other header names this column is recognised by (compared folded, letters and digits only). */
  aliases?: readonly string[];
  /** Writes a non-empty cell into the entity being built. */
  write(entity: Entity, cell: string): void;
  read(entity: Entity): string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Entity =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entity) : {};

function child(entity: Entity, key: string): Entity {
  const existing = entity[key];
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing))
    return existing as Entity;
  const created: Entity = {};
  entity[key] = created;
  return created;
}

/** A plain string field at the top of the entity. */
function top(key: string, label: string, extra: Partial<CsvField> = {}): CsvField {
  return {
    key,
    label,
    write: (entity, cell) => {
      entity[key] = cell;
    },
    read: (entity) => text(entity[key]),
    ...extra,
  };
}

/** A field inside a nested object, e.g. `adoption.metric`. */
function nested(parent: string, key: string, label: string, extra: Partial<CsvField> = {}): CsvField {
  return {
    key: `${parent}${key[0]?.toUpperCase()}${key.slice(1)}`,
    label,
    write: (entity, cell) => {
      child(entity, parent)[key] = cell;
    },
    read: (entity) => {
      const value = obj(entity[parent])[key];
      return typeof value === 'number' ? String(value) : text(value);
    },
    ...extra,
  };
}

/** Numbers stay strings when they are not numbers, so validation names the cell. */
function numberCell(cell: string): number | string {
  const trimmed = cell.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : cell;
}

export const LIST_SEPARATOR = ' | ';
const splitList = (cell: string) =>
  cell
    .split(/\s*\|\s*|\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean);

export function parseCustomer(item: string): Entity {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(item);
  if (!match) return { name: item };
  const customer: Entity = { name: match[1] ?? '' };
  const parts = (match[2] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const [first, ...rest] = parts;
  if (first !== undefined) {
    if ((IMPORTANCES as readonly string[]).includes(first.toLowerCase()) || rest.length > 0)
      customer.importance = first.toLowerCase();
    else customer.revenueBand = first;
  }
  if (rest.length > 0) customer.revenueBand = rest.join(', ');
  return customer;
}

export function formatCustomer(customer: Entity): string {
  const inner = [text(customer.importance), text(customer.revenueBand)].filter(Boolean).join(', ');
  return inner ? `${text(customer.name)} (${inner})` : text(customer.name);
}

export function parseEvidence(item: string): Entity {
  const at = item.lastIndexOf(' ');
  const url = at === -1 ? item : item.slice(at + 1);
  const label = at === -1 ? '' : item.slice(0, at).trim();
  return { label: label || url, url };
}

const list = (
  key: string,
  label: string,
  parse: (item: string) => Entity,
  format: (item: Entity) => string,
) =>
  top(key, label, {
    write: (entity, cell) => {
      entity[key] = splitList(cell).map(parse);
    },
    read: (entity) => {
      const items = entity[key];
      return Array.isArray(items) ? items.map((item) => format(obj(item))).join(LIST_SEPARATOR) : '';
    },
  });

const adoptionNumber = (key: 'target' | 'current', label: string) =>
  nested('adoption', key, label, {
    write: (entity, cell) => {
      child(entity, 'adoption')[key] = numberCell(cell);
    },
  });

export const HISTORY_SEPARATOR = '; ';

/** `2026-01-01=10`; a pair without `=` keeps its text as the date, so validation names what is missing. */
export function parseHistoryPoint(item: string): Entity {
  const at = item.indexOf('=');
  if (at === -1) return { asOf: item.trim() };
  return { asOf: item.slice(0, at).trim(), value: numberCell(item.slice(at + 1)) };
}

const adoptionHistory = nested('adoption', 'history', 'Adoption history', {
  write: (entity, cell) => {
    child(entity, 'adoption').history = cell
      .split(/\s*;\s*|\r?\n/)
      .map((item) => item.trim())
      .filter(Boolean)
      .map(parseHistoryPoint);
  },
  read: (entity) => {
    const history = obj(entity.adoption).history;
    if (!Array.isArray(history)) return '';
    return history
      .map((point) => {
        const { asOf, value } = obj(point);
        return `${text(asOf)}=${typeof value === 'number' ? String(value) : text(value)}`;
      })
      .join(HISTORY_SEPARATOR);
  },
});

export const CSV_FIELDS: Record<CsvKind, readonly CsvField[]> = {
  people: [
    top('id', 'Id', { required: true }),
    top('name', 'Name', { required: true, aliases: ['full name', 'person'] }),
    top('email', 'E-mail', { aliases: ['mail', 'email address', 'e-mail address'] }),
    top('title', 'Title', { aliases: ['job title', 'role'] }),
    top('side', 'Side', {
      write: (entity, cell) => {
        entity.side = cell.trim().toLowerCase();
      },
    }),
    top('chat', 'Chat', { aliases: ['chat url', 'slack', 'teams'] }),
    top('verifiedAt', 'Verified on', { aliases: ['verified'] }),
  ],
  needs: [
    top('id', 'Id', { required: true }),
    top('title', 'Title', { required: true, aliases: ['need', 'name'] }),
    top('statement', 'Statement', { aliases: ['description', 'customer words'] }),
    top('status', 'Status', {
      write: (entity, cell) => {
        entity.status = cell.trim().toLowerCase();
      },
    }),
    top('team', 'Team', { aliases: ['team id'] }),
    top('businessOwner', 'Business owner'),
    top('itOwner', 'IT owner'),
    top('outcome', 'Outcome', { aliases: ['business outcome'] }),
    list('customers', 'Customers', parseCustomer, formatCustomer),
    nested('adoption', 'metric', 'Adoption metric'),
    nested('adoption', 'unit', 'Adoption unit'),
    adoptionNumber('target', 'Adoption target'),
    adoptionNumber('current', 'Adoption current'),
    nested('adoption', 'asOf', 'Adoption as of'),
    adoptionHistory,
    list('evidence', 'Evidence', parseEvidence, (item) => `${text(item.label)} ${text(item.url)}`.trim()),
    top('verifiedAt', 'Verified on', { aliases: ['verified'] }),
  ],
  links: [
    top('id', 'Id'),
    top('need', 'Need', { aliases: ['need id'] }),
    top('team', 'Team', { aliases: ['team id'] }),
    nested('jira', 'issue', 'Jira issue', { aliases: ['issue', 'issue key', 'key'] }),
    nested('jira', 'epic', 'Jira epic', { aliases: ['epic'] }),
    nested('jira', 'project', 'Jira project', { aliases: ['project'] }),
    nested('jira', 'label', 'Jira label', { aliases: ['label'] }),
    nested('jira', 'component', 'Jira component', { aliases: ['component'] }),
    nested('crm', 'system', 'CRM system', {
      aliases: ['system', 'crm'],
      write: (entity, cell) => {
        child(entity, 'crm').system = cell.trim().toLowerCase();
      },
    }),
    nested('crm', 'object', 'CRM object', { aliases: ['object'] }),
    nested('crm', 'id', 'CRM record id', { aliases: ['record id', 'crm id'] }),
    nested('crm', 'name', 'CRM customer name', { aliases: ['customer', 'customer name', 'crm name'] }),
  ],
};

/**
 * Which CSV field a validation issue belongs to, from its path in the entity: `adoption.target`
 * is the `adoptionTarget` column, `customers[2].importance` the `customers` column; a rule about
 * the whole row (a link's "exactly one of need or team") belongs to no column.
 */
export function fieldOfPath(kind: CsvKind, path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (typeof first !== 'string') return '(row)';
  const nestedKey =
    typeof second === 'string' ? `${first}${second[0]?.toUpperCase()}${second.slice(1)}` : null;
  if (nestedKey && CSV_FIELDS[kind].some((field) => field.key === nestedKey)) return nestedKey;
  return first;
}
