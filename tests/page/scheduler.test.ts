import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '@/utils/page/scheduler';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('runs a burst once, when it has been quiet for the debounce time', () => {
    const task = vi.fn();
    const scheduler = createScheduler(task, { debounceMs: 100, maxWaitMs: 500 });
    for (let i = 0; i < 5; i++) {
      scheduler.schedule();
      vi.advanceTimersByTime(30);
    }
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(69); // 99 ms after the last call
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('still runs every max-wait on a page that never stops changing', () => {
    const task = vi.fn();
    const scheduler = createScheduler(task, { debounceMs: 100, maxWaitMs: 500 });
    for (let elapsed = 0; elapsed < 1600; elapsed += 16) {
      scheduler.schedule();
      vi.advanceTimersByTime(16);
    }
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('keeps one timer armed however often it is asked, instead of re-arming one per call', () => {
    const scheduler = createScheduler(vi.fn(), { debounceMs: 100, maxWaitMs: 500 });
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 50; i++) {
      scheduler.schedule();
      vi.advanceTimersByTime(1);
    }
    // The debounce timer and the max-wait timer.
    expect(setTimeoutSpy).toHaveBeenCalledTimes(2);
  });

  it('runs soon in a microtask, once, dropping what was pending, and never after cancel', async () => {
    const task = vi.fn();
    const scheduler = createScheduler(task, { debounceMs: 100, maxWaitMs: 500 });
    scheduler.schedule();
    scheduler.runSoon();
    scheduler.runSoon();
    await Promise.resolve();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
    scheduler.schedule();
    scheduler.cancel();
    scheduler.runSoon();
    await Promise.resolve();
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});

describe('scheduler: a shorter quiet time', () => {
  it('runs after the shorter wait when asked for one while a longer one is armed', () => {
    vi.useFakeTimers();
    const task = vi.fn();
    const scheduler = createScheduler(task, { debounceMs: 100, maxWaitMs: 500 });
    scheduler.schedule();
    vi.advanceTimersByTime(10);
    scheduler.schedule(16);
    vi.advanceTimersByTime(15);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
