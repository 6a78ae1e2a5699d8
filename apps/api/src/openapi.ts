import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ROUTES, ZErrorBody, type RouteSpec } from '@quorum/contracts';
import { ZSampleRecordInput } from '@quorum/core';
import { HTTP_STATUS } from './errors';

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'quorum.sid' });
  registry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer' });
  for (const [name, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const errors = Object.fromEntries(
      [...new Set(Object.values(HTTP_STATUS))].map((status) => [String(status), { description: 'Error', content: { 'application/json': { schema: ZErrorBody } } }]),
    );
    const body = spec.rawBody
      ? {
          content: {
            'application/json': { schema: z.array(ZSampleRecordInput) },
            'application/x-ndjson': { schema: z.string().meta({ description: 'One sample record (JSON) per line' }) },
          },
        }
      : spec.body
        ? { content: { 'application/json': { schema: spec.body } } }
        : undefined;
    registry.registerPath({
      operationId: name,
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      description: spec.roles === 'public' ? 'No login needed.' : `Roles: ${spec.roles.join(', ')}${spec.token ? ' (API tokens accepted)' : ''}.`,
      security: spec.roles === 'public' ? [] : spec.token ? [{ session: [] }, { token: [] }] : [{ session: [] }],
      request: { params: spec.params, query: spec.query, body },
      responses: {
        [String(spec.status)]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
          : spec.produces
            ? { description: 'OK', content: Object.fromEntries(spec.produces.map((type) => [type, { schema: z.string() }])) }
            : { description: 'No content' },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Quorum API', version: '1', description: 'Human-in-the-loop labelling: ingest, batches, reviews, dataset versions.' },
    servers: [{ url: '/api/v1' }],
  });
}
