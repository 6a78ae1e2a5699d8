import { ROUTES, type RouteSpec } from '@quorum/contracts';
import { API, expectError } from './support/http';
import { startPlatform, type Platform } from './support/platform';

// GET /health, GET /openapi.json, GET /docs, and the answer for a route that does not exist.
jest.setTimeout(30_000);
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'ho-lab@t.test', role: 'labeller' }]);
});
afterAll(async () => p.close());

const SPECS = Object.entries(ROUTES) as [string, RouteSpec][];
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('GET /health', () => {
  test('answers 200 with PostgreSQL and Redis ok, without a login', async () => {
    const res = await p.anonymous().get(`${API}/health`).expect(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  test('answers the same to a logged-in user', async () => {
    const agent = await p.login('ho-lab@t.test');
    expect((await agent.get(`${API}/health`).expect(200)).body.status).toBe('ok');
  });
});

describe('GET /openapi.json', () => {
  let doc: { openapi: string; info: { title: string }; servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown>; requestBody?: { content: Record<string, unknown> }; parameters?: { name: string; in: string }[] }>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };
  beforeAll(async () => {
    const res = await p.anonymous().get(`${API}/openapi.json`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body;
  });

  test('is an OpenAPI 3.1 document served under /api/v1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Quorum API');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['session', 'token']);
  });

  test('lists exactly the paths of the route table', () => {
    const expected = [...new Set(SPECS.map(([, s]) => openApiPath(s.path)))].sort();
    expect(Object.keys(doc.paths).sort()).toEqual(expected);
  });

  test.each(SPECS)('%s is documented with its method, status, parameters and security', (name, spec) => {
    const op = doc.paths[openApiPath(spec.path)]?.[spec.method];
    expect(op).toBeDefined();
    expect(op!.operationId).toBe(name);
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining([String(spec.status), '400', '401', '403', '404']));
    const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    expect((op!.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name)).toEqual(pathParams);
    if (spec.roles === 'public') expect(op!.security).toEqual([]);
    else if (spec.token) expect(op!.security).toEqual([{ session: [] }, { token: [] }]);
    else expect(op!.security).toEqual([{ session: [] }]);
    if (spec.body || spec.rawBody) expect(op!.requestBody).toBeDefined();
    else expect(op!.requestBody).toBeUndefined();
  });

  test('ingest documents both JSON and NDJSON bodies; export documents its stream', () => {
    const ingest = doc.paths[openApiPath(ROUTES.ingestSamples.path)]!.post!;
    expect(Object.keys(ingest.requestBody!.content).sort()).toEqual(['application/json', 'application/x-ndjson']);
    const exp = doc.paths[openApiPath(ROUTES.exportDatasetVersion.path)]!.get!;
    expect(Object.keys((exp.responses['200'] as { content: Record<string, unknown> }).content)).toEqual(['application/x-ndjson', 'text/csv', 'application/vnd.apache.parquet']);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['User', 'Project', 'LabellerBatch', 'ReviewDetail', 'DatasetVersion', 'DatasetDiff', 'QuarantinedRow', 'Error']));
  });
});

describe('GET /docs', () => {
  test('serves the Swagger UI page as HTML', async () => {
    const res = await p.anonymous().get(`${API}/docs/`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html/i);
    expect(res.text).toMatch(/swagger-ui/);
    expect(res.text).toContain('Quorum API');
  });

  test('/docs without the slash leads to the page', async () => {
    const res = await p.anonymous().get(`${API}/docs`).redirects(2);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('a route that does not exist', () => {
  test('answers 404 not_found as JSON', async () => {
    expectError(await p.anonymous().get(`${API}/nothing-here`), 404, 'not_found');
    expectError(await p.anonymous().delete(`${API}/projects`), 404, 'not_found');
  });
});
