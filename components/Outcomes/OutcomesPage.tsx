/**
 * The outcomes page (options.html#outcomes): each team's needs with adoption against target and
 * the hygiene flags of the catalog, counted at the top. The background filters, sorts and pages
 * (utils/background/outcomes-service.ts); the page asks for a screenful at a time and the next
 * one as the reader scrolls near the end (or presses "Show more").
 */
import { Component } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import { download } from '@/components/CsvImport/Exports';
import { NeedRow, PeopleFlags, TeamHeader } from '@/components/Outcomes/OutcomeParts';
import { APPROACH_LABEL, STATUS_LABEL } from '@/utils/catalog/labels';
import { NEED_STATUSES } from '@/utils/catalog/schema';
import type { TeamLinkView } from '@/utils/messages';
import {
  OUTCOME_FLAG_KINDS,
  type OutcomeFilters,
  type OutcomeFlagKind,
  type OutcomeGroup,
  type OutcomeSort,
  type OutcomesPage as PageData,
} from '@/utils/outcomes/view';

/** Items (team headers and needs) per request: more than a screen, little to draw at once. */
export const OUTCOMES_PAGE_ITEMS = 30;

export const FLAG_LABEL: Record<OutcomeFlagKind, string> = {
  'time-box-ended': 'Time box ended',
  'no-owners': 'No owners',
  stale: 'Not verified for 180 days',
  'no-adoption': 'Released without adoption',
  'work-done': 'Work done, still in delivery',
  'leads-too-many-teams': 'Leads too many teams',
};

/** Appends a page, joining a team cut across pages back into one group. */
export function appendGroups(shown: readonly OutcomeGroup[], next: readonly OutcomeGroup[]): OutcomeGroup[] {
  const merged = [...shown];
  for (const group of next) {
    const last = merged[merged.length - 1];
    if (group.continued && last && (last.team?.id ?? null) === (group.team?.id ?? null)) {
      merged[merged.length - 1] = { ...last, needs: [...last.needs, ...group.needs] };
    } else merged.push({ ...group, continued: false });
  }
  return merged;
}

interface Loaded {
  page: PageData;
  groups: OutcomeGroup[];
  /** Items received so far: the next page's offset. */
  received: number;
}

const itemsOf = (groups: readonly OutcomeGroup[]) =>
  groups.reduce((sum, group) => sum + group.needs.length + (group.continued ? 0 : 1), 0);

