import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import { AppError, type RouteSpec } from '@quorum/contracts';
import type { ServiceContext } from '@quorum/services';
import { resolveCaller, type Caller } from '../auth';

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type Input<S extends RouteSpec> = {
  caller: S['roles'] extends 'public' ? Caller | null : Caller;
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  /** rawBody routes get the request itself, to stream. */
  body: S['rawBody'] extends true ? Request : Infer<S['body']>;
  req: Request;
  res: Response;
};
type Output<S extends RouteSpec> = S['response'] extends z.ZodType ? z.input<S['response']> : void;

const jsonBody = express.json({ limit: '1mb' });
/** rawBody routes read the stream themselves (an ingest may be gigabytes): nothing is buffered here. */
const rawBody: RequestHandler = (_req, _res, next) => next();

/** Turns a zod failure into a 400 that names the field. */
function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.length > 0 ? i.path.join('.') : where, message: i.message }));
  const first = details[0]!;
  throw new AppError('bad_request', `${first.field}: ${first.message}`, first.field, details);
}

/**
 * Mounts one route of the contract table. Every route goes through here, so none can skip
 * authentication, the role check or validation; handlers only call a service.
 */
export function defineRoute<S extends RouteSpec>(
  router: Router,
  ctx: ServiceContext,
  spec: S,
  /** May return nothing after answering itself through `res` (streams, 503). */
  handler: (input: Input<S>) => Promise<Output<S> | void>,
): void {
  const bodyParser = spec.rawBody ? rawBody : jsonBody;
  router[spec.method](spec.path, bodyParser, async (req: Request, res: Response) => {
    const caller = spec.roles === 'public' ? null : await resolveCaller(ctx, req, spec.token === true);
    if (spec.roles !== 'public') {
      if (!caller) throw new AppError('unauthenticated', 'log in first');
      if (!spec.roles.includes(caller.role)) throw new AppError('forbidden', `this needs the ${spec.roles.join(' or ')} role`);
    }
    const input = {
      caller,
      params: parsePart(spec.params, req.params, 'params'),
      query: parsePart(spec.query, req.query, 'query'),
      body: spec.rawBody ? req : parsePart(spec.body, req.body, '(body)'),
      req,
      res,
    } as Input<S>;
    const result = await handler(input);
    if (res.headersSent) return;
    if (spec.response === null) res.status(spec.status).end();
    else res.status(spec.status).json(result);
  });
}
