/**
 * A tiny loopback HTTP proxy that records when each request arrived. The conformance observations carry no
 * timestamps, and the reference server has no per-request hook, so the peak requests per 10 s window (what a
 * staging rate limit sees) is measured here, between the suite and the server. It forwards bytes unchanged.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Arrival time (epoch ms) of every request, API and health checks alike. */
  arrivals: number[];
  /** Arrivals of requests under /api/ only (what a rate limiter counts). */
  apiArrivals: number[];
  close(): Promise<void>;
}

export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  const arrivals: number[] = [];
  const apiArrivals: number[] = [];
  const server = http.createServer((req, res) => {
    const now = Date.now();
    arrivals.push(now);
    if (req.url?.startsWith('/api/')) apiArrivals.push(now);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`counting proxy: upstream error ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    apiArrivals,
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
