/**
 * Settings migrations, one typed step per version: a value stored by any earlier version is
 * brought forward step by step, never reset.
 */
import type { HostId } from '@/utils/catalog/view';
import { SETTINGS_VERSION } from '@/utils/settings/schema';

/** What version 1 stored. */
export interface SettingsV1 {
  schemaVersion: 1;
  disabledHosts?: HostId[];
  jiraDcOrigins?: string[];
}

/** Version 2 added panel preferences, pinned teams and shared sources, all empty to start. */
export function v1ToV2(old: SettingsV1) {
  return {
    schemaVersion: 2 as const,
    disabledHosts: old.disabledHosts ?? [],
    jiraDcOrigins: old.jiraDcOrigins ?? [],
    panel: { layout: 'docked' as const, collapsed: false },
    panelByHost: {},
    pinnedTeams: [],
    sources: [],
  };
}

const STEPS: Record<number, (value: never) => unknown> = { 1: v1ToV2 };

/** Runs every step from the stored version up to the current one; unknown versions are left to fail parsing. */
export function migrateSettings(value: unknown): unknown {
  let current = value;
  for (let guard = 0; guard < 20; guard++) {
    const version = (current as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version !== 'number' || version >= SETTINGS_VERSION) return current;
    const step = STEPS[version];
    if (!step) return current;
    current = step(current as never);
  }
  return current;
}
