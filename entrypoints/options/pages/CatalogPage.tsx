/**
 * One kind of the catalog in the options page: its table, the form to add or edit one entity,
 * and the question before a delete. `#needs/<id>` (from the popup) opens that entity directly.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi, useBroadcast } from '@/components/Api/api';
import { CatalogTable } from '@/components/CatalogTable/CatalogTable';
import { DeleteDialog } from '@/components/CatalogTable/DeleteDialog';
import { EntityForm } from '@/components/EntityForm/EntityForm';
import type { EntityKind } from '@/utils/catalog/kinds';
import type { TableRowView } from '@/utils/messages';
import { SINGULAR } from '@/utils/search/columns';

type Mode = { type: 'list' } | { type: 'form'; row: TableRowView | null };

const INTRO: Record<EntityKind, string> = {
  people: 'Everyone a team or a need names: business and IT leads, owners, members.',
  teams: 'Cross-functional teams: a business lead and an IT lead around one capability, with a charter.',
  needs: "Customer needs in the customer's terms, each with a business owner and an IT owner.",
  links:
    'What ties a need or a team to Jira issues, epics, projects and CRM records: what the panel resolves.',
};

export function CatalogPage({ kind, openId }: { kind: EntityKind; openId?: string | undefined }) {
  const api = useApi();
  const [mode, setMode] = useState<Mode>({ type: 'list' });
  const [deleting, setDeleting] = useState<TableRowView | null>(null);
  const [notice, setNotice] = useState('');
  const [pinned, setPinned] = useState<string[]>([]);
  const formArea = useRef<HTMLDivElement>(null);

  // A deep link opens its entity, unless the user opened something else before its answer came:
  // a late answer never replaces a form being typed into. (Each kind is its own CatalogPage, keyed
  // by kind in App, so nothing here resets on a change of kind: a reset effect that ran after the
  // first paint used to close a form opened the instant the view appeared.)
  const pendingLink = useRef<string | undefined>(undefined);
  useEffect(() => {
    pendingLink.current = openId;
    if (!openId) return;
    setMode({ type: 'list' });
    void api
      .send({ type: 'catalog.query', kind, text: '', offset: 0, limit: 1, id: openId })
      .then((answer) => {
        if (pendingLink.current !== openId) return;
        pendingLink.current = undefined;
        const row = answer.ok ? answer.rows[0] : undefined;
        if (row) setMode({ type: 'form', row });
        else setNotice(`No ${SINGULAR[kind]} with id “${openId}”.`);
      });
  }, [api, kind, openId]);
  /** The user's own choice of what to show wins over a deep link still on its way. */
  const show = (next: Mode) => {
    pendingLink.current = undefined;
    setMode(next);
  };

  const loadPins = () =>
    void api
      .send({ type: 'settings.get' })
      .then((answer) => answer.ok && setPinned(answer.settings.pinnedTeams));
  useEffect(loadPins, [api]);
  useBroadcast('settings.changed', loadPins);

  // Focus follows the work: into the form when it opens, back to the table's search when it closes.
  const pageRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    const open = mode.type === 'form' || deleting !== null;
    if (wasOpen.current && !open)
      pageRef.current?.querySelector<HTMLElement>('[data-testid="table-search"]')?.focus();
    wasOpen.current = open;
  }, [mode, deleting]);

  useEffect(() => {
    if (mode.type === 'form')
      formArea.current?.querySelector<HTMLElement>('input:not([disabled]), select, textarea')?.focus();
  }, [mode]);

  async function togglePin(id: string) {
    const next = pinned.includes(id) ? pinned.filter((kept) => kept !== id) : [...pinned, id];
    const answer = await api.send({ type: 'settings.update', patch: { pinnedTeams: next } });
    if (answer.ok) setPinned(answer.settings.pinnedTeams);
    else
      setNotice(
        'error' in answer
          ? answer.error
          : answer.errors.map((error) => `${error.path}: ${error.rule}`).join('; '),
      );
  }

  return (
    <section ref={pageRef} aria-labelledby="page-title" data-testid={`catalog-page-${kind}`}>
      <h2 id="page-title" class="page-title">
        {kind[0]?.toUpperCase()}
        {kind.slice(1)}
      </h2>
      <p class="muted">{INTRO[kind]}</p>
      <p role="status" class="ok" data-testid="catalog-notice">
        {notice}
      </p>
      {deleting && (
        <DeleteDialog
          kind={kind}
          row={deleting}
          onClose={(deleted) => {
            if (deleted) setNotice(`Deleted ${SINGULAR[kind]} “${deleting.id}”.`);
            setDeleting(null);
          }}
        />
      )}
      {mode.type === 'form' ? (
        <div ref={formArea}>
          <EntityForm
            key={mode.row?.id ?? 'new'}
            kind={kind}
            row={mode.row}
            onSaved={(id) => {
              setNotice(`Saved ${SINGULAR[kind]} “${id}”.`);
              show({ type: 'list' });
            }}
            onCancel={() => show({ type: 'list' })}
          />
        </div>
      ) : (
        <CatalogTable
          kind={kind}
          onAdd={() => {
            setNotice('');
            show({ type: 'form', row: null });
          }}
          onOpen={(row) => {
            setNotice('');
            show({ type: 'form', row });
          }}
          onDelete={(row) => setDeleting(row)}
          {...(kind === 'teams' ? { pinned, onTogglePin: (id: string) => void togglePin(id) } : {})}
        />
      )}
    </section>
  );
}
