import { screen, within } from '@testing-library/react';
import { QualityPanel } from '../src/engineer/cockpit/QualityPanel';
import { emptyQuality, quality } from './CockpitFixtures';
import { renderUI } from './render';

// The quality panel: headline figures, four plots (recharts), and for each plot a table with the
// same numbers that screen readers read instead of the picture.

const table = (name: string) => screen.getByRole('table', { name });
const rowsOf = (name: string) =>
  within(table(name))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('QualityPanel', () => {
  it('shows alpha, gold accuracy, the escalation rate and the model accuracy as figures', () => {
    renderUI(<QualityPanel quality={quality()} days={7} onDays={() => {}} />);
    expect(within(screen.getByRole('group', { name: "Krippendorff's alpha" })).getByText('0.781')).toBeVisible();
    expect(within(screen.getByRole('group', { name: "Krippendorff's alpha" })).getByText('4,020 items with two or more accepted labels')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Crowd accuracy on gold' })).getByText('87.0%')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Crowd accuracy on gold' })).getByText(/3,480 of 4,000 control answers right; 91.0% in accepted batches/)).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Escalation rate' })).getByText('5.4%')).toBeVisible();
    expect(within(screen.getByRole('group', { name: 'Model accuracy on settled' })).getByText('63.7%')).toBeVisible();
  });

  it('draws every plot and gives each the same numbers as a table for screen readers', () => {
    const { container } = renderUI(<QualityPanel quality={quality()} days={7} onDays={() => {}} />);
    expect(container.querySelectorAll('.chart-area svg.recharts-surface').length).toBe(4);
    // The pictures are hidden from assistive technology; the tables are not (only from sight).
    for (const area of container.querySelectorAll('.chart-area')) expect(area).toHaveAttribute('aria-hidden', 'true');
    expect(table('Disagreement of aggregated items')).toHaveClass('sr-only');

    expect(rowsOf('Disagreement of aggregated items')[0]).toEqual(['0.0–0.1', '2,100']);
    expect(rowsOf('Disagreement of aggregated items')).toHaveLength(10);
    expect(rowsOf('Escalation rate per day')[0]).toEqual(['2025-01-02', '100', '10', '10%']);
    expect(rowsOf("Krippendorff's alpha per week")).toEqual([
      ['2024-12-23', '0.702', '1,800', '9,000'],
      ['2024-12-30', '0.813', '2,220', '11,100'],
    ]);
    expect(rowsOf('Model calibration on settled items')).toEqual([
      ['0.5–0.6', '1,000', '450', '55%', '55%'],
      ['0.6–0.7', '2,000', '700', '65%', '64%'],
      ['0.9–1.0', '954', '286', '70%', '95%'],
    ]);
    expect(screen.getByText(/α 0.781 over 4,020 items \(20,100 accepted labels\)/)).toBeVisible();
    expect(screen.getByText(/expected calibration error 6.5%/)).toBeVisible();
  });

  it('says what is missing on a fresh project instead of drawing empty plots', () => {
    const { container } = renderUI(<QualityPanel quality={emptyQuality()} days={30} onDays={() => {}} />);
    expect(container.querySelectorAll('.chart-area').length).toBe(0);
    expect(screen.getByText('No item aggregated yet.')).toBeVisible();
    expect(screen.getByText('No item has two accepted labels yet.')).toBeVisible();
    expect(screen.getByText('No item settled yet.')).toBeVisible();
    expect(within(screen.getByRole('group', { name: "Krippendorff's alpha" })).getByText('—')).toBeVisible();
  });

  it('changes the period through the callback', async () => {
    const onDays = jest.fn();
    const { user } = renderUI(<QualityPanel quality={quality()} days={7} onDays={onDays} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Last 90 days');
    expect(onDays).toHaveBeenCalledWith(90);
  });

  it('shows loading, then an error from the API', () => {
    const { rerender } = renderUI(<QualityPanel quality={undefined} days={30} onDays={() => {}} />);
    expect(screen.getByText('Loading…')).toBeVisible();
    rerender(<QualityPanel quality={undefined} error={new Error('boom')} days={30} onDays={() => {}} />);
    expect(screen.getByRole('alert')).toHaveTextContent('boom');
  });
});
