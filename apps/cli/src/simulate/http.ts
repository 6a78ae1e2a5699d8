import { ApiFailure } from '../client';

/**
 * One logged-in user of the simulation: a cookie session, as a browser would hold it. The
 * simulator deliberately goes through login + cookie rather than API tokens, because labellers
 * cannot use tokens (the batch routes are session-only) and it must exercise the real path.
 */
export class Session {
  private cookie = '';

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    /** Shared by a run's sessions: 429s are reported, because waiting distorts server-side timing. */
    readonly counters: { rateLimited: number },
  ) {}

  static async login(baseUrl: string, email: string, password: string, counters: { rateLimited: number }): Promise<Session> {
    const s = new Session(baseUrl.replace(/\/$/, ''), email, counters);
    await s.request('POST', '/auth/login', { email, password });
    if (!s.cookie) throw new Error(`logging in as ${email} set no quorum.sid cookie`);
    return s;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request('GET', path)) as T;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request('POST', path, body ?? {})) as T;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.request('PUT', path, body)) as T;
  }

  /** Sends raw text (NDJSON ingest). */
  async postText<T>(path: string, text: string, contentType: string): Promise<T> {
    return (await this.request('POST', path, text, contentType)) as T;
  }

  /** The raw response, for streamed bodies (export). */
  async raw(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  private async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const res = await this.send(method, path, body, contentType);
    if (res.status === 204) return null;
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : null;
  }

  private async send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {};
      if (this.cookie) headers.cookie = this.cookie;
      if (body !== undefined) headers['content-type'] = contentType;
      const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      this.keepCookie(res);
      if (res.ok) return res;
      // The API limits requests per client IP, and the whole crowd shares one IP here; waiting
      // out the window keeps the run going (and is counted, since it slows labellers down).
      if (res.status === 429 && attempt < 20) {
        this.counters.rateLimited += 1;
        await res.text();
        await sleep(retryAfterMs(res));
        continue;
      }
      throw await failure(res);
    }
  }

  private keepCookie(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair?.startsWith('quorum.sid=')) this.cookie = pair;
    }
  }
}

async function failure(res: Response): Promise<ApiFailure> {
  const text = await res.text();
  try {
    return new ApiFailure(res.status, JSON.parse(text) as ApiFailure['body']);
  } catch {
    return new ApiFailure(res.status, { error: { message: text.slice(0, 200) || `HTTP ${res.status}` } });
  }
}

/** Retry-After (seconds), else the draft-8 RateLimit header's `t=` (seconds to reset), else 2 s. */
function retryAfterMs(res: Response): number {
  const after = Number(res.headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return Math.min(after, 60) * 1000;
  const t = /;t=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1];
  return t ? Math.min(Number(t), 60) * 1000 + 100 : 2000;
}

export const errorCode = (err: unknown): string | undefined => (err instanceof ApiFailure ? err.body.error?.code : undefined);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
