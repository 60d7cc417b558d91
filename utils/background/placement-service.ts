/**
 * The local record of views where Tandem found none of its anchors: host, kind of view,
 * when, which anchors were tried, and the last redacted landmark outline per host and view. It never
 * holds page text, and nothing of it leaves the browser; the options page shows it so a redesign
 * that broke placement is seen rather than silent.
 */
import { z } from 'zod';
import type { TandemDb } from '@/utils/catalog/db';
import { HOST_IDS } from '@/utils/catalog/view';
import type { Handlers, MessageSender } from '@/utils/messages';

const KEY = 'placement-misses';
const RECORD_VERSION = 1;
/** Misses older than this are forgotten; the options page speaks of the last seven days. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_MISSES = 2000;
/**
 * One miss per host and view kind in this time: a page that navigates fast (or a script that sends
 * on purpose) cannot fill the record or keep the database busy.
 */
export const MISS_INTERVAL_MS = 2000;

const Miss = z.object({
  host: z.enum(HOST_IDS),
  view: z.string().max(60),
  at: z.number(),
  anchors: z.array(z.string().max(80)).max(20),
});
const Outline = z.object({ at: z.number(), outline: z.string().max(16_000) });
const Stored = z.object({
  misses: z.array(Miss).max(MAX_MISSES),
  outlines: z.record(z.string(), Outline),
});
type Stored = z.infer<typeof Stored>;

const EMPTY: Stored = { misses: [], outlines: {} };

/** What is stored, or an empty record when there is none or it does not parse (it is only a log). */
async function read(db: TandemDb): Promise<Stored> {
  const record = await db.get('settings', KEY);
  if (!record || !('schemaVersion' in record) || record.schemaVersion !== RECORD_VERSION) return EMPTY;
  const parsed = Stored.safeParse(record.value);
  return parsed.success ? parsed.data : EMPTY;
}

/** How long a miss waits for its tab's landmark outline. */
const OUTLINE_WAIT_MS = 2000;

export interface PlacementServiceOptions {
  openDb: () => Promise<TandemDb>;
  /**
   * The redacted landmark outline of the page that reported the miss, read in its tab by the
   * background (content scripts do not carry the code); undefined when it cannot be read.
   */
  outlineOf?: (sender: MessageSender | undefined) => Promise<string | undefined>;
  now?: () => number;
}

export function createPlacementService({
  openDb,
  outlineOf = async () => undefined,
  now = Date.now,
}: PlacementServiceOptions) {
  const lastKept = new Map<string, number>();
  // Writes one after the other: two misses at once must not both read the same old record.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const handlers: Pick<Handlers, 'placement.miss' | 'placement.misses' | 'placement.clear'> = {
    async 'placement.miss'({ host, view, anchors, outline: sent }, sender) {
      const at = now();
      const group = `${host}|${view}`;
      if (at - (lastKept.get(group) ?? Number.NEGATIVE_INFINITY) < MISS_INTERVAL_MS) {
        return { ok: true, kept: false };
      }
      lastKept.set(group, at);
      // The outline is a help, not a condition: a tab that does not answer soon is recorded without it.
      const fromTab = await Promise.race([
        outlineOf(sender).catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), OUTLINE_WAIT_MS)),
      ]);
      const outline = (fromTab ?? sent)?.slice(0, 16_000);
      await serial(async () => {
        const db = await openDb();
        const stored = await read(db);
        const misses = [
          ...stored.misses.filter((miss) => at - miss.at < KEEP_MS),
          { host, view, at, anchors },
        ];
        const outlines = Object.fromEntries(
          Object.entries(stored.outlines).filter(([, kept]) => at - kept.at < KEEP_MS),
        );
        if (outline) outlines[group] = { at, outline };
        const value: Stored = { misses: misses.slice(-MAX_MISSES), outlines };
        await db.put('settings', { key: KEY, schemaVersion: RECORD_VERSION, value });
      });
      return { ok: true, kept: true };
    },
    async 'placement.misses'() {
      const stored = await read(await openDb());
      const at = now();
      const groups = new Map<
        string,
        {
          host: (typeof HOST_IDS)[number];
          view: string;
          week: number;
          total: number;
          last: number;
          anchors: string[];
        }
      >();
      for (const miss of stored.misses) {
        if (at - miss.at >= KEEP_MS) continue;
        const group = `${miss.host}|${miss.view}`;
        const entry = groups.get(group) ?? {
          host: miss.host,
          view: miss.view,
          week: 0,
          total: 0,
          last: 0,
          anchors: [],
        };
        entry.total += 1;
        if (at - miss.at < WEEK_MS) entry.week += 1;
        if (miss.at >= entry.last) {
          entry.last = miss.at;
          entry.anchors = miss.anchors;
        }
        groups.set(group, entry);
      }
      const misses = [...groups.entries()]
        .sort(([, a], [, b]) => b.week - a.week || b.last - a.last)
        .map(([group, { last, ...entry }]) => {
          const outline = stored.outlines[group]?.outline;
          return { ...entry, lastAt: new Date(last).toISOString(), ...(outline ? { outline } : {}) };
        });
      return { ok: true, misses };
    },
    async 'placement.clear'() {
      await serial(async () => (await openDb()).delete('settings', KEY));
      lastKept.clear();
      return { ok: true };
    },
  };
  return { handlers };
}
