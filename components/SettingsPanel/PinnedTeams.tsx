/** Teams pinned to the top of the popup's charter links, with a way to unpin each (pin from the Teams table). */
import { useEffect, useState } from 'preact/hooks';
import { useApi, useBroadcast } from '@/components/Api/api';
import type { TeamLinkView } from '@/utils/messages';

export function PinnedTeams() {
  const api = useApi();
  const [pinned, setPinned] = useState<string[]>([]);
  const [teams, setTeams] = useState<TeamLinkView[]>([]);
  const load = () => {
    void api
      .send({ type: 'settings.get' })
      .then((answer) => answer.ok && setPinned(answer.settings.pinnedTeams));
    void api.send({ type: 'teams.list' }).then((answer) => answer.ok && setTeams(answer.teams));
  };
  useEffect(load, [api]);
  useBroadcast('settings.changed', load);
  useBroadcast('catalog.changed', load);

  const unpin = async (id: string) => {
    const answer = await api.send({
      type: 'settings.update',
      patch: { pinnedTeams: pinned.filter((kept) => kept !== id) },
    });
    if (answer.ok) setPinned(answer.settings.pinnedTeams);
  };

  return (
    <section class="card" aria-labelledby="pinned-title">
      <h2 id="pinned-title">Pinned teams</h2>
      <p class="muted">
        Pinned teams come first in the popup. Pin one from the <a href="#teams">Teams</a> table or from the
        popup.
      </p>
      {pinned.length === 0 ? (
        <p data-testid="pinned-none">No team is pinned.</p>
      ) : (
        <ul class="site-list" data-testid="pinned-teams">
          {pinned.map((id) => (
            <li key={id} data-team={id}>
              {teams.find((team) => team.id === id)?.name ?? (
                <span class="muted">{id} (not in the catalog)</span>
              )}
              <button type="button" onClick={() => void unpin(id)}>
                Unpin
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
