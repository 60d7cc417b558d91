/**
 * Adds or edits one person, team, need or link. The catalog's zod schema runs on every change
 * (instant feedback beside each field, shown once a field was left or a save was tried); the
 * background's `entity.save` answer is the authority, and its errors land beside the same fields.
 * Shared entities open read-only, saying which shared catalog they came from.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import { FieldErrors, FormContext, type FormState, TextField } from '@/components/EntityForm/fields';
import {
  cleanDraft,
  type Draft,
  type FieldErrors as Errors,
  emptyDraft,
  serverErrors,
  setAt,
  suggestId,
  validateDraft,
} from '@/components/EntityForm/model';
import { LinkFields, NeedFields } from '@/components/EntityForm/NeedsLinksFields';
import { PersonFields, TeamFields } from '@/components/EntityForm/PeopleTeamsFields';
import type { EntityKind } from '@/utils/catalog/kinds';
import type { TableRowView } from '@/utils/messages';
import { layerLabel, SINGULAR } from '@/utils/search/columns';

export interface EntityFormProps {
  kind: EntityKind;
  /** The row being edited, or null for a new entity. */
  row: TableRowView | null;
  onSaved(id: string): void;
  onCancel(): void;
}

const TITLE: Record<EntityKind, string> = { people: 'Person', teams: 'Team', needs: 'Need', links: 'Link' };

export function EntityForm({ kind, row, onSaved, onCancel }: EntityFormProps) {
  const api = useApi();
  const isNew = row === null;
  const readOnly = row !== null && !row.editable;
  // The draft belongs to the entity that was opened: made once, when the form mounts (CatalogPage
  // keys the form by entity), never again from props, so a late answer cannot undo what was typed.
  const [draft, setDraft] = useState<Draft>(() => (row ? structuredClone(row.value) : emptyDraft(kind)));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Errors>({});
  const [status, setStatus] = useState<{ kind: 'saving' | 'error'; text: string } | null>(null);
  const idTouched = useRef(!isNew);
  const formRef = useRef<HTMLFormElement>(null);

  const local = useMemo(() => validateDraft(kind, draft), [kind, draft]);

  const form: FormState = {
    draft,
    readOnly,
    set(path, value) {
      setDraft((current) => setAt(current, path, value));
      if (path === 'id') idTouched.current = true;
      setServer({});
    },
    touch(path) {
      setTouched((current) => (current.has(path) ? current : new Set([...current, path])));
    },
    errors(path) {
      if (readOnly) return [];
      const shown = submitted || touched.has(path) ? (local[path] ?? []) : [];
      return [...shown, ...(server[path] ?? []).filter((rule) => !shown.includes(rule))];
    },
  };

  const onName = (name: string) => {
    if (isNew && !idTouched.current && kind !== 'links')
      setDraft((current) => setAt(current, 'id', suggestId(kind, name)));
  };

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );

  async function save(event: Event) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) {
      setStatus({ kind: 'error', text: 'Not saved: correct the fields marked in red.' });
      focusFirstError();
      return;
    }
    setStatus({ kind: 'saving', text: 'Saving…' });
    try {
      const answer = await api.send({
        type: 'entity.save',
        kind,
        value: cleanDraft(draft),
        ...(row ? { replaces: row.id } : {}),
      });
      if (answer.ok) {
        setStatus(null);
        onSaved(answer.id);
        return;
      }
      if ('error' in answer) {
        setStatus({ kind: 'error', text: `Not saved: ${answer.error}` });
        return;
      }
      setServer(serverErrors(kind, answer.errors));
      setStatus({ kind: 'error', text: 'Not saved: correct the fields marked in red.' });
      focusFirstError();
    } catch (error) {
      setStatus({ kind: 'error', text: `Not saved: ${errorText(error)}` });
    }
  }

  const noun = SINGULAR[kind];
  const heading = isNew ? `New ${noun}` : readOnly ? `${TITLE[kind]} (read-only)` : `Edit ${noun}`;
  const formErrors = form.errors('(form)');

  return (
    <FormContext.Provider value={form}>
      <form
        ref={formRef}
        class="entity-form card"
        aria-labelledby="entity-form-title"
        data-testid="entity-form"
        data-kind={kind}
        noValidate
        onSubmit={save}
      >
        <h2 id="entity-form-title">{heading}</h2>
        {readOnly && row && (
          <p class="notice" data-testid="read-only-notice">
            {row.id.startsWith('#')
              ? 'This link has no id, so it cannot be changed here; give it an id in the catalog file.'
              : `From ${layerLabel(row.layer)} (${row.layer}): shared entities are read-only here. Change them in the shared catalog's file.`}
          </p>
        )}
        {isNew ? (
          <TextField
            path="id"
            label="Id"
            required={kind !== 'links'}
            hint={
              kind === 'links'
                ? 'Optional: left empty, Tandem makes one.'
                : 'Letters, digits and . _ : - (up to 64); proposed from the name.'
            }
          />
        ) : (
          <p class="muted">
            Id <code data-testid="entity-id">{row?.id}</code>
          </p>
        )}
        {kind === 'people' && <PersonFields onName={onName} />}
        {kind === 'teams' && <TeamFields onName={onName} />}
        {kind === 'needs' && <NeedFields onName={onName} />}
        {kind === 'links' && <LinkFields />}
        {formErrors.length > 0 && <FieldErrors path="(form)" />}
        {status && (
          <p
            class={status.kind === 'error' ? 'error' : 'muted'}
            role={status.kind === 'error' ? 'alert' : 'status'}
          >
            {status.text}
          </p>
        )}
        <div class="actions">
          {!readOnly && (
            <button
              type="submit"
              class="primary"
              data-testid="entity-save"
              disabled={status?.kind === 'saving'}
            >
              {isNew ? `Add ${noun}` : 'Save changes'}
            </button>
          )}
          <button type="button" onClick={onCancel} data-testid="entity-cancel">
            {readOnly ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </FormContext.Provider>
  );
}
