/**
 * A Backstage software catalog as a Tandem catalog (docs/backstage.md has the full mapping):
 * Group entities become teams, User entities become people, and entities annotated with
 * `jira/project-key` become team links to that Jira project for the group that owns them.
 * Backstage has no business lead / IT lead pair, so a group becomes a team only when it names both
 * with the `tandem.io/business-lead` and `tandem.io/it-lead` annotations; every group left out is
 * listed in the notes, with the reason. Pure: no fetch, no storage.
 */
import * as z from 'zod/mini';
import type { CatalogInput, Link } from '@/utils/catalog/schema';

export const ANNOTATIONS = {
  businessLead: 'tandem.io/business-lead',
  itLead: 'tandem.io/it-lead',
  approach: 'tandem.io/approach',
  charter: 'tandem.io/charter',
  jiraProject: 'jira/project-key',
  jiraComponent: 'jira/component',
  jiraLabel: 'jira/label',
} as const;

/** Notes kept per refresh; the count of the rest is added. */
export const MAX_NOTES = 50;

const Relation = z.object({
  type: z.string(),
  targetRef: z.optional(z.string()),
  target: z.optional(z.object({ kind: z.string(), namespace: z.optional(z.string()), name: z.string() })),
});

const Entity = z.object({
  kind: z.string(),
  metadata: z.object({
    name: z.string(),
    namespace: z.optional(z.string()),
    title: z.optional(z.string()),
    description: z.optional(z.string()),
    annotations: z.optional(z.record(z.string(), z.unknown())),
    links: z.optional(z.array(z.object({ url: z.string(), title: z.optional(z.string()) }))),
  }),
  spec: z.optional(z.record(z.string(), z.unknown())),
  relations: z.optional(z.array(Relation)),
});
type Entity = z.infer<typeof Entity>;

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** `[kind:][namespace/]name`, case-insensitive as in Backstage. */
export function parseEntityRef(ref: string, defaults: { kind: string; namespace: string }): EntityRef {
  const lower = ref.trim().toLowerCase();
  const colon = lower.indexOf(':');
  const kind = colon > 0 ? lower.slice(0, colon) : defaults.kind;
  const rest = colon > 0 ? lower.slice(colon + 1) : lower;
  const slash = rest.indexOf('/');
  return slash > 0
    ? { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) }
    : { kind, namespace: defaults.namespace, name: rest };
}

export const refText = (ref: EntityRef) => `${ref.kind}:${ref.namespace}/${ref.name}`;

/** The Tandem id of a user or group: `user:jdoe`, or `user:<namespace>:jdoe` outside `default`. */
export function tandemId(ref: EntityRef): string | null {
  const id =
    ref.namespace === 'default' ? `${ref.kind}:${ref.name}` : `${ref.kind}:${ref.namespace}:${ref.name}`;
  return /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : null;
}

const refOf = (entity: Entity): EntityRef => ({
  kind: entity.kind.toLowerCase(),
  namespace: (entity.metadata.namespace ?? 'default').toLowerCase(),
  name: entity.metadata.name.toLowerCase(),
});

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

const annotation = (entity: Entity, key: string) => text(entity.metadata.annotations?.[key]);

const isHttps = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;

/** Targets of the relations of `type`, as refs. */
function related(entity: Entity, type: string): EntityRef[] {
  const refs: EntityRef[] = [];
  for (const relation of entity.relations ?? []) {
    if (relation.type.toLowerCase() !== type.toLowerCase()) continue;
    if (relation.targetRef) refs.push(parseEntityRef(relation.targetRef, { kind: '', namespace: 'default' }));
    else if (relation.target)
      refs.push({
        kind: relation.target.kind.toLowerCase(),
        namespace: (relation.target.namespace ?? 'default').toLowerCase(),
        name: relation.target.name.toLowerCase(),
      });
  }
  return refs;
}

