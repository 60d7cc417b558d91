/**
 * A search box with a list of suggestions, after the WAI-ARIA combobox pattern: focus stays in
 * the input, arrow keys move the active option (`aria-activedescendant`), Enter picks it, Escape
 * closes the list (or, when it is closed, tells the owner). Answers that arrive out of order are
 * dropped.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export const SEARCH_DELAY_MS = 120;

interface ComboboxProps<T> {
  label: string;
  placeholder?: string;
  search(query: string): Promise<T[]>;
  keyOf(item: T): string;
  textOf(item: T): string;
  renderItem(item: T): ComponentChildren;
  onPick(item: T): void;
  /** The user typed: a choice made earlier no longer stands. */
  onType?(): void;
  onEscape?(): void;
  /** Singular and plural nouns for the count announced to screen readers. */
  nouns: [string, string];
  autoFocus?: boolean;
  invalid?: boolean;
  describedBy?: string;
  testId?: string;
}

export function Combobox<T>(props: ComboboxProps<T>) {
  const { label, search, keyOf, textOf, nouns } = props;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [items, setItems] = useState<T[] | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const request = ++asked.current;
    const timer = setTimeout(() => {
      search(text).then(
        (found) => {
          if (request !== asked.current) return;
          setItems(found);
          setFailed(false);
          setActive(found.length > 0 ? 0 : -1);
        },
        () => request === asked.current && setFailed(true),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, open]);

  const pick = (item: T) => {
    setText(textOf(item));
    setOpen(false);
    props.onPick(item);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = items?.length ?? 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) setActive((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter') {
      const item = open ? items?.[active] : undefined;
      event.preventDefault(); // never submits the surrounding form by accident
      if (item !== undefined) pick(item);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (open) setOpen(false);
      else props.onEscape?.();
    }
  };

  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const shown = open && items !== null;
  return (
    <div class="combo">
      <label class="field__label" for={`${id}-input`}>
        {label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        class="input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={shown && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        placeholder={props.placeholder}
        value={text}
        data-testid={props.testId}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
          props.onType?.();
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {/* The combobox pattern: options are never focused themselves; the input keeps focus and
          points at the active one with aria-activedescendant, and the input's keys drive them. */}
      <ul
        id={listId}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox of options, per the pattern
        role="listbox"
        aria-label={label}
        class="combo__list"
        hidden={!shown || items.length === 0}
      >
        {shown &&
          items.map((item, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input (aria-activedescendant)
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input's arrow keys and Enter choose options
            <li
              key={keyOf(item)}
              id={optionId(index)}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox
              role="option"
              aria-selected={index === active}
              class="combo__option"
              // Keeps focus in the input, so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(item)}
            >
              {props.renderItem(item)}
            </li>
          ))}
      </ul>
      <div class="sr" role="status">
        {failed
          ? 'Search failed'
          : shown
            ? `${items.length === 0 ? 'No' : items.length} ${nouns[items.length === 1 ? 0 : 1]} found`
            : ''}
      </div>
      {shown && items.length === 0 && text.trim() !== '' && (
        <p class="muted">
          No {nouns[1]} match “{text.trim()}”.
        </p>
      )}
      {failed && <p class="error">The search did not answer; try again.</p>}
    </div>
  );
}
