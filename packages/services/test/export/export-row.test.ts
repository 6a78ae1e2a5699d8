import { exportColumns, exportValue } from '../../src/export/export-row';
import { exportRow, LABELS } from './fixtures';

describe('exportColumns', () => {
  it('has fixed columns and one column per label for each per-label figure', () => {
    expect(exportColumns(LABELS).map((c) => c.name)).toEqual([
      'id', 'external_id', 'sample_id', 'text_a', 'text_b', 'label', 'split', 'decided_by', 'agreement',
      'posterior_match', 'posterior_no_match', 'votes_match', 'votes_no_match',
      'expert_note', 'model_label', 'model_version', 'model_prob_match', 'model_prob_no_match', 'batch_ids',
    ]);
  });

  it('reads a label missing from a present map as 0, and a missing map as null', () => {
    const cols = new Map(exportColumns(LABELS).map((c) => [c.name, c]));
    const row = exportRow(1, { votes: { match: 5 }, posterior: null });
    expect(exportValue(cols.get('votes_no_match')!, row)).toBe(0);
    expect(exportValue(cols.get('posterior_match')!, row)).toBeNull();
  });

  it('refuses values that do not fit the column type, naming row and column', () => {
    const cols = new Map(exportColumns(LABELS).map((c) => [c.name, c]));
    expect(() => exportValue(cols.get('agreement')!, exportRow(1, { agreement: Number.NaN }))).toThrow(
      'export: row item-0000001, column agreement: NaN is not a finite number',
    );
    expect(() => exportValue(cols.get('votes_match')!, exportRow(1, { votes: { match: 1.5 } }))).toThrow(/not a 32-bit whole number/);
    expect(() => exportValue(cols.get('text_a')!, exportRow(1, { textA: null as unknown as string }))).toThrow(/text_a: is missing/);
  });
});
