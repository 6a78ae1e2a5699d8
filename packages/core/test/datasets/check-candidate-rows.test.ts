import { checkCandidateRows, type CandidateRow, type ParentRow } from '../../src/datasets/check-candidate-rows';
import { datasetSettingsParse } from '../../src/datasets/dataset-config';
import { findingsReason } from '../../src/datasets/findings';
import { nearDuplicateBandHashes } from '../../src/datasets/near-duplicates';
import { pairKey } from '../../src/datasets/normalise';
import { splitFromKey } from '../../src/datasets/split';
import { rngFromSeed, rngShuffle } from '../../src/rng';

const config = (over: Record<string, unknown> = {}) => ({
  ...datasetSettingsParse(over),
  labels: ['match', 'no_match'],
  maxTextLength: 200,
});
const row = (itemId: string, textA: string, textB: string, label = 'match'): CandidateRow => ({ itemId, textA, textB, label });
const splitOf = (a: string, b: string, symmetric = false) =>
  splitFromKey(pairKey(a, b, { symmetric }), config().splitRatios);

// Two texts whose near-copies (one extra character) fall in different splits, found by search
// so the test does not depend on where the hash happens to put a particular sentence.
function pairAcrossSplits(): { a: string; b: string; a2: string } {
  for (let i = 0; ; i++) {
    const a = `Please walk my dog every morning before work, request ${i}`;
    const b = 'Dog walker with ten years of experience';
    if (splitOf(a, b) !== splitOf(`${a}!`, b)) {
      return { a, b, a2: `${a}!` };
    }
  }
}
function pairSameSplit(): { a: string; b: string; a2: string } {
  for (let i = 0; ; i++) {
    const a = `Please water my plants twice a week while away, request ${i}`;
    const b = 'Gardener offering plant care visits';
    if (splitOf(a, b) === splitOf(`${a}!`, b)) {
      return { a, b, a2: `${a}!` };
    }
  }
}

