import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy saw it: when it arrived (epoch ms), what it asked for, what the target answered. */
export interface ProxiedRequest {
  arrivedAt: number;
  method: string;
  path: string;
  status: number;
  /** The request's Content-Type header, if it had one. */
  contentType?: string;
  /** Bytes of request body the client sent. */
  bodyBytes: number;
  /** The request's `LD-API-Version` header, null when it had none (which version the client asked for). */
  apiVersion: string | null;
  /** The request's User-Agent, null when it had none (who sent it: the suite names itself and its run there). */
  userAgent: string | null;
}

/** An answer the proxy gives itself instead of passing the request on (a rate limit in front of a good target). */
export interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RecordingProxyOptions {
  /** Asked for every request: an answer to give instead of the target's, or null to pass it on. */
  intercept?: (method: string, url: URL) => CannedAnswer | null;
}

export interface RecordingProxy {
  url: string;
  /** Every secret that passed through: Authorization values sent and whole `token` values received. */
  secrets: Set<string>;
  /** Every request, in arrival order (the staging-like test measures pacing from the arrival times). */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of a target that remembers every secret it saw: each Authorization
 * value sent and each whole `token` value (longer than 4 characters) in a JSON response. The secret-scan
 * system test then knows every secret the run handled without any help from the server. It also logs
 * each request's arrival time, so the request rate can be measured on the server side of the wire. `intercept`
 * answers chosen requests itself (a rate limit that only the end-of-run sweep meets).
 */
export async function startRecordingProxy(targetUrl: string, options: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const secrets = new Set<string>();
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const version = req.headers['ld-api-version'];
    const entry: ProxiedRequest = {
      arrivedAt: Date.now(),
      method: req.method ?? '',
      path: req.url ?? '',
      status: 0,
      bodyBytes: 0,
      apiVersion: typeof version === 'string' ? version : null,
      userAgent: req.headers['user-agent'] ?? null,
    };
    if (req.headers['content-type'] !== undefined) entry.contentType = req.headers['content-type'];
    req.on('data', (chunk: Buffer) => {
      entry.bodyBytes += chunk.length;
    });
    requests.push(entry);
    const auth = req.headers.authorization;
    if (auth && auth.length > 4) secrets.add(auth);
    const canned = options.intercept?.(entry.method, new URL(entry.path, 'http://proxy.invalid'));
    if (canned) {
      entry.status = canned.status;
      req.resume();
      res.writeHead(canned.status, canned.headers);
      res.end(canned.body);
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          collectTokens(body.toString('utf8'), secrets);
          entry.status = up.statusCode ?? 502;
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      entry.status = 502;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"code":"proxy","message":"upstream unreachable"}');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secrets,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function collectTokens(text: string, into: Set<string>): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'token' && typeof v === 'string' && v.length > 4) into.add(v);
        else walk(v);
      }
    }
  };
  walk(parsed);
}
