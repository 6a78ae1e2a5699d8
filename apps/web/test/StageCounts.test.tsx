import { screen, within } from '@testing-library/react';
import { StageCounts } from '../src/engineer/StageCounts';
import { stageCounts } from './fixtures';
import { renderUI } from './render';

const tile = (name: string) => screen.getByRole('group', { name });

describe('StageCounts', () => {
  it('renders every pipeline stage and batch count', () => {
    renderUI(<StageCounts counts={stageCounts} />);
    expect(within(tile('Samples')).getByText('12,480')).toBeVisible();
    expect(within(tile('Selected')).getByText('640')).toBeVisible();
    expect(within(tile('Labelling')).getByText('212')).toBeVisible();
    expect(within(tile('Escalated')).getByText('17')).toBeVisible();
    expect(within(tile('Settled')).getByText('388')).toBeVisible();
    expect(within(tile('Merged')).getByText('300')).toBeVisible();
    expect(within(tile('Gold')).getByText('40')).toBeVisible();
    expect(within(tile('Open batches')).getByText('3')).toBeVisible();
    expect(within(tile('Submitted batches')).getByText('2')).toBeVisible();
    expect(within(tile('Accepted batches')).getByText('51')).toBeVisible();
    expect(within(tile('Rejected batches')).getByText('4')).toBeVisible();
    expect(within(tile('Expired batches')).getByText('6')).toBeVisible();
  });

  it('shows placeholders before the counts arrive, and the new numbers after an update', () => {
    const { rerender } = renderUI(<StageCounts counts={undefined} />);
    expect(within(tile('Samples')).getByText('—')).toBeVisible();
    rerender(<StageCounts counts={{ ...stageCounts, escalated: 18 }} />);
    expect(within(tile('Escalated')).getByText('18')).toBeVisible();
  });
});
