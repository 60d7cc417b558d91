/**
 * Debounce with a maximum wait: a burst of DOM mutations runs the task once when the burst pauses,
 * and a page that never stops mutating still gets it at least every `maxWaitMs`.
 */
export interface Scheduler {
  /** Runs the task once nothing was scheduled for `quietMs` (the debounce time unless given). */
  schedule(quietMs?: number): void;
  /** Runs now (at most once per microtask), dropping anything pending. */
  runSoon(): void;
  cancel(): void;
}

export interface SchedulerOptions {
  debounceMs: number;
  maxWaitMs: number;
}

export function createScheduler(task: () => void, { debounceMs, maxWaitMs }: SchedulerOptions): Scheduler {
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;
  let microtaskQueued = false;
  let cancelled = false;

  const clear = () => {
    clearTimeout(debounceTimer);
    clearTimeout(maxTimer);
    debounceTimer = undefined;
    maxTimer = undefined;
  };
  const run = () => {
    clear();
    if (!cancelled) task();
  };
  // A page mutating its DOM calls `schedule` on every batch: it only notes the time, and the one
  // armed timer, when it fires, waits the rest of the quiet period if more came meanwhile. Clearing
  // and re-arming a timer per batch was most of the loop's idle cost.
  let lastScheduledAt = 0;
  let quiet = debounceMs;
  let timerDue = 0;
  const arm = (wait: number) => {
    timerDue = Date.now() + wait;
    debounceTimer = setTimeout(settle, wait);
  };
  const settle = () => {
    const rest = lastScheduledAt + quiet - Date.now();
    if (rest > 0) arm(rest);
    else run();
  };

  return {
    schedule(quietMs = debounceMs) {
      if (cancelled) return;
      lastScheduledAt = Date.now();
      quiet = quietMs;
      // An armed timer that fires in time re-checks then; a shorter wait needs an earlier one.
      if (debounceTimer === undefined || timerDue > lastScheduledAt + quietMs) {
        clearTimeout(debounceTimer);
        arm(quietMs);
      }
      maxTimer ??= setTimeout(run, maxWaitMs);
    },
    runSoon() {
      if (cancelled || microtaskQueued) return;
      microtaskQueued = true;
      queueMicrotask(() => {
        microtaskQueued = false;
        run();
      });
    },
    cancel() {
      cancelled = true;
      clear();
    },
  };
}
