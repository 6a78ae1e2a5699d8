import { screen, within } from '@testing-library/react';
import { ChecksReport } from '../src/engineer/ChecksReport';
import { readReport } from '../src/engineer/datasetReport';
import { SplitLabelCounts } from '../src/engineer/SplitLabelCounts';
import { datasetReport, datasetVersion } from './fixtures';
import { renderUI } from './render';

const labels = ['match', 'no_match'];

describe('SplitLabelCounts', () => {
  it('tabulates rows per split × label with totals', () => {
    renderUI(<SplitLabelCounts counts={datasetVersion(1).counts} labels={labels} />);
    const table = screen.getByRole('table', { name: 'Rows per split and label' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}\\b`) });
    expect(within(row('train')).getAllByRole('cell').slice(0, 3).map((c) => c.textContent)).toEqual(['120', '90', '210']);
    expect(within(row('test')).getAllByRole('cell').slice(0, 3).map((c) => c.textContent)).toEqual(['25', '20', '45']);
    expect(within(row('All')).getAllByRole('cell').slice(0, 3).map((c) => c.textContent)).toEqual(['170', '130', '300']);
  });

  it('draws each split’s balance as a bar whose accessible name carries the numbers', () => {
    renderUI(<SplitLabelCounts counts={{ train: { match: 3, no_match: 1 }, dev: {}, test: { match: 1, other: 1 } }} labels={labels} />);
    const bar = screen.getByRole('img', { name: /^train:/ });
    expect(bar).toHaveAccessibleName('train: Match 3 (75%), No match 1 (25%), Other 0 (0%)');
    expect(bar.querySelectorAll('.balance-part')).toHaveLength(2);
    expect(screen.getByRole('img', { name: /^test:/ })).toHaveAccessibleName('test: Match 1 (50%), No match 0 (0%), Other 1 (50%)');
    // A label outside the project's set still gets its column; an empty split says so.
    expect(screen.getByRole('columnheader', { name: 'Other' })).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^dev/ })).getByText('empty')).toBeVisible();
  });
});

describe('ChecksReport', () => {
  it('counts findings by kind, with what was quarantined for each', () => {
    renderUI(<ChecksReport version={datasetVersion(2)} />);
    const kinds = within(screen.getByRole('group', { name: /Findings by kind/ }));
    const tile = (name: string) => kinds.getByRole('button', { name: new RegExp(`^${name}`) });
    expect(tile('Duplicates')).toHaveTextContent('Duplicates22 quarantined');
    expect(tile('Near duplicates')).toHaveTextContent('Near duplicates3flag only');
    expect(tile('Leakage')).toHaveTextContent('Leakage11 quarantined');
    expect(tile('Conflicts')).toHaveTextContent('Conflicts11 quarantined');
    // Empty text + broken unicode: the four value checks are one kind.
    expect(tile('Invalid values')).toHaveTextContent('Invalid values22 quarantined');
    expect(tile('Label drift')).toHaveTextContent('Label drift1flag only');
  });

  it('highlights the drifted labels in the balance table', () => {
    renderUI(<ChecksReport version={datasetVersion(2, { report: datasetReport({ drift: [
      { label: 'match', parentShare: 0.45, share: 0.58, delta: 0.13, flagged: true },
      { label: 'no_match', parentShare: 0.5, share: 0.42, delta: -0.08, flagged: false },
    ] }) })} />);
    const table = screen.getByRole('table', { name: 'Label balance against the parent' });
    const match = within(table).getByRole('row', { name: /^Match/ });
    expect(match).toHaveClass('row-flagged');
    expect(match).toHaveTextContent('Match45.0%58.0%+13.0 ppdrifted');
    const noMatch = within(table).getByRole('row', { name: /^No match/ });
    expect(noMatch).not.toHaveClass('row-flagged');
    expect(noMatch).toHaveTextContent('No match50.0%42.0%−8.0 pp');
  });

  it('lists findings with the external id, the related item and the similarity, and says the list is capped', () => {
    renderUI(<ChecksReport version={datasetVersion(2)} />);
    const list = screen.getByRole('list', { name: 'Findings' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[2]).toHaveTextContent('near duplicatemove-9almost the same pair as another rowrelated item 00000000 · 91% alike');
    expect(within(items[2]!).getByTitle('00000000-0000-4000-8000-000000000451')).toBeInTheDocument();
    expect(screen.getByText(/The report keeps 4 of these 10 findings/)).toBeVisible();
  });

  it('narrows the findings to one kind from its tile, and back', async () => {
    const { user } = renderUI(<ChecksReport version={datasetVersion(2)} />);
    await user.click(screen.getByRole('button', { name: /^Leakage/ }));
    expect(screen.getByRole('button', { name: /^Leakage/ })).toHaveAttribute('aria-pressed', 'true');
    const list = screen.getByRole('list', { name: 'Findings: Leakage' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent('cat-3');
    // Counted, but past the report's cap: not "none found".
    await user.click(screen.getByRole('button', { name: /^Conflicts/ }));
    expect(screen.getByText(/1 found, but the stored report lists only its first findings/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Show all kinds' }));
    expect(within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem')).toHaveLength(4);
    // Drift is about the version: its tile points at the balance table.
    await user.click(screen.getByRole('button', { name: /^Label drift/ }));
    expect(screen.getByText(/the drifted labels are marked in the balance table above/)).toBeVisible();
    // A second press on a tile lets go of it.
    await user.click(screen.getByRole('button', { name: /^Near duplicates/ }));
    await user.click(screen.getByRole('button', { name: /^Near duplicates/ }));
    expect(screen.getByRole('button', { name: /^Near duplicates/ })).toHaveAttribute('aria-pressed', 'false');
    expect(within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem')).toHaveLength(4);
  });

  it('shows a dozen findings at first and the rest on request', async () => {
    const findings = Array.from({ length: 30 }, (_, i) => ({ itemId: `i${i}`, externalId: `dup-${i}`, code: 'duplicate', message: 'dup' }));
    const { user } = renderUI(<ChecksReport version={datasetVersion(2, { report: datasetReport({ findings, findingsTotal: 30 }) })} />);
    expect(within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem')).toHaveLength(12);
    await user.click(screen.getByRole('button', { name: 'Show all 30' }));
    expect(within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem')).toHaveLength(30);
  });

  it('says when the checks found nothing of a kind', async () => {
    const { user } = renderUI(<ChecksReport version={datasetVersion(2, { report: datasetReport({ findingCounts: { duplicate: 0, leakage: 0 }, findings: [], findingsTotal: 0 }) })} />);
    expect(screen.getByText('The checks found nothing.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: /^Duplicates/ }));
    expect(screen.getByText('No duplicates found.')).toBeVisible();
  });

  it('says a version merged before the checks has no findings, and keeps its stored report', () => {
    // The server hands such versions out with an empty report.
    renderUI(<ChecksReport version={datasetVersion(1, { report: { findingCounts: {}, quarantinedByCode: {}, drift: [], findings: [], findingsTotal: 0 } })} />);
    expect(screen.getByText(/merged before the data checks ran/)).toBeVisible();
    expect(screen.queryByRole('group', { name: /Findings by kind/ })).not.toBeInTheDocument();
  });
});

describe('readReport', () => {
  it('reads the core’s names too (versionShare, related)', () => {
    const r = readReport({
      findingCounts: { duplicate: 1 },
      drift: [{ label: 'match', parentShare: 0.5, versionShare: 0.6, delta: 0.1, flagged: false }],
      findings: [{ itemId: 'a', code: 'leakage', message: 'm', related: { itemId: 'b', similarity: 0.8 } }],
    });
    expect(r.drift[0]).toMatchObject({ share: 0.6 });
    expect(r.findings[0]).toMatchObject({ relatedItemId: 'b', similarity: 0.8, externalId: null });
    expect(r.findingsTotal).toBe(1);
  });
});
