/**
 * Where a page's time goes: when it first asks the background for each request type and when it
 * hears back, in page time (performance.now(), from the navigation's start). Used by the outcomes
 * and first-minute figures' notes.
 */

/** One request the page sent. */
export interface TimedRequest {
  type?: string;
  sent: number;
  answered: number | null;
}

/**
 * Source text for an init script (run before any page script): wraps the extension page's
 * `chrome.runtime.sendMessage` so every request is pushed onto `<target>.requests`.
 */
export const recordRequestsInto = (target: string) => `{
  const runtime = globalThis.chrome && chrome.runtime;
  if (runtime && runtime.sendMessage && location.protocol === 'chrome-extension:') {
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (message, ...rest) => {
      const entry = { type: message && message.type, sent: performance.now(), answered: null };
      ${target}.requests.push(entry);
      const answer = send(message, ...rest);
      if (answer && answer.then) answer.then(() => { entry.answered = performance.now(); }, () => {});
      return answer;
    };
  }
}`;

/** `outcomes.query 120→410 ms, …`: the page's first request of each type, in the order sent. */
export function requestTimes(requests: readonly TimedRequest[] = []): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const request of requests) {
    if (!request.type || seen.has(request.type)) continue;
    seen.add(request.type);
    const answered = request.answered === null ? '…' : request.answered.toFixed(0);
    parts.push(`${request.type} ${request.sent.toFixed(0)}→${answered} ms`);
  }
  return parts.join(', ');
}
