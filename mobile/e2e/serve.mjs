// Serves the field app's web build (mobile/dist) and passes /api/ and /media/ to the backend, so the app and
// the API share one origin (as behind the production proxy, docs/MOBILE.md). The app's own files carry the
// security headers the backend puts on its pages (Content-Security-Policy, Permissions-Policy, frame and
// sniffing rules), read from the backend itself: the test fails if the build needs anything that policy refuses.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
};
const SECURITY_HEADERS = [
  'content-security-policy',
  'content-security-policy-report-only',
  'permissions-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
];

/** The security headers the backend sends on a page of its own (the web app's route). */
async function backendSecurityHeaders(backendURL) {
  const response = await fetch(`${backendURL}/`, { redirect: 'manual' });
  await response.arrayBuffer();
  const headers = {};
  for (const name of SECURITY_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  if (!headers['content-security-policy']) throw new Error(`the backend sent no Content-Security-Policy on /: ${JSON.stringify(headers)}`);
  return headers;
}

export async function serveApp(distDir, backendURL) {
  const backend = new URL(backendURL);
  const security = await backendSecurityHeaders(backendURL);
  const server = createServer((req, res) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/media/')) {
      const upstream = httpRequest(
        { host: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: { ...req.headers, host: backend.host } },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(distDir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(distDir, 'index.html');
    res.writeHead(200, { ...security, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        security,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}
