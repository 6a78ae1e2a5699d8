import { ZodError } from 'zod';
import { ZProjectConfig, projectConfigParse } from '../src/project-config';

function messagesOf(input: unknown): string[] {
  const r = ZProjectConfig.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('projectConfigParse', () => {
  it('fills every default from an empty object', () => {
    expect(projectConfigParse({})).toEqual({
      labels: ['match', 'no_match'],
      overlap: 5,
      batchSize: 10,
      goldRatio: 0.1,
      aggregationMethod: 'dawid-skene',
      escalateBelowPosterior: 0.9,
      openItemBudget: 100,
      selectionStrategy: 'entropy',
      selectPerRun: 500,
      leaseMinutes: 15,
      maxTextLength: 10000,
      minAccuracy: 0.7,
      rejectAbove: 0.9,
      acceptBelow: 0.3,
      maxWaitMinutes: 60,
      readingTimeScale: 1,
      goldFromConsensus: false,
      splitRatios: { train: 0.8, dev: 0.1, test: 0.1 },
      nearDuplicateThreshold: 0.9,
      labelDriftThreshold: 0.1,
      symmetricPairs: false,
    });
  });

  it('takes the dataset settings, checked as the merge needs them', () => {
    expect(projectConfigParse({ splitRatios: { train: 0.7, dev: 0.2, test: 0.1 }, symmetricPairs: true })).toMatchObject({ splitRatios: { train: 0.7, dev: 0.2, test: 0.1 }, symmetricPairs: true });
    expect(messagesOf({ splitRatios: { train: 0.7, dev: 0.2, test: 0.2 } })).toEqual(['splitRatios must add up to 1']);
    expect(messagesOf({ nearDuplicateThreshold: 0.4 })).toEqual(['nearDuplicateThreshold must be at least 0.5']);
    expect(messagesOf({ labelDriftThreshold: 2 })).toEqual(['labelDriftThreshold must be at most 1']);
  });

  it('keeps given values and does not share the default labels array between parses', () => {
    const a = projectConfigParse({ overlap: 3, labels: ['yes', 'no', 'Unsure-1'] });
    expect(a.overlap).toBe(3);
    expect(a.labels).toEqual(['yes', 'no', 'Unsure-1']);
    const b = projectConfigParse({});
    b.labels.push('mutated');
    expect(projectConfigParse({}).labels).toEqual(['match', 'no_match']);
  });

  it('accepts the bounds themselves', () => {
    expect(() =>
      projectConfigParse({ overlap: 20, batchSize: 1, goldRatio: 0.5, escalateBelowPosterior: 0.5, maxTextLength: 100000 }),
    ).not.toThrow();
    expect(() => projectConfigParse({ overlap: 1, goldRatio: 0, maxWaitMinutes: 0, readingTimeScale: 10, leaseMinutes: 240, escalateBelowPosterior: 1 })).not.toThrow();
  });

  it('throws ZodError with plain messages for out-of-range values', () => {
    expect(() => projectConfigParse({ overlap: 0 })).toThrow(ZodError);
    expect(messagesOf({ overlap: 21 })).toEqual(['overlap must be at most 20']);
    expect(messagesOf({ batchSize: 0 })).toEqual(['batchSize must be at least 1']);
    expect(messagesOf({ goldRatio: 0.6 })).toEqual(['goldRatio must be at most 0.5']);
    expect(messagesOf({ escalateBelowPosterior: 0.4 })).toEqual(['escalateBelowPosterior must be at least 0.5']);
    expect(messagesOf({ escalateBelowPosterior: 1.01 })).toEqual(['escalateBelowPosterior must be at most 1']);
    expect(messagesOf({ openItemBudget: 100001 })).toEqual(['openItemBudget must be at most 100000']);
    expect(messagesOf({ leaseMinutes: 241 })).toEqual(['leaseMinutes must be at most 240']);
    expect(messagesOf({ maxWaitMinutes: -1 })).toEqual(['maxWaitMinutes must be at least 0']);
    expect(messagesOf({ minAccuracy: 0.4 })).toEqual(['minAccuracy must be at least 0.5']);
    expect(messagesOf({ goldFromConsensus: 'yes' })).toEqual(['goldFromConsensus must be true or false']);
  });

  it('takes the aggregation method by name', () => {
    for (const m of ['dawid-skene', 'weighted', 'majority'] as const) expect(projectConfigParse({ aggregationMethod: m }).aggregationMethod).toBe(m);
    expect(messagesOf({ aggregationMethod: 'vote' })).toEqual(['aggregationMethod must be one of majority, weighted, dawid-skene']);
  });

  it('rejects fractional counts and wrong types', () => {
    expect(messagesOf({ overlap: 2.5 })).toEqual(['overlap must be a whole number']);
    expect(messagesOf({ goldRatio: '0.1' })).toEqual(['goldRatio must be a number']);
  });

  it('validates labels: count, distinctness, characters, length', () => {
    expect(messagesOf({ labels: ['only'] })).toEqual(['labels must have at least 2 entries']);
    expect(messagesOf({ labels: Array.from({ length: 21 }, (_, i) => `l${i}`) })).toEqual([
      'labels must have at most 20 entries',
    ]);
    expect(messagesOf({ labels: ['a', 'a'] })).toEqual(['labels must be distinct']);
    expect(messagesOf({ labels: ['a', ''] })).toContain('a label must not be empty');
    expect(messagesOf({ labels: ['a', 'has space'] })).toEqual([
      'a label may only contain letters, digits, "_" and "-"',
    ]);
    expect(messagesOf({ labels: ['a', 'x'.repeat(65)] })).toEqual(['a label must be at most 64 characters']);
    expect(messagesOf({ labels: 'match' })).toEqual(['labels must be a list of strings']);
  });

  it('rejects unknown settings by name', () => {
    expect(messagesOf({ overlapp: 3 })).toEqual(['unknown setting(s): overlapp']);
    // The vote-share rule it replaced is gone, not silently ignored.
    expect(messagesOf({ escalateBelowAgreement: 0.8 })).toEqual(['unknown setting(s): escalateBelowAgreement']);
  });
});