describe('checkCandidateRows', () => {
  it('accepts clean rows with their deterministic split', () => {
    const { verdicts, report } = checkCandidateRows([row('i1', 'look after my cat', 'pet sitting')], [], config());
    expect(verdicts).toEqual([{ itemId: 'i1', status: 'accepted', split: splitOf('look after my cat', 'pet sitting'), findings: [] }]);
    expect(report).toMatchObject({ candidates: 1, accepted: 1, quarantined: 0, parentRows: 0, versionRows: 1 });
  });

  it('quarantines invalid rows with every reason, and goes no further with them', () => {
    const { verdicts, report } = checkCandidateRows(
      [row('i1', '\u200b', 'x'.repeat(201), 'maybe'), row('i2', '\u200b', 'x'.repeat(201), 'maybe')],
      [],
      config(),
    );
    expect(verdicts[0]!.status).toBe('quarantined');
    expect(findingsReason(verdicts[0]!.findings)).toBe(
      "textA is empty or only whitespace; textB is longer than 200 characters; label 'maybe' is not in the label set",
    );
    // Invalid rows are not also reported as duplicates of each other.
    expect(report.findingCounts.duplicate).toBe(0);
    expect(report.quarantinedByCode).toMatchObject({ empty_text: 2, text_too_long: 2, unknown_label: 2 });
  });

  it('quarantines duplicates after normalisation, within the merge and against the parent', () => {
    const parent: ParentRow[] = [{ ...row('p1', 'My cat', 'Pet sitting'), split: 'test' }];
    const { verdicts } = checkCandidateRows(
      [
        row('n3', 'ｍｙ ＣＡＴ', 'pet\u200b  sitting'), // duplicate of the parent
        row('n2', 'A dog', 'Dog walking'),
        row('n1', 'a  DOG', 'dog walking\u00ad'), // same pair as n2; n1 is kept (smaller id)
      ],
      parent,
      config(),
    );
    expect(verdicts.map((v) => `${v.itemId}:${v.status}:${v.findings.map((f) => `${f.code}>${f.related?.itemId}`).join()}`)).toEqual([
      'n3:quarantined:duplicate>p1',
      'n2:quarantined:duplicate>n1',
      'n1:accepted:',
    ]);
  });

  it('treats a swapped pair as a duplicate only when the relation is symmetric', () => {
    const rows = [row('n1', 'a cat sitter', 'I need a cat sitter'), row('n2', 'I need a cat sitter', 'a cat sitter')];
    expect(checkCandidateRows(rows, [], config()).report.accepted).toBe(2);
    const sym = checkCandidateRows(rows, [], config({ symmetricPairs: true }));
    expect(sym.verdicts.map((v) => v.status)).toEqual(['accepted', 'quarantined']);
    expect(sym.verdicts[1]!.findings[0]!.code).toBe('duplicate');
  });

  it('quarantines conflicts: the same pair with different labels', () => {
    const { verdicts, report } = checkCandidateRows(
      [row('n1', 'cat', 'pet sitting', 'match'), row('n2', 'CAT', 'pet sitting', 'no_match'), row('n3', 'dog', 'walks', 'no_match')],
      [{ ...row('p1', 'dog', 'walks', 'match'), split: 'train' }],
      config(),
    );
    expect(verdicts.map((v) => `${v.status}:${v.findings.map((f) => f.code).join()}`)).toEqual([
      'quarantined:conflict',
      'quarantined:conflict',
      'quarantined:conflict',
    ]);
    expect(report.findingCounts.conflict).toBe(3);
  });

  it('flags a near-duplicate in the same split and names the row it resembles', () => {
    const { a, b, a2 } = pairSameSplit();
    const { verdicts, report } = checkCandidateRows([row('n2', a2, b), row('n1', a, b)], [], config());
    expect(verdicts[0]).toMatchObject({ itemId: 'n2', status: 'accepted', split: splitOf(a, b) });
    expect(verdicts[0]!.findings).toEqual([
      expect.objectContaining({ code: 'near_duplicate', related: expect.objectContaining({ itemId: 'n1', in: 'candidate', split: splitOf(a, b) }) }),
    ]);
    expect(verdicts[0]!.findings[0]!.related!.similarity).toBeGreaterThanOrEqual(0.9);
    expect(report.findingCounts.near_duplicate).toBe(1);
  });

  it('quarantines a near-duplicate in another split as leakage, against the parent too', () => {
    const { a, b, a2 } = pairAcrossSplits();
    const parent: ParentRow[] = [{ ...row('p1', a, b), split: splitOf(a, b) }];
    const { verdicts, report } = checkCandidateRows([row('n1', a2, b)], parent, config());
    expect(verdicts[0]!.status).toBe('quarantined');
    expect(verdicts[0]!.findings[0]).toMatchObject({ code: 'leakage', related: { itemId: 'p1', in: 'parent', split: splitOf(a, b) } });
    expect(verdicts[0]!.findings[0]!.message).toMatch(new RegExp(`which is in ${splitOf(a, b)}; this row would be in ${splitOf(a2, b)}$`));
    expect(report.findingCounts.leakage).toBe(1);
  });

  it('does not flag pairs below the near-duplicate threshold', () => {
    const { a, b, a2 } = pairAcrossSplits();
    const { report } = checkCandidateRows([row('n1', a, b), row('n2', a2, b)], [], config({ nearDuplicateThreshold: 1 }));
    expect(report.accepted).toBe(2);
  });

  it('counts rows per split and label for the added rows and the version, and flags drift', () => {
    const parent: ParentRow[] = Array.from({ length: 10 }, (_, i) => ({ ...row(`p${i}`, `parent ${i}`, 'b', i < 5 ? 'match' : 'no_match'), split: 'train' as const }));
    const added = Array.from({ length: 10 }, (_, i) => row(`n${i}`, `new text number ${i * 31}`, `other ${i}`, 'match'));
    const { report } = checkCandidateRows(added, parent, config());
    expect(report.version.total).toBe(20);
    expect(report.version.byLabel).toEqual({ match: 15, no_match: 5 });
    expect(report.added.byLabel).toEqual({ match: 10, no_match: 0 });
    expect(report.version.bySplit.train).toBe(10 + report.added.bySplit.train);
    expect(report.drift.map((d) => [d.label, d.parentShare, d.versionShare, d.flagged])).toEqual([
      ['match', 0.5, 0.75, true],
      ['no_match', 0.5, 0.25, true],
    ]);
    expect(report.findingCounts.label_drift).toBe(2);
    expect(report.findings.filter((f) => f.code === 'label_drift').map((f) => f.message)).toEqual([
      "'match' is 75.0 % of the version against 50.0 % of the parent",
      "'no_match' is 25.0 % of the version against 50.0 % of the parent",
    ]);
  });

  it('gives the same verdicts whatever order the rows come in', () => {
    const { a, b, a2 } = pairAcrossSplits();
    const rows = [
      row('n1', a, b),
      row('n2', a2, b),
      row('n3', 'cat', 'sit', 'match'),
      row('n4', 'CAT', 'sit', 'no_match'),
      row('n5', 'dog', 'walk'),
      row('n6', 'Dog', 'Walk'),
      row('n7', '', 'x'),
    ];
    const parent: ParentRow[] = [{ ...row('p1', 'bird', 'seed'), split: 'dev' }];
    const byId = (vs: { itemId: string }[]) => [...vs].sort((x, y) => (x.itemId < y.itemId ? -1 : 1));
    const expected = checkCandidateRows(rows, parent, config());
    for (let seed = 0; seed < 10; seed++) {
      const again = checkCandidateRows(rngShuffle(rngFromSeed(seed), rows), parent, config());
      expect(byId(again.verdicts)).toEqual(byId(expected.verdicts));
      expect(again.report).toEqual(expected.report);
    }
  });

  it('keeps every report key, zero or not', () => {
    const { report } = checkCandidateRows([], [], config());
    expect(Object.keys(report.findingCounts)).toHaveLength(9);
    expect(report.version.bySplitLabel).toEqual({ train: { match: 0, no_match: 0 }, dev: { match: 0, no_match: 0 }, test: { match: 0, no_match: 0 } });
    expect(report.drift.every((d) => d.parentShare === null && !d.flagged)).toBe(true);
  });

  it('lets a released row in despite the codes it was released from, never despite invalid values', () => {
    const { a, b, a2 } = pairAcrossSplits();
    const parent: ParentRow[] = [{ ...row('p1', 'cat', 'sit', 'match'), split: splitOf('cat', 'sit') }, { ...row('p2', a, b), split: splitOf(a, b) }];
    const offered = [
      { ...row('n1', 'CAT', 'sit', 'no_match'), released: ['conflict' as const] },
      { ...row('n2', a2, b), released: ['leakage' as const] },
      { ...row('n3', 'Cat', 'Sit', 'match'), released: ['conflict' as const] },
      { ...row('n4', '\u200b', 'x', 'match'), released: ['empty_text' as const] },
    ];
    const { verdicts, report } = checkCandidateRows(offered, parent, config());
    expect(verdicts.map((v) => [v.itemId, v.status, v.findings.map((f) => f.code)])).toEqual([
      ['n1', 'accepted', ['conflict']],
      ['n2', 'accepted', ['leakage']],
      // Released from a conflict, it is a duplicate: that still keeps it out.
      ['n3', 'quarantined', ['duplicate']],
      ['n4', 'quarantined', ['empty_text']],
    ]);
    expect(verdicts[0]).toMatchObject({ split: splitOf('cat', 'sit') });
    expect(verdicts[1]).toMatchObject({ split: splitOf(a2, b) });
    // Findings stay in the report; the quarantine counts only what kept rows out.
    expect(report.findingCounts).toMatchObject({ conflict: 1, leakage: 1, duplicate: 1, empty_text: 1 });
    expect(report.quarantinedByCode).toMatchObject({ conflict: 0, leakage: 0, duplicate: 1, empty_text: 1 });
    expect([report.accepted, report.quarantined, report.added.total]).toEqual([2, 2, 2]);
  });

  it('gives the same verdicts against the parent rows that can match, given the whole parent’s counts', () => {
    const { a, b, a2 } = pairAcrossSplits();
    const far = Array.from({ length: 40 }, (_, i): ParentRow => ({ ...row(`q${i}`, `unrelated sentence ${i * 7919} here`, `reply ${i}`, i % 3 ? 'match' : 'no_match'), split: 'train' }));
    const near: ParentRow[] = [{ ...row('p1', a, b), split: splitOf(a, b) }, { ...row('p2', 'cat', 'sit'), split: splitOf('cat', 'sit') }];
    const offered = [row('n1', a2, b), row('n2', 'CAT', 'sit', 'no_match'), row('n3', 'a new pair', 'with its answer')];
    const full = checkCandidateRows(offered, [...far, ...near], config());
    const opts = { threshold: config().nearDuplicateThreshold, symmetric: false };
    const bands = new Set(offered.flatMap((r) => [...nearDuplicateBandHashes(pairKey(r.textA, r.textB, opts), opts)]));
    const subset = [...far, ...near].filter((p) => nearDuplicateBandHashes(pairKey(p.textA, p.textB, opts), opts).some((h) => bands.has(h)));
    expect(subset.map((p) => p.itemId)).toEqual(['p1', 'p2']);
    const counts = checkCandidateRows([], [...far, ...near], config()).report.version;
    expect(checkCandidateRows(offered, subset, config(), { parentCounts: counts })).toEqual(full);
  });
});