function specRefs(entity: Entity, field: string, kind: string): EntityRef[] {
  const value = entity.spec?.[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const defaults = { kind, namespace: refOf(entity).namespace };
  return list.flatMap((item) => (typeof item === 'string' ? [parseEntityRef(item, defaults)] : []));
}

export interface BackstageMapping {
  catalog: CatalogInput;
  /** What was left out and why, one line each, e.g. `group:default/platform: no tandem.io/it-lead`. */
  notes: string[];
}

export function mapBackstageEntities(items: readonly unknown[], name: string): BackstageMapping {
  const notes: string[] = [];
  let noteCount = 0;
  const note = (line: string) => {
    noteCount += 1;
    if (notes.length < MAX_NOTES) notes.push(line);
  };

  const entities: Entity[] = [];
  items.forEach((item, index) => {
    const parsed = Entity.safeParse(item);
    if (parsed.success) entities.push(parsed.data);
    else note(`entity ${index}: not a Backstage entity (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
  });
  const ofKind = (kind: string) => entities.filter((entity) => entity.kind.toLowerCase() === kind);

  // People first: teams name them.
  const people = new Map<string, NonNullable<CatalogInput['people']>[number]>();
  const userIds = new Map<string, string>(); // ref text -> person id
  for (const user of ofKind('user')) {
    const ref = refOf(user);
    const id = tandemId(ref);
    if (!id) {
      note(`${refText(ref)}: its name is too long or unusual for a Tandem id`);
      continue;
    }
    const profile = (user.spec?.profile ?? {}) as Record<string, unknown>;
    const email = text(profile.email);
    if (email && !EMAIL.test(email)) note(`${refText(ref)}: e-mail "${email}" left out (not an address)`);
    people.set(id, {
      id,
      name: text(profile.displayName) ?? text(user.metadata.title) ?? user.metadata.name,
      ...(email && EMAIL.test(email) ? { email } : {}),
    });
    userIds.set(refText(ref), id);
  }
  const personFor = (ref: EntityRef) => (ref.kind === 'user' ? userIds.get(refText(ref)) : undefined);

  // Who belongs to which group, from every side Backstage records it.
  const membersOf = new Map<string, Set<string>>();
  const addMember = (group: EntityRef, person: string | undefined) => {
    if (!person || group.kind !== 'group') return;
    const key = refText(group);
    if (!membersOf.has(key)) membersOf.set(key, new Set());
    membersOf.get(key)?.add(person);
  };
  for (const user of ofKind('user')) {
    const person = userIds.get(refText(refOf(user)));
    for (const group of [...specRefs(user, 'memberOf', 'group'), ...related(user, 'memberOf')])
      addMember(group, person);
  }

  const groups = ofKind('group');
  const teamIds = new Map<string, string>(); // ref text -> team id
  const teams: NonNullable<CatalogInput['teams']> = [];
  for (const group of groups) {
    const ref = refOf(group);
    for (const member of [...specRefs(group, 'members', 'user'), ...related(group, 'hasMember')])
      addMember(ref, personFor(member));
    const id = tandemId(ref);
    if (!id) {
      note(`${refText(ref)}: its name is too long or unusual for a Tandem id`);
      continue;
    }
    const lead = (key: string) => {
      const value = annotation(group, key);
      if (!value) return { missing: `no ${key} annotation` };
      const person = personFor(parseEntityRef(value, { kind: 'user', namespace: ref.namespace }));
      return person ? { person } : { missing: `${key} names "${value}", who is not a User in this catalog` };
    };
    const business = lead(ANNOTATIONS.businessLead);
    const it = lead(ANNOTATIONS.itLead);
    if (!business.person || !it.person) {
      const why = [business.missing, it.missing].filter(Boolean).join('; ');
      note(`${refText(ref)} is not a team in Tandem: ${why}`);
      continue;
    }
    const approach = annotation(group, ANNOTATIONS.approach);
    const charterUrl = annotation(group, ANNOTATIONS.charter);
    const mission = text(group.metadata.description);
    const channels = (group.metadata.links ?? [])
      .filter((link) => isHttps(link.url))
      .map((link) => ({ label: text(link.title) ?? link.url, url: link.url }));
    const profile = (group.spec?.profile ?? {}) as Record<string, unknown>;
    teams.push({
      id,
      name: text(profile.displayName) ?? text(group.metadata.title) ?? group.metadata.name,
      ...(approach === 'clean-slate' || approach === 'firewall' || approach === 'standard'
        ? { approach }
        : {}),
      businessLead: business.person,
      itLead: it.person,
      ...(charterUrl && isHttps(charterUrl)
        ? { charter: { url: charterUrl, ...(mission ? { mission } : {}) } }
        : mission
          ? { charter: { mission } }
          : {}),
      ...(channels.length > 0 ? { channels } : {}),
    });
    teamIds.set(refText(ref), id);
  }
  // Members and parents once every team is known.
  for (const team of teams) {
    const group = groups.find((entity) => tandemId(refOf(entity)) === team.id);
    if (!group) continue;
    const members = [...(membersOf.get(refText(refOf(group))) ?? [])].sort();
    if (members.length > 0) team.members = members;
    const [parent] = specRefs(group, 'parent', 'group');
    const parentId = parent ? teamIds.get(refText(parent)) : undefined;
    if (parentId) Object.assign(team, { parent: parentId });
  }

  const links = jiraLinks(entities, teamIds, note);
  if (noteCount > notes.length) notes.push(`and ${noteCount - notes.length} more`);
  return {
    catalog: {
      format: 'tandem.catalog',
      version: 1,
      name,
      people: [...people.values()],
      teams,
      needs: [],
      links,
    },
    notes,
  };
}

/** Team links to the Jira projects named by `jira/project-key` on what each group owns (or on itself). */
function jiraLinks(
  entities: readonly Entity[],
  teamIds: ReadonlyMap<string, string>,
  note: (line: string) => void,
): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const entity of entities) {
    const projects = annotation(entity, ANNOTATIONS.jiraProject);
    if (!projects) continue;
    const ref = refOf(entity);
    const owners =
      ref.kind === 'group'
        ? [ref]
        : [...specRefs(entity, 'owner', 'group'), ...related(entity, 'ownedBy')].filter(
            (owner) => owner.kind === 'group',
          );
    const teams = [...new Set(owners.map((owner) => teamIds.get(refText(owner))).filter(Boolean))];
    if (teams.length === 0) {
      note(`${refText(ref)}: ${ANNOTATIONS.jiraProject} "${projects}" not linked: no owning group is a team`);
      continue;
    }
    const component = annotation(entity, ANNOTATIONS.jiraComponent);
    const labels = (annotation(entity, ANNOTATIONS.jiraLabel) ?? '')
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean);
    for (const raw of projects.split(',')) {
      const project = raw.trim().toUpperCase();
      if (!PROJECT_KEY.test(project)) {
        note(`${refText(ref)}: "${raw.trim()}" is not a Jira project key`);
        continue;
      }
      const targets = component
        ? [{ project, component }]
        : labels.length > 0
          ? labels.map((label) => ({ project, label }))
          : [{ project }];
      for (const team of teams) {
        for (const jira of targets) {
          const key = JSON.stringify([team, jira]);
          if (seen.has(key)) continue;
          seen.add(key);
          links.push({ team: team as string, jira });
        }
      }
    }
  }
  return links;
}
