/* global document, window, axe */
// A real backend for the browser tests: fresh SQLite database in a temp dir, migrate + seed_demo,
// runserver on a free port serving the built SPA; and Debian's Chromium driven by playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const ARTIFACTS = join(HERE, 'artifacts');
// E2E_BACKEND_DIR: run against another copy of the backend (e.g. an export of HEAD).
const BACKEND = process.env.E2E_BACKEND_DIR ?? join(ROOT, 'backend');
const PYTHON = process.env.PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const PASSWORD = 'demo-pass-2026';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A hash of the backend's Python sources: the seeded database is reused until any of them changes. */
function backendFingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name === '__pycache__' || name === 'tests') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.py') || name.endsWith('.json')) hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(BACKEND, 'apps'));
  walk(join(BACKEND, 'projectmeats'));
  return hash.digest('hex').slice(0, 16);
}

/** `spa: false` for a client that brings its own pages (the field app's web build): frontend/dist is not needed. */
export async function startBackend({ spa = true } = {}) {
  if (spa && !existsSync(join(ROOT, 'frontend', 'dist', 'index.html'))) {
    throw new Error('frontend/dist is missing: run `make frontend-build` first.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'pm-e2e-'));
  const env = {
    ...process.env,
    DJANGO_ENV: 'development',
    DEBUG: 'false',
    DATABASE_URL: `sqlite:///${join(dir, 'db.sqlite3')}`,
    MEDIA_ROOT: join(dir, 'media'),
    CELERY_BROKER_URL: '',
    REDIS_URL: '',
    PYTHONUNBUFFERED: '1',
    FRONTEND_DIST: join(ROOT, 'frontend', 'dist'),
  };
  delete env.DATABASE_OPS_URL;
  const manage = (...args) => execFileSync(PYTHON, ['manage.py', ...args], { cwd: BACKEND, env, stdio: 'pipe' });
  // Migrating and seeding take most of the start-up; each test file gets a fresh copy of one seeded database.
  const template = join(tmpdir(), `pm-e2e-template-${backendFingerprint()}.sqlite3`);
  if (!existsSync(template)) {
    manage('migrate', '--noinput');
    manage('seed_demo');
    // A second brokerage the demo owner also belongs to: the tenant switcher, and isolation between the two.
    manage('create_tenant', 'Second Brokerage', '--slug', 'second', '--owner', 'demo_owner');
    copyFileSync(join(dir, 'db.sqlite3'), `${template}.partial`);
    renameSync(`${template}.partial`, template);
  } else {
    copyFileSync(template, join(dir, 'db.sqlite3'));
  }
  const port = await freePort();
  const server = spawn(PYTHON, ['manage.py', 'runserver', `127.0.0.1:${port}`, '--noreload'], {
    cwd: BACKEND,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`runserver exited:\n${log}`);
    try {
      const response = await fetch(`${baseURL}/health/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`runserver did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    manage,
    log: () => log,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile (its own --user-data-dir) per call, so sessions never leak between tests. */
export async function newBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'pm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function signIn(page, baseURL, username, path = '/sign-in') {
  await page.goto(`${baseURL}${path}`);
  await page.getByLabel('Username or e-mail').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A call from the signed-in page (session cookie + CSRF), as the web app makes it: {status, body}. */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1] ?? '';
      const response = await fetch(path, {
        method,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, body: parsed };
    },
    { method, path, body },
  );
}

/** Sign out through the user menu (a closing dropdown may swallow the first click: up to three tries). */
export async function signOut(page) {
  for (let attempt = 1; ; attempt += 1) {
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    try {
      await page.waitForURL(/\/sign-in/, { timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline <script> tags.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE_SOURCE}\n;true`);
  return page.evaluate(async () => {
    const report = await axe.run(document, { resultTypes: ['violations'] });
    return report.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
  });
}

/** Opens one group of the side menu and returns where its links are: the menu itself when it is expanded
 * (a click opens the group's submenu), the group's pop-up when it is collapsed to icons (a hover opens it). */
export async function openMenuGroup(page, group) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const title = nav.locator('.ant-menu-submenu-title', { hasText: group });
  if (await nav.locator('.ant-menu-inline-collapsed').count()) {
    await title.hover();
    const popup = page.locator('.ant-menu-submenu-popup').filter({ visible: true }).last();
    await popup.waitFor();
    return popup;
  }
  const submenu = nav.locator('li.ant-menu-submenu', { has: page.locator('.ant-menu-submenu-title', { hasText: group }) });
  if (!(await submenu.evaluate((node) => node.classList.contains('ant-menu-submenu-open')))) await title.click();
  await submenu.locator('.ant-menu-sub').filter({ visible: true }).waitFor();
  return nav;
}
