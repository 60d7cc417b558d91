/**
 * Where the panel could not find its place: per host and kind of view, how often this
 * week, which anchors were tried, and a redacted outline of the page's landmarks to copy into a bug
 * report. Everything here is kept in this browser only.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import { HOST_LABEL } from '@/utils/catalog/labels';
import type { PlacementMissSummary } from '@/utils/messages';

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);

/** `issue` → "issue views"; a CRM object (`Account`, `ticket`) → "Account views". */
export function missSentence({ host, view, week, total }: PlacementMissSummary): string {
  const where = `${HOST_LABEL[host]} ${view} views`;
  return week > 0
    ? `Tandem could not find its place on ${where} ${times(week)} this week`
    : `Tandem could not find its place on ${where} ${times(total)} in the last 30 days, not this week`;
}

export function PlacementMisses() {
  const api = useApi();
  const [misses, setMisses] = useState<PlacementMissSummary[] | null>(null);
  const [error, setError] = useState('');
  const [copied, setCopied] = useState('');
  const load = () => {
    api.send({ type: 'placement.misses' }).then(
      (answer) => (answer.ok ? setMisses(answer.misses) : setError(answer.error)),
      (failure: unknown) => setError(errorText(failure)),
    );
  };
  useEffect(load, [api]);

  const copy = async (miss: PlacementMissSummary) => {
    const text = [
      `Tandem: no anchor matched on ${HOST_LABEL[miss.host]} ${miss.view} views (last ${miss.lastAt})`,
      `Anchors tried: ${miss.anchors.join(', ')}`,
      'Landmarks (tag, role, test id; no text):',
      miss.outline ?? '(none recorded)',
    ].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${miss.host}|${miss.view}`);
    } catch (failure) {
      setError(`could not copy: ${errorText(failure)}; select the outline below instead`);
    }
  };
  const clear = async () => {
    const answer = await api.send({ type: 'placement.clear' });
    if (answer.ok) setMisses([]);
    else setError(answer.error);
  };

  return (
    <section class="card" aria-labelledby="misses-title" data-testid="placement-misses">
      <h2 id="misses-title">Where the panel floated</h2>
      <p class="muted">
        When a site changes its page layout, Tandem may not find the place it puts the panel in, and floats it
        instead. It keeps a count here (site, kind of page, date, what it looked for; never the page's
        content), in this browser only.
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {misses?.length === 0 && <p data-testid="misses-none">The panel found its place on every page.</p>}
      {misses && misses.length > 0 && (
        <>
          <ul class="site-list" data-testid="misses-list">
            {misses.map((miss) => (
              <li key={`${miss.host}|${miss.view}`} data-host={miss.host} data-view={miss.view}>
                <div>
                  <p data-testid="miss-sentence">{missSentence(miss)}.</p>
                  <p class="muted">Looked for: {miss.anchors.join(', ') || 'no anchor'}.</p>
                  {miss.outline && (
                    <details>
                      <summary>Page landmarks for a bug report (no text)</summary>
                      <pre data-testid="miss-outline">{miss.outline}</pre>
                    </details>
                  )}
                </div>
                <button type="button" onClick={() => void copy(miss)}>
                  {copied === `${miss.host}|${miss.view}` ? 'Copied' : 'Copy for a bug report'}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void clear()}>
            Clear this record
          </button>
        </>
      )}
    </section>
  );
}
