import type { TeamView } from '@/utils/catalog/view';
import { safeHttpsUrl } from '@/utils/safe-url';
import { APPROACH_LABEL } from './labels';

/** The cross-functional team: its approach, mission and a link to its charter. */
export function TeamBlock({ team }: { team: TeamView }) {
  const charterUrl = safeHttpsUrl(team.charter?.url);
  const { startsOn, endsOn } = team.charter ?? {};
  return (
    <div class="team" data-testid="tandem-team" data-team-id={team.id}>
      <div class="team__head">
        <span class="team__name">{team.name}</span>
        <span class={`chip chip--approach chip--${team.approach}`}>{APPROACH_LABEL[team.approach]}</span>
      </div>
      {team.charter?.mission && <p class="team__mission">{team.charter.mission}</p>}
      {team.charter?.businessGoal && (
        <p class="team__goal">
          <span class="muted">Goal: </span>
          {team.charter.businessGoal}
        </p>
      )}
      {(startsOn || endsOn) && (
        <p class="team__timebox muted">
          Time box: {startsOn ?? '…'} to {endsOn ?? '…'}
        </p>
      )}
      {charterUrl && (
        <a
          class="team__charter"
          data-testid="tandem-charter-link"
          href={charterUrl}
          target="_blank"
          rel="noopener noreferrer"
        >
          Team charter
        </a>
      )}
    </div>
  );
}
