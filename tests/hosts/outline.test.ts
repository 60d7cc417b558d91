import { describe, expect, it } from 'vitest';
import { landmarkOutline } from '@/utils/hosts/outline';

describe('landmark outline', () => {
  it('names tags, roles and test ids with digits masked, and no text, ids, classes or links', () => {
    document.body.innerHTML = `
      <header role="banner"><a href="/browse/SHOP-142">SHOP-142</a></header>
      <div class="x"><main id="secret-id">
        <div data-testid="card-wrapper-12345" class="hashed">Acme Corp — confidential</div>
        <section aria-label="Customer Acme"><h1>Reorder</h1></section>
      </main></div>
      <tandem-panel></tandem-panel>`;
    const outline = landmarkOutline(document);
    expect(outline).toBe(
      ['header role=banner', 'main', '  div testid=card-wrapper-#', '  section', '    h1'].join('\n'),
    );
    for (const secret of ['SHOP', 'Acme', 'Reorder', 'secret', 'hashed', '12345', 'browse'])
      expect(outline).not.toContain(secret);
  });
});
