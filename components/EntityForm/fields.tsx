/**
 * Form fields bound to a path in the draft, each with its label and, right beside it, its errors
 * (`aria-invalid` + `aria-describedby`, so a screen reader reads the rule with the field).
 */
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useId, useState } from 'preact/hooks';
import { useApi } from '@/components/Api/api';
import { type Draft, getAt } from '@/components/EntityForm/model';
import type { EntityKind } from '@/utils/catalog/kinds';

export interface FormState {
  draft: Draft;
  set(path: string, value: unknown): void;
  /** Errors to show now for the field at `path` (touched fields, or all after a save attempt). */
  errors(path: string): string[];
  touch(path: string): void;
  readOnly: boolean;
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('form fields must sit inside an EntityForm');
  return form;
}

const domId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function FieldErrors({ path, id }: { path: string; id?: string }) {
  const errors = useForm().errors(path);
  if (errors.length === 0) return null;
  return (
    <p class="field-error" id={id ?? `${domId(path)}-error`} data-testid="field-error" data-field={path}>
      {errors.join('; ')}
    </p>
  );
}

interface FieldProps {
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
    disabled: boolean;
  }) => ComponentChildren;
}

/** Label, control and errors; the control gets the ids that tie them together. */
export function Field({ path, label, hint, required, children }: FieldProps) {
  const form = useForm();
  const id = domId(path);
  const invalid = form.errors(path).length > 0;
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${invalid ? ' field--invalid' : ''}`}>
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({
        id,
        'aria-invalid': invalid,
        ...(described ? { 'aria-describedby': described } : {}),
        disabled: form.readOnly,
      })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrors path={path} />
    </div>
  );
}

/**
 * Preact's input typings tie each `type` to its own attributes; a typed lookup keeps that. Numbers
 * are typed as text with a decimal keyboard, so "12a" reaches validation and is named there.
 */
function inputType(type: 'text' | 'email' | 'url' | 'date' | 'number' | undefined) {
  switch (type) {
    case 'date':
      return { type: 'date' } as const;
    case 'email':
      return { type: 'email' } as const;
    case 'url':
      return { type: 'url' } as const;
    case 'number':
      return { type: 'text', inputMode: 'decimal' } as const;
    default:
      return { type: 'text' } as const;
  }
}

const asText = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export function TextField(props: {
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'url' | 'date' | 'number';
  multiline?: boolean;
  placeholder?: string;
  onValue?: (value: string) => void;
}) {
  const form = useForm();
  const value = asText(getAt(form.draft, props.path));
  const onInput = (event: Event) => {
    const next = (event.currentTarget as HTMLInputElement).value;
    form.set(props.path, next);
    props.onValue?.(next);
  };
  return (
    <Field path={props.path} label={props.label} hint={props.hint} required={props.required}>
      {(control) =>
        props.multiline ? (
          <textarea
            {...control}
            name={props.path}
            rows={3}
            value={value}
            onInput={onInput}
            onBlur={() => form.touch(props.path)}
          />
        ) : (
          <input
            {...control}
            name={props.path}
            {...inputType(props.type)}
            placeholder={props.placeholder}
            value={value}
            required={props.required}
            onInput={onInput}
            onBlur={() => form.touch(props.path)}
          />
        )
      }
    </Field>
  );
}

export function SelectField(props: {
  path: string;
  label: string;
  options: readonly { value: string; label: string }[];
  /** Label of the "none" choice; without it a value is required. */
  empty?: string;
  hint?: string;
}) {
  const form = useForm();
  const value = asText(getAt(form.draft, props.path));
  return (
    <Field path={props.path} label={props.label} hint={props.hint}>
      {(control) => (
        <select
          {...control}
          name={props.path}
          value={value}
          onChange={(event) => {
            form.set(props.path, event.currentTarget.value || undefined);
            form.touch(props.path);
          }}
        >
          {props.empty !== undefined && <option value="">{props.empty}</option>}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const LABEL_CELL: Record<EntityKind, string> = {
  people: 'name',
  teams: 'name',
  needs: 'title',
  links: 'subject',
};

/** Suggestions for an id of `kind` as one types, searched in the background (never the whole list). */
export function useSuggestions(kind: EntityKind, text: string) {
  const api = useApi();
  const [options, setOptions] = useState<{ id: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .send({ type: 'catalog.query', kind, text, offset: 0, limit: 8, sort: LABEL_CELL[kind] })
        .then((answer) => {
          if (live && answer.ok)
            setOptions(
              answer.rows.map((row) => ({ id: row.id, label: row.cells[LABEL_CELL[kind]] ?? row.id })),
            );
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, kind, text]);
  return options;
}

/** An id of another entity: typed or picked from suggestions; the name it stands for is shown. */
export function RefField(props: {
  path: string;
  label: string;
  kind: EntityKind;
  hint?: string;
  required?: boolean;
}) {
  const form = useForm();
  const value = asText(getAt(form.draft, props.path));
  const options = useSuggestions(props.kind, value);
  const listId = useId();
  const named = options.find((option) => option.id === value);
  return (
    <Field path={props.path} label={props.label} hint={props.hint} required={props.required}>
      {(control) => (
        <>
          <input
            {...control}
            name={props.path}
            list={listId}
            autoComplete="off"
            value={value}
            placeholder="Type a name or an id"
            onInput={(event) => form.set(props.path, event.currentTarget.value)}
            onBlur={() => form.touch(props.path)}
          />
          <datalist id={listId}>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </datalist>
          {named && (
            <span class="ref-name" data-testid="ref-name">
              {named.label}
            </span>
          )}
        </>
      )}
    </Field>
  );
}