export function OutcomesPage() {
  const api = useApi();
  const [filters, setFilters] = useState<OutcomeFilters>({});
  const [mine, setMine] = useState(false);
  const [sort, setSort] = useState<OutcomeSort>('team');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [teams, setTeams] = useState<TeamLinkView[]>([]);
  const [pinned, setPinned] = useState<string[]>([]);
  const [limit, setLimit] = useState<number | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  const effective: OutcomeFilters = mine ? { ...filters, teams: pinned } : filters;
  const key = JSON.stringify([effective, sort]);

  const load = useCallback(
    async (from: Loaded | null) => {
      if (loading.current && from) return;
      loading.current = true;
      const asked = ++generation.current;
      try {
        const answer = await api.send({
          type: 'outcomes.query',
          filters: effective,
          sort,
          offset: from?.received ?? 0,
          limit: OUTCOMES_PAGE_ITEMS,
        });
        if (asked !== generation.current) return;
        if (!answer.ok) return setError(answer.error);
        setError('');
        const { page } = answer;
        setLoaded({
          page: from ? { ...page, people: from.page.people, peopleTotal: from.page.peopleTotal } : page,
          groups: from ? appendGroups(from.groups, page.groups) : appendGroups([], page.groups),
          received: (from?.received ?? 0) + itemsOf(page.groups),
        });
        setLimit((current) => current ?? page.maxTeamsPerLead);
      } catch (thrown) {
        if (asked === generation.current) setError(errorText(thrown));
      } finally {
        if (asked === generation.current) loading.current = false;
      }
    },
    // `key` stands for the filters and the sort: a new one makes a new `load`, which reloads.
    [api, key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);
  useBroadcast('catalog.changed', () => void load(null));

  const loadSettings = () =>
    void api.send({ type: 'settings.get' }).then((answer) => {
      if (!answer.ok) return;
      setPinned(answer.settings.pinnedTeams);
      if (answer.settings.maxTeamsPerLead !== undefined) setLimit(answer.settings.maxTeamsPerLead);
    });
  useEffect(loadSettings, [api]);
  useEffect(() => {
    void api.send({ type: 'teams.list' }).then((answer) => answer.ok && setTeams(answer.teams));
  }, [api]);
  useBroadcast('settings.changed', () => {
    loadSettings();
    void load(null);
  });

  // The next page as the end comes near; disconnected on every change and when the page goes.
  const more = loaded !== null && loaded.received < loaded.page.total;
  useEffect(() => {
    const target = sentinel.current;
    if (!more || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void load(loaded);
      },
      { rootMargin: '600px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [more, loaded, load]);

  const set = (change: Partial<OutcomeFilters>) => {
    const next: OutcomeFilters = { ...filters, ...change };
    for (const name of Object.keys(next) as (keyof OutcomeFilters)[]) if (!next[name]) delete next[name];
    setFilters(next);
  };

  async function exportAs(format: 'csv' | 'svg') {
    setNotice('');
    try {
      const answer = await api.send({ type: 'outcomes.export', filters: effective, sort, format });
      if (!answer.ok) return setError(answer.error);
      download(answer.fileName, answer.mime, answer.text);
      setNotice(`Saved ${answer.fileName}.`);
    } catch (thrown) {
      setError(errorText(thrown));
    }
  }

  async function saveLimit(value: number) {
    if (!Number.isInteger(value) || value < 1) return;
    const answer = await api.send({ type: 'settings.update', patch: { maxTeamsPerLead: value } });
    if (!answer.ok)
      setError(
        'error' in answer ? answer.error : answer.errors.map((e) => `${e.path}: ${e.rule}`).join('; '),
      );
  }

  const page = loaded?.page;
  return (
    <section aria-labelledby="outcomes-title" data-testid="outcomes" aria-busy={loaded === null}>
      <h2 id="outcomes-title" class="page-title">
        Outcomes
      </h2>
      <p class="muted">
        What each team is accountable for: its customers’ needs and their adoption against target, and what in
        the catalog needs attention.
      </p>
      {page && (
        <section class="card" aria-labelledby="outcomes-counts-title">
          <h3 id="outcomes-counts-title">Needs attention</h3>
          <ul class="outcome-counts">
            {OUTCOME_FLAG_KINDS.map((kind) => (
              <li key={kind}>
                <button
                  type="button"
                  class="link-button"
                  data-testid="outcomes-count"
                  data-kind={kind}
                  data-count={page.counts[kind]}
                  aria-pressed={filters.flag === kind}
                  onClick={() => set({ flag: filters.flag === kind ? undefined : kind })}
                >
                  <strong>{page.counts[kind]}</strong> {FLAG_LABEL[kind]}
                </button>
              </li>
            ))}
          </ul>
          {!page.statusesKnown && (
            <p class="muted">Work statuses are not known yet, so no need is flagged as work done.</p>
          )}
        </section>
      )}
      <fieldset class="outcome-tools">
        <legend class="visually-hidden">Filter and sort</legend>
        <label>
          Team{' '}
          <select
            data-testid="outcomes-filter-team"
            value={filters.team ?? ''}
            onChange={(event) => set({ team: event.currentTarget.value || undefined })}
          >
            <option value="">All teams</option>
            <TeamOptions teams={teams} />
          </select>
        </label>
        <AnyOf
          label="Approach"
          testId="outcomes-filter-approach"
          value={filters.approach}
          values={Object.keys(APPROACH_LABEL) as (keyof typeof APPROACH_LABEL)[]}
          labelOf={(approach) => APPROACH_LABEL[approach]}
          onChange={(approach) => set({ approach })}
        />
        <AnyOf
          label="Status"
          testId="outcomes-filter-status"
          value={filters.status}
          values={NEED_STATUSES}
          labelOf={(status) => STATUS_LABEL[status]}
          onChange={(status) => set({ status })}
        />
        <AnyOf
          label="Flag"
          testId="outcomes-filter-flag"
          value={filters.flag}
          values={OUTCOME_FLAG_KINDS}
          labelOf={(kind) => FLAG_LABEL[kind]}
          onChange={(flag) => set({ flag })}
        />
        <label>
          Sort{' '}
          <select
            data-testid="outcomes-sort"
            value={sort}
            onChange={(event) => setSort(event.currentTarget.value as OutcomeSort)}
          >
            <option value="team">By team</option>
            <option value="gap">By gap to target</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="outcomes-mine"
            checked={mine}
            onChange={(event) => setMine(event.currentTarget.checked)}
          />{' '}
          My teams ({pinned.length} pinned)
        </label>
        <label>
          Flag a person leading more than{' '}
          <input
            type="number"
            min={1}
            max={1000}
            class="outcome-limit"
            data-testid="outcomes-max-teams"
            value={limit ?? ''}
            onChange={(event) => void saveLimit(Number(event.currentTarget.value))}
          />{' '}
          teams
        </label>
      </fieldset>
      <div class="actions">
        <button type="button" data-testid="outcomes-export-csv" onClick={() => void exportAs('csv')}>
          Export as CSV
        </button>
        <button type="button" data-testid="outcomes-export-svg" onClick={() => void exportAs('svg')}>
          Export the chart as SVG
        </button>
      </div>
      <p role="status" data-testid="outcomes-notice">
        {notice}
      </p>
      {error && (
        <p role="alert" class="error" data-testid="outcomes-error">
          {error}
        </p>
      )}
      {page && (
        <p class="muted" data-testid="outcomes-summary" aria-live="polite">
          {page.teams} team{page.teams === 1 ? '' : 's'}, {page.needs} need{page.needs === 1 ? '' : 's'}
        </p>
      )}
      {page && <PeopleFlags people={page.people} total={page.peopleTotal} />}
      {loaded?.groups.map((group) => (
        <GroupSection
          key={group.team?.id ?? '(no team)'}
          group={group}
          pending={more && group === loaded.groups[loaded.groups.length - 1]}
        />
      ))}
      {loaded && loaded.groups.length === 0 && (
        <p data-testid="outcomes-empty">Nothing matches these filters.</p>
      )}
      {more && (
        <div ref={sentinel} class="actions">
          <button type="button" data-testid="outcomes-more" onClick={() => void load(loaded)}>
            Show more
          </button>
        </div>
      )}
    </section>
  );
}

/** A filter that is either "Any" or one of `values`. */
function AnyOf<T extends string>(props: {
  label: string;
  testId: string;
  value: T | undefined;
  values: readonly T[];
  labelOf(value: T): string;
  onChange(value: T | undefined): void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(event) => props.onChange((event.currentTarget.value || undefined) as T | undefined)}
      >
        <option value="">Any</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.labelOf(value)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * One team's section, drawn again only when its group or its pending state changes: a page that
 * arrives while scrolling appends to the last group, and every group above keeps its identity, so
 * only the new rows are drawn (the longest frame while scrolling is what the reader feels).
 */
class GroupSection extends Component<{ group: OutcomeGroup; pending: boolean }> {
  override shouldComponentUpdate(next: { group: OutcomeGroup; pending: boolean }): boolean {
    return next.group !== this.props.group || next.pending !== this.props.pending;
  }

  override render() {
    const { group, pending } = this.props;
    return group.team ? (
      <section
        class="card outcome-team"
        data-testid="outcomes-team"
        data-team-id={group.team.id}
        aria-labelledby={`team-${group.team.id}`}
      >
        <TeamHeader team={group.team} continued={group.continued} />
        <NeedList group={group} pending={pending} />
      </section>
    ) : (
      <section
        class="card outcome-team"
        data-testid="outcomes-teamless"
        aria-labelledby="outcomes-teamless-title"
      >
        <h3 id="outcomes-teamless-title">Needs without a team</h3>
        <NeedList group={group} pending={false} />
      </section>
    );
  }
}

/** The team filter's options (a thousand teams in a large catalog), drawn again only when the list changes. */
class TeamOptions extends Component<{ teams: TeamLinkView[] }> {
  override shouldComponentUpdate(next: { teams: TeamLinkView[] }): boolean {
    return next.teams !== this.props.teams;
  }

  override render() {
    return this.props.teams.map((team) => (
      <option key={team.id} value={team.id}>
        {team.name}
      </option>
    ));
  }
}

/** `pending`: the group's needs come with the next page, so "no needs" would not be true yet. */
function NeedList({ group, pending }: { group: OutcomeGroup; pending: boolean }) {
  if (group.needs.length === 0) return pending ? null : <p class="muted">No needs.</p>;
  return (
    <ul
      class="outcome-needs"
      aria-label={group.team ? `Needs of ${group.team.name}` : 'Needs without a team'}
    >
      {group.needs.map((need) => (
        <NeedRow key={need.id} need={need} />
      ))}
    </ul>
  );
}
