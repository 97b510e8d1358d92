import http, { IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  body: any;
  ms: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, e.g. malformed or oversized JSON. */
  raw?: string | Buffer;
  timeoutMs?: number;
}

/**
 * A small keep-alive HTTP client on node:http: no retries, no redirects, a
 * hard timeout per request (so every loop of the suite is bounded), and the
 * latency of each answer.
 */
export function createClient(baseUrl: string, maxSockets = 64) {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });

  function request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Answer> {
    const payload =
      options.raw ??
      (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers: Record<string, string | number> = { ...options.headers };
    if (payload !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path: `${base.pathname.replace(/\/$/, '')}${path}`,
          headers,
          timeout: options.timeoutMs ?? 30_000,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any;
            if (/json/.test(String(res.headers['content-type']))) {
              try {
                body = JSON.parse(text);
              } catch {
                body = undefined;
              }
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              body,
              ms: performance.now() - start,
            });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path} timed out`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    request,
    get: (path: string, options?: RequestOptions) =>
      request('GET', path, options),
    post: (path: string, options?: RequestOptions) =>
      request('POST', path, options),
    close: () => agent.destroy(),
  };
}

export type Client = ReturnType<typeof createClient>;

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

/** Backstage's JSON error body: `{ error: { name, message } }`. */
export function isBackstageError(answer: Answer): boolean {
  const error = answer.body?.error;
  return (
    /application\/json/.test(String(answer.headers['content-type'])) &&
    typeof error?.name === 'string' &&
    typeof error?.message === 'string'
  );
}
