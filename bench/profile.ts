/**
 * Reading V8 CPU profiles (CDP `Profiler.stop`): time attributed to the extension's own scripts
 * (with everything they call, native DOM work included) and the heaviest functions by self time.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Each sample's duration in µs: the delta to the next sample (the last one gets the mean). */
function sampleDurations(profile: CpuProfile): number[] {
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  const mean = samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0;
  return samples.map((_, i) => (i + 1 < deltas.length ? Math.max(0, deltas[i + 1] ?? 0) : mean));
}

function parents(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return parent;
}

/**
 * Milliseconds of samples whose stack contains a frame from a URL `matches` accepts, e.g. the
 * content script's `chrome-extension://…/content-scripts/jira.js`.
 */
export function timeInScripts(profile: CpuProfile, matches: (url: string) => boolean): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = parents(profile);
  const memo = new Map<number, boolean>();
  const inScript = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let result = false;
    if (node && matches(node.callFrame.url)) result = true;
    else {
      const up = parent.get(id);
      result = up !== undefined && inScript(up);
    }
    memo.set(id, result);
    return result;
  };
  const durations = sampleDurations(profile);
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    if (inScript(id)) total += durations[i] ?? 0;
  });
  return total / 1000;
}

export interface HotFunction {
  name: string;
  selfMs: number;
}

/** The functions with the most self time, named `function (file:line)`. */
export function hottestFunctions(profile: CpuProfile, count = 15): HotFunction[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const durations = sampleDurations(profile);
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url ? frame.url.replace(/^chrome-extension:\/\/[a-p]{32}\//, '') : '';
    const name = `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
    self.set(name, (self.get(name) ?? 0) + (durations[i] ?? 0));
  });
  return [...self.entries()]
    .map(([name, us]) => ({ name, selfMs: us / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

/** Total time of samples under each named top-down frame (inclusive), for a coarse breakdown. */
export function inclusiveTime(profile: CpuProfile, functionName: string): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = parents(profile);
  const durations = sampleDurations(profile);
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      if (byId.get(current)?.callFrame.functionName === functionName) {
        total += durations[i] ?? 0;
        return;
      }
    }
  });
  return total / 1000;
}
