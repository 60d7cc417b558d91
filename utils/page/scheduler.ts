/**
 * Debounce with a maximum wait: a burst of DOM mutations runs the task once when the burst pauses,
 * and a page that never stops mutating still gets it at least every `maxWaitMs`.
 */
export interface Scheduler {
  schedule(): void;
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
  const settle = () => {
    const rest = lastScheduledAt + debounceMs - Date.now();
    if (rest > 0) debounceTimer = setTimeout(settle, rest);
    else run();
  };

  return {
    schedule() {
      if (cancelled) return;
      lastScheduledAt = Date.now();
      debounceTimer ??= setTimeout(settle, debounceMs);
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
