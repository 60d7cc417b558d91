/**
 * The popup's one search box across needs, teams and people. Answers as one types (the background
 * keeps a folded index per catalog revision: exact, then prefix, then word, then substring
 * matches; accents and case ignored); arrows move through the results, Enter opens the selected
 * one (the first by default), Escape clears. A combobox in the ARIA sense.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import type { SearchHitView } from '@/utils/messages';

const KIND_LABEL: Record<SearchHitView['kind'], string> = { need: 'Need', team: 'Team', person: 'Person' };

export function PopupSearch({ open }: { open(hit: SearchHitView): void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHitView[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** The text the shown hits answer: until the answer to what is typed comes, say so. */
  const [answered, setAnswered] = useState('');
  const latest = useRef(0);

  // Warms the background's search index (and the catalog behind it) as the popup opens, so the
  // first keystroke is not the one that waits for it. The answer is not shown.
  useEffect(() => {
    api.send({ type: 'catalog.search', text: '', limit: 1 }).catch(() => undefined);
  }, [api]);

  async function ask(value: string) {
    setText(value);
    const request = ++latest.current;
    if (value.trim() === '') {
      setHits([]);
      setAnswered(value);
      return;
    }
    try {
      const answer = await api.send({ type: 'catalog.search', text: value, limit: 12 });
      if (request !== latest.current) return; // a later keystroke already asked
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setHits(answer.hits);
      setAnswered(value);
      setActive(0);
    } catch (caught) {
      if (request === latest.current) setError(errorText(caught));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active] ?? hits[0];
      if (hit) open(hit);
    } else if (event.key === 'Escape' && text !== '') {
      // The first Escape clears; only an Escape in an empty box closes the popup.
      event.preventDefault();
      event.stopPropagation();
      latest.current++;
      setText('');
      setHits([]);
    }
  }

  const expanded = hits.length > 0;
  const optionId = (i: number) => `popup-result-${i}`;
  return (
    <section class="popup-search" aria-label="Search">
      <label for="popup-search-input">Search needs, teams and people</label>
      <input
        id="popup-search-input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="popup-results"
        aria-activedescendant={expanded ? optionId(active) : undefined}
        autoComplete="off"
        spellcheck={false}
        data-testid="popup-search"
        placeholder="Reorder, Zoë, Globex…"
        value={text}
        onInput={(event) => void ask(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div id="popup-results" role="listbox" aria-label="Results" class="results" data-testid="popup-results">
        {hits.map((hit, i) => (
          <div
            key={`${hit.kind}:${hit.id}`}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            class={i === active ? 'result active' : 'result'}
            data-testid="search-result"
            data-kind={hit.kind}
            data-id={hit.id}
            data-rank={hit.rank}
            onMouseMove={() => setActive(i)}
            onClick={() => open(hit)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') open(hit);
            }}
          >
            <span class={`kind kind--${hit.kind}`}>{KIND_LABEL[hit.kind]}</span>
            <span class="label">{hit.label}</span>
            <span class="detail">{hit.detail}</span>
          </div>
        ))}
      </div>
      <p
        class="muted small"
        role="status"
        data-testid="popup-search-status"
        data-answered={answered === text || text.trim() === ''}
      >
        {text.trim() === ''
          ? ''
          : answered !== text && hits.length === 0
            ? 'Searching…'
            : hits.length === 0
              ? `Nothing matches “${text.trim()}”.`
              : `${hits.length} result${hits.length === 1 ? '' : 's'}; Enter opens the selected one.`}
      </p>
    </section>
  );
}
