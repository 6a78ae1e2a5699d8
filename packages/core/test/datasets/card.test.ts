import { splitLabelCountsAdd, splitLabelCountsEmpty } from '../../src/datasets/candidate-report';
import { agreementFiguresAdd, agreementFiguresEmpty, datasetCardJson, type DatasetCardSummary } from '../../src/datasets/card';
import { datasetCardMarkdown } from '../../src/datasets/card-markdown';
import { findingCountsEmpty } from '../../src/datasets/findings';

function summary(over: Partial<DatasetCardSummary> = {}): DatasetCardSummary {
  const counts = splitLabelCountsEmpty(['match', 'no_match']);
  splitLabelCountsAdd(counts, 'train', 'match', 8);
  splitLabelCountsAdd(counts, 'dev', 'no_match', 1);
  splitLabelCountsAdd(counts, 'test', 'match', 1);
  const agreement = agreementFiguresEmpty();
  for (const a of [1, 0.8, 0.6, null]) {
    agreementFiguresAdd(agreement, a);
  }
  return {
    projectName: 'Pet | sitting',
    version: 3,
    contentHash: 'ab'.repeat(32),
    createdAt: '2026-01-02T03:04:05.000Z',
    parent: { version: 2, contentHash: 'cd'.repeat(32) },
    counts,
    agreement,
    decidedBy: { crowd: 9, expert: 1 },
    checks: { findingCounts: { ...findingCountsEmpty(), duplicate: 2 }, quarantined: 2, driftedLabels: [] },
    approval: { status: 'approved', decidedBy: 'eng@example.com', decidedAt: '2026-01-03T00:00:00.000Z', note: 'Looks good.\nShip it.' },
    columns: [{ name: 'text_a', type: 'string', description: 'first text' }],
    ...over,
  };
}

describe('agreement figures', () => {
  it('keep a running mean and a histogram by tenths, skipping rows without a figure', () => {
    const f = summary().agreement;
    expect(f.rows).toBe(3);
    expect(f.mean).toBeCloseTo(0.8, 12);
    expect(f.histogram).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 1, 1]);
  });
});

describe('datasetCardJson', () => {
  it('lays out version, hash, parent, counts, agreement, checks and approval', () => {
    const card = datasetCardJson(summary());
    expect(card).toMatchObject({
      schema: 'quorum.dataset-card/1',
      version: 3,
      contentHash: { algorithm: 'sha256', value: 'ab'.repeat(32) },
      parent: { version: 2 },
      rows: 10,
      splits: { train: 8, dev: 1, test: 1 },
      labels: { match: 9, no_match: 1 },
      checks: { quarantined: 2 },
      approval: { status: 'approved' },
    });
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });
});

describe('datasetCardMarkdown', () => {
  it('writes Hub front matter, escaped tables and every section', () => {
    const md = datasetCardMarkdown(summary());
    expect(md.startsWith('---\npretty_name: "Pet | sitting — version 3"\nsize_categories:\n- n<1K\n')).toBe(true);
    expect(md).toContain('# Pet | sitting — version 3');
    expect(md).toContain(`| parent | version 2 (\`${'cd'.repeat(32)}\`) |`);
    expect(md).toContain('| split | rows | match | no_match |');
    expect(md).toContain('| train | 8 | 8 | 0 |');
    expect(md).toContain('| all | 10 | 9 | 1 |');
    expect(md).toContain('Mean agreement 0.800 over 3 rows');
    expect(md).toContain('| duplicate | 2 |');
    expect(md).toContain('| `text_a` | string | first text |');
    expect(md).toContain('> Looks good.\n> Ship it.');
    expect(md).toContain('approved by eng@example.com at 2026-01-03T00:00:00.000Z');
  });

  it('handles a first version awaiting approval', () => {
    const md = datasetCardMarkdown(summary({ parent: null, approval: { status: 'candidate', decidedBy: null, decidedAt: null, note: null } }));
    expect(md).toContain('| parent | none |');
    expect(md).toContain('candidate (not yet approved)');
    expect(md).not.toContain('## Approval note');
  });
});
