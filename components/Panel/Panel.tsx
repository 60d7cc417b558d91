import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CaptureBox } from '@/components/Panel/CaptureBox';
import { explainError } from '@/components/Panel/errors';
import { useFold } from '@/components/Panel/Fold';
import { Impact } from '@/components/Panel/Impact';
import { NeedCard } from '@/components/Panel/Need';
import { OwnerPair } from '@/components/Panel/Person';
import { TeamBlock } from '@/components/Panel/Team';
import type { FieldError, PanelActions, PanelPrefs, WorkView } from '@/components/Panel/types';
import { linkValue, type NewNeedInput, newNeedValue, suggestedTitle } from '@/utils/catalog/capture';
import { HOST_LABEL, LEVEL_LABEL } from '@/utils/catalog/labels';
import type { HostId, RecordRef, ResolvedContext } from '@/utils/catalog/view';
import type { NeedHit } from '@/utils/content-messages';
import { safeHttpsUrl } from '@/utils/safe-url';

/** A lookup that answers sooner than this never shows "Looking up…" at all. */
export const LOADING_DELAY_MS = 150;
/** How long a capture can be undone (while the Undo button has focus, the clock stops). */
export const UNDO_MS = 8000;

export type PanelView =
  | { state: 'loading' }
  | { state: 'ready' | 'empty'; context: ResolvedContext; work?: WorkView }
  | { state: 'error'; message: string };

export interface PanelProps {
  host: HostId;
  recordLabel: string;
  record: RecordRef;
  view: PanelView;
  prefs: PanelPrefs;
  /** This page's address: evidence for a new need when it is https. */
  pageUrl: string;
  actions: PanelActions;
  /** The day freshness is judged on; tests fix it. */
  now?: Date;
}

interface Notice {
  text: string;
  undo?: () => Promise<void>;
}

const IS_JIRA = new Set<HostId>(['jira-cloud', 'jira-dc']);
/** The control that stays put when the panel collapses or expands: focus goes back to it. */
const HOME = '[data-panel-focus]';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const describe = (errors: FieldError[]) => errors.map((error) => `${error.path}: ${error.rule}`).join('; ');

function summaryOf(view: PanelView): string {
  if (view.state === 'loading') return 'looking up…';
  if (view.state === 'error') return 'could not load';
  const { needs, team } = view.context;
  if (needs.length > 0) return needs.length === 1 ? '1 need' : `${needs.length} needs`;
  return team ? team.name : 'nothing linked';
}

