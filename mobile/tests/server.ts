/** A real HTTP server on 127.0.0.1 for the tests, answering like the backend for the routes a test gives it,
 * with the backend's Idempotency-Key rule (same key: the stored answer, the change applied once). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  key: string | undefined;
  tenant: string | undefined;
  /** The Authorization header (`Token …`), when the app sent one. */
  authorization?: string;
  /** JSON, or for multipart/form-data the parts as the backend's parser sees them. */
  body: unknown;
}

export interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** `hold`: the answer waits for it (the request's bytes have all arrived; the phone waits for the answer). */
export type Handler = (request: Seen) => {
  status: number;
  body?: unknown;
  dropConnection?: boolean;
  hold?: Promise<void>;
};

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

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const bytes = Buffer.concat(chunks);
        const boundary = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(req.headers['content-type'] ?? '')?.[1];
        const raw = bytes.toString('utf8');
        const key = req.headers['idempotency-key'] as string | undefined;
        const tenant = req.headers['x-tenant-id'] as string | undefined;
        const authorization = req.headers.authorization;
        const seen: Seen = { method: req.method ?? '', path: req.url ?? '', key, tenant, authorization, body: boundary ? multipart(bytes, boundary) : raw ? safeJson(raw) : undefined };
        this.seen.push(seen);
        const replay = key ? this.stored.get(key) : undefined;
        const answer = replay ?? this.handler(seen);
        if (!replay && answer.status < 300) {
          this.applied.push(seen);
          if (key) this.stored.set(key, { status: answer.status, body: answer.body });
        }
        if ('hold' in answer && answer.hold) await answer.hold;
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

/** multipart/form-data (RFC 7578) as Django's parser reads it: parts split on the boundary, each with its
 * Content-Disposition name / filename and Content-Type; a malformed body throws (the test fails). */
function multipart(bytes: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = bytes.indexOf(delimiter);
  if (start !== 0) throw new Error('multipart body does not start with its boundary');
  for (;;) {
    start += delimiter.length;
    if (bytes.subarray(start, start + 2).toString() === '--') return parts; // the closing delimiter
    if (bytes.subarray(start, start + 2).toString() !== '\r\n') throw new Error('no CRLF after a boundary');
    const end = bytes.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    if (end < 0) throw new Error('multipart part without a closing boundary');
    const part = bytes.subarray(start + 2, end);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new Error('multipart part without headers');
    const headers = Object.fromEntries(
      part
        .subarray(0, split)
        .toString('utf8')
        .split('\r\n')
        .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const disposition = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    parts.push({
      name,
      filename: filename === undefined ? null : decodeURIComponent(filename),
      contentType: headers['content-type'] ?? null,
      data: Buffer.from(part.subarray(split + 4)),
    });
    start = end + 2;
  }
}
