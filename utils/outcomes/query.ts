/**
 * One page of the outcomes: filtered, sorted and cut from the whole (build.ts) in the background,
 * so the options page never holds 20,000 needs. A page is a run of items (a team header, then its
 * needs) from `offset`; a team that began on an earlier page comes back `continued`, its needs
 * carrying on under the header already shown.
 */
import type { Outcomes, OutcomeTeamGroup } from '@/utils/outcomes/build';
import type { OutcomeFilters, OutcomeGroup, OutcomeNeed, OutcomeSort } from '@/utils/outcomes/view';

export interface OutcomeQuery {
  filters: OutcomeFilters;
  sort: OutcomeSort;
  offset: number;
  limit: number;
}

interface Selected {
  team: OutcomeGroup['team'];
  needs: OutcomeNeed[];
}

/** The groups and needs the filters keep, in the order asked for. */
export function selectOutcomes(outcomes: Outcomes, filters: OutcomeFilters, sort: OutcomeSort): Selected[] {
  const only = filters.teams ? new Set(filters.teams) : undefined;
  const needKept = (need: OutcomeNeed, teamFlagged: boolean) =>
    (!filters.status || need.status === filters.status) &&
    (!filters.flag || teamFlagged || need.flags.some((flag) => flag.kind === filters.flag));

  const selected: Selected[] = [];
  const consider = (group: OutcomeTeamGroup) => {
    const { team } = group;
    if (filters.team && team.id !== filters.team) return;
    if (only && !only.has(team.id)) return;
    if (filters.approach && team.approach !== filters.approach) return;
    const teamFlagged = filters.flag !== undefined && team.flags.some((flag) => flag.kind === filters.flag);
    const needs = group.needs.filter((need) => needKept(need, teamFlagged));
    // A team stays while it has a need left, or when nothing about its needs was asked.
    const needsAsked = filters.status !== undefined || (filters.flag !== undefined && !teamFlagged);
    if (needsAsked && needs.length === 0) return;
    selected.push({ team, needs });
  };
  for (const group of outcomes.groups) consider(group);

  // Needs without a team belong to no team, no approach and nobody's pinned teams.
  if (!filters.team && !only && !filters.approach) {
    const needs = outcomes.teamless.filter((need) => needKept(need, false));
    if (needs.length > 0) selected.push({ team: null, needs });
  }

  if (sort === 'gap') {
    for (const group of selected) group.needs = [...group.needs].sort(byGap);
    const worst = (group: Selected) => (group.needs[0] ? gapOf(group.needs[0]) : -1);
    // The team furthest behind first; needs without a team stay last as their own group.
    selected.sort((a, b) => {
      if (!a.team || !b.team) return a.team ? -1 : b.team ? 1 : 0;
      return worst(b) - worst(a) || a.team.name.localeCompare(b.team.name);
    });
  }
  return selected;
}

/**
 * How far a need is from its target, 0 (reached) to 1 (nothing yet); -1 without a figure to
 * compare, so those sort after every need that has one.
 */
export function gapOf(need: OutcomeNeed): number {
  const ratio = need.adoption?.ratio;
  if (ratio === undefined || ratio === null) return -1;
  return Math.max(0, 1 - ratio);
}

function byGap(a: OutcomeNeed, b: OutcomeNeed): number {
  return gapOf(b) - gapOf(a);
}

export interface OutcomesSlice {
  total: number;
  teams: number;
  needs: number;
  groups: OutcomeGroup[];
}

/** Items [offset, offset + limit) of the selection: each group is its header, then its needs. */
export function sliceOutcomes(selected: readonly Selected[], offset: number, limit: number): OutcomesSlice {
  let total = 0;
  let needs = 0;
  for (const group of selected) {
    total += 1 + group.needs.length;
    needs += group.needs.length;
  }
  const groups: OutcomeGroup[] = [];
  const end = offset + limit;
  let start = 0; // the index of this group's header item
  for (const group of selected) {
    const size = 1 + group.needs.length;
    if (start + size > offset && start < end) {
      const from = Math.max(0, offset - start - 1);
      const to = Math.min(group.needs.length, end - start - 1);
      groups.push({ team: group.team, needs: group.needs.slice(from, to), continued: offset > start });
    }
    start += size;
    if (start >= end) break;
  }
  return { total, teams: selected.filter((group) => group.team).length, needs, groups };
}
