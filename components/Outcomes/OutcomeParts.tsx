/**
 * The outcomes page's pieces: a team's header, one need with its adoption bar and history line,
 * and a flag saying what to do and where. Charts are drawn for the eye (`aria-hidden` bars) and
 * said in words next to them; the history line is an image with its figures as its name.
 */
import { formatFigure } from '@/components/Panel/figures';
import { APPROACH_HINT, APPROACH_LABEL, IMPORTANCE_LABEL, STATUS_LABEL } from '@/utils/catalog/labels';
import { adoptionAttribute } from '@/utils/outcomes/build';
import type { OutcomeFlag, OutcomeNeed, OutcomeTeam, PersonFlag } from '@/utils/outcomes/view';

const FIX_NOUN = { people: 'person', teams: 'team', needs: 'need' } as const;

export function FlagItem({ flag }: { flag: OutcomeFlag }) {
  const { fix } = flag;
  return (
    <li class="outcome-flag" data-testid="outcomes-flag" data-kind={flag.kind}>
      <strong>{flag.label}.</strong> {flag.detail}{' '}
      {fix.source === undefined ? (
        <a href={`#${fix.kind}/${encodeURIComponent(fix.id)}`} data-testid="outcomes-flag-fix">
          Edit the {FIX_NOUN[fix.kind]}
          <span class="visually-hidden"> {fix.id}</span>
        </a>
      ) : (
        <span class="muted" data-testid="outcomes-flag-source">
          From the shared catalog “{fix.source}”: ask its owner to fix it there.
        </span>
      )}
    </li>
  );
}

function Flags({ flags, label }: { flags: readonly OutcomeFlag[]; label: string }) {
  if (flags.length === 0) return null;
  return (
    <ul class="outcome-flags" aria-label={label}>
      {flags.map((flag, i) => (
        <FlagItem key={`${flag.kind}-${i}`} flag={flag} />
      ))}
    </ul>
  );
}

