import { useFold } from '@/components/Panel/Fold';
import { formatFigure } from '@/components/Panel/figures';
import { OwnerPair } from '@/components/Panel/Person';
import { TeamBlock } from '@/components/Panel/Team';
import type { WorkView } from '@/components/Panel/types';
import { Warnings } from '@/components/Panel/Warnings';
import { IMPORTANCE_LABEL, LEVEL_LABEL, STATUS_LABEL } from '@/utils/catalog/labels';
import type { NeedView } from '@/utils/catalog/view';
import { needWarnings, SHIPPED_WARNING } from '@/utils/catalog/warnings';
import type { WorkItemStatus } from '@/utils/content-messages';
import { safeHttpsUrl } from '@/utils/safe-url';

const IMPORTANCE_ORDER = { critical: 0, important: 1, nice: 2 } as const;

function Adoption({ adoption }: { adoption: NonNullable<NeedView['adoption']> }) {
  const { current, target, unit } = adoption;
  const share = target > 0 ? current / target : null;
  return (
    <div class="adoption" data-testid="tandem-adoption">
      <div class="section-label">Adoption</div>
      <div dir="auto">{adoption.metric}</div>
      {/* The figures say it in words; the bar is for the eye. */}
      <div class="bar" aria-hidden="true">
        <div class="bar__fill" style={{ width: `${Math.round(Math.min(1, share ?? 0) * 100)}%` }} />
      </div>
      <div class="adoption__figures">
        <span dir="auto">
          <strong>{formatFigure(current)}</strong> of {formatFigure(target)}
          {unit ? ` ${unit}` : ''}
          {share !== null && ` (${Math.round(share * 100)}%)`}
        </span>
        <span class="muted">as of {adoption.asOf}</span>
      </div>
    </div>
  );
}

function Customers({ customers }: { customers: NeedView['customers'] }) {
  const sorted = [...customers].sort(
    (a, b) => IMPORTANCE_ORDER[a.importance ?? 'nice'] - IMPORTANCE_ORDER[b.importance ?? 'nice'],
  );
  const [shown, more] = useFold(sorted, 3);
  return (
    <div>
      <div class="section-label">Customers</div>
      <ul class="customers" aria-label="Customers">
        {shown.map((customer) => (
          <li key={customer.name} class="customer">
            <span dir="auto">{customer.name}</span>
            {customer.importance && (
              <span class={`chip chip--${customer.importance}`}>{IMPORTANCE_LABEL[customer.importance]}</span>
            )}
          </li>
        ))}
      </ul>
      {more}
    </div>
  );
}

/** Jira's status category names, for the chip's text alternative. */
const CATEGORY_LABEL = { new: 'To do', indeterminate: 'In progress', done: 'Done', unknown: '' } as const;

function WorkItem({ item, status }: { item: NeedView['workItems'][number]; status?: WorkItemStatus }) {
  const href = safeHttpsUrl(item.url);
  const category = status?.category ?? 'unknown';
  const details = [status?.assignee, status?.plan, status?.seen].filter(Boolean).join(' · ');
  return (
    <li
      data-testid="tandem-work-item"
      data-key={item.key}
      // Only once Jira has answered (surfaces: `data-status-category`, `data-status`).
      data-status-category={status ? category : undefined}
      data-status={status?.status}
    >
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {item.key}
        </a>
      ) : (
        item.key
      )}
      {status?.status && (
        <span class={`chip chip--${category}`} title={CATEGORY_LABEL[category]} dir="auto">
          {status.status}
        </span>
      )}
      {details && (
        <span class="muted" dir="auto">
          {' '}
          {details}
        </span>
      )}
    </li>
  );
}

function WorkItems({ items, work }: { items: NeedView['workItems']; work: WorkView | undefined }) {
  const byKey = new Map(work?.items.map((status) => [status.key, status]));
  // Done work folds below the open items; until Jira answers, every item is open.
  const open = items.filter((item) => byKey.get(item.key)?.category !== 'done');
  const done = items.filter((item) => byKey.get(item.key)?.category === 'done');
  const [shown, more] = useFold(open, 6);
  return (
    <div class="work">
      <div class="section-label">IT work in flight</div>
      <ul class="work__list" aria-label="IT work in flight">
        {shown.map((item) => (
          <WorkItem key={item.key} item={item} status={byKey.get(item.key)} />
        ))}
      </ul>
      {more}
      {done.length > 0 && (
        // Folded, yet in the page: every key keeps its `tandem-work-item` (surfaces).
        <details class="work__done">
          <summary class="more">Done ({done.length})</summary>
          <ul class="work__list" aria-label="Done">
            {done.map((item) => (
              <WorkItem key={item.key} item={item} status={byKey.get(item.key)} />
            ))}
          </ul>
        </details>
      )}
      {work?.problem && (
        <p class="muted" role="status" data-testid="tandem-work-problem">
          {work.problem}
        </p>
      )}
    </div>
  );
}

/** One customer need, with its owners, team and (on CRM records) the IT work linked to it. */
export function NeedCard({
  need,
  showWork,
  work,
  now,
}: {
  need: NeedView;
  showWork: boolean;
  work?: WorkView | undefined;
  now: Date;
}) {
  const warnings = needWarnings(need, now);
  if (work?.shipped.includes(need.id)) warnings.push(SHIPPED_WARNING);
  return (
    <article class="need" data-testid="tandem-need" data-need-id={need.id}>
      <header class="need__head">
        <h3 class="need__title" dir="auto">
          {need.title}
        </h3>
        <span class={`chip chip--${need.status}`}>
          <span class="sr">Status: </span>
          {STATUS_LABEL[need.status]}
        </span>
      </header>
      <div class="muted">{LEVEL_LABEL[need.level]}</div>
      {need.statement && (
        <p class="need__statement" dir="auto">
          {need.statement}
        </p>
      )}
      {need.customers.length > 0 && <Customers customers={need.customers} />}
      {need.adoption && <Adoption adoption={need.adoption} />}
      <OwnerPair businessOwner={need.businessOwner} itOwner={need.itOwner} now={now} />
      {need.team && <TeamBlock team={need.team} now={now} />}
      {showWork && need.workItems.length > 0 && <WorkItems items={need.workItems} work={work} />}
      <Warnings items={warnings} />
    </article>
  );
}
