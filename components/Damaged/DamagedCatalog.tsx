/**
 * What the options page shows when the stored catalog cannot be read (docs/storage.md): what
 * happened in words, that nothing was changed, a way to save what can still be read as a catalog
 * file, and that importing a file (the user's choice) replaces the damaged records.
 */
import { useState } from 'preact/hooks';
import { errorText, useApi } from '@/components/Api/api';
import { download } from '@/components/CsvImport/Exports';

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

export function DamagedCatalog({ detail }: { detail: string }) {
  const api = useApi();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function save() {
    setStatus(null);
    try {
      const answer = await api.send({ type: 'catalog.salvage' });
      if (!answer.ok) return setStatus({ kind: 'error', text: answer.error });
      download(answer.fileName, answer.mime, answer.text);
      const { people, teams, needs, links } = answer.kept;
      const lost =
        answer.dropped > 0 ? ` ${plural(answer.dropped, 'entry', 'entries')} could not be read.` : '';
      setStatus({
        kind: 'ok',
        text: `Saved ${answer.fileName}: ${plural(people, 'person', 'people')}, ${plural(teams, 'team', 'teams')}, ${plural(needs, 'need', 'needs')}, ${plural(links, 'link', 'links')}.${lost}`,
      });
    } catch (error) {
      setStatus({ kind: 'error', text: errorText(error) });
    }
  }

  return (
    <div class="damaged" role="alert" data-testid="catalog-damaged">
      <p>
        <strong>The catalog stored in this browser is damaged</strong>, so Tandem cannot show it or use it on
        Jira and CRM pages. Nothing stored has been changed, and nothing will be until you import a catalog.
      </p>
      <ol>
        <li>
          Save what can still be read of the edits made in this browser, as a catalog file:{' '}
          <button type="button" data-testid="catalog-salvage" onClick={() => void save()}>
            Save the readable part
          </button>
        </li>
        <li>
          Import a catalog file below (the one you saved, or your original) to replace the damaged records.
        </li>
      </ol>
      {status && (
        <p class={status.kind === 'error' ? 'error' : 'result'} data-testid="catalog-salvage-result">
          {status.text}
        </p>
      )}
      <details>
        <summary>Details</summary>
        <p>{detail}</p>
      </details>
    </div>
  );
}
