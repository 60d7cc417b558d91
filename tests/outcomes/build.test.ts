// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compareNeeds } from '@/utils/catalog/resolve';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { CatalogInput } from '@/utils/catalog/schema';
import {
  adoptionAttribute,
  buildOutcomes,
  finishSteps,
  inPanelOrder,
  NEEDS_PER_STEP,
  outcomeSteps,
  teamsPerLead,
} from '@/utils/outcomes/build';
import { outcomesChartSvg, outcomesCsv } from '@/utils/outcomes/export';
import { gapOf, selectOutcomes, sliceOutcomes } from '@/utils/outcomes/query';
import type { OutcomeFlagKind } from '@/utils/outcomes/view';
import { allWorkDone } from '@/utils/outcomes/work-done';
import { validCatalog } from '../catalog/build';

const NOW = new Date('2026-11-20T09:30:00Z');

/** Checkout (clean slate) and Billing (firewall, time box ended yesterday) with a spread of needs. */
function catalog(overrides: Partial<CatalogInput> = {}) {
  return validCatalog({
    teams: [
      {
        id: 't-checkout',
        name: 'Checkout',
        approach: 'clean-slate',
        businessLead: 'p-maria',
        itLead: 'p-raj',
        charter: {
          mission: 'Buying again is effortless',
          businessGoal: '+5% repeat orders',
          endsOn: '2026-11-20',
        },
      },
      {
        id: 't-billing',
        name: 'Billing',
        approach: 'firewall',
        businessLead: 'p-zoe',
        itLead: 'p-kenji',
        charter: { startsOn: '2026-05-01', endsOn: '2026-11-19' },
        verifiedAt: '2026-05-24', // 180 days before NOW: not yet stale
      },
    ],
    needs: [
      {
        id: 'n-reorder',
        title: 'Reorder in one click',
        status: 'in-delivery',
        team: 't-checkout',
        customers: [
          { name: 'Initech', importance: 'nice' },
          { name: 'Globex', importance: 'critical' },
        ],
        adoption: {
          metric: 'Repeat orders',
          target: 300,
          current: 100,
          asOf: '2026-11-01',
          history: [
            { asOf: '2026-09-01', value: 20 },
            { asOf: '2026-10-01', value: 60 },
          ],
        },
      },
      { id: 'n-invoices', title: 'Consolidated invoices', status: 'released', team: 't-billing' },
      {
        id: 'n-done',
        title: 'Tax ids',
        status: 'adopted',
        team: 't-billing',
        adoption: { metric: 'Invoices', target: 10, current: 12, asOf: '2026-11-01' },
        verifiedAt: '2026-05-23', // 181 days: stale
      },
      { id: 'n-orphan', title: 'Nobody owns this', status: 'discovery' },
      { id: 'n-half', title: 'Half owned', status: 'discovery', businessOwner: 'p-maria' },
    ],
    links: [
      { need: 'n-reorder', jira: { issue: 'SHOP-1' } },
      { need: 'n-reorder', jira: { epic: 'SHOP-2' } },
    ],
    ...overrides,
  });
}

function outcomesOf(input = catalog(), extra: Partial<Parameters<typeof buildOutcomes>[0]> = {}) {
  return buildOutcomes({ index: buildResolveIndex(input), now: NOW, maxTeamsPerLead: 3, ...extra });
}

/** Every flag as `entity kind`, for exact comparisons. */
function flagsOf(outcomes: ReturnType<typeof outcomesOf>): string[] {
  const out: string[] = [];
  for (const group of outcomes.groups) {
    for (const flag of group.team.flags) out.push(`${group.team.id} ${flag.kind}`);
    for (const need of group.needs) for (const flag of need.flags) out.push(`${need.id} ${flag.kind}`);
  }
  for (const need of outcomes.teamless) for (const flag of need.flags) out.push(`${need.id} ${flag.kind}`);
  for (const person of outcomes.people) out.push(`${person.id} ${person.flag.kind}`);
  return out.sort();
}

