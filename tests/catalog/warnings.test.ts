import { describe, expect, it } from 'vitest';
import type { NeedView, TeamView } from '@/utils/catalog/view';
import {
  daysSince,
  isShippedButInDelivery,
  needWarnings,
  personWarnings,
  STALE_AFTER_DAYS,
  teamWarnings,
} from '@/utils/catalog/warnings';

const NOW = new Date('2026-11-20T09:30:00Z');

const team = (overrides: Partial<TeamView> = {}): TeamView => ({
  id: 't-1',
  name: 'Billing Firewall',
  approach: 'firewall',
  businessLead: { id: 'p-zoe', name: 'Zoë' },
  itLead: { id: 'p-kenji', name: 'Kenji' },
  charter: { startsOn: '2026-09-01', endsOn: '2027-02-26' },
  channels: [],
  ...overrides,
});

const need = (overrides: Partial<NeedView> = {}): NeedView => ({
  id: 'n-1',
  title: 'Consolidated invoices',
  status: 'committed',
  level: 'issue',
  customers: [],
  evidence: [],
  team: team(),
  businessOwner: { person: { id: 'p-zoe', name: 'Zoë' }, fromTeam: true },
  itOwner: { person: { id: 'p-kenji', name: 'Kenji' }, fromTeam: true },
  workItems: [],
  ...overrides,
});

const kinds = (warnings: { kind: string }[]) => warnings.map((warning) => warning.kind);

describe('daysSince', () => {
  it('counts whole days from a calendar date and refuses anything else', () => {
    expect(daysSince('2026-11-20', NOW)).toBe(0);
    expect(daysSince('2026-11-19', NOW)).toBe(1);
    expect(daysSince('2026-11-21', NOW)).toBe(-1);
    expect(daysSince(undefined, NOW)).toBeNull();
    expect(daysSince('last week', NOW)).toBeNull();
    expect(daysSince('2026-13-45', NOW)).toBeNull();
  });
});

describe('entry verified long ago', () => {
  it('warns after 180 days, not on the 180th', () => {
    const day180 = new Date(NOW.getTime() - STALE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    const day181 = new Date(NOW.getTime() - (STALE_AFTER_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
    expect(needWarnings(need({ verifiedAt: day180 }), NOW)).toEqual([]);
    const [warning] = needWarnings(need({ verifiedAt: day181 }), NOW);
    expect(warning?.kind).toBe('stale');
    expect(warning?.label).toBe(`Last verified ${day181}`);
    expect(warning?.detail).toContain('181 days ago, more than 180');
    expect(warning?.detail).toContain('this need');
  });

  it('applies to teams and people too, and says nothing when no date is given', () => {
    expect(kinds(teamWarnings(team({ verifiedAt: '2025-01-01' }), NOW))).toEqual(['stale']);
    expect(kinds(personWarnings({ id: 'p', name: 'P', verifiedAt: '2025-01-01' }, NOW))).toEqual(['stale']);
    expect(personWarnings({ id: 'p', name: 'P' }, NOW)).toEqual([]);
    expect(needWarnings(need(), NOW)).toEqual([]);
  });
});

describe('need without owners', () => {
  it('warns when neither the need nor its team names anyone', () => {
    const [warning] = needWarnings(need({ team: null, businessOwner: null, itOwner: null }), NOW);
    expect(warning).toMatchObject({ kind: 'no-owners', label: 'No owners' });
    expect(warning?.detail).toContain('business owner or IT owner');
  });

  it('names the one role that is missing', () => {
    expect(needWarnings(need({ itOwner: null }), NOW)).toEqual([
      expect.objectContaining({ kind: 'no-owners', label: 'No IT owner' }),
    ]);
  });

  it('is quiet when the team stands in', () => {
    expect(needWarnings(need(), NOW)).toEqual([]);
  });
});

describe('firewall team past its time box', () => {
  it('warns the day after the time box ends, not on its last day', () => {
    expect(teamWarnings(team({ charter: { endsOn: '2026-11-20' } }), NOW)).toEqual([]);
    const [warning] = teamWarnings(team({ charter: { endsOn: '2026-11-19' } }), NOW);
    expect(warning).toMatchObject({ kind: 'timebox-ended', label: 'Time box ended 2026-11-19' });
    expect(warning?.detail).toContain('renew the charter or hand the capability back');
  });

  it('only for firewall teams, and only with an end date', () => {
    expect(teamWarnings(team({ approach: 'standard', charter: { endsOn: '2025-01-01' } }), NOW)).toEqual([]);
    expect(teamWarnings(team({ charter: {} }), NOW)).toEqual([]);
    expect(teamWarnings(team({ charter: undefined }), NOW)).toEqual([]);
  });
});

describe('released need without adoption', () => {
  it('warns for released and adopted needs with no figure', () => {
    for (const status of ['released', 'adopted'] as const) {
      expect(kinds(needWarnings(need({ status }), NOW))).toEqual(['no-adoption']);
    }
    const adoption = { metric: 'Accounts', target: 10, current: 2, asOf: '2026-11-01' };
    expect(needWarnings(need({ status: 'released', adoption }), NOW)).toEqual([]);
    expect(needWarnings(need({ status: 'in-delivery' }), NOW)).toEqual([]);
  });
});

describe('isShippedButInDelivery', () => {
  const work = (...keys: string[]) => keys.map((key) => ({ key }));
  it('holds when every work item is done while the need says in-delivery', () => {
    const categories = new Map([
      ['SHOP-1', 'done' as const],
      ['SHOP-2', 'done' as const],
    ]);
    expect(
      isShippedButInDelivery(
        need({ status: 'in-delivery', workItems: work('SHOP-1', 'SHOP-2') }),
        categories,
      ),
    ).toBe(true);
  });
  it('does not hold on partial knowledge, another status or no work', () => {
    const categories = new Map([['SHOP-1', 'done' as const]]);
    expect(
      isShippedButInDelivery(
        need({ status: 'in-delivery', workItems: work('SHOP-1', 'SHOP-2') }),
        categories,
      ),
    ).toBe(false);
    expect(isShippedButInDelivery(need({ status: 'released', workItems: work('SHOP-1') }), categories)).toBe(
      false,
    );
    expect(isShippedButInDelivery(need({ status: 'in-delivery', workItems: [] }), categories)).toBe(false);
    expect(
      isShippedButInDelivery(
        need({ status: 'in-delivery', workItems: work('SHOP-1') }),
        () => 'indeterminate',
      ),
    ).toBe(false);
  });
});
