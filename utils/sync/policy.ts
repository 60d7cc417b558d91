/**
 * Settings an administrator fixes through browser policy (`storage.managed`, whose shape
 * public/managed_schema.json declares). A key the policy sets replaces the user's value and is
 * locked in the options page; a value that fails validation is ignored and reported, so a typo in a
 * policy never wipes what users have. Pure: the background reads `storage.managed` and passes it in.
 */
import { formatPath } from '@/utils/catalog/validate';
import { Settings } from '@/utils/settings/schema';
import { newSourceId } from '@/utils/sync/source-id';

export const MANAGED_KEYS = ['sources', 'disabledHosts', 'jiraDcOrigins'] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

export interface ManagedPolicy {
  values: Partial<Pick<Settings, ManagedKey>>;
  locked: ManagedKey[];
  errors: { path: string; rule: string }[];
}

export const NO_POLICY: ManagedPolicy = { values: {}, locked: [], errors: [] };

/** Sources in a policy may leave out `id`: one is made from the URL's host, stable across reorders. */
function withIds(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const taken = value.flatMap((item) =>
    typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
      ? [(item as { id: string }).id]
      : [],
  );
  return value.map((item) => {
    if (typeof item !== 'object' || item === null || 'id' in item) return item;
    const url = (item as { url?: unknown }).url;
    const id = newSourceId(typeof url === 'string' ? url : '', taken);
    taken.push(id);
    return { ...item, id };
  });
}

export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null) return NO_POLICY;
  const policy: ManagedPolicy = { values: {}, locked: [], errors: [] };
  for (const key of MANAGED_KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const parsed = Settings.shape[key].safeParse(key === 'sources' ? withIds(value) : value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      policy.errors.push({
        path: formatPath([key, ...(issue?.path ?? [])]),
        rule: `${issue?.message ?? 'invalid'} (this policy value is ignored)`,
      });
      continue;
    }
    const ids = key === 'sources' ? (parsed.data as Settings['sources']).map((source) => source.id) : [];
    const twice = ids.find((id, index) => ids.indexOf(id) !== index);
    if (twice !== undefined) {
      policy.errors.push({
        path: key,
        rule: `two sources have the id "${twice}" (this policy value is ignored)`,
      });
      continue;
    }
    Object.assign(policy.values, { [key]: parsed.data });
    policy.locked.push(key);
  }
  return policy;
}

/** The settings in effect: the user's, with every key the policy sets replaced. */
export function applyPolicy(settings: Settings, policy: ManagedPolicy): Settings {
  return { ...settings, ...policy.values };
}
