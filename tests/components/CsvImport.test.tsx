import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { CsvImport } from '@/components/CsvImport/CsvImport';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

async function show() {
  const background = await fakeBackground({ [LOCAL_LAYER]: validCatalog() });
  render(
    <ApiContext.Provider value={background.api}>
      <CsvImport />
    </ApiContext.Provider>,
  );
  const count = async () => {
    const overview = await background.handlers['catalog.overview']?.({ type: 'catalog.overview' });
    return overview?.ok ? overview.overview?.counts.needs : undefined;
  };
  return { ...background, count };
}

function upload(text: string, name = 'needs.csv') {
  const file = new File([text], name, { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('csv-file'), { target: { files: [file] } });
}

const errorLines = (testid: string) =>
  within(screen.getByTestId(testid))
    .getAllByTestId('csv-row-error')
    .map((item) => item.textContent);

describe('CSV import', () => {
  it('proposes a column mapping with a preview of the first values', async () => {
    await show();
    fireEvent.click(screen.getByLabelText('Needs'));
    upload('Id,Title,Team,Shoe size\nn-1,First,t-checkout,42\nn-2,Second,t-billing,40\n');
    const mapping = await screen.findByTestId('csv-mapping');
    expect((screen.getByTestId('csv-map-0') as HTMLSelectElement).value).toBe('id');
    expect((screen.getByTestId('csv-map-2') as HTMLSelectElement).value).toBe('team');
    expect((screen.getByTestId('csv-map-3') as HTMLSelectElement).value).toBe('');
    expect(within(mapping).getByText('First · Second')).toBeTruthy();
    expect(screen.getByTestId('csv-summary').textContent).toBe('2 rows; every row passes.');
  });

  it('shows per-row errors (row, column, rule), and a refused import changes nothing', async () => {
    const { count } = await show();
    fireEvent.click(screen.getByLabelText('Needs'));
    upload(
      'id,title,status,team\nn-1,Fine,committed,t-checkout\nn-2,,someday,t-checkout\nn-3,Ghost team,,t-ghost\n',
    );
    await screen.findByTestId('csv-errors');
    expect(errorLines('csv-errors')).toEqual([
      'Row 3 · Title: required',
      'Row 3 · Status: must be one of in-delivery, committed, discovery, released, adopted, parked',
    ]);
    fireEvent.click(screen.getByTestId('csv-import'));
    const result = await screen.findByTestId('csv-result');
    await waitFor(() => expect(result.getAttribute('data-outcome')).toBe('failed'));
    expect(result.textContent).toContain('nothing changed');
    expect(errorLines('csv-result-errors')).toEqual([
      'Row 3 · Title: required',
      'Row 3 · Status: must be one of in-delivery, committed, discovery, released, adopted, parked',
    ]);
    expect(await count()).toBe(0);
  });

  it('reports references only the background can check, by row', async () => {
    const { count } = await show();
    fireEvent.click(screen.getByLabelText('Needs'));
    upload('id,title,team\nn-1,Fine,t-checkout\nn-3,Ghost team,t-ghost\n');
    await screen.findByTestId('csv-mapping');
    fireEvent.click(screen.getByTestId('csv-import'));
    await waitFor(() => expect(screen.getByTestId('csv-result').getAttribute('data-outcome')).toBe('failed'));
    expect(errorLines('csv-result-errors')).toEqual(['Row 3 · Team: no team "t-ghost"']);
    expect(await count()).toBe(0);
  });

  it('says why the background could not import at all (a full disk)', async () => {
    const { handlers } = await show();
    handlers['catalog.importRows'] = async () => ({
      ok: false,
      error: 'no space left on disk: free some space',
    });
    fireEvent.click(screen.getByLabelText('Needs'));
    upload('id,title,team\nn-1,Fine,t-checkout\n');
    await screen.findByTestId('csv-mapping');
    fireEvent.click(screen.getByTestId('csv-import'));
    await waitFor(() => expect(screen.getByTestId('csv-result').getAttribute('data-outcome')).toBe('failed'));
    expect(screen.getByTestId('csv-result').textContent).toContain('Not imported: no space left on disk');
  });

  it('lets the user fix the mapping, then imports every row', async () => {
    const { count } = await show();
    fireEvent.click(screen.getByLabelText('Needs'));
    upload('Key,Name of the need\nn-1,First\nn-2,Second\n');
    await screen.findByTestId('csv-mapping-problems');
    fireEvent.change(screen.getByTestId('csv-map-0'), { target: { value: 'id' } });
    fireEvent.change(screen.getByTestId('csv-map-1'), { target: { value: 'title' } });
    await waitFor(() => expect(screen.queryByTestId('csv-mapping-problems')).toBeNull());
    fireEvent.click(screen.getByTestId('csv-import'));
    await waitFor(() =>
      expect(screen.getByTestId('csv-result').getAttribute('data-outcome')).toBe('imported'),
    );
    expect(screen.getByTestId('csv-result').textContent).toContain('2 added, 0 updated');
    expect(await count()).toBe(2);
  });
});
