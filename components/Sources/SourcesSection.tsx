/** Shared catalog sources in the options page (issue 7 fills this in). */
export function SourcesSection() {
  return (
    <section class="card" aria-labelledby="sources-title" data-testid="sources-section">
      <h2 id="sources-title">Shared catalogs</h2>
      <p class="muted">No shared catalog sources yet.</p>
    </section>
  );
}
