import { Warnings } from '@/components/Panel/Warnings';
import { APPROACH_HINT, APPROACH_LABEL } from '@/utils/catalog/labels';
import type { TeamView } from '@/utils/catalog/view';
import { teamWarnings } from '@/utils/catalog/warnings';
import { safeHttpsUrl } from '@/utils/safe-url';

/** The cross-functional team: its approach, mission, goal, time box and a link to its charter. */
export function TeamBlock({ team, now }: { team: TeamView; now: Date }) {
  const charter = team.charter ?? {};
  const charterUrl = safeHttpsUrl(charter.url);
  const { startsOn, endsOn } = charter;
  return (
    <div class="team" data-testid="tandem-team" data-team-id={team.id}>
      <div class="team__head">
        <span class="muted">Team</span>
        <span class="team__name" dir="auto">
          {team.name}
        </span>
        <span class={`chip chip--${team.approach}`} title={APPROACH_HINT[team.approach]}>
          <span class="sr">Approach: </span>
          {APPROACH_LABEL[team.approach]}
        </span>
      </div>
      <dl class="facts">
        {charter.mission && (
          <>
            <dt>Mission</dt>
            <dd dir="auto">{charter.mission}</dd>
          </>
        )}
        {charter.businessGoal && (
          <>
            <dt>Goal</dt>
            <dd dir="auto">{charter.businessGoal}</dd>
          </>
        )}
        {(startsOn || endsOn) && (
          <>
            <dt>Time box</dt>
            <dd>
              {startsOn ?? '…'} to {endsOn ?? '…'}
            </dd>
          </>
        )}
      </dl>
      {charterUrl && (
        <a
          class="team__charter"
          data-testid="tandem-charter-link"
          href={charterUrl}
          target="_blank"
          rel="noopener noreferrer"
        >
          Team charter<span class="sr"> of {team.name} (opens in a new tab)</span>
        </a>
      )}
      <Warnings items={teamWarnings(team, now)} />
    </div>
  );
}