/** The in-page panel: the needs, owners and team behind the record on screen, and ways to link it. */
export function Panel(props: PanelProps) {
  const { host, recordLabel, record, view, prefs, actions } = props;
  const now = props.now ?? new Date();
  const [mode, setMode] = useState<'view' | 'link' | 'new'>('view');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [paused, setPaused] = useState(false);
  const root = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const focusNext = useRef<string | HTMLElement | null>(null);

  // Focus moves only when our own controls appear or disappear under it.
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    // An opener that was drawn again (the empty state comes back after the picker) is found anew.
    const selector =
      typeof target === 'string'
        ? target
        : target.isConnected
          ? null
          : `[data-testid="${target.dataset.testid}"]`;
    const element = selector ? root.current?.querySelector<HTMLElement>(selector) : (target as HTMLElement);
    (element ?? root.current?.querySelector<HTMLElement>(HOME))?.focus();
  });

  useEffect(() => {
    if (!notice || paused) return;
    const timer = setTimeout(() => setNotice((shown) => (shown === notice ? null : shown)), UNDO_MS);
    return () => clearTimeout(timer);
  }, [notice, paused]);

  const open = (next: 'link' | 'new', event: Event) => {
    if (mode === 'view') opener.current = event.currentTarget as HTMLElement;
    setMode(next);
  };
  const close = () => {
    focusNext.current = opener.current ?? HOME;
    setMode('view');
  };
  const done = (text: string, undo: () => Promise<void>) => {
    focusNext.current = '.notice button';
    setMode('view');
    setNotice({ text, undo });
  };
  const undo = async () => {
    const shown = notice;
    if (!shown?.undo) return;
    focusNext.current = HOME;
    setPaused(false);
    setNotice({ text: 'Undoing…' });
    try {
      await shown.undo();
      setNotice({ text: 'Undone.' });
    } catch (error) {
      setNotice({ text: `Could not undo: ${messageOf(error)}` });
    }
  };
  const toggle = () => {
    focusNext.current = HOME;
    actions.setPrefs({ collapsed: !prefs.collapsed });
  };

  const link = async (need: NeedHit): Promise<string | null> => {
    try {
      const answer = await actions.save('links', linkValue(record, need.id));
      if (!answer.ok) return 'error' in answer ? answer.error : describe(answer.errors);
      done(`Linked ${recordLabel} to “${need.title}”.`, () => actions.remove('links', answer.id));
      return null;
    } catch (error) {
      return messageOf(error);
    }
  };

  const create = async (input: NewNeedInput): Promise<FieldError[] | null> => {
    try {
      const page = { record, recordLabel, hostLabel: HOST_LABEL[host], url: props.pageUrl };
      const saved = await actions.save('needs', newNeedValue(input, page, new Date()));
      if (!saved.ok) return 'error' in saved ? [{ path: '', rule: saved.error }] : saved.errors;
      const linked = await actions.save('links', linkValue(record, saved.id));
      if (!linked.ok) {
        await actions.remove('needs', saved.id).catch(() => undefined);
        return 'error' in linked ? [{ path: '', rule: linked.error }] : linked.errors;
      }
      done(`Created “${input.title.trim()}” and linked it to ${recordLabel}.`, async () => {
        await actions.remove('links', linked.id);
        await actions.remove('needs', saved.id);
      });
      return null;
    } catch (error) {
      return [{ path: '', rule: messageOf(error) }];
    }
  };

  // The forms load on first use; a pointer or focus on a button that opens one starts it early.
  const preload = () => void actions.loadCapture().catch(() => undefined);

  const label = `Tandem: ${recordLabel}`;
  if (prefs.collapsed) {
    return (
      <section class="panel panel--collapsed" aria-label={label} ref={root}>
        <button type="button" class="tab" aria-expanded="false" data-panel-focus onClick={toggle}>
          <span class="brand">Tandem</span> {recordLabel} · {summaryOf(view)}
        </button>
      </section>
    );
  }

  const floating = prefs.layout === 'floating';
  const context = view.state === 'ready' || view.state === 'empty' ? view.context : null;
  const linked = new Set(
    (context?.needs ?? [])
      .filter((need) => need.level === 'issue' || need.level === 'record-id')
      .map((need) => need.id),
  );
  return (
    <section class="panel" aria-label={label} aria-busy={view.state === 'loading'} ref={root}>
      <header class="panel__head">
        <h2 class="brand">Tandem</h2>
        <span class="panel__record">{recordLabel}</span>
        <span class="tools">
          {view.state === 'ready' && mode === 'view' && (
            <button
              type="button"
              class="tool"
              aria-label={`Link ${recordLabel} to a need`}
              data-testid="tandem-link-button"
              onClick={(event) => open('link', event)}
              onPointerEnter={preload}
              onFocus={preload}
            >
              Link
            </button>
          )}
          <button
            type="button"
            class="tool"
            title={floating ? 'Put the panel back in the page' : 'Float the panel over the page'}
            data-testid="tandem-layout-toggle"
            onClick={() => actions.setPrefs({ layout: floating ? 'docked' : 'floating' })}
          >
            {floating ? 'Dock' : 'Float'}
          </button>
          <button
            type="button"
            class="tool"
            aria-expanded="true"
            aria-label="Collapse the panel"
            title="Collapse the panel"
            data-panel-focus
            data-testid="tandem-collapse"
            onClick={toggle}
          >
            –
          </button>
        </span>
      </header>
      <div class="panel__body">
        <div class="notice" role="status" data-testid="tandem-notice">
          {notice && (
            <>
              <span>{notice.text}</span>
              {notice.undo && (
                <button
                  type="button"
                  class="tool"
                  data-testid="tandem-undo"
                  onClick={undo}
                  onFocus={() => setPaused(true)}
                  onBlur={() => setPaused(false)}
                >
                  Undo
                </button>
              )}
            </>
          )}
        </div>
        {mode === 'link' && (
          <CaptureBox
            form="linkPicker"
            load={actions.loadCapture}
            props={{
              recordLabel,
              searchNeeds: actions.searchNeeds,
              exclude: linked,
              onLink: link,
              onNewNeed: () => setMode('new'),
              onCancel: close,
            }}
          />
        )}
        {mode === 'new' && (
          <CaptureBox
            form="newNeedForm"
            load={actions.loadCapture}
            props={{
              recordLabel,
              initialTitle: suggestedTitle(record, recordLabel),
              evidenceNote: safeHttpsUrl(props.pageUrl)
                ? `This page (${HOST_LABEL[host]} ${recordLabel}) is added as evidence.`
                : 'This page is not an https address, so it is not added as evidence.',
              searchPeople: actions.searchPeople,
              onSubmit: create,
              onCancel: close,
            }}
          />
        )}
        {view.state === 'loading' && <Loading recordLabel={recordLabel} />}
        {view.state === 'error' && (
          <ErrorState message={view.message} recordLabel={recordLabel} actions={actions} />
        )}
        {view.state === 'empty' && mode === 'view' && (
          <EmptyState
            host={host}
            record={record}
            recordLabel={recordLabel}
            noCatalog={view.context.noCatalog === true}
            onLink={(event) => (view.context.noCatalog ? actions.openOptions() : open('link', event))}
            onNew={(event) => open('new', event)}
            onPreload={preload}
          />
        )}
        {view.state === 'ready' && <Ready host={host} context={view.context} work={view.work} now={now} />}
      </div>
    </section>
  );
}

