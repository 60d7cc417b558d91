import { formatTime } from '@/components/Sources/format';
import { useSourceStatuses } from '@/components/Sources/use-sources';
import { sendMessage } from '@/utils/messages';
import type { SourceStatus } from '@/utils/sync/status';
import '@/components/Sources/sources.css';

/** Sources whose last refresh failed (their last good catalog is still in use). */
export function failingSources(sources: readonly SourceStatus[]): SourceStatus[] {
  return sources.filter((source) => source.state?.result?.ok === false);
}

/** The mark for a given list of sources; nothing when none failed. A click opens the options page. */
export function FailureMark({ sources }: { sources: readonly SourceStatus[] }) {
  const failing = failingSources(sources);
  if (failing.length === 0) return null;
  const reasons = failing
    .map((source) => {
      const result = source.state?.result;
      return result && !result.ok ? `${source.url}: ${result.reason} (${formatTime(result.at)})` : source.url;
    })
    .join('\n');
  const text =
    failing.length === 1
      ? 'A shared catalog failed to refresh'
      : `${failing.length} shared catalogs failed to refresh`;
  return (
    <button
      type="button"
      class="sources-mark"
      data-testid="sources-mark"
      title={`${reasons}\nThe last good catalog is still in use.`}
      onClick={() => void sendMessage({ type: 'options.open' }).catch(() => undefined)}
    >
      <span aria-hidden="true">⚠</span> {text}
    </button>
  );
}

/** A small mark in the popup when a shared catalog's last refresh failed; nothing otherwise. */
export function SourcesMark() {
  return <FailureMark sources={useSourceStatuses()} />;
}
