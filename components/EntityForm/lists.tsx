/** Lists inside an entity: rows of sub-fields (customers, evidence, channels) and lists of ids (members). */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { FieldErrors, TextField, useForm, useSuggestions } from '@/components/EntityForm/fields';
import { getAt } from '@/components/EntityForm/model';
import type { EntityKind } from '@/utils/catalog/kinds';

export function RowsField(props: {
  path: string;
  legend: string;
  /** What "Add …" adds, e.g. "customer". */
  noun: string;
  blank: Record<string, unknown>;
  row: (base: string, index: number) => ComponentChildren;
}) {
  const form = useForm();
  const rows = getAt(form.draft, props.path);
  const list = Array.isArray(rows) ? rows : [];
  return (
    <fieldset class="rows">
      <legend>{props.legend}</legend>
      <FieldErrors path={props.path} />
      {list.map((_, i) => (
        <div class="rows__row" key={i}>
          {props.row(`${props.path}[${i}]`, i)}
          {!form.readOnly && (
            <button
              type="button"
              class="link-button"
              onClick={() =>
                form.set(
                  props.path,
                  list.filter((__, j) => j !== i),
                )
              }
            >
              Remove {props.noun} {i + 1}
            </button>
          )}
        </div>
      ))}
      {!form.readOnly && (
        <button type="button" onClick={() => form.set(props.path, [...list, { ...props.blank }])}>
          Add {props.noun}
        </button>
      )}
    </fieldset>
  );
}

/** Ids of `kind` as removable chips, with an input (suggestions as one types) to add one. */
/** Rows of a label and an https address: a need's evidence, a team's channels. */
export function LinkRowsField(props: { path: string; legend: string; noun: string }) {
  return (
    <RowsField
      {...props}
      blank={{ label: '', url: '' }}
      row={(base) => (
        <>
          <TextField path={`${base}.label`} label="Label" />
          <TextField path={`${base}.url`} label="Address" type="url" placeholder="https://…" />
        </>
      )}
    />
  );
}

export function IdListField(props: { path: string; legend: string; kind: EntityKind }) {
  const form = useForm();
  const value = getAt(form.draft, props.path);
  const ids = Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  const [text, setText] = useState('');
  const options = useSuggestions(props.kind, text);
  const inputId = `f-${props.path}-add`;
  const listId = `${inputId}-list`;
  const add = () => {
    const id = text.trim();
    if (id && !ids.includes(id)) form.set(props.path, [...ids, id]);
    setText('');
  };
  return (
    <fieldset class="rows">
      <legend>{props.legend}</legend>
      <ul class="chips">
        {ids.map((id, i) => (
          <li key={id} class="chip">
            <code>{id}</code>
            <FieldErrors path={`${props.path}[${i}]`} />
            {!form.readOnly && (
              <button
                type="button"
                class="link-button"
                aria-label={`Remove ${id}`}
                onClick={() =>
                  form.set(
                    props.path,
                    ids.filter((kept) => kept !== id),
                  )
                }
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!form.readOnly && (
        <div class="inline-form">
          <label for={inputId} class="visually-hidden">
            Add to {props.legend.toLowerCase()}
          </label>
          <input
            id={inputId}
            list={listId}
            autoComplete="off"
            placeholder="Type a name or an id"
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <datalist id={listId}>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </datalist>
          <button type="button" onClick={add}>
            Add
          </button>
        </div>
      )}
    </fieldset>
  );
}
