/**
 * Catalog format version 1 (docs/catalog-format.md) as zod schemas. The types every other
 * module uses are inferred from here. Objects are loose: fields a newer producer adds are kept on
 * import (and so on export) and otherwise ignored.
 *
 * Shape rules live on each schema; rules that span the document (unique ids, references that must
 * resolve) live in `crossReferenceIssues` so they can name the exact path of the offender.
 */
import { z } from 'zod';
import { exactOrigin } from '@/utils/exact-origin';
import { CRM_HOST_IDS } from '@/utils/hosts/host-ids';

export const CATALOG_FORMAT = 'tandem.catalog';
export const CATALOG_VERSION = 1;

/** What the panel's answers accept (utils/catalog/view.ts): names and titles, and longer texts. */
export const SHORT_TEXT = 500;
export const LONG_TEXT = 10_000;

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const JIRA_KEY_PATTERN = /^[A-Z][A-Z0-9_]+-[0-9]+$/;
const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const Id = z.string({ error: 'must be a string' }).regex(ID_PATTERN, {
  error: 'must be 1 to 64 characters from A-Z a-z 0-9 . _ : -',
});

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Every URL that comes from data is https-only: it ends up as a link someone clicks. */
export const HttpsUrl = z
  .string({ error: 'must be a string' })
  .max(LONG_TEXT, { error: `must be at most ${LONG_TEXT.toLocaleString('en')} characters` })
  .refine((value) => isUrlWithProtocol(value, ['https:']), { error: 'must be an https:// URL' });

/** A site's base, e.g. https://acme.atlassian.net; a trailing slash is tolerated and dropped. */
export const HttpsOrigin = z
  .string({ error: 'must be a string' })
  .refine(
    (value) => {
      if (!isUrlWithProtocol(value, ['https:'])) return false;
      // Exact: a hostname of labels or an IP literal, no wildcard, no user info (docs/security.md).
      return exactOrigin(value).ok;
    },
    { error: 'must be an https:// origin such as https://acme.atlassian.net' },
  )
  .transform((value) => new URL(value).origin);

/** Date.parse rolls 2025-02-30 over to March; a round trip refuses dates that do not exist. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A calendar date; the catalog's dates carry no time of day. */
export const IsoDate = z
  .string({ error: 'must be a string' })
  .refine((value) => DATE_PATTERN.test(value) && isCalendarDate(value), {
    error: 'must be a date as YYYY-MM-DD',
  });

/**
 * Names and titles stay short and other texts bounded: the same limits the panel's answers have
 * (view.ts), so a catalog that imports is one every page can show.
 */
const NonEmpty = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(SHORT_TEXT, { error: `must be at most ${SHORT_TEXT} characters` });
const Text = z
  .string({ error: 'must be a string' })
  .max(LONG_TEXT, { error: `must be at most ${LONG_TEXT.toLocaleString('en')} characters` });

const JiraKey = z
  .string({ error: 'must be a string' })
  .transform((value) => value.trim().toUpperCase())
  .refine((value) => JIRA_KEY_PATTERN.test(value), { error: 'must be a Jira key such as SHOP-142' });

const ProjectKey = z
  .string({ error: 'must be a string' })
  .transform((value) => value.trim().toUpperCase())
  .refine((value) => PROJECT_KEY_PATTERN.test(value), { error: 'must be a Jira project key such as SHOP' });

export const LabelledUrl = z.looseObject({ label: NonEmpty, url: HttpsUrl });

export const PersonSide = z.enum(['business', 'it'], { error: 'must be "business" or "it"' });

export const Person = z.looseObject({
  id: Id,
  name: NonEmpty,
  email: z.email({ error: 'must be an e-mail address' }).optional(),
  title: Text.optional(),
  side: PersonSide.optional(),
  chat: HttpsUrl.optional(),
  verifiedAt: IsoDate.optional(),
});

export const TeamApproach = z.enum(['clean-slate', 'firewall', 'standard'], {
  error: 'must be "clean-slate", "firewall" or "standard"',
});

export const Charter = z.looseObject({
  url: HttpsUrl.optional(),
  mission: Text.optional(),
  businessGoal: Text.optional(),
  capability: Text.optional(),
  agreements: z.array(Text).optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
});

export const Team = z.looseObject({
  id: Id,
  name: NonEmpty,
  approach: TeamApproach.default('standard'),
  businessLead: Id,
  itLead: Id,
  members: z.array(Id).optional(),
  charter: Charter.optional(),
  channels: z.array(LabelledUrl).optional(),
  verifiedAt: IsoDate.optional(),
});

export const NEED_STATUSES = [
  'in-delivery',
  'committed',
  'discovery',
  'released',
  'adopted',
  'parked',
] as const;
export const NeedStatus = z.enum(NEED_STATUSES, { error: `must be one of ${NEED_STATUSES.join(', ')}` });

export const IMPORTANCES = ['critical', 'important', 'nice'] as const;
export const Importance = z.enum(IMPORTANCES, { error: 'must be "nice", "important" or "critical"' });

export const Customer = z.looseObject({
  name: NonEmpty,
  importance: Importance.optional(),
  revenueBand: Text.optional(),
});

const NonNegative = z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' });

/** One earlier measurement of an adoption metric. */
export const AdoptionPoint = z.looseObject({ asOf: IsoDate, value: NonNegative });

/** Enough for a monthly line over many years; a longer list is a data export, not a catalog. */
export const MAX_HISTORY = 1000;