describe('buildOutcomes', () => {
  it('lists every team by name with its needs, and needs without a team on their own', () => {
    const outcomes = outcomesOf();
    expect(outcomes.groups.map((group) => [group.team.id, group.needs.map((need) => need.id)])).toEqual([
      ['t-billing', ['n-invoices', 'n-done']],
      ['t-checkout', ['n-reorder']],
    ]);
    expect(outcomes.teamless.map((need) => need.id)).toEqual(['n-half', 'n-orphan']);
  });

  it('gives each team its leads, time box and charter, days left counted from today', () => {
    const [billing, checkout] = outcomesOf().groups.map((group) => group.team);
    expect(checkout).toMatchObject({
      name: 'Checkout',
      approach: 'clean-slate',
      businessLead: 'Maria Lopez',
      itLead: 'Raj Patel',
      daysLeft: 0,
      mission: 'Buying again is effortless',
      goal: '+5% repeat orders',
    });
    expect(billing).toMatchObject({ approach: 'firewall', startsOn: '2026-05-01', daysLeft: -1 });
  });

  it('gives each need its customers by importance and its adoption ratio and history', () => {
    const reorder = outcomesOf().groups[1]?.needs[0];
    expect(reorder?.customers).toEqual([
      { name: 'Globex', importance: 'critical' },
      { name: 'Initech', importance: 'nice' },
    ]);
    expect(reorder?.adoption).toMatchObject({
      current: 100,
      target: 300,
      history: [
        { asOf: '2026-09-01', value: 20 },
        { asOf: '2026-10-01', value: 60 },
      ],
    });
    expect(reorder?.adoption?.ratio).toBeCloseTo(1 / 3);
    expect(adoptionAttribute(100, 300)).toBe('0.33');
    expect(adoptionAttribute(12, 10)).toBe('1.20');
    expect(adoptionAttribute(5, 0)).toBeUndefined();
  });

  it('flags exactly what the data calls for, and counts each kind', () => {
    const outcomes = outcomesOf();
    expect(flagsOf(outcomes)).toEqual([
      'n-done stale',
      'n-invoices no-adoption',
      'n-orphan no-owners',
      't-billing time-box-ended',
    ]);
    expect(outcomes.counts).toEqual({
      'time-box-ended': 1,
      'no-owners': 1,
      stale: 1,
      'no-adoption': 1,
      'work-done': 0,
      'leads-too-many-teams': 0,
    });
  });

  it('uses the panel’s own wording for each flag and says where it is fixed', () => {
    const billing = outcomesOf(catalog(), {
      sourceOf: (kind) => (kind === 'teams' ? 'Acme shared' : undefined),
    }).groups[0];
    expect(billing?.team.flags[0]).toEqual({
      kind: 'time-box-ended',
      label: 'Time box ended 2026-11-19',
      detail: expect.stringContaining('renew the charter'),
      fix: { kind: 'teams', id: 't-billing', source: 'Acme shared' },
    });
    expect(billing?.needs[0]?.flags[0]?.fix).toEqual({ kind: 'needs', id: 'n-invoices' });
  });

  it('flags a stale person and a stale team, not one verified exactly 180 days ago', () => {
    const input = catalog();
    input.people[0] = { ...input.people[0], id: 'p-maria', name: 'Maria Lopez', verifiedAt: '2026-01-01' };
    input.teams[1] = {
      ...input.teams[1],
      id: 't-billing',
      verifiedAt: '2026-05-23',
    } as (typeof input.teams)[1];
    const flags = flagsOf(outcomesOf(input));
    expect(flags).toContain('p-maria stale');
    expect(flags).toContain('t-billing stale');
  });

  it('does not flag a firewall team whose time box ends today, nor other approaches past their end', () => {
    const input = catalog();
    input.teams[1] = { ...input.teams[1], charter: { endsOn: '2026-11-20' } } as (typeof input.teams)[1];
    input.teams[0] = { ...input.teams[0], charter: { endsOn: '2020-01-01' } } as (typeof input.teams)[0];
    expect(flagsOf(outcomesOf(input)).filter((flag) => flag.endsWith('time-box-ended'))).toEqual([]);
  });

  it('flags work-done only when every linked item is known done', () => {
    const done = new Map([
      ['SHOP-1', 'done'],
      ['SHOP-2', 'done'],
    ]);
    expect(flagsOf(outcomesOf(catalog(), { statuses: done }))).toContain('n-reorder work-done');
    const partly = new Map([['SHOP-1', 'done']]);
    expect(flagsOf(outcomesOf(catalog(), { statuses: partly }))).not.toContain('n-reorder work-done');
    expect(flagsOf(outcomesOf())).not.toContain('n-reorder work-done');
    expect(outcomesOf().statusesKnown).toBe(false);
    expect(allWorkDone([], done)).toBe(false);
    expect(allWorkDone(['shop-1'], done)).toBe(true);
    expect(allWorkDone(['SHOP-1'], new Map([['SHOP-1', 'indeterminate']]))).toBe(false);
  });

  it('flags each team of a person who leads more teams than the setting allows', () => {
    const input = catalog();
    input.teams.push(
      { id: 't-3', name: 'Three', approach: 'standard', businessLead: 'p-maria', itLead: 'p-kenji' },
      { id: 't-4', name: 'Four', approach: 'standard', businessLead: 'p-maria', itLead: 'p-maria' },
    );
    expect(teamsPerLead(input.teams).get('p-maria')).toBe(3);
    expect(flagsOf(outcomesOf(input)).filter((flag) => flag.includes('leads-too-many'))).toEqual([]);
    const flagged = outcomesOf(input, { maxTeamsPerLead: 2 });
    expect(flagsOf(flagged).filter((flag) => flag.includes('leads-too-many'))).toEqual([
      't-3 leads-too-many-teams',
      't-4 leads-too-many-teams',
      't-checkout leads-too-many-teams',
    ]);
    expect(flagged.groups.find((group) => group.team.id === 't-4')?.team.flags[0]?.label).toBe(
      'Maria Lopez leads 3 teams',
    );
  });
});

