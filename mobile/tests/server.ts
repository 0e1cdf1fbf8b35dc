/** A real HTTP server on 127.0.0.1 for the tests, answering like the backend for the routes a test gives it,
 * with the backend's Idempotency-Key rule (same key: the stored answer, the change applied once). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  key: string | undefined;
  tenant: string | undefined;
  body: unknown;
}

export type Handler = (request: Seen) => { status: number; body?: unknown; dropConnection?: boolean };

export class TestServer {
  seen: Seen[] = [];
  applied: Seen[] = [];
  private stored = new Map<string, { status: number; body?: unknown }>();
  private server: http.Server | null = null;
  port = 0;

  constructor(private readonly handler: Handler) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const key = req.headers['idempotency-key'] as string | undefined;
        const tenant = req.headers['x-tenant-id'] as string | undefined;
        const seen: Seen = { method: req.method ?? '', path: req.url ?? '', key, tenant, body: raw ? safeJson(raw) : undefined };
        this.seen.push(seen);
        const replay = key ? this.stored.get(key) : undefined;
        const answer = replay ?? this.handler(seen);
        if (!replay && answer.status < 300) {
          this.applied.push(seen);
          if (key) this.stored.set(key, { status: answer.status, body: answer.body });
        }
        if ('dropConnection' in answer && answer.dropConnection) {
          req.socket.destroy(); // the change was applied but the phone never hears back
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
