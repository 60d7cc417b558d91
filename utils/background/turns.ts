/**
 * Writers that read, change and write back the same data take turns: each task starts once the
 * one before it has settled (whether it succeeded or not), so no writer works from a copy another
 * has made stale meanwhile.
 */
export type Turns = <T>(task: () => Promise<T>) => Promise<T>;

export function takingTurns(): Turns {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
