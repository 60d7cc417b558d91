/**
 * The outcomes page's reads (`outcomes.query`, `outcomes.export`): the whole catalog's outcomes are
 * built once per loaded catalog, day and lead limit, then filtered, sorted and paged for each
 * request, so the page receives a screenful at a time however large the catalog is.
 */

import { type LoadedCatalog, timeSlicer } from '@/utils/background/catalog-service';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { Handlers } from '@/utils/messages';
import { emptyCounts, finishSteps, type Outcomes, outcomeSteps } from '@/utils/outcomes/build';
import { outcomesChartSvg, outcomesCsv } from '@/utils/outcomes/export';
import { selectOutcomes, sliceOutcomes } from '@/utils/outcomes/query';
import type { OutcomeFilters, OutcomeSort } from '@/utils/outcomes/view';
import type { StatusCategories } from '@/utils/outcomes/work-done';
import type { Settings } from '@/utils/settings/schema';

export interface OutcomesServiceOptions {
  loaded: () => Promise<LoadedCatalog | null>;
  settings: () => Promise<Pick<Settings, 'maxTeamsPerLead'>>;
  /** Status categories of the catalog's Jira work items, where the background knows them. */
  statuses?: () => Promise<StatusCategories | undefined>;
  now?: () => Date;
  /** Runs `work` a while after a catalog change (tests run it at once). */
  later?: (work: () => void) => void;
}

/**
 * How long after a catalog change the outcomes are built ahead of a visit: late enough to leave
 * the change's own broadcast and the open panels' resolves their turn first.
 */
export const WARM_AFTER_MS = 1000;

/** The statuses as a key: unknown, or each known key's category (at most a few thousand). */
export function statusesKey(known: StatusCategories | undefined): string {
  if (!known) return 'unknown';
  let key = 'known';
  for (const [issue, category] of known) key += ` ${issue}=${category}`;
  return key;
}

/** People shown as needing a check, on the first page (the rest are counted, and exported). */
export const MAX_PEOPLE_SHOWN = 25;

type OutcomesHandlers = Pick<Handlers, 'outcomes.query' | 'outcomes.export'>;

export function createOutcomesService({
  loaded,
  settings,
  statuses = async () => undefined,
  now = () => new Date(),
  later = (work) => void setTimeout(work, WARM_AFTER_MS),
}: OutcomesServiceOptions) {
  const built = new WeakMap<LoadedCatalog, { key: string; outcomes: Outcomes }>();
  // The last selection: paging through one view asks the same filters again and again.
  let lastSelection: { outcomes: Outcomes; key: string; selected: ReturnType<typeof selectOutcomes> } | null =
    null;
  const selection = (outcomes: Outcomes, filters: OutcomeFilters, sort: OutcomeSort) => {
    const key = JSON.stringify([filters, sort]);
    if (lastSelection?.outcomes === outcomes && lastSelection.key === key) return lastSelection.selected;
    const selected = selectOutcomes(outcomes, filters, sort);
    lastSelection = { outcomes, key, selected };
    return selected;
  };

  /** A build under way in steps (ahead of a visit), which a page's query finishes at once. */
  let building: { current: LoadedCatalog; key: string; steps: Generator<void, Outcomes> } | null = null;

  /**
   * The outcomes of `current` as of today, the setting and the statuses: kept, or built. With
   * `pause`, built in steps that give way to other requests between them (a build ahead of a
   * visit); without, at once (a page is waiting), finishing any build in steps under way.
   */
  async function outcomesOf(
    current: LoadedCatalog,
    pause?: () => Promise<void> | undefined,
  ): Promise<Outcomes> {
    const today = now();
    const { maxTeamsPerLead } = await settings();
    const known = await statuses();
    // Flags depend on the day (stale, time box), the setting and the statuses, not only the catalog.
    // The statuses go into the key by value: rebuilding 20,000 needs for every page of a scroll
    // (as when any known status forced a rebuild) costs the worker hundreds of milliseconds each.
    const key = `${today.toISOString().slice(0, 10)} ${maxTeamsPerLead} ${statusesKey(known)}`;
    const cached = built.get(current);
    if (cached && cached.key === key) return cached.outcomes;
    let mine = building?.current === current && building.key === key ? building : null;
    if (!mine) {
      const names = new Map(current.layers.map(({ meta }) => [meta.layer, meta.name ?? meta.layer]));
      const steps = outcomeSteps({
        index: current.index,
        now: today,
        maxTeamsPerLead,
        statuses: known,
        sourceOf: (kind, id) => {
          const layer = current.layerOf[kind].get(id);
          return layer === undefined || layer === LOCAL_LAYER ? undefined : (names.get(layer) ?? layer);
        },
      });
      mine = { current, key, steps };
      building = mine;
    }
    const done = (outcomes: Outcomes) => {
      built.set(current, { key, outcomes });
      if (building === mine) building = null;
      return outcomes;
    };
    if (pause) {
      for (;;) {
        const kept = built.get(current);
        if (kept && kept.key === key) return kept.outcomes; // a page's query finished it meanwhile
        const step = mine.steps.next();
        if (step.done) return done(step.value);
        await pause();
      }
    }
    return done(finishSteps(mine.steps));
  }

  const handlers: OutcomesHandlers = {
    async 'outcomes.query'({ filters, sort, offset, limit }) {
      const current = await loaded();
      const { maxTeamsPerLead } = await settings();
      if (!current) {
        const page = { revision: 0, counts: emptyCounts(), total: 0, teams: 0, needs: 0, groups: [] };
        return {
          ok: true,
          page: { ...page, people: [], peopleTotal: 0, statusesKnown: false, maxTeamsPerLead },
        };
      }
      const outcomes = await outcomesOf(current);
      const slice = sliceOutcomes(selection(outcomes, filters, sort), offset, limit);
      const people = offset === 0 && (!filters.flag || filters.flag === 'stale') ? outcomes.people : [];
      return {
        ok: true,
        page: {
          revision: current.revision,
          counts: outcomes.counts,
          ...slice,
          // A few people to verify on the first page; the count at the top says how many there are.
          people: people.slice(0, MAX_PEOPLE_SHOWN),
          peopleTotal: people.length,
          statusesKnown: outcomes.statusesKnown,
          maxTeamsPerLead: outcomes.maxTeamsPerLead,
        },
      };
    },

    async 'outcomes.export'({ filters, sort, format }) {
      const current = await loaded();
      const groups = current ? selection(await outcomesOf(current), filters, sort) : [];
      const day = now().toISOString().slice(0, 10);
      if (format === 'svg')
        return {
          ok: true,
          fileName: `tandem-outcomes-${day}.svg`,
          mime: 'image/svg+xml',
          text: outcomesChartSvg(groups),
        };
      return {
        ok: true,
        fileName: `tandem-outcomes-${day}.csv`,
        mime: 'text/csv',
        text: outcomesCsv(groups),
      };
    },
  };
  let warming = false;
  /**
   * Builds the outcomes ahead of a visit, so opening the page costs only the selection of its
   * first screen (the build is about 0.2 s on 20,000 needs): a second after a catalog change, or
   * after the catalog's load (which after a browser start waits until the pages are quiet). In
   * steps of about 30 ms, so a page's request waits for one step at most.
   */
  function warm(): void {
    if (warming) return;
    warming = true;
    later(() => {
      warming = false;
      void loaded()
        .then((current) => (current ? outcomesOf(current, timeSlicer()) : undefined))
        .catch(() => undefined); // the page's own query reports what went wrong
    });
  }
  return { handlers, warm };
}
