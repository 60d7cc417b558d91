import { describe, expect, it } from 'vitest';
import { createCatalogService } from '@/utils/background/catalog-service';
import { createSearchService } from '@/utils/background/search-service';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { validCatalog } from '../catalog/build';

let n = 0;
async function setup(empty = false) {
  const name = `search-${++n}`;
  const openDb = () => openTandemDb({ name });
  const db = await openDb();
  if (!empty) {
    await replaceLayer(
      db,
      LOCAL_LAYER,
      validCatalog({
        needs: [
          {
            id: 'n-reorder',
            title: 'One-click réorder',
            status: 'discovery',
            team: 't-checkout',
            customers: [
              { name: 'Initech', importance: 'nice' },
              { name: 'Globex Corporation', importance: 'critical' },
            ],
          },
          { id: 'n-invoices', title: 'Consolidated invoices', status: 'in-delivery', team: 't-billing' },
          {
            id: 'n-alerts',
            title: 'Back-in-stock alerts',
            status: 'parked',
            customers: [{ name: 'Ōsaka Trading' }],
          },
        ],
      }),
    );
  }
  db.close();
  const catalog = createCatalogService({ openDb });
  const { handlers } = createSearchService(catalog.loaded);
  const needs = async (query: string, limit?: number) => {
    const answer = await handlers['needs.search']({ type: 'needs.search', query, limit });
    return answer.ok ? answer.results : [];
  };
  const people = async (query: string, prefer?: 'business' | 'it') => {
    const answer = await handlers['people.search']({ type: 'people.search', query, prefer });
    return answer.ok ? answer.results.map((person) => person.id) : [];
  };
  return { needs, people };
}

describe('the panel’s searches', () => {
  it('finds needs by title, accent- and case-insensitively, with status, customers and team', async () => {
    const { needs } = await setup();
    expect(await needs('REORDER')).toEqual([
      {
        id: 'n-reorder',
        title: 'One-click réorder',
        status: 'discovery',
        customers: ['Globex Corporation', 'Initech'],
        team: 'Checkout',
      },
    ]);
  });

  it('finds needs by id and by customer, and ranks title matches first', async () => {
    const { needs } = await setup();
    expect((await needs('n-invoices')).map((hit) => hit.id)).toEqual(['n-invoices']);
    expect((await needs('osaka')).map((hit) => hit.id)).toEqual(['n-alerts']);
    expect((await needs('globex')).map((hit) => hit.id)).toEqual(['n-reorder']);
    expect((await needs('co')).map((hit) => hit.id)).toEqual(['n-invoices', 'n-reorder']);
    expect(await needs('nothing like this')).toEqual([]);
  });

  it('lists needs by status for an empty query, within the limit', async () => {
    const { needs } = await setup();
    expect((await needs('')).map((hit) => hit.id)).toEqual(['n-invoices', 'n-reorder', 'n-alerts']);
    expect(await needs('', 2)).toHaveLength(2);
  });

  it('finds people by name, with the preferred side first', async () => {
    const { people } = await setup();
    expect(await people('zoe')).toEqual(['p-zoe']);
    expect(await people('山田')).toEqual(['p-kenji']);
    expect(await people('', 'it')).toEqual(['p-raj', 'p-kenji', 'p-maria', 'p-zoe']);
    expect((await people('', 'business')).slice(0, 2)).toEqual(['p-maria', 'p-zoe']);
  });

  it('answers with nothing when no catalog is loaded', async () => {
    const { needs, people } = await setup(true);
    expect(await needs('x')).toEqual([]);
    expect(await people('')).toEqual([]);
  });
});
