import { errorsOf, rowOf, rules, sample } from './ingest-fixtures';

describe('ingest prediction: one distribution', () => {
  it('reports labels outside the label set on prediction.<label>', () => {
    expect(errorsOf(sample({ prediction: { match: 0.5, maybe: 0.5 } }))).toEqual([
      { field: 'prediction.maybe', message: "'maybe' is not in the label set (match, no_match)" },
    ]);
  });

  it('needs the probabilities to sum to 1, allowing ±0.001 of rounding', () => {
    expect(errorsOf(sample({ prediction: { match: 0.6, no_match: 0.3 } }))).toEqual([
      { field: 'prediction', message: 'prediction must sum to 1 (±0.001), but it sums to 0.9' },
    ]);
    expect(errorsOf(sample({ prediction: {} }))[0]?.message).toMatch(/sums to 0$/);
    expect(rowOf(sample({ prediction: { match: 0.6667, no_match: 0.3333 } })).modelProbs).toEqual({ match: 0.6667, no_match: 0.3333 });
    expect(rowOf(sample({ prediction: { match: 0.5005, no_match: 0.5004 } })).modelLabel).toBe('match');
    expect(errorsOf(sample({ prediction: { match: 0.502, no_match: 0.5 } }))[0]?.field).toBe('prediction');
  });

  it('reports probabilities outside [0, 1] and non-numbers on their label', () => {
    expect(errorsOf(sample({ prediction: { match: 1.5, no_match: -0.5 } }))).toEqual([
      { field: 'prediction.match', message: 'probability must be between 0 and 1, got 1.5' },
      { field: 'prediction.no_match', message: 'probability must be between 0 and 1, got -0.5' },
    ]);
    expect(errorsOf(sample({ prediction: { match: '0.5', no_match: 0.5 } }))).toEqual([
      { field: 'prediction.match', message: 'probability must be a number, got a string' },
    ]);
    expect(errorsOf(sample({ prediction: [0.5, 0.5] }))).toEqual([
      { field: 'prediction', message: 'prediction must be an object of label → probability or a number, got an array' },
    ]);
  });

  it('fills labels the model did not report with 0', () => {
    expect(rowOf(sample({ prediction: { no_match: 1 } })).modelProbs).toEqual({ match: 0, no_match: 1 });
  });

  it('takes one number in a two-label project as the probability of the first label', () => {
    const row = rowOf(sample({ prediction: 0.8 }));
    expect(row.modelProbs).toEqual({ match: 0.8, no_match: 0.2 });
    expect(row.modelLabel).toBe('match');
    expect(rowOf(sample({ prediction: 0 })).modelLabel).toBe('no_match');
    expect(errorsOf(sample({ prediction: 1.2 }))).toEqual([{ field: 'prediction', message: 'prediction must be between 0 and 1, got 1.2' }]);
    const three = { ...rules, labels: ['a', 'b', 'c'] };
    expect(errorsOf({ ...sample(), prediction: 0.4 }, three)[0]?.message).toMatch(/single number only in a project with two labels/);
  });

  it('defaults the model label to the argmax, ties to the earlier project label', () => {
    const three = { ...rules, labels: ['c', 'b', 'a'] };
    expect(rowOf(sample({ prediction: { a: 0.2, b: 0.5, c: 0.3 } }), three).modelLabel).toBe('b');
    expect(rowOf(sample({ prediction: { a: 0.5, b: 0.5 } }), three).modelLabel).toBe('b');
  });
});

describe('ingest prediction: stochastic passes', () => {
  const passes = [
    { match: 0.9, no_match: 0.1 },
    { match: 0.2, no_match: 0.8 },
  ];

  it('keeps the passes, filled like the prediction', () => {
    const row = rowOf(sample({ predictions: [...passes, 0.5, { no_match: 1 }] }));
    expect(row.predictions).toEqual([...passes, { match: 0.5, no_match: 0.5 }, { match: 0, no_match: 1 }]);
    expect(row.modelProbs).toEqual({ match: 0.7, no_match: 0.3 });
  });

  it('makes the prediction the mean of the passes when it is left out', () => {
    const row = rowOf({ ...sample(), prediction: undefined, predictions: passes });
    expect(row.modelProbs.match).toBeCloseTo(0.55, 12);
    expect(row.modelLabel).toBe('match');
  });

  it('reports a pass with a missing, unknown or wrong probability by its index', () => {
    expect(errorsOf(sample({ predictions: [passes[0], { match: 0.6 }, { match: 0.5, maybe: 0.5 }, 'x'] }))).toEqual([
      { field: 'predictions.1', message: 'predictions.1 must sum to 1 (±0.001), but it sums to 0.6' },
      { field: 'predictions.2.maybe', message: "'maybe' is not in the label set (match, no_match)" },
      { field: 'predictions.3', message: 'predictions.3 must be an object of label → probability or a number, got a string' },
    ]);
  });

  it('needs 2 to 100 passes in an array', () => {
    expect(errorsOf(sample({ predictions: [passes[0]] }))).toEqual([{ field: 'predictions', message: 'predictions needs at least 2 passes (or leave it out)' }]);
    expect(errorsOf(sample({ predictions: Array.from({ length: 101 }, () => 0.5) }))).toEqual([{ field: 'predictions', message: 'predictions may hold at most 100 passes' }]);
    expect(errorsOf(sample({ predictions: { match: 1 } }))).toEqual([{ field: 'predictions', message: 'predictions must be an array of distributions, got an object' }]);
  });

  it('reports every problem of a line at once, schema and distributions alike', () => {
    expect(errorsOf(sample({ text_a: '', prediction: { match: 0.9, no_match: 0.9 } }))).toEqual([
      { field: 'text_a', message: 'text_a is empty' },
      { field: 'prediction', message: 'prediction must sum to 1 (±0.001), but it sums to 1.8' },
    ]);
  });
});
