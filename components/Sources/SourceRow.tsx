import { browser } from 'wxt/browser';
import { INTERVALS, KIND_LABELS, statusLine } from '@/components/Sources/format';
import { SourceChanges } from '@/components/Sources/SourceChanges';
import { sendMessage } from '@/utils/messages';
import { sourcePermission } from '@/utils/sync/source-id';
import type { SourceStatus } from '@/utils/sync/status';

export interface SourceRowProps {
  source: SourceStatus;
  first: boolean;
  last: boolean;
  /** Shows the outcome of an action (an error, or what happened). */
  onMessage: (message: { kind: 'ok' | 'error'; text: string }) => void;
}

function intervalLabel(minutes: number): string {
  return INTERVALS.find(([value]) => value === minutes)?.[1] ?? `every ${minutes} minutes`;
}

/** One shared source: its URL, kind and interval, its last result, and what it last changed. */
export function SourceRow({ source, first, last, onMessage }: SourceRowProps) {
  const status = statusLine(source);
  const result = source.state?.result;
  const errors = result && !result.ok ? (result.errors ?? []) : [];
  const notes = source.state?.notes ?? [];

  const act = async (request: Parameters<typeof sendMessage>[0]) => {
    try {
      const answer = await sendMessage(request);
      if (!answer.ok) onMessage({ kind: 'error', text: 'error' in answer ? answer.error : 'refused' });
    } catch (error) {
      onMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  function allow() {
    const pattern = sourcePermission(source.url);
    // Before any await: the browser's prompt needs this click's user activation.
    browser.permissions
      .request({ origins: [pattern] })
      .then((granted) => {
        if (!granted) return onMessage({ kind: 'error', text: `${pattern}: permission was not granted` });
        return act({ type: 'sources.refresh', id: source.id });
      })
      .catch((error: unknown) => onMessage({ kind: 'error', text: String(error) }));
  }

  return (
    <li
      class="source"
      data-testid="source-row"
      data-source-id={source.id}
      data-state={status.kind}
      data-locked={source.locked ? 'true' : undefined}
    >
      <div class="source__head">
        <code class="source__url" data-testid="source-url">
          {source.url}
        </code>
        <span class="source__badge">{KIND_LABELS[source.kind]}</span>
        {source.locked && (
          <span class="source__badge source__badge--locked" data-testid="source-locked">
            Set by your administrator
          </span>
        )}
      </div>
      <p
        class={`source__status source__status--${status.kind}`}
        data-testid="source-status"
        role={status.kind === 'error' ? 'alert' : 'status'}
      >
        {status.text}
      </p>
      {!source.permission && (
        <p class="error" data-testid="source-permission">
          Tandem is not allowed to read {new URL(source.url).origin} yet.{' '}
          <button type="button" data-testid="source-allow" onClick={allow}>
            Allow
          </button>
        </p>
      )}
      {errors.length > 0 && (
        <ul class="source__errors" data-testid="source-errors">
          {errors.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <details class="source__notes" data-testid="source-notes">
          <summary>{notes.length} things from Backstage were not imported</summary>
          <ul>
            {notes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
      <div class="source__actions">
        <label>
          <span class="visually-hidden">Refresh interval</span>
          <select
            data-testid="source-interval"
            disabled={source.locked}
            value={String(source.refreshMinutes)}
            onChange={(event) =>
              void act({
                type: 'sources.update',
                id: source.id,
                refreshMinutes: Number(event.currentTarget.value),
              })
            }
          >
            {!INTERVALS.some(([value]) => value === source.refreshMinutes) && (
              <option value={String(source.refreshMinutes)}>{intervalLabel(source.refreshMinutes)}</option>
            )}
            {INTERVALS.map(([value, label]) => (
              <option key={value} value={String(value)}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="source-refresh"
          disabled={source.refreshing}
          onClick={() => void act({ type: 'sources.refresh', id: source.id })}
        >
          Refresh now
        </button>
        <button
          type="button"
          data-testid="source-up"
          disabled={source.locked || first}
          aria-label={`Move ${source.url} up`}
          onClick={() => void act({ type: 'sources.move', id: source.id, by: -1 })}
        >
          ↑
        </button>
        <button
          type="button"
          data-testid="source-down"
          disabled={source.locked || last}
          aria-label={`Move ${source.url} down`}
          onClick={() => void act({ type: 'sources.move', id: source.id, by: 1 })}
        >
          ↓
        </button>
        <button
          type="button"
          data-testid="source-remove"
          disabled={source.locked}
          onClick={() => void act({ type: 'sources.remove', id: source.id })}
        >
          Remove
        </button>
      </div>
      {source.state?.lastChange && (
        <SourceChanges at={source.state.lastChange.at} diff={source.state.lastChange.diff} />
      )}
    </li>
  );
}
