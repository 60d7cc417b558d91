/** "Link this record to a need": a searchable list of the catalog's needs; picking one links it. */
import { useId, useState } from 'preact/hooks';
import { Combobox } from '@/components/LinkPicker/Combobox';
import { STATUS_LABEL } from '@/utils/catalog/labels';
import type { NeedHit } from '@/utils/content-messages';

export interface LinkPickerProps {
  recordLabel: string;
  searchNeeds(query: string): Promise<NeedHit[]>;
  /** Needs already linked to this record, left out of the list. */
  exclude: ReadonlySet<string>;
  /** Links the record; resolves to an error sentence, or null when it worked. */
  onLink(need: NeedHit): Promise<string | null>;
  onNewNeed(): void;
  onCancel(): void;
}

function statusLabel(status: string): string {
  return STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status;
}

export function LinkPicker({
  recordLabel,
  searchNeeds,
  exclude,
  onLink,
  onNewNeed,
  onCancel,
}: LinkPickerProps) {
  const heading = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (query: string) => (await searchNeeds(query)).filter((hit) => !exclude.has(hit.id));
  const pick = async (need: NeedHit) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const failure = await onLink(need);
    setBusy(false);
    if (failure) setError(failure);
  };
  return (
    <section class="capture" aria-labelledby={heading} aria-busy={busy} data-testid="tandem-link-picker">
      <h3 id={heading} class="capture__title">
        Link {recordLabel} to a need
      </h3>
      <Combobox<NeedHit>
        label="Find a need"
        placeholder="Title, id or customer"
        nouns={['need', 'needs']}
        search={search}
        keyOf={(need) => need.id}
        textOf={(need) => need.title}
        onPick={pick}
        onEscape={onCancel}
        autoFocus
        testId="tandem-need-search"
        renderItem={(need) => (
          <>
            <span class="option__main">
              <span dir="auto">{need.title}</span>
              <span class={`chip chip--${need.status}`}>{statusLabel(need.status)}</span>
            </span>
            {(need.customers.length > 0 || need.team) && (
              <span class="option__sub" dir="auto">
                {[need.customers.join(', '), need.team].filter(Boolean).join(' · ')}
              </span>
            )}
          </>
        )}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button button--quiet" onClick={onNewNeed} data-testid="tandem-new-need">
          New need from this record
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
