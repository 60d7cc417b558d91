import type { NeedView } from '@/utils/catalog/view';
import { safeHttpsUrl } from '@/utils/safe-url';
import { IMPORTANCE_LABEL, LEVEL_LABEL, STATUS_LABEL } from './labels';
import { OwnerPair } from './Person';
import { TeamBlock } from './Team';

const IMPORTANCE_ORDER = { critical: 0, important: 1, nice: 2 } as const;

function Adoption({ adoption }: { adoption: NonNullable<NeedView['adoption']> }) {
  const ratio = adoption.target > 0 ? Math.min(1, adoption.current / adoption.target) : 0;
  const unit = adoption.unit ? ` ${adoption.unit}` : '';
  return (
    <div class="adoption" data-testid="tandem-adoption">
      <div class="adoption__label">
        <span>{adoption.metric}</span>
        <span>
          {adoption.current}
          {unit} of {adoption.target}
          {unit}
        </span>
      </div>
      {/* The figures above say it in words; the bar is for the eye. */}
      <div class="adoption__bar" aria-hidden="true">
        <div class="adoption__fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
    </div>
  );
}

/** One customer need, with its owners, team and (on CRM records) the IT work linked to it. */
export function NeedCard({ need, showWork }: { need: NeedView; showWork: boolean }) {
  const customers = [...need.customers].sort(
    (a, b) => IMPORTANCE_ORDER[a.importance ?? 'nice'] - IMPORTANCE_ORDER[b.importance ?? 'nice'],
  );
  return (
    <article class="need" data-testid="tandem-need" data-need-id={need.id}>
      <header class="need__head">
        <h3 class="need__title">{need.title}</h3>
        <span class={`chip chip--status chip--${need.status}`}>{STATUS_LABEL[need.status]}</span>
      </header>
      <div class="muted need__level">{LEVEL_LABEL[need.level]}</div>
      {need.statement && <p class="need__statement">“{need.statement}”</p>}
      {customers.length > 0 && (
        <ul class="customers" aria-label="Customers">
          {customers.map((customer) => (
            <li key={customer.name} class="customer">
              <span>{customer.name}</span>
              {customer.importance && (
                <span class={`chip chip--${customer.importance}`}>
                  {IMPORTANCE_LABEL[customer.importance]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {need.adoption && <Adoption adoption={need.adoption} />}
      <OwnerPair businessOwner={need.businessOwner} itOwner={need.itOwner} />
      {need.team && <TeamBlock team={need.team} />}
      {showWork && need.workItems.length > 0 && (
        <div class="work">
          <div class="section-label">IT work in flight</div>
          <ul class="work__list">
            {need.workItems.map((item) => {
              const href = safeHttpsUrl(item.url);
              return (
                <li key={item.key} data-testid="tandem-work-item" data-key={item.key}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {item.key}
                    </a>
                  ) : (
                    item.key
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </article>
  );
}
