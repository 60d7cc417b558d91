import { describe, expect, it } from 'vitest';
import type { Source } from '@/utils/settings/schema';
import { alarmName, isDue, planAlarms, sourceOfAlarm } from '@/utils/sync/schedule';

const source = (id: string, refreshMinutes = 60): Source => ({
  id,
  url: `https://x.example/${id}.json`,
  kind: 'catalog',
  refreshMinutes,
});
const now = new Date('2026-11-27T10:00:00Z');
const state = (lastAttemptAt: string, overrides = {}) => ({
  id: 'a',
  url: 'https://x.example/a.json',
  kind: 'catalog' as const,
  lastAttemptAt,
  ...overrides,
});

describe('refresh schedule', () => {
  it('names one alarm per source and reads the source back', () => {
    expect(alarmName('acme')).toBe('tandem-source:acme');
    expect(sourceOfAlarm('tandem-source:acme')).toBe('acme');
    expect(sourceOfAlarm('someone-else')).toBeNull();
  });

  it('is due when never fetched, overdue, or pointed at another URL', () => {
    expect(isDue(source('a'), undefined, now)).toBe(true);
    expect(isDue(source('a'), state('2026-11-27T09:30:00Z'), now)).toBe(false);
    expect(isDue(source('a'), state('2026-11-27T09:00:00Z'), now)).toBe(true);
    // An alarm firing a few seconds early still counts.
    expect(isDue(source('a'), state('2026-11-27T09:00:20Z'), now)).toBe(true);
    expect(
      isDue(source('a'), state('2026-11-27T09:59:00Z', { url: 'https://old.example/a.json' }), now),
    ).toBe(true);
  });

  it('creates missing alarms, recreates changed periods, clears alarms of removed sources, leaves others alone', () => {
    const plan = planAlarms(
      [source('a', 60), source('b', 15), source('c', 240)],
      [
        { name: 'tandem-source:a', periodInMinutes: 60 },
        { name: 'tandem-source:b', periodInMinutes: 60 },
        { name: 'tandem-source:gone', periodInMinutes: 60 },
        { name: 'another-feature', periodInMinutes: 1 },
      ],
    );
    expect(plan).toEqual({
      create: [
        { name: 'tandem-source:b', periodInMinutes: 15 },
        { name: 'tandem-source:c', periodInMinutes: 240 },
      ],
      clear: ['tandem-source:gone'],
    });
  });
});