describe('inPanelOrder', () => {
  it('orders needs exactly as the panel does', () => {
    const statuses = ['parked', 'adopted', 'in-delivery', 'discovery', 'released', 'committed'] as const;
    const importances = [undefined, 'nice', 'critical', 'important'] as const;
    const needs = validCatalog({
      needs: Array.from({ length: 60 }, (_, i) => ({
        id: `n-${i}`,
        title: ['Émile', 'apple', 'Zebra', 'zèbre', 'Bob'][i % 5] ?? '',
        status: statuses[i % statuses.length],
        customers: [{ name: 'A', importance: importances[i % importances.length] }],
      })),
    }).needs;
    expect(inPanelOrder(needs).map((need) => need.id)).toEqual(
      [...needs].sort(compareNeeds).map((need) => need.id),
    );
  });
});

describe('selectOutcomes and sliceOutcomes', () => {
  const ids = (selected: ReturnType<typeof selectOutcomes>) =>
    selected.map((group) => [group.team?.id ?? null, group.needs.map((need) => need.id)]);

  it('filters by team, approach, status, flag and a list of teams', () => {
    const outcomes = outcomesOf();
    expect(ids(selectOutcomes(outcomes, { team: 't-checkout' }, 'team'))).toEqual([
      ['t-checkout', ['n-reorder']],
    ]);
    expect(ids(selectOutcomes(outcomes, { approach: 'firewall' }, 'team'))).toEqual([
      ['t-billing', ['n-invoices', 'n-done']],
    ]);
    expect(ids(selectOutcomes(outcomes, { status: 'discovery' }, 'team'))).toEqual([
      [null, ['n-half', 'n-orphan']],
    ]);
    expect(ids(selectOutcomes(outcomes, { teams: ['t-checkout'] }, 'team'))).toEqual([
      ['t-checkout', ['n-reorder']],
    ]);
    const byFlag = (flag: OutcomeFlagKind) => ids(selectOutcomes(outcomes, { flag }, 'team'));
    // A team flagged itself keeps all its needs; otherwise only the flagged needs stay.
    expect(byFlag('time-box-ended')).toEqual([['t-billing', ['n-invoices', 'n-done']]]);
    expect(byFlag('no-adoption')).toEqual([['t-billing', ['n-invoices']]]);
    expect(byFlag('no-owners')).toEqual([[null, ['n-orphan']]]);
    expect(byFlag('work-done')).toEqual([]);
  });

  it('sorts by gap to target: furthest behind first, needs without a figure last', () => {
    const outcomes = outcomesOf();
    expect(ids(selectOutcomes(outcomes, {}, 'gap'))).toEqual([
      ['t-checkout', ['n-reorder']],
      ['t-billing', ['n-done', 'n-invoices']],
      [null, ['n-half', 'n-orphan']],
    ]);
    const reorder = outcomes.groups[1]?.needs[0];
    expect(reorder && gapOf(reorder)).toBeCloseTo(2 / 3);
  });

  it('pages items, repeating a team cut across pages as continued', () => {
    const selected = selectOutcomes(outcomesOf(), {}, 'team');
    // Items: billing, n-invoices, n-done, checkout, n-reorder, (no team), n-half, n-orphan
    const first = sliceOutcomes(selected, 0, 2);
    expect(first).toMatchObject({ total: 8, teams: 2, needs: 5 });
    expect(
      first.groups.map((group) => [group.team?.id, group.continued, group.needs.map((n) => n.id)]),
    ).toEqual([['t-billing', false, ['n-invoices']]]);
    const second = sliceOutcomes(selected, 2, 4);
    expect(
      second.groups.map((group) => [group.team?.id ?? null, group.continued, group.needs.map((n) => n.id)]),
    ).toEqual([
      ['t-billing', true, ['n-done']],
      ['t-checkout', false, ['n-reorder']],
      [null, false, []],
    ]);
    const last = sliceOutcomes(selected, 6, 50);
    expect(
      last.groups.map((group) => [group.team?.id ?? null, group.continued, group.needs.map((n) => n.id)]),
    ).toEqual([[null, true, ['n-half', 'n-orphan']]]);
    expect(sliceOutcomes(selected, 8, 50).groups).toEqual([]);
  });
});

