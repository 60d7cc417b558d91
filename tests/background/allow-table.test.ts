import { describe, expect, it } from 'vitest';
import { ALLOWED_SENDERS, isAllowed } from '@/utils/background/allow-table';
import { Protocol } from '@/utils/messages';

describe('allow table', () => {
  it('has a row for every request type of the protocol, and none other', () => {
    // Derived from the protocol's schemas: a new request type without a row fails here.
    expect(Object.keys(ALLOWED_SENDERS).sort()).toEqual(Object.keys(Protocol).sort());
  });

  it('lets extension pages send everything', () => {
    for (const type of Object.keys(Protocol) as (keyof typeof Protocol)[])
      expect(isAllowed(type, 'extension-page'), type).toBe(true);
  });

  it('lets content scripts send only what a panel needs', () => {
    const panel = (Object.keys(Protocol) as (keyof typeof Protocol)[]).filter((type) =>
      isAllowed(type, 'content-script'),
    );
    expect(panel.sort()).toEqual(
      [
        'entity.delete',
        'entity.save',
        'needs.search',
        'options.open',
        'people.search',
        'resolve',
        'settings.get',
        'settings.update',
      ].sort(),
    );
  });
});
