/**
 * Asks before deleting: names the entity and, when others refer to it, lists them by name (asked
 * of the background, `catalog.usedBy`), then deletes with `entity.delete` (forced only after the
 * user saw what uses it). References left behind point at nothing until changed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import type { EntityKind } from '@/utils/catalog/kinds';
import type { TableRowView, UsageView } from '@/utils/messages';
import { SINGULAR, TABLE_COLUMNS } from '@/utils/search/columns';

const FIELD_LABEL: Record<string, string> = {
  businessLead: 'business lead',
  itLead: 'IT lead',
  members: 'member',
  businessOwner: 'business owner',
  itOwner: 'IT owner',
  team: 'team',
  need: 'need',
};
const SHOWN = 20;

export function DeleteDialog(props: {
  kind: EntityKind;
  row: TableRowView;
  onClose(deleted: boolean): void;
}) {
  const { kind, row, onClose } = props;
  const api = useApi();
  const [usedBy, setUsedBy] = useState<UsageView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const name = row.cells[TABLE_COLUMNS[kind][0]?.key ?? 'id'] || row.id;

  useEffect(() => {
    cancelRef.current?.focus();
    api
      .send({ type: 'catalog.usedBy', kind, id: row.id })
      .then((answer) => (answer.ok ? setUsedBy(answer.usedBy) : setError(answer.error)))
      .catch((caught: unknown) => setError(errorText(caught)));
  }, [api, kind, row.id]);

  async function confirm() {
    setBusy(true);
    try {
      const answer = await api.send({
        type: 'entity.delete',
        kind,
        id: row.id,
        force: (usedBy?.length ?? 0) > 0,
      });
      if (answer.ok) return onClose(true);
      setError(answer.error);
      const refreshed = await api.send({ type: 'catalog.usedBy', kind, id: row.id });
      if (refreshed.ok) setUsedBy(refreshed.usedBy);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  const used = usedBy ?? [];
  return (
    <div
      class="dialog card"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="delete-title"
      aria-describedby="delete-detail"
      data-testid="delete-dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose(false);
      }}
    >
      <h2 id="delete-title">
        Delete {SINGULAR[kind]} “{name}”?
      </h2>
      <div id="delete-detail">
        {usedBy === null && !error && <p class="muted">Checking what uses it…</p>}
        {usedBy !== null && used.length === 0 && <p>Nothing else refers to it. This cannot be undone.</p>}
        {used.length > 0 && (
          <>
            <p data-testid="used-by-summary">
              It is used in {used.length === 1 ? '1 place' : `${used.length} places`}. Deleting it leaves
              these pointing at nothing until you change them:
            </p>
            <ul data-testid="used-by">
              {used.slice(0, SHOWN).map((use) => (
                <li key={`${use.kind}:${use.id}:${use.field}`}>
                  {SINGULAR[use.kind]} “{use.label}” ({FIELD_LABEL[use.field] ?? use.field})
                  {use.layer !== 'local' && <span class="muted"> · shared</span>}
                </li>
              ))}
              {used.length > SHOWN && <li class="muted">and {used.length - SHOWN} more</li>}
            </ul>
          </>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="danger-button"
          data-testid="confirm-delete"
          disabled={busy || usedBy === null}
          onClick={() => void confirm()}
        >
          {used.length > 0 ? 'Delete anyway' : 'Delete'}
        </button>
        <button type="button" ref={cancelRef} onClick={() => onClose(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
