import type { ErrorCode, ErrorDetail } from '@quorum/contracts';

/** An error from the API, carrying the server's `{error:{code,message,field?,details?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Turns a non-2xx response body (already parsed, or null) into an ApiError. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: Record<string, unknown> } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    const field = typeof err.field === 'string' ? err.field : undefined;
    const details = Array.isArray(err.details) ? (err.details as ErrorDetail[]) : undefined;
    return new ApiError(status, err.code as ErrorCode, err.message, field, details);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'bad_request', `The server answered ${status}.`);
}

/** A message fit for the user, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    const where = e.field ? ` (${e.field})` : '';
    const lines = e.details?.slice(0, 5).map((d) => `${d.line !== undefined ? `line ${d.line}: ` : ''}${d.field}: ${d.message}`);
    return `${e.message}${where}${lines?.length ? ` — ${lines.join('; ')}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
