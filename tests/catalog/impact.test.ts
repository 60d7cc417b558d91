import { describe, expect, it } from 'vitest';
import { customerImpact, formatRevenue, parseRevenueBand, sumBands } from '@/utils/catalog/impact';
import type { NeedView } from '@/utils/catalog/view';

type Customers = NeedView['customers'];
const need = (id: string, customers: Customers) => ({ id, customers });

describe('customerImpact', () => {
  it('counts a customer once across needs, names trimmed and case-blind, at its highest importance', () => {
    const impact = customerImpact([
      need('n-1', [
        { name: 'Globex', importance: 'important', revenueBand: '100k-500k' },
        { name: 'Initech', importance: 'nice' },
      ]),
      need('n-2', [
        { name: '  GLOBEX ', importance: 'critical' },
        { name: 'initech' },
        { name: 'Umbrella', importance: 'critical', revenueBand: '1M-5M' },
      ]),
    ]);
    expect(impact.customers).toBe(3);
    expect(impact.critical).toBe(2);
    expect(impact.list.map((customer) => [customer.name, customer.importance])).toEqual([
      ['Globex', 'critical'],
      ['Umbrella', 'critical'],
      ['Initech', 'nice'],
    ]);
    // Globex keeps the band its first mention gave; the second mention has none.
    expect(impact.list[0]?.revenueBand).toBe('100k-500k');
    expect(impact.revenue).toEqual({ low: 1_100_000, high: 5_500_000, unread: 0 });
  });

  it('does not count a customer critical in no need, and has no range where no band is given', () => {
    const impact = customerImpact([need('n-1', [{ name: 'Acme', importance: 'important' }])]);
    expect(impact).toEqual({ customers: 1, critical: 0, list: [{ name: 'Acme', importance: 'important' }] });
  });

  it('has nothing for needs without customers', () => {
    expect(customerImpact([need('n-1', []), need('n-2', [])])).toEqual({
      customers: 0,
      critical: 0,
      list: [],
    });
  });

  it('takes the record link the finder gives for a customer of one of its needs', () => {
    const impact = customerImpact(
      [need('n-1', [{ name: 'Globex' }]), need('n-2', [{ name: 'globex' }, { name: 'Initech' }])],
      (needId, name) =>
        needId === 'n-2' && name === 'globex' ? 'https://acme.my.salesforce.com/x' : undefined,
    );
    expect(impact.list.find((customer) => customer.name === 'Globex')?.recordUrl).toBe(
      'https://acme.my.salesforce.com/x',
    );
    expect(impact.list.find((customer) => customer.name === 'Initech')?.recordUrl).toBeUndefined();
  });
});

describe('revenue bands', () => {
  it.each([
    ['100k-500k', { low: 100_000, high: 500_000 }],
    ['$1M–5M', { low: 1_000_000, high: 5_000_000 }],
    ['100-500k', { low: 100_000, high: 500_000 }],
    ['5M+', { low: 5_000_000, high: null }],
    ['>1M', { low: 1_000_000, high: null }],
    ['<100k', { low: 0, high: 100_000 }],
    ['under-100k', { low: 0, high: 100_000 }],
    ['250k', { low: 250_000, high: 250_000 }],
    ['1.5M to 2M', { low: 1_500_000, high: 2_000_000 }],
  ])('reads %s', (band, expected) => {
    expect(parseRevenueBand(band)).toEqual(expected);
  });

  it.each(['strategic', '', '500k-100k'])('does not read %j', (band) => {
    expect(parseRevenueBand(band)).toBeNull();
  });

  it('sums what reads and counts what does not; an open band opens the range', () => {
    expect(sumBands(['100k-500k', 'strategic', undefined, '5M+'])).toEqual({
      low: 5_100_000,
      high: null,
      unread: 1,
    });
    expect(sumBands(['strategic'])).toBeUndefined();
  });

  it('formats the summed range', () => {
    expect(formatRevenue({ low: 600_000, high: 3_500_000, unread: 0 })).toBe('600k–3.5M');
    expect(formatRevenue({ low: 5_000_000, high: null, unread: 0 })).toBe('5M+');
    expect(formatRevenue({ low: 1_000_000, high: 1_000_000, unread: 0 })).toBe('1M');
  });
});
