import { fillPath, pathUrl } from '../src/api/client';
import { apiErrorFrom, errorMessage } from '../src/api/errors';

describe('api errors', () => {
  it("keeps the server's code, message, field and details", () => {
    const e = apiErrorFrom(409, { error: { code: 'lease_expired', message: 'This batch expired.' } });
    expect(e).toMatchObject({ status: 409, code: 'lease_expired', message: 'This batch expired.' });
    const f = apiErrorFrom(400, { error: { code: 'bad_request', message: 'Invalid samples', field: 'body', details: [{ line: 3, field: 'textA', message: 'is required' }] } });
    expect(errorMessage(f)).toBe('Invalid samples (body) — line 3: textA: is required');
  });

  it('falls back to a plain message when the body is not an error body', () => {
    expect(apiErrorFrom(502, null)).toMatchObject({ code: 'internal', message: 'The server answered 502.' });
  });

  it('fills and encodes path parameters', () => {
    expect(fillPath('/reviews/:reviewId/claim', { reviewId: 'a/b' })).toBe('/reviews/a%2Fb/claim');
    expect(() => fillPath('/batches/:batchId', {})).toThrow('batchId');
  });

  it('leaves unset query values out of a URL', () => {
    expect(pathUrl('/dataset-versions/:versionId/export', { versionId: 'v 1' }, { format: 'csv', split: undefined, q: '' })).toBe('/api/v1/dataset-versions/v%201/export?format=csv');
    expect(pathUrl('/tokens')).toBe('/api/v1/tokens');
  });
});
