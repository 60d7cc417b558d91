/**
 * "New need from this record": a title prefilled from the page, a business owner and an IT owner
 * chosen from the catalog's people. The background checks the need with the catalog's own rules;
 * what it refuses comes back next to the field it concerns.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Combobox } from '@/components/LinkPicker/Combobox';
import type { FieldError, NewNeedInput } from '@/utils/catalog/capture';
import type { PersonHit } from '@/utils/content-messages';

export interface NewNeedFormProps {
  recordLabel: string;
  initialTitle: string;
  /** Says what the page adds as evidence (or why it cannot). */
  evidenceNote: string;
  searchPeople(query: string, prefer?: 'business' | 'it'): Promise<PersonHit[]>;
  /** Creates and links the need; resolves to the refusals, or null when it worked. */
  onSubmit(input: NewNeedInput): Promise<FieldError[] | null>;
  onCancel(): void;
}

const FIELDS = ['title', 'businessOwner', 'itOwner'] as const;
type Field = (typeof FIELDS)[number];

/** `needs.title` -> `title`; anything else belongs to the form as a whole. */
function fieldOf(error: FieldError): Field | null {
  const name = error.path.replace(/^needs\.?/, '').split(/[.[]/)[0];
  return FIELDS.find((field) => field === name) ?? null;
}

function PersonField(props: {
  label: string;
  side: 'business' | 'it';
  error?: string;
  searchPeople: NewNeedFormProps['searchPeople'];
  onChange(person: PersonHit | null): void;
  onEscape(): void;
}) {
  const errorId = useId();
  return (
    <div class="field">
      <Combobox<PersonHit>
        label={props.label}
        placeholder="Name, e-mail or title"
        nouns={['person', 'people']}
        search={(query) => props.searchPeople(query, props.side)}
        keyOf={(person) => person.id}
        textOf={(person) => person.name}
        onPick={props.onChange}
        onType={() => props.onChange(null)}
        onEscape={props.onEscape}
        invalid={!!props.error}
        describedBy={props.error ? errorId : undefined}
        testId={`tandem-${props.side}-owner-search`}
        renderItem={(person) => (
          <>
            <span class="option__main" dir="auto">
              {person.name}
            </span>
            {person.title && (
              <span class="option__sub" dir="auto">
                {person.title}
              </span>
            )}
          </>
        )}
      />
      {props.error && (
        <p id={errorId} class="error">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function NewNeedForm(props: NewNeedFormProps) {
  const heading = useId();
  const titleId = useId();
  const [title, setTitle] = useState(props.initialTitle);
  const [business, setBusiness] = useState<PersonHit | null>(null);
  const [it, setIt] = useState<PersonHit | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);

  const errorFor = (field: Field | null) =>
    errors
      .filter((error) => fieldOf(error) === field)
      .map((error) => (field || !error.path ? error.rule : `${error.path}: ${error.rule}`))
      .join('; ') || undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (title.trim() === '') {
      setErrors([{ path: 'needs.title', rule: 'Give the need a title' }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    const refused = await props.onSubmit({ title, businessOwner: business?.id, itOwner: it?.id });
    setBusy(false);
    if (refused) setErrors(refused);
  };

  const titleError = errorFor('title');
  const formError = errorFor(null);
  return (
    <form
      class="capture"
      aria-labelledby={heading}
      aria-busy={busy}
      noValidate
      onSubmit={submit}
      data-testid="tandem-new-need-form"
    >
      <h3 id={heading} class="capture__title">
        New need from {props.recordLabel}
      </h3>
      <div class="field">
        <label class="field__label" for={`${titleId}-input`}>
          Title
        </label>
        <input
          id={`${titleId}-input`}
          class="input"
          dir="auto"
          value={title}
          required
          aria-invalid={!!titleError || undefined}
          aria-describedby={titleError ? `${titleId}-error` : undefined}
          onInput={(event) => setTitle(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
          ref={titleInput}
          data-testid="tandem-new-need-title"
        />
        {titleError && (
          <p id={`${titleId}-error`} class="error">
            {titleError}
          </p>
        )}
      </div>
      <div class="owners">
        <PersonField
          label="Business owner"
          side="business"
          error={errorFor('businessOwner')}
          searchPeople={props.searchPeople}
          onChange={setBusiness}
          onEscape={props.onCancel}
        />
        <PersonField
          label="IT owner"
          side="it"
          error={errorFor('itOwner')}
          searchPeople={props.searchPeople}
          onChange={setIt}
          onEscape={props.onCancel}
        />
      </div>
      <p class="muted">{props.evidenceNote}</p>
      {formError && (
        <p class="error" role="alert">
          {formError}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button" data-testid="tandem-create-need">
          Create and link
        </button>
        <button type="button" class="button button--quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
