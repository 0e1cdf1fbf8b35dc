/** React Native's networking for the tests (the device edge). On a phone `XMLHttpRequest` hands the request to
 * the native networking module, which turns a FormData's parts into a multipart/form-data body — reading a
 * `{ uri, name, type }` part's bytes from the file at `uri` — and reports upload progress. jest has neither
 * (no `XMLHttpRequest` at all), so this is that native side on Node's http: the app's own `uploadFile`
 * (src/api/upload.ts) runs unchanged on top of it, with React Native's own FormData class.
 *
 * What it does not cover: the platform's HTTP stack itself (OkHttp / NSURLSession), file:// content resolution
 * for content:// or ph:// URIs, and background or interrupted transfers. */
import { readFileSync } from 'node:fs';
import http from 'node:http';

interface RNPart {
  string?: string;
  uri?: string;
  headers: Record<string, string>;
}

type ProgressListener = (event: { lengthComputable: boolean; loaded: number; total: number }) => void;

/** What RCTNetworking / OkHttp do with a FormData: one part per entry, a `uri` part's bytes read from the file. */
function encodeMultipart(parts: RNPart[]): { body: Buffer; contentType: string } {
  const boundary = `----RNFormDataBoundary${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`));
    if (part.uri !== undefined) {
      if (!part.uri.startsWith('file://')) throw new Error(`cannot read ${part.uri}`);
      chunks.push(readFileSync(part.uri.slice('file://'.length)));
    } else chunks.push(Buffer.from(part.string ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const CHUNK_BYTES = 16 * 1024;

export class NodeXMLHttpRequest {
  status = 0;
  responseText = '';
  timeout = 0;
  upload: { onprogress: ProgressListener | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private headers: Record<string, string> = {};

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  send(body?: unknown): void {
    let payload: Buffer;
    const headers = { ...this.headers };
    if (body && typeof (body as { getParts?: unknown }).getParts === 'function') {
      const encoded = encodeMultipart((body as { getParts(): RNPart[] }).getParts());
      payload = encoded.body;
      headers['Content-Type'] = encoded.contentType;
    } else payload = Buffer.from(body == null ? '' : String(body));
    headers['Content-Length'] = String(payload.length);
    const request = http.request(
      this.url,
      { method: this.method, headers, agent: new http.Agent({ keepAlive: false }) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          this.status = response.statusCode ?? 0;
          this.responseText = Buffer.concat(chunks).toString('utf8');
          this.onload?.();
        });
      },
    );
    let failed = false;
    request.on('error', () => {
      if (failed) return;
      failed = true;
      this.onerror?.();
    });
    // Written in chunks, each acknowledged by the socket before progress is reported (as the platform does).
    const write = (offset: number) => {
      if (failed) return;
      if (offset >= payload.length) {
        request.end();
        return;
      }
      const end = Math.min(payload.length, offset + CHUNK_BYTES);
      request.write(payload.subarray(offset, end), () => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: end, total: payload.length });
        write(end);
      });
    };
    write(0);
  }
}
