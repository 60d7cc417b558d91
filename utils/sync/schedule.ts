/**
 * When sources refresh: one periodic alarm per source (alarms outlive the service worker, so a
 * sleeping background still wakes for them), plus a check at start-up for sources that are overdue,
 * never fetched, or whose URL changed. Pure: the background applies the plan.
 */
import type { Source } from '@/utils/settings/schema';
import type { SourceState } from '@/utils/sync/status';

export const ALARM_PREFIX = 'tandem-source:';

export const alarmName = (id: string) => `${ALARM_PREFIX}${id}`;

export function sourceOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;
}

/**
 * A one-shot retry after a failed refresh (a browser started offline, a server down for a moment):
 * sooner than the interval, so a first catalog does not wait an hour. Not one of `planAlarms`'s.
 */
export const RETRY_ALARM_PREFIX = 'tandem-source-retry:';
export const retryAlarmName = (id: string) => `${RETRY_ALARM_PREFIX}${id}`;

export function sourceOfRetryAlarm(name: string): string | null {
  return name.startsWith(RETRY_ALARM_PREFIX) ? name.slice(RETRY_ALARM_PREFIX.length) : null;
}

/** The first retry comes after a minute, each next one after twice as long, never later than the interval. */
export const FIRST_RETRY_MINUTES = 1;

export function nextRetryMinutes(previous: number | undefined, refreshMinutes: number): number | null {
  const delay = previous === undefined ? FIRST_RETRY_MINUTES : previous * 2;
  // At the interval or beyond, the periodic alarm comes as soon.
  return delay < refreshMinutes ? delay : null;
}

/** An alarm may fire a little early; a source checked this recently is not fetched again. */
const EARLY_MS = 30_000;

export function isDue(source: Source, state: SourceState | null | undefined, now: Date): boolean {
  if (!state?.lastAttemptAt || state.url !== source.url || state.kind !== source.kind) return true;
  const last = Date.parse(state.lastAttemptAt);
  if (Number.isNaN(last) || last > now.getTime()) return true;
  return now.getTime() - last >= source.refreshMinutes * 60_000 - EARLY_MS;
}

export interface AlarmLike {
  name: string;
  periodInMinutes?: number | undefined;
}

export interface AlarmPlan {
  create: { name: string; periodInMinutes: number }[];
  clear: string[];
}

/** The alarms to create (missing, or with another period) and to clear (sources gone). */
export function planAlarms(sources: readonly Source[], existing: readonly AlarmLike[]): AlarmPlan {
  const ours = existing.filter((alarm) => sourceOfAlarm(alarm.name) !== null);
  const wanted = new Map(sources.map((source) => [alarmName(source.id), source.refreshMinutes]));
  return {
    create: [...wanted]
      .filter(([name, period]) => ours.find((alarm) => alarm.name === name)?.periodInMinutes !== period)
      .map(([name, periodInMinutes]) => ({ name, periodInMinutes })),
    clear: ours.map((alarm) => alarm.name).filter((name) => !wanted.has(name)),
  };
}
