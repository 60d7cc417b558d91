/**
 * The panels' last answers, kept for the next browser start. The tabs a browser restores each
 * morning show yesterday's records, and the first answer for a record after a start would otherwise
 * be a cold read of the stored snapshot: four rounds of reads one after another, which took 300 to
 * 550 ms in a worker just started on the benchmark's catalog, against one small record here.
 *
 * Kept in the `settings` store beside the settings (database version 8), one record holding the
 * answers of the `KEPT_ANSWERS` records resolved last. Each answer belongs to one catalog revision
 * and one order of shared sources: it is used only when both are still the current ones, so an
 * import, an edit, a refresh or a reordering makes it worthless at once, never wrong. Untrusted
 * when read, like every record: the entry is validated with the schema the content script checks
 * the answer with. It holds what the panels showed and the records they showed it for, nothing else.
 */
import { z } from 'zod';
import type { TandemDb } from '@/utils/catalog/db';
import { inMergeOrder, needsSourceOrder } from '@/utils/catalog/merge';
import { revisionOf } from '@/utils/catalog/stored';
import { type RecordRef, type ResolvedContext, viewSchemas } from '@/utils/catalog/view';
import { log } from '@/utils/log';
import { canonicalJson } from '@/utils/sync/diff';

export const KEPT_ANSWERS_KEY = 'panel-answers';
/** Bumped when the value's shape changes; an older record is then not used, only replaced. */
export const KEPT_ANSWERS_VERSION = 1;
/** How many records' answers are kept: the tabs of a morning's start, with room to spare. */
export const KEPT_ANSWERS = 40;
/** An answer larger than this (a customer with hundreds of needs) is not kept: the record stays small. */
export const KEPT_ANSWER_MAX_CHARS = 32_000;
/** How long after the last new answer the record is written: once per burst of navigations. */
export const KEEP_AFTER_MS = 2_000;

const KeptAnswer = z.object({
  /** The record asked about, as canonical JSON. */
  record: z.string(),
  revision: z.number().int().nonnegative(),
  /** The layers the answer was worked out from, in merge order (the order of sources decides it). */
  layers: z.array(z.string()),
  /** The answer, validated only when used. */
  context: z.unknown(),
});
type KeptAnswer = z.infer<typeof KeptAnswer>;

const KeptAnswers = z.object({ answers: z.array(KeptAnswer) });
const LayerNames = z.array(z.string());

export interface Answer {
  revision: number;
  context: ResolvedContext;
}

export interface KeptAnswersOptions {
  openDb: () => Promise<TandemDb>;
  /** The shared sources' order now (the settings'): asked only when two sources or more are stored. */
  sourceOrder: () => Promise<string[]>;
  keepAfterMs?: number;
}

const sameLayers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((layer, i) => layer === b[i]);

function validAnswers(record: unknown): KeptAnswer[] {
  const kept = record as { key?: unknown; schemaVersion?: unknown; value?: unknown } | undefined;
  if (kept?.key !== KEPT_ANSWERS_KEY || kept.schemaVersion !== KEPT_ANSWERS_VERSION) return [];
  const parsed = KeptAnswers.safeParse(kept.value);
  return parsed.success ? parsed.data.answers : [];
}

export function createKeptAnswers({ openDb, sourceOrder, keepAfterMs = KEEP_AFTER_MS }: KeptAnswersOptions) {
  /** The kept answers as this worker knows them, newest first: read once, then changed here and written back. */
  let known: Promise<KeptAnswer[]> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const knownAnswers = () => {
    known ??= openDb()
      .then((db) => db.get('settings', KEPT_ANSWERS_KEY))
      .then(validAnswers)
      .catch((error: unknown) => {
        known = undefined;
        throw error;
      });
    return known;
  };

  /**
   * The kept answer for `record` when it is for the stored catalog's current revision and layers
   * in their current merge order; null otherwise (none kept, out of date, or not valid).
   */
  async function find(record: RecordRef): Promise<Answer | null> {
    const tx = (await openDb()).transaction(['settings', 'state', 'layers'], 'readonly');
    const [stored, state, names] = await Promise.all([
      known ?? tx.objectStore('settings').get(KEPT_ANSWERS_KEY).then(validAnswers),
      tx.objectStore('state').get('revision'),
      tx.objectStore('layers').getAllKeys(),
    ]);
    known ??= Promise.resolve(stored);
    const key = canonicalJson(record);
    const kept = stored.find((answer) => answer.record === key);
    const layerNames = LayerNames.safeParse(names);
    if (!kept || kept.revision !== revisionOf(state) || !layerNames.success) return null;
    const order = needsSourceOrder(layerNames.data) ? await sourceOrder() : [];
    if (
      !sameLayers(
        kept.layers,
        inMergeOrder(layerNames.data, (layer) => layer, order),
      )
    )
      return null;
    const context = viewSchemas().ResolvedContext.safeParse(kept.context);
    return context.success ? { revision: kept.revision, context: context.data } : null;
  }

  /**
   * Remembers the answer given for `record`, worked out from `layers` (in merge order); written
   * once answers stop coming for a moment. An answer already kept as it is costs nothing more.
   */
  function keep(record: RecordRef, answer: Answer, layers: readonly string[]): void {
    if (answer.context.noCatalog) return;
    const text = JSON.stringify(answer.context);
    if (text.length > KEPT_ANSWER_MAX_CHARS) return;
    const key = canonicalJson(record);
    // Chained on the list as the last keep left it, so answers kept in one burst all stay.
    known = knownAnswers()
      .catch((error: unknown) => {
        log.failure('catalog', error);
        return [];
      })
      .then((answers) => {
        const kept = answers.find((entry) => entry.record === key);
        if (
          kept &&
          kept.revision === answer.revision &&
          sameLayers(kept.layers, layers) &&
          JSON.stringify(kept.context) === text
        )
          return answers;
        const entry: KeptAnswer = {
          record: key,
          revision: answer.revision,
          layers: [...layers],
          context: answer.context,
        };
        clearTimeout(timer);
        timer = setTimeout(() => void write(), keepAfterMs);
        return [entry, ...answers.filter((other) => other !== kept)].slice(0, KEPT_ANSWERS);
      });
  }

  async function write(): Promise<void> {
    try {
      const answers = await knownAnswers();
      await (await openDb()).put('settings', {
        key: KEPT_ANSWERS_KEY,
        schemaVersion: KEPT_ANSWERS_VERSION,
        value: { answers },
      });
    } catch (error) {
      log.failure('catalog', error);
    }
  }

  return { find, keep };
}
