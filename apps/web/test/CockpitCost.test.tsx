import { screen, within } from '@testing-library/react';
import { CostPanel } from '../src/engineer/cockpit/CostPanel';
import { cost } from './CockpitFixtures';
import { renderUI } from './render';

// The cost panel: labels per settled item, the rejected share, controls, expert time; the
// labels' split as a bar with its numbers in a table.

const figure = (name: string) => within(screen.getByRole('group', { name }));

describe('CostPanel', () => {
  it('shows what settled items cost in labels and expert time', () => {
    renderUI(<CostPanel cost={cost()} />);
    expect(figure('Labels per settled item').getByText('6.0')).toBeVisible();
    expect(figure('Labels per settled item').getByText('23,710 labels for 3,954 settled items')).toBeVisible();
    expect(figure('Share of labels rejected').getByText('7.2%')).toBeVisible();
    expect(figure('Controls').getByText('10.1%')).toBeVisible();
    expect(figure('Expert minutes per decision').getByText('2.4 min')).toBeVisible();
    expect(figure('Expert minutes per decision').getByText('410 decisions; 15 s per settled item')).toBeVisible();
    expect(screen.getByText(/a gap over 10 minutes counts as a break/)).toBeVisible();
  });

  it('gives the labels’ split as a table for screen readers next to the bar', () => {
    const { container } = renderUI(<CostPanel cost={cost()} />);
    expect(container.querySelector('.chart-area svg.recharts-surface')).not.toBeNull();
    const rows = within(screen.getByRole('table', { name: 'Where the labels went' })).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['Accepted answers on items19,770', 'Rejected answers on items1,540', 'Answers to controls2,400']);
  });

  it('warns when more than a fifth of the crowd’s answers were thrown away', () => {
    renderUI(<CostPanel cost={cost({ rejectedShare: 0.31 })} />);
    expect(screen.getByRole('group', { name: 'Share of labels rejected' })).toHaveClass('figure-card-warn');
  });

  it('shows dashes before anything settled, and no bar', () => {
    const { container } = renderUI(
      <CostPanel cost={cost({ accepted: 0, rejected: 0, controls: 0, labels: 0, settledItems: 0, expertDecisions: 0, expertMinutes: null, labelsPerSettledItem: null, rejectedShare: null, controlShare: null, expertMinutesPerDecision: null, expertMinutesPerSettledItem: null })} />,
    );
    expect(figure('Labels per settled item').getByText('—')).toBeVisible();
    expect(figure('Expert minutes per decision').getByText('—')).toBeVisible();
    expect(screen.getByText('No batch decided yet.')).toBeVisible();
    expect(container.querySelector('.chart-area')).toBeNull();
  });
});