describe('outcome exports', () => {
  it('writes one formula-safe CSV row per need, a team without needs on a row of its own', () => {
    const input = catalog();
    input.teams.push({
      id: 't-empty',
      name: '=cmd()',
      approach: 'standard',
      businessLead: 'p-maria',
      itLead: 'p-raj',
    });
    const groups = selectOutcomes(outcomesOf(input), {}, 'team');
    const [header, ...rows] = Papa.parse<string[]>(outcomesCsv(groups).trim()).data;
    expect(header?.slice(0, 3)).toEqual(['team', 'teamId', 'approach']);
    const at = (name: string) => header?.indexOf(name) ?? -1;
    const reorder = rows.find((row) => row[at('needId')] === 'n-reorder');
    expect(reorder?.[at('adoption')]).toBe('0.33');
    expect(reorder?.[at('customers')]).toBe('Globex (critical) | Initech (nice)');
    expect(rows.find((row) => row[at('needId')] === 'n-invoices')?.[at('flags')]).toBe(
      'time-box-ended no-adoption',
    );
    expect(rows.find((row) => row[at('teamId')] === 't-empty')?.[0]).toBe("'=cmd()");
    expect(rows).toHaveLength(6);
  });

  it('draws the chart as SVG with a title and a description in words, text escaped', () => {
    const input = catalog();
    input.needs[0] = { ...input.needs[0], title: '<script>&' } as (typeof input.needs)[0];
    const svg = outcomesChartSvg(selectOutcomes(outcomesOf(input), {}, 'team'));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="title">Adoption against target</title>');
    expect(svg).toContain('Checkout: &#60;script&#62;&#38;: 100 of 300 (33%)');
    expect(svg).toContain('Billing: Consolidated invoices: no adoption figure');
    expect(svg).not.toContain('<script>');
    expect(new DOMParserLike(svg).ok).toBe(true);
  });
});

/** Well-formedness without a DOM: every opened element is closed. */
class DOMParserLike {
  ok: boolean;
  constructor(text: string) {
    const stack: string[] = [];
    for (const match of text.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      const [, closing, name = '', selfClosing] = match;
      if (selfClosing) continue;
      if (closing) {
        if (stack.pop() !== name) {
          this.ok = false;
          return;
        }
      } else stack.push(name);
    }
    this.ok = stack.length === 0;
  }
}

describe('the build in steps', () => {
  it('yields every NEEDS_PER_STEP needs and ends with the same outcomes as the build at once', () => {
    const count = NEEDS_PER_STEP * 2 + 7;
    const input = catalog({
      needs: Array.from({ length: count }, (_, i) => ({
        id: `n-many-${i}`,
        title: `Need ${count - i}`,
        status: 'released' as const,
      })),
      links: [],
    });
    const index = buildResolveIndex(input);
    const steps = outcomeSteps({ index, now: NOW, maxTeamsPerLead: 3 });
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields += 1;
    expect(yields).toBe(2);
    // Finished at once after one step, as a page's query does with a build under way.
    const started = outcomeSteps({ index, now: NOW, maxTeamsPerLead: 3 });
    started.next();
    expect(finishSteps(started)).toEqual(buildOutcomes({ index, now: NOW, maxTeamsPerLead: 3 }));
  });
});
