/**
 * Quick links to team charters: the user's pinned teams first (in the order pinned), then the
 * other teams by name (the first few dozen at once, then the rest), each with its business and IT
 * lead. Pinning here is the same setting as in the options page (`pinnedTeams`).
 */
import { useEffect, useState } from 'preact/hooks';
import { type Api, errorText, useApi, useBroadcast } from '@/components/Api/api';
import { checkedAnswer, type ResponseOf, type TeamLinkView } from '@/utils/messages';
import { type EarlyTeamLinks, POPUP_TEAMS_SHOWN } from '@/utils/popup-early';

export function orderTeams(teams: readonly TeamLinkView[], pinned: readonly string[]) {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const first = pinned.map((id) => byId.get(id)).filter((team): team is TeamLinkView => team !== undefined);
  const rest = teams.filter((team) => !pinned.includes(team.id));
  return { pinned: first, rest };
}

type TeamsAnswer = [ResponseOf<'teams.list'>, ResponseOf<'settings.get'>];

const askTeams = (api: Api, all: boolean): Promise<TeamsAnswer> =>
  Promise.all([
    api.send(all ? { type: 'teams.list' } : { type: 'teams.list', limit: POPUP_TEAMS_SHOWN }),
    api.send({ type: 'settings.get' }),
  ]);

/**
 * The first teams asked for as the popup's script starts, before its first render (main.tsx), and
 * the answer once it has come: when it is there by the first render, that render draws it.
 */
let early: { api: Api; answer: Promise<TeamsAnswer>; settled?: TeamsAnswer } | undefined;

/**
 * Asks for the charter links at once, ahead of the first render: a component's effects run only
 * after the browser has painted, a frame or more later, and the links are what the popup is opened
 * for. `sent`: the same requests, already sent by the popup's early script (utils/popup-early.ts)
 * before these modules loaded; their answers are validated as `api.send` validates. Settles once
 * the answer is in (or failed).
 */
export function askTeamLinksEarly(api: Api, sent?: EarlyTeamLinks): Promise<void> {
  const answer: Promise<TeamsAnswer> = sent
    ? Promise.all([
        sent.teams.then((raw) => checkedAnswer('teams.list', raw)),
        sent.settings.then((raw) => checkedAnswer('settings.get', raw)),
      ])
    : askTeams(api, false);
  const entry: NonNullable<typeof early> = { api, answer };
  early = entry;
  return answer.then(
    (value) => {
      entry.settled = value;
    },
    () => undefined, // the component's own handler shows the failure
  );
}

export function TeamLinks() {
  const api = useApi();
  // An early answer already here is drawn by the first render rather than after the first paint.
  const [settled] = useState(() => (early?.api === api ? early.settled : undefined));
  const [teams, setTeams] = useState<TeamLinkView[] | null>(() =>
    settled?.[0].ok ? settled[0].teams : null,
  );
  const [pinned, setPinned] = useState<string[]>(() =>
    settled?.[1].ok ? settled[1].settings.pinnedTeams : [],
  );
  const [error, setError] = useState<string | null>(null);
  /**
   * First the pinned teams and the first by name (kept ready for a browser start), then every
   * team: the popup links each team's charter, however many there are.
   */
  const [all, setAll] = useState(false);

  const load = () => {
    const asked = !all && early?.api === api ? early.answer : askTeams(api, all);
    early = undefined;
    asked
      .then(([list, settings]) => {
        if (!list.ok) return setError(list.error);
        setTeams(list.teams);
        if (!all && list.total > list.teams.length) setAll(true);
        if (settings.ok) setPinned(settings.settings.pinnedTeams);
      })
      .catch((caught: unknown) => setError(errorText(caught)));
  };
  useEffect(load, [api, all]);
  useBroadcast('catalog.changed', load);

  async function toggle(id: string) {
    const next = pinned.includes(id) ? pinned.filter((kept) => kept !== id) : [...pinned, id];
    const answer = await api.send({ type: 'settings.update', patch: { pinnedTeams: next } });
    if (answer.ok) setPinned(answer.settings.pinnedTeams);
  }

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!teams) return <p class="muted">Loading teams…</p>;
  if (teams.length === 0) return <p class="muted">No teams yet: add them in the options page.</p>;
  const ordered = orderTeams(teams, pinned);
  const item = (team: TeamLinkView, isPinned: boolean) => (
    <li key={team.id} class="team" data-testid="team-entry" data-team-id={team.id} data-pinned={isPinned}>
      <div class="team__main">
        {team.charterUrl ? (
          <a href={team.charterUrl} target="_blank" rel="noopener noreferrer" data-testid="charter-link">
            {team.name}
          </a>
        ) : (
          <span>
            {team.name} <span class="muted small">(no charter)</span>
          </span>
        )}
        <span class="muted small">
          {team.businessLead} &amp; {team.itLead}
        </span>
      </div>
      <button
        type="button"
        class="pin"
        aria-pressed={isPinned}
        aria-label={`${isPinned ? 'Unpin' : 'Pin'} ${team.name}`}
        data-testid="pin-toggle"
        onClick={() => void toggle(team.id)}
      >
        {isPinned ? '★' : '☆'}
      </button>
    </li>
  );
  return (
    <section class="team-links" aria-labelledby="teams-title">
      <h2 id="teams-title">Team charters</h2>
      {ordered.pinned.length > 0 && (
        <ul class="teams teams--pinned" aria-label="Pinned teams" data-testid="pinned-list">
          {ordered.pinned.map((team) => item(team, true))}
        </ul>
      )}
      <ul class="teams" aria-label={ordered.pinned.length > 0 ? 'Other teams' : 'All teams'}>
        {ordered.rest.map((team) => item(team, false))}
      </ul>
    </section>
  );
}
