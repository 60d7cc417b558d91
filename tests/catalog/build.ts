/** Builders for small catalogs in tests: valid by default, overridable per field. */
import type { CatalogInput } from '@/utils/catalog/schema';
import { parseCatalog } from '@/utils/catalog/validate';

export function catalogInput(overrides: Partial<CatalogInput> = {}): CatalogInput {
  return {
    format: 'tandem.catalog',
    version: 1,
    name: 'Test catalog',
    sites: { jira: ['https://acme.atlassian.net'] },
    people: [
      {
        id: 'p-maria',
        name: 'Maria Lopez',
        title: 'Head of Commerce',
        side: 'business',
        email: 'maria@acme.example',
      },
      {
        id: 'p-raj',
        name: 'Raj Patel',
        title: 'Engineering Lead',
        side: 'it',
        chat: 'https://chat.acme.example/raj',
      },
      { id: 'p-zoe', name: 'Zoë Ångström', side: 'business' },
      { id: 'p-kenji', name: '山田 健二', side: 'it' },
    ],
    teams: [
      {
        id: 't-checkout',
        name: 'Checkout',
        approach: 'clean-slate',
        businessLead: 'p-maria',
        itLead: 'p-raj',
        charter: { url: 'https://wiki.acme.example/checkout', mission: 'Make buying again effortless' },
      },
      { id: 't-billing', name: 'Billing', approach: 'firewall', businessLead: 'p-zoe', itLead: 'p-kenji' },
    ],
    needs: [],
    links: [],
    ...overrides,
  };
}

export function validCatalog(overrides: Partial<CatalogInput> = {}) {
  const result = parseCatalog(catalogInput(overrides));
  if (!result.ok) throw new Error(`test catalog invalid: ${JSON.stringify(result.errors)}`);
  return result.catalog;
}