export const Adoption = z
  .looseObject({
    metric: NonEmpty,
    unit: Text.optional(),
    target: NonNegative,
    current: NonNegative,
    asOf: IsoDate,
    /** Earlier measurements, dates ascending, each before `asOf` (added within version 1). */
    history: z
      .array(AdoptionPoint, { error: 'must be a list' })
      .max(MAX_HISTORY, { error: `must have at most ${MAX_HISTORY} entries` })
      .optional(),
  })
  .superRefine((adoption, ctx) => {
    // ISO dates compare as text; the shape rules above have already refused anything else.
    adoption.history?.forEach((point, i) => {
      const previous = i > 0 ? adoption.history?.[i - 1] : undefined;
      if (previous && point.asOf <= previous.asOf) {
        ctx.addIssue({
          code: 'custom',
          path: ['history', i, 'asOf'],
          message: `must be after ${previous.asOf} (history[${i - 1}]): dates ascending`,
        });
      }
      if (point.asOf >= adoption.asOf) {
        ctx.addIssue({
          code: 'custom',
          path: ['history', i, 'asOf'],
          message: `must be before the adoption's asOf ${adoption.asOf}`,
        });
      }
    });
  });

export const Need = z.looseObject({
  id: Id,
  title: NonEmpty,
  statement: Text.optional(),
  status: NeedStatus.default('discovery'),
  team: Id.optional(),
  businessOwner: Id.optional(),
  itOwner: Id.optional(),
  customers: z.array(Customer).optional(),
  outcome: Text.optional(),
  adoption: Adoption.optional(),
  evidence: z.array(LabelledUrl).optional(),
  verifiedAt: IsoDate.optional(),
});

export const JiraTarget = z
  .looseObject({
    issue: JiraKey.optional(),
    epic: JiraKey.optional(),
    project: ProjectKey.optional(),
    label: NonEmpty.optional(),
    component: NonEmpty.optional(),
  })
  .superRefine((target, ctx) => {
    const kinds = (['issue', 'epic', 'project'] as const).filter((kind) => target[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of issue, epic or project' });
    }
    if ((target.label !== undefined || target.component !== undefined) && target.project === undefined) {
      ctx.addIssue({ code: 'custom', message: 'label and component go with project' });
    }
    if (target.label !== undefined && target.component !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'takes a label or a component, not both' });
    }
  });

export const CRM_SYSTEMS = CRM_HOST_IDS;
export const CrmSystem = z.enum(CRM_SYSTEMS, {
  error: `must be ${CRM_SYSTEMS.map((system) => `"${system}"`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1')}`,
});

export const CrmTarget = z
  .looseObject({
    system: CrmSystem,
    object: NonEmpty.optional(),
    id: NonEmpty.optional(),
    name: NonEmpty.optional(),
  })
  .superRefine((target, ctx) => {
    if ((target.id === undefined) === (target.name === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of id or name' });
    }
    if (target.object !== undefined && target.id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['object'], message: 'goes with id, not name' });
    }
  });

export const Link = z
  .looseObject({
    id: Id.optional(),
    need: Id.optional(),
    team: Id.optional(),
    jira: JiraTarget.optional(),
    crm: CrmTarget.optional(),
  })
  .superRefine((link, ctx) => {
    if ((link.need === undefined) === (link.team === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of need or team' });
    }
    if ((link.jira === undefined) === (link.crm === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one target: jira or crm' });
    }
  });

export const Sites = z.looseObject({
  jira: z.array(HttpsOrigin).optional(),
  salesforce: z.array(HttpsOrigin).optional(),
  hubspot: z.array(HttpsOrigin).optional(),
  dynamics: z.array(HttpsOrigin).optional(),
  zendesk: z.array(HttpsOrigin).optional(),
});

/** The document's shape, without the rules that span it. */
export const CatalogShape = z.looseObject({
  format: z.literal(CATALOG_FORMAT, { error: `must be "${CATALOG_FORMAT}"` }),
  version: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .superRefine((version, ctx) => {
      if (version > CATALOG_VERSION) {
        ctx.addIssue({
          code: 'custom',
          message: `version ${version} is newer than this Tandem reads (${CATALOG_VERSION}); update the extension`,
        });
      } else if (version !== CATALOG_VERSION) {
        ctx.addIssue({ code: 'custom', message: `must be ${CATALOG_VERSION}` });
      }
    }),
  name: z.string().optional(),
  generatedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  sites: Sites.optional(),
  people: z.array(Person, { error: 'must be a list' }),
  teams: z.array(Team, { error: 'must be a list' }),
  needs: z.array(Need, { error: 'must be a list' }),
  links: z.array(Link, { error: 'must be a list' }),
});

export type Person = z.infer<typeof Person>;
export type Team = z.infer<typeof Team>;
export type Need = z.infer<typeof Need>;
export type Link = z.infer<typeof Link>;
export type JiraTarget = z.infer<typeof JiraTarget>;
export type CrmTarget = z.infer<typeof CrmTarget>;
export type CrmSystem = z.infer<typeof CrmSystem>;
export type NeedStatus = z.infer<typeof NeedStatus>;
export type Importance = z.infer<typeof Importance>;
export type Adoption = z.infer<typeof Adoption>;
export type AdoptionPoint = z.infer<typeof AdoptionPoint>;
export type Sites = z.infer<typeof Sites>;
export type Catalog = z.infer<typeof CatalogShape>;
/** What a producer may write: defaults not yet applied. */
export type CatalogInput = z.input<typeof CatalogShape>;
