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

  return {
    schedule() {
      if (cancelled) return;
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(run, debounceMs);
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
