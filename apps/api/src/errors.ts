import type { ErrorRequestHandler } from 'express';
import { AppError, type ErrorCode } from '@quorum/contracts';

/** The one table from error code to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  paused: 403,
  not_found: 404,
  conflict: 409,
  lease_expired: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** Body-parser and other middleware errors, mapped onto our codes. */
function fromMiddleware(err: { type?: string; status?: number; message?: string }): AppError | null {
  if (err.type === 'entity.too.large') return new AppError('payload_too_large', 'the request body is too large', '(body)');
  if (err.type === 'entity.parse.failed') return new AppError('bad_request', 'the request body is not valid JSON', '(body)');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return new AppError('bad_request', err.message ?? 'unsupported encoding', '(body)');
  return null;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appErr = err instanceof AppError ? err : fromMiddleware(err as { type?: string });
  if (!appErr) {
    req.log?.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'something went wrong on our side' } });
    return;
  }
  res.status(HTTP_STATUS[appErr.code]).json({
    error: { code: appErr.code, message: appErr.message, ...(appErr.field ? { field: appErr.field } : {}), ...(appErr.details ? { details: appErr.details } : {}) },
  });
};