function Loading({ recordLabel }: { recordLabel: string }) {
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p class="muted" role="status" data-testid="tandem-loading">
      {late ? `Looking up ${recordLabel}…` : ''}
    </p>
  );
}

function ErrorState({
  message,
  recordLabel,
  actions,
}: {
  message: string;
  recordLabel: string;
  actions: PanelActions;
}) {
  const { what, fix } = explainError(message);
  return (
    <div class="state" role="alert" data-testid="tandem-error">
      <p class="state__title state__title--error">Tandem could not show the context for {recordLabel}.</p>
      <p>{what}</p>
      <p>
        <strong>How to fix it:</strong> {fix}
      </p>
      <p class="muted" dir="auto">
        Details: {message}
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={actions.retry}>
          Try again
        </button>
        <button type="button" class="button button--quiet" onClick={actions.openOptions}>
          Open Tandem options
        </button>
      </div>
    </div>
  );
}

function Ready({
  host,
  context,
  work,
  now,
}: {
  host: HostId;
  context: ResolvedContext;
  work: WorkView | undefined;
  now: Date;
}) {
  const [needs, more] = useFold(context.needs, 3, ' needs');
  if (context.needs.length === 0 && context.team) {
    const team = context.team;
    return (
      <div class="state">
        <p class="muted">
          No customer need is linked; the team is found{' '}
          {context.teamLevel ? LEVEL_LABEL[context.teamLevel] : ''}.
        </p>
        <OwnerPair
          businessOwner={team.businessLead && { person: team.businessLead, fromTeam: true }}
          itOwner={team.itLead && { person: team.itLead, fromTeam: true }}
          now={now}
        />
        <TeamBlock team={team} now={now} />
      </div>
    );
  }
  return (
    <div class="needs">
      {context.impact && <Impact impact={context.impact} />}
      <div class="section-label">
        {context.needs.length === 1 ? '1 customer need' : `${context.needs.length} customer needs`}
      </div>
      {needs.map((need) => (
        <NeedCard key={need.id} need={need} showWork={!IS_JIRA.has(host)} work={work} now={now} />
      ))}
      {more}
    </div>
  );
}

interface EmptyStateProps {
  host: HostId;
  record: RecordRef;
  recordLabel: string;
  noCatalog: boolean;
  onLink(event: Event): void;
  onNew(event: Event): void;
  onPreload(): void;
}

function EmptyState({ host, record, recordLabel, noCatalog, onLink, onNew, onPreload }: EmptyStateProps) {
  const names = record.kind === 'crm' ? (record.names ?? []) : [];
  return (
    <div class="state">
      <p>
        {noCatalog
          ? 'No catalog is loaded yet. Import one in Tandem’s options to see needs and owners here.'
          : `No customer need or team is linked to ${recordLabel} yet.`}
      </p>
      <dl class="facts">
        <dt>Host</dt>
        <dd>{HOST_LABEL[host]}</dd>
        <dt>Record</dt>
        <dd>{recordLabel}</dd>
        {names.length > 0 && (
          <>
            <dt>Customer</dt>
            <dd dir="auto">{names.join(', ')}</dd>
          </>
        )}
      </dl>
      <div class="actions" onPointerEnter={onPreload} onFocusCapture={onPreload}>
        <button type="button" class="button" data-testid="tandem-link-action" onClick={onLink}>
          {noCatalog ? 'Open Tandem options' : 'Link this record to a need'}
        </button>
        <button type="button" class="button button--quiet" data-testid="tandem-new-need" onClick={onNew}>
          New need from this record
        </button>
      </div>
    </div>
  );
}
