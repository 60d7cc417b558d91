import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { missSentence, PlacementMisses } from '@/components/Placement/PlacementMisses';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

describe('where the panel floated', () => {
  it('says how often this week, per site and kind of view, with the outline to copy', async () => {
    const background = await fakeBackground();
    await background.handlers['placement.miss']?.({
      type: 'placement.miss',
      host: 'jira-cloud',
      view: 'issue',
      anchors: ['current-issue breadcrumb'],
      signal: 'view',
      outline: 'main\n  div testid=work-item.v#',
    });
    render(
      <ApiContext.Provider value={background.api}>
        <PlacementMisses />
      </ApiContext.Provider>,
    );
    const sentence = await screen.findByTestId('miss-sentence');
    expect(sentence.textContent).toBe(
      'Tandem could not find its place on Jira Cloud issue views once this week.',
    );
    expect(screen.getByTestId('miss-outline').textContent).toBe('main\n  div testid=work-item.v#');
    expect(screen.getByRole('button', { name: 'Copy for a bug report' })).toBeTruthy();
  });

  it('says so when nothing was recorded', async () => {
    const background = await fakeBackground();
    render(
      <ApiContext.Provider value={background.api}>
        <PlacementMisses />
      </ApiContext.Provider>,
    );
    expect((await screen.findByTestId('misses-none')).textContent).toContain('found its place');
  });

  it('counts in words', () => {
    const base = { host: 'zendesk' as const, view: 'user', anchors: [], lastAt: '' };
    expect(missSentence({ ...base, week: 14, total: 20 })).toBe(
      'Tandem could not find its place on Zendesk user views 14 times this week',
    );
    expect(missSentence({ ...base, week: 0, total: 3 })).toContain('3 times in the last 30 days');
  });
});
