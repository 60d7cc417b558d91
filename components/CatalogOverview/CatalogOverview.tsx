import type { CatalogSummary } from '@/utils/messages';

const SHOWN = 200;

function Truncated({ total }: { total: number }) {
  return total > SHOWN ? <li class="muted">and {total - SHOWN} more</li> : null;
}

/** What is stored: counts, then the people, teams and needs by name. */
export function CatalogOverview({ summary }: { summary: CatalogSummary | null }) {
  if (!summary) {
    return (
      <section class="card" data-testid="catalog-overview" data-empty="true">
        <h2>Stored catalog</h2>
        <p>Nothing is stored yet. Import a catalog file above.</p>
      </section>
    );
  }
  const { counts } = summary;
  return (
    <section class="card" data-testid="catalog-overview">
      <h2>{summary.name ?? 'Stored catalog'}</h2>
      <p class="muted">
        Imported {new Date(summary.importedAt).toLocaleString()}
        {summary.generatedAt && <> · generated {new Date(summary.generatedAt).toLocaleString()}</>}
      </p>
      <p data-testid="catalog-counts">
        {counts.people} people · {counts.teams} teams · {counts.needs} needs · {counts.links} links
      </p>
      <div class="columns">
        <div>
          <h3>Teams</h3>
          <ul>
            {summary.teams.slice(0, SHOWN).map((team) => (
              <li key={team.id}>
                {team.name} <span class="muted">({team.approach})</span>
              </li>
            ))}
            <Truncated total={summary.teams.length} />
          </ul>
        </div>
        <div>
          <h3>Needs</h3>
          <ul>
            {summary.needs.slice(0, SHOWN).map((need) => (
              <li key={need.id}>
                {need.title} <span class="muted">({need.status})</span>
              </li>
            ))}
            <Truncated total={summary.needs.length} />
          </ul>
        </div>
        <div>
          <h3>People</h3>
          <ul>
            {summary.people.slice(0, SHOWN).map((person) => (
              <li key={person.id}>
                {person.name}
                {person.title && <span class="muted"> · {person.title}</span>}
              </li>
            ))}
            <Truncated total={summary.people.length} />
          </ul>
        </div>
      </div>
    </section>
  );
}
