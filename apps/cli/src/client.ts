/** A minimal API client for machine use: bearer token, JSON errors turned into readable ones. */
export type ClientOptions = { url: string; token: string };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string; field?: string; details?: { line?: number; field: string; message: string }[] } },
  ) {
    super(body.error?.message ?? `HTTP ${status}`);
  }
}

export async function apiFetch(opts: ClientOptions, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${opts.url.replace(/\/$/, '')}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${opts.token}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) {
    const text = await res.text();
    let body: ApiFailure['body'] = {};
    try {
      body = JSON.parse(text) as ApiFailure['body'];
    } catch {
      body = { error: { message: text.slice(0, 200) || `HTTP ${res.status}` } };
    }
    throw new ApiFailure(res.status, body);
  }
  return res;
}
