import type { HostId, ResolvedContext } from '@/utils/catalog/view';
import { HOST_LABEL, LEVEL_LABEL } from './labels';
import { NeedCard } from './Need';
import { OwnerPair } from './Person';
import { TeamBlock } from './Team';

export type PanelView =
  | { state: 'loading' }
  | { state: 'ready' | 'empty'; context: ResolvedContext }
  | { state: 'error'; message: string };

export interface PanelProps {
  host: HostId;
  recordLabel: string;
  view: PanelView;
  /** Opens the place where this record can be linked to a need. */
  onLinkAction: () => void;
}

const IS_JIRA = new Set<HostId>(['jira-cloud', 'jira-dc']);

/** The in-page panel: the needs, owners and team behind the record on screen. */
export function Panel({ host, recordLabel, view, onLinkAction }: PanelProps) {
  return (
    <section
      class="panel"
      aria-label={`Tandem: context for ${recordLabel}`}
      aria-busy={view.state === 'loading'}
    >
      <header class="panel__head">
        <span class="panel__brand">Tandem</span>
        <span class="panel__record">{recordLabel}</span>
      </header>
      <div class="panel__body">
        {view.state === 'loading' && (
          <p class="muted" role="status">
            Looking up {recordLabel}…
          </p>
        )}
        {view.state === 'error' && (
          <div class="state state--error" role="alert">
            <p>Tandem could not load the context for this page.</p>
            <p class="muted">{view.message}</p>
          </div>
        )}
        {view.state === 'empty' && (
          <EmptyState
            host={host}
            recordLabel={recordLabel}
            context={view.context}
            onLinkAction={onLinkAction}
          />
        )}
        {view.state === 'ready' && <Ready host={host} context={view.context} />}
      </div>
    </section>
  );
}

function Ready({ host, context }: { host: HostId; context: ResolvedContext }) {
  const showWork = !IS_JIRA.has(host);
  if (context.needs.length === 0 && context.team) {
    const team = context.team;
    return (
      <div class="team-only">
        <p class="muted">
          No customer need is linked; team {context.teamLevel ? LEVEL_LABEL[context.teamLevel] : ''}
        </p>
        <OwnerPair
          businessOwner={team.businessLead && { person: team.businessLead, fromTeam: true }}
          itOwner={team.itLead && { person: team.itLead, fromTeam: true }}
        />
        <TeamBlock team={team} />
      </div>
    );
  }
  return (
    <div class="needs">
      <div class="section-label">
        {context.needs.length === 1 ? '1 customer need' : `${context.needs.length} customer needs`}
      </div>
      {context.needs.map((need) => (
        <NeedCard key={need.id} need={need} showWork={showWork} />
      ))}
    </div>
  );
}

interface EmptyStateProps {
  host: HostId;
  recordLabel: string;
  context: ResolvedContext;
  onLinkAction: () => void;
}

function EmptyState({ host, recordLabel, context, onLinkAction }: EmptyStateProps) {
  return (
    <div class="state state--empty">
      <p>
        {context.noCatalog
          ? 'No catalog is loaded yet. Import one in Tandem’s options to see needs and owners here.'
          : 'No customer need or team is linked to this record yet.'}
      </p>
      <dl class="detected">
        <dt>Host</dt>
        <dd>{HOST_LABEL[host]}</dd>
        <dt>Record</dt>
        <dd>{recordLabel}</dd>
      </dl>
      <button type="button" class="button" data-testid="tandem-link-action" onClick={onLinkAction}>
        {context.noCatalog ? 'Open Tandem options' : 'Link this record to a need'}
      </button>
    </div>
  );
}
