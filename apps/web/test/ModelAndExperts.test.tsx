import { screen, within } from '@testing-library/react';
import { ConfusionMatrix } from '../src/engineer/ConfusionMatrix';
import { ExpertAgreementPanel } from '../src/engineer/ExpertAgreementPanel';
import { LabellerBatches } from '../src/engineer/LabellerBatches';
import { labellerSummary } from './fixtures';
import { renderUI } from './render';

const model = { labels: ['match', 'no_match'], confusion: [[0.9, 0.1], [0.35, 0.65]], accuracy: 0.81, labelsFitted: 120, fittedAt: '2025-01-01T11:00:00.000Z' };
const NOW = Date.parse('2025-01-01T12:00:00.000Z');

describe('ConfusionMatrix', () => {
  it('shows how often the labeller answers each label for each true label, with the fit behind it', () => {
    renderUI(<ConfusionMatrix model={model} now={NOW} />);
    const table = screen.getByRole('table', { name: /Rows: the true label/ });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('Match');
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['90%', '10%']);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['35%', '65%']);
    expect(screen.getByRole('figure')).toHaveTextContent(/120 labels, fitted 1 h ago\): expected right 81%/);
  });

  it("appears in a labeller's drill-in only once a fit has seen them", () => {
    const props = { batches: [], onOverride: jest.fn(), onClose: jest.fn(), now: NOW };
    const { rerender } = renderUI(<LabellerBatches labeller={labellerSummary(1, { model: null })} {...props} />);
    expect(screen.queryByRole('table')).toBeNull();
    rerender(<LabellerBatches labeller={labellerSummary(1, { model })} {...props} />);
    expect(screen.getByRole('table', { name: /Rows: the true label/ })).toBeVisible();
  });
});

describe('ExpertAgreementPanel', () => {
  const figures = (decisions: number, comparable: number, agreed: number) => ({ decisions, ambiguous: 1, invalid: Math.max(0, decisions - comparable - 1), comparable, agreed, share: comparable ? agreed / comparable : null });

  it("lists every expert's agreement with the crowd and the project's total", () => {
    const agreement = {
      project: figures(30, 25, 20),
      experts: [
        { expertId: '00000000-0000-4000-8000-000000000001', displayName: 'Ada Expert', isMe: false, ...figures(20, 16, 15) },
        { expertId: '00000000-0000-4000-8000-000000000002', displayName: 'Bo Expert', isMe: false, ...figures(10, 9, 5) },
      ],
    };
    renderUI(<ExpertAgreementPanel agreement={agreement} />);
    const ada = within(screen.getByRole('row', { name: /Ada Expert/ }));
    expect(ada.getByText('15 of 16')).toBeVisible();
    expect(ada.getByText('94%')).toBeVisible();
    const bo = within(screen.getByRole('row', { name: /Bo Expert/ }));
    expect(bo.getByText('56%')).toBeVisible();
    expect(within(screen.getByRole('row', { name: /All experts/ })).getByText('20 of 25')).toBeVisible();
  });

  it('says so when nobody has settled anything, and while loading', () => {
    const { rerender } = renderUI(<ExpertAgreementPanel agreement={undefined} />);
    expect(screen.getByText('Loading…')).toBeVisible();
    rerender(<ExpertAgreementPanel agreement={{ project: figures(0, 0, 0), experts: [] }} />);
    expect(screen.getByText('No expert has settled an item yet.')).toBeVisible();
  });
});
