// @vitest-environment node
/**
 * The committed JSON Schema must be what the zod schema generates today, and the demo catalog the
 * project ships must pass the real validator.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_SCHEMA_ID, CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '@/utils/catalog/json-schema';
import { formatError, parseCatalogText } from '@/utils/catalog/validate';

const root = new URL('../../', import.meta.url);

function projectFile(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

describe('schema/catalog-v1.schema.json', () => {
  it('is up to date with utils/catalog/schema.ts', () => {
    const committed = projectFile(CATALOG_SCHEMA_PATH);
    // A plain boolean keeps the failure short; the file is 400 lines.
    const upToDate = committed === catalogJsonSchemaText();
    expect(upToDate, `${CATALOG_SCHEMA_PATH} is stale: run \`npm run schema\` and commit the result`).toBe(
      true,
    );
  });

  it('describes producer input: ids, identity and required top-level fields', () => {
    const schema = JSON.parse(catalogJsonSchemaText()) as {
      $id: string;
      title: string;
      required: string[];
      properties: { format: { const: string }; teams: { items: { required: string[] } } };
    };
    expect(schema.$id).toBe(CATALOG_SCHEMA_ID);
    expect(schema.title).toContain('tandem.catalog');
    expect(schema.required).toEqual(['format', 'version', 'people', 'teams', 'needs', 'links']);
    expect(schema.properties.format.const).toBe('tandem.catalog');
    // io: 'input': a field with a default (approach) is optional for whoever writes the file.
    expect(schema.properties.teams.items.required).toEqual(['id', 'name', 'businessLead', 'itLead']);
  });
});

describe('demo/catalog.json', () => {
  const result = parseCatalogText(projectFile('demo/catalog.json'));

  it('is a valid catalog', () => {
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([]);
  });

  it('has the entities that fixture pages and end-to-end tests depend on', () => {
    if (!result.ok) throw new Error('demo catalog is invalid');
    const { catalog } = result;
    const need = (id: string) => catalog.needs.find((n) => n.id === id);
    const team = (id: string) => catalog.teams.find((t) => t.id === id);
    const jiraLinks = catalog.links.filter((link) => link.jira);

    expect(need('n-reorder')).toMatchObject({
      title: 'One-click reorder for repeat buyers',
      status: 'in-delivery',
      team: 't-checkout',
    });
    expect(need('n-reorder')?.customers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Globex Corporation', importance: 'critical' }),
        expect.objectContaining({ name: 'Initech', importance: 'important' }),
      ]),
    );
    // n-invoices inherits its owners from t-billing.
    expect(need('n-invoices')).toMatchObject({ status: 'committed', team: 't-billing' });
    expect(need('n-invoices')?.businessOwner).toBeUndefined();
    expect(need('n-invoices')?.itOwner).toBeUndefined();
    expect(team('t-checkout')).toMatchObject({
      approach: 'clean-slate',
      businessLead: 'p-maria',
      itLead: 'p-raj',
    });
    expect(team('t-billing')).toMatchObject({
      approach: 'firewall',
      businessLead: 'p-zoe',
      itLead: 'p-kenji',
    });
    expect(team('t-platform')?.approach).toBe('standard');
    expect(catalog.people.find((p) => p.id === 'p-zoe')?.name).toBe('Zoë Ångström');

    expect(catalog.links).toContainEqual({
      id: 'l-shop-142',
      need: 'n-reorder',
      jira: { issue: 'SHOP-142' },
    });
    expect(jiraLinks).toContainEqual(
      expect.objectContaining({ need: 'n-reorder', jira: { epic: 'SHOP-100' } }),
    );
    expect(jiraLinks).toContainEqual(
      expect.objectContaining({ need: 'n-invoices', jira: { issue: 'SHOP-143' } }),
    );
    expect(jiraLinks).toContainEqual(
      expect.objectContaining({ team: 't-checkout', jira: { project: 'SHOP', component: 'Cart' } }),
    );
    // SHOP-200 is the empty-state issue and OPS-5 resolves only through the OPS team link.
    expect(
      jiraLinks.filter((link) => link.jira?.project === 'SHOP' && !link.jira.label && !link.jira.component),
    ).toEqual([]);
    expect(jiraLinks.filter((link) => JSON.stringify(link.jira).includes('SHOP-200'))).toEqual([]);
    expect(jiraLinks.filter((link) => JSON.stringify(link.jira).includes('OPS'))).toEqual([
      expect.objectContaining({ team: 't-platform', jira: { project: 'OPS' } }),
    ]);
  });

  it('links n-reorder and n-invoices to a record in every CRM the fixtures use', () => {
    if (!result.ok) throw new Error('demo catalog is invalid');
    const crm = result.catalog.links.flatMap((link) => (link.crm ? [{ need: link.need, ...link.crm }] : []));
    expect(crm).toEqual(
      expect.arrayContaining([
        { need: 'n-reorder', system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
        { need: 'n-reorder', system: 'salesforce', name: 'Globex Corporation' },
        expect.objectContaining({ need: 'n-reorder', system: 'hubspot', id: '18273645012' }),
        expect.objectContaining({
          need: 'n-reorder',
          system: 'dynamics',
          id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
        }),
        expect.objectContaining({ need: 'n-reorder', system: 'zendesk', id: '360001' }),
        expect.objectContaining({ need: 'n-invoices', system: 'zendesk', id: '35436' }),
        { need: 'n-invoices', system: 'hubspot', name: 'Initech' },
      ]),
    );
  });
});