/** "12 days left", "ends today", "ended 3 days ago". */
export function timeBoxText(daysLeft: number | null): string | null {
  if (daysLeft === null) return null;
  if (daysLeft > 0) return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
  if (daysLeft === 0) return 'ends today';
  return `ended ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
}

export function TeamHeader({ team, continued }: { team: OutcomeTeam; continued: boolean }) {
  const timeBox = timeBoxText(team.daysLeft);
  return (
    <header class="outcome-team__head">
      <h3 id={`team-${team.id}`} dir="auto">
        {team.name}
        {continued && <span class="muted"> (continued)</span>}
      </h3>
      <span class={`chip chip--${team.approach}`} title={APPROACH_HINT[team.approach]}>
        <span class="visually-hidden">Approach: </span>
        {APPROACH_LABEL[team.approach]}
      </span>
      <dl class="outcome-facts">
        <dt>Business lead</dt>
        <dd dir="auto">{team.businessLead ?? 'unknown'}</dd>
        <dt>IT lead</dt>
        <dd dir="auto">{team.itLead ?? 'unknown'}</dd>
        {(team.startsOn || team.endsOn) && (
          <>
            <dt>Time box</dt>
            <dd data-testid="outcomes-timebox">
              {team.startsOn ?? '…'} to {team.endsOn ?? '…'}
              {timeBox && (
                <strong class={team.daysLeft !== null && team.daysLeft < 0 ? 'ended' : ''}>
                  {' '}
                  ({timeBox})
                </strong>
              )}
            </dd>
          </>
        )}
        {team.mission && (
          <>
            <dt>Mission</dt>
            <dd dir="auto">{team.mission}</dd>
          </>
        )}
        {team.goal && (
          <>
            <dt>Goal</dt>
            <dd dir="auto">{team.goal}</dd>
          </>
        )}
      </dl>
      {!continued && <Flags flags={team.flags} label={`Flags of team ${team.name}`} />}
    </header>
  );
}

const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 24;

/** The history and the current figure as a small line; its name says every point in words. */
export function Sparkline({ adoption }: { adoption: NonNullable<OutcomeNeed['adoption']> }) {
  const points = [...adoption.history, { asOf: adoption.asOf, value: adoption.current }];
  const top = Math.max(adoption.target, ...points.map((point) => point.value)) || 1;
  const step = points.length > 1 ? SPARK_WIDTH / (points.length - 1) : 0;
  const coords = points.map(
    (point, i) =>
      `${(i * step).toFixed(1)},${(SPARK_HEIGHT - (point.value / top) * SPARK_HEIGHT).toFixed(1)}`,
  );
  const words = points.map((point) => `${point.asOf}: ${formatFigure(point.value)}`).join(', ');
  const targetY = (SPARK_HEIGHT - (adoption.target / top) * SPARK_HEIGHT).toFixed(1);
  return (
    <svg
      class="sparkline"
      data-testid="outcomes-sparkline"
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      viewBox={`-2 -2 ${SPARK_WIDTH + 4} ${SPARK_HEIGHT + 4}`}
      role="img"
      aria-label={`History of ${adoption.metric}: ${words}; target ${formatFigure(adoption.target)}`}
    >
      <line class="sparkline__target" x1="0" x2={SPARK_WIDTH} y1={targetY} y2={targetY} />
      <polyline class="sparkline__line" points={coords.join(' ')} />
    </svg>
  );
}

function AdoptionFigure({ adoption }: { adoption: NonNullable<OutcomeNeed['adoption']> }) {
  const { current, target, unit, ratio } = adoption;
  return (
    <div class="outcome-adoption">
      <div class="outcome-bar" aria-hidden="true">
        <div
          class={`outcome-bar__fill${ratio !== null && ratio >= 1 ? ' outcome-bar__fill--met' : ''}`}
          style={{ width: `${Math.round(Math.min(1, ratio ?? 0) * 100)}%` }}
        />
      </div>
      <span dir="auto">
        {adoption.metric}: <strong>{formatFigure(current)}</strong> of {formatFigure(target)}
        {unit ? ` ${unit}` : ''}
        {ratio !== null && ` (${Math.round(ratio * 100)}%)`}
        <span class="muted"> as of {adoption.asOf}</span>
      </span>
      {adoption.history.length > 0 && <Sparkline adoption={adoption} />}
    </div>
  );
}

export function NeedRow({ need }: { need: OutcomeNeed }) {
  const adoption = need.adoption;
  return (
    <li
      class="outcome-need"
      data-testid="outcomes-need"
      data-need-id={need.id}
      data-adoption={adoption ? adoptionAttribute(adoption.current, adoption.target) : undefined}
    >
      <div class="outcome-need__head">
        <span class="outcome-need__title" dir="auto">
          {need.title}
        </span>
        <span class={`chip chip--${need.status}`}>
          <span class="visually-hidden">Status: </span>
          {STATUS_LABEL[need.status]}
        </span>
      </div>
      {need.customers.length > 0 && (
        <div class="muted" dir="auto">
          Customers:{' '}
          {need.customers
            .map((customer) =>
              customer.importance
                ? `${customer.name} (${IMPORTANCE_LABEL[customer.importance]})`
                : customer.name,
            )
            .join(', ')}
        </div>
      )}
      {adoption ? <AdoptionFigure adoption={adoption} /> : <div class="muted">No adoption figure</div>}
      <Flags flags={need.flags} label={`Flags of need ${need.title}`} />
    </li>
  );
}

export function PeopleFlags({ people, total }: { people: readonly PersonFlag[]; total: number }) {
  if (people.length === 0) return null;
  return (
    <section class="card" aria-labelledby="outcomes-people-title" data-testid="outcomes-people">
      <h3 id="outcomes-people-title">People to verify again</h3>
      {total > people.length && (
        <p class="muted">
          The first {people.length} of {total}; the people table lists everyone with the date each was last
          verified.
        </p>
      )}
      <ul class="outcome-flags">
        {people.map(({ id, name, flag }) => (
          <li key={id} data-testid="outcomes-person-flag" data-person-id={id} data-kind={flag.kind}>
            <span dir="auto">{name}</span>: <strong>{flag.label}.</strong> {flag.detail}{' '}
            {flag.fix.source === undefined ? (
              <a href={`#people/${encodeURIComponent(id)}`}>
                Edit the person<span class="visually-hidden"> {name}</span>
              </a>
            ) : (
              <span class="muted">From the shared catalog “{flag.fix.source}”: ask its owner.</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
