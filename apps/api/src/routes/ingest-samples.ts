import type { Router } from 'express';
import { z } from 'zod';
import { ROUTES } from '@quorum/contracts';
import { envParse, INGEST_LIMITS_DEFAULT, ingestSamples, type IngestLimits, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

const bytes = (fallback: number) => z.coerce.number().int().min(1024, 'must be at least 1024 bytes').default(fallback);

/** Ingest limits from the environment (INGEST_MAX_BYTES, INGEST_MAX_JSON_BYTES, INGEST_MAX_LINE_BYTES). */
const ZIngestEnv = z.object({
  INGEST_MAX_BYTES: bytes(INGEST_LIMITS_DEFAULT.maxBytes),
  INGEST_MAX_JSON_BYTES: bytes(INGEST_LIMITS_DEFAULT.maxJsonBytes),
  INGEST_MAX_LINE_BYTES: bytes(INGEST_LIMITS_DEFAULT.maxLineBytes),
});

/** Parsed once, when the routes are mounted; a bad value stops the process naming the key. */
export function ingestLimitsFromEnv(source: NodeJS.ProcessEnv = process.env): IngestLimits {
  const env = envParse('api', ZIngestEnv, source);
  return { maxBytes: env.INGEST_MAX_BYTES, maxJsonBytes: env.INGEST_MAX_JSON_BYTES, maxLineBytes: env.INGEST_MAX_LINE_BYTES };
}

export function ingestRoutes(router: Router, ctx: ServiceContext, limits: IngestLimits = ingestLimitsFromEnv()): void {
  defineRoute(router, ctx, ROUTES.ingestSamples, async ({ caller, params, query, body: req, res }) => {
    const length = req.headers['content-length'];
    const source = { kind: 'stream' as const, stream: req, contentEncoding: req.headers['content-encoding'], contentLength: length === undefined ? undefined : Number(length) };
    try {
      return await ingestSamples(ctx, caller, params.projectId, source, { partial: query.partial === 'true', limits });
    } catch (err) {
      // Answered before the body was read (413, a line too long, a dropped upload): closing the
      // connection spares the client from uploading the rest, maybe gigabytes, into a drain.
      if (!req.readableEnded) res.setHeader('Connection', 'close');
      throw err;
    }
  });
}
