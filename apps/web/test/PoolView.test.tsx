import type { TPoolView } from '@quorum/contracts';
import { screen, within } from '@testing-library/react';
import { PoolPanel } from '../src/engineer/PoolView';
import { renderUI } from './render';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');

const pool: TPoolView = {
  strategy: 'bald',
  pooled: 123_456,
  selected: 640,
  open: 212,
  openItemBudget: 250,
  selectPerRun: 500,
  skipped: { duplicate_pair: 31, near_duplicate: 7 },
  histogram: Array.from({ length: 20 }, (_, i) => ({ from: i / 20, to: (i + 1) / 20, count: i === 19 ? 1_200 : i * 10 })),
  recent: [
    { itemId: '00000000-0000-4000-8000-000000000001', externalId: 'ext-41', strategy: 'bald', score: 0.9731, selectedAt: '2026-05-01T11:58:00.000Z' },
    { itemId: '00000000-0000-4000-8000-000000000002', externalId: 'ext-7', strategy: 'entropy', score: 0.5, selectedAt: '2026-05-01T09:00:00.000Z' },
  ],
  total: 45,
  page: 1,
  pageSize: 20,
};

describe('PoolPanel', () => {
  it('shows the pool, the budget and the skipped samples by reason', () => {
    renderUI(<PoolPanel pool={pool} now={NOW} onPage={() => {}} />);
    expect(within(screen.getByRole('group', { name: 'Strategy' })).getByText('BALD (mutual information)')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'In the pool' })).getByText('123,456')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Open / budget' })).getByText('212 / 250')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Skipped: same pair' })).getByText('31')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Skipped: near-duplicate' })).getByText('7')).toBeVisible();
  });

  it('draws the histogram, and gives screen readers it as a table of every bin', () => {
    const { container } = renderUI(<PoolPanel pool={pool} now={NOW} onPage={() => {}} />);
    // The chart is for the eye only: hidden from assistive technology, which gets the table.
    expect(container.querySelector('[aria-hidden="true"] svg.recharts-surface')).not.toBeNull();
    const table = screen.getByRole('table', { name: 'Pooled samples per uncertainty bin' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(21);
    expect(within(rows[20]!).getByRole('rowheader')).toHaveTextContent('0.95–1.00');
    expect(within(rows[20]!).getByRole('cell')).toHaveTextContent('1,200');
    expect(within(rows[2]!).getByRole('cell')).toHaveTextContent('10');
  });

  it('lists recent selections with strategy and score, and pages through them', async () => {
    const pages: number[] = [];
    const { user } = renderUI(<PoolPanel pool={pool} now={NOW} onPage={(p) => pages.push(p)} />);
    const row = screen.getByRole('row', { name: /ext-41/ });
    expect(within(row).getByText('BALD (mutual information)')).toBeVisible();
    expect(within(row).getByText('0.973')).toBeVisible();
    expect(within(row).getByText('2 min ago')).toBeVisible();
    expect(within(screen.getByRole('row', { name: /ext-7/ })).getByText('Entropy')).toBeVisible();
    expect(screen.getByText('Page 1 of 3')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(pages).toEqual([2]);
  });

  it('says so when nothing was selected yet', () => {
    renderUI(<PoolPanel pool={{ ...pool, recent: [], total: 0 }} now={NOW} onPage={() => {}} />);
    expect(screen.getByText('Nothing selected yet.')).toBeVisible();
    expect(screen.queryByRole('navigation', { name: 'Recent selections pages' })).toBeNull();
  });
});
