import { datasetSettingsParse, ZDatasetSettings } from '../../src/datasets/dataset-config';

const messagesOf = (input: unknown) => {
  const r = ZDatasetSettings.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('datasetSettingsParse', () => {
  it('fills every default from an empty object', () => {
    expect(datasetSettingsParse({})).toEqual({
      splitRatios: { train: 0.8, dev: 0.1, test: 0.1 },
      nearDuplicateThreshold: 0.9,
      labelDriftThreshold: 0.1,
      symmetricPairs: false,
    });
  });

  it('accepts ratios that add up to 1 in floating point', () => {
    expect(datasetSettingsParse({ splitRatios: { train: 0.7, dev: 0.2, test: 0.1 } }).splitRatios.train).toBe(0.7);
    expect(datasetSettingsParse({ splitRatios: { train: 1, dev: 0, test: 0 } }).splitRatios.test).toBe(0);
  });

  it('rejects bad settings with plain messages', () => {
    expect(messagesOf({ splitRatios: { train: 0.5, dev: 0.1, test: 0.1 } })).toEqual(['splitRatios must add up to 1']);
    expect(messagesOf({ splitRatios: { train: 0, dev: 0.5, test: 0.5 } })).toEqual(['splitRatios.train must be above 0']);
    expect(messagesOf({ splitRatios: { train: 1.2, dev: -0.2, test: 0 } })).toEqual([
      'splitRatios.train must be at most 1',
      'splitRatios.dev must be at least 0',
    ]);
    expect(messagesOf({ nearDuplicateThreshold: 0.4 })).toEqual(['nearDuplicateThreshold must be at least 0.5']);
    expect(messagesOf({ labelDriftThreshold: 2 })).toEqual(['labelDriftThreshold must be at most 1']);
    expect(messagesOf({ symmetricPairs: 'yes' })).toEqual(['symmetricPairs must be true or false']);
    expect(messagesOf({ splitRatio: {} })).toHaveLength(1);
  });
});
