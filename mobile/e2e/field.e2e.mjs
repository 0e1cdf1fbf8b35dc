// The field app's web build in Debian's Chromium against the real backend (fresh seeded database, the web
// app's harness): sign in, today's loads, enter a catch weight, upload a photo, see the draft, sign out.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { PASSWORD, ROOT, newBrowser, screenshot, startBackend } from '../../frontend/e2e/harness.mjs';
import { serveApp } from './serve.mjs';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const PHOTO = join(ROOT, 'backend', 'apps', 'ai_assistant', 'fixtures', 'E_photo.jpg');
let backend, app, browser;

async function apiAs(username, method, path, body) {
  const login = await fetch(`${backend.baseURL}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = await login.json();
  const response = await fetch(`${backend.baseURL}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
}

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'mobile/dist is missing: run `npm run export:web` first.');
  backend = await startBackend({ spa: false });
  app = await serveApp(DIST, backend.baseURL);
  browser = await newBrowser();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await backend?.stop();
});

test('sign in, today, catch weight, photo upload, draft, sign out', async () => {
  const page = browser.page;
  // Anything the backend's Content-Security-Policy refuses shows up as a console error (and an uncaught
  // error when the app itself breaks): the web build must run under the production headers unchanged.
  const refused = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  page.on('pageerror', (error) => refused.push(`uncaught: ${error.message}`));
  try {
    assert.match(app.security['content-security-policy'], /script-src 'self'(;|$)/);
    // A demo load assigned to demo_user picks up today.
    const loads = await apiAs('demo_user', 'GET', '/api/v1/loads/?assigned_to=me&status=tendered');
    const load = loads.results[0];
    assert.ok(load, 'the demo data has a tendered load assigned to demo_user');
    const today = new Date().toLocaleDateString('en-CA');
    const moved = await apiAs('demo_user', 'PATCH', `/api/v1/loads/${load.id}/`, { pickup_date: today, pickup_appointment_at: null });
    assert.equal(moved.pickup_date, today);

    await page.goto(app.url);
    await page.getByLabel('Username or e-mail').fill('demo_user');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText("Today's loads").waitFor();
    await page.getByRole('button', { name: 'Assigned to me: off' }).click();
    await page.getByRole('button', { name: new RegExp(`Load ${load.number}`) }).click();

    await page.getByText('Lines and catch weights').waitFor();
    await page.getByLabel('Actual weight (lb), line 1').first().fill('1187.4');
    await page.getByRole('button', { name: 'Save weights' }).click();
    await page.getByText(/Weights for .*: Sent/).waitFor({ timeout: 20_000 });
    const lines = await apiAs('demo_user', 'GET', `/api/v1/loads/${load.id}/lines/`);
    assert.equal(lines[0].actual_weight_lb, '1187.40');

    await page.getByRole('button', { name: 'Capture a document' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose from library' }).click();
    await (await chooser).setFiles(PHOTO);
    await page.getByRole('button', { name: 'Upload and attach' }).click();
    await page.getByRole('button', { name: 'See the draft' }).click({ timeout: 90_000 });
    await page.getByText('Draft', { exact: true }).waitFor({ timeout: 90_000 });
    await screenshot(page, 'mobile-draft');
    const documents = await apiAs('demo_user', 'GET', `/api/v1/loads/${load.id}/documents/`);
    assert.equal(documents.length, 1);
    assert.equal(documents[0].kind, 'bol');
    // The bytes the page held as a Blob reached the server unchanged.
    const uploaded = await apiAs('demo_user', 'GET', `/api/v1/ai-assistant/documents/${documents[0].document}/`);
    assert.equal(uploaded.sha256, createHash('sha256').update(readFileSync(PHOTO)).digest('hex'));
    assert.equal(uploaded.original_name, 'E_photo.jpg');

    // Back to today's loads (in-app history: the web build keeps the session in memory), then sign out.
    await page.goBack();
    await page.goBack();
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username or e-mail').waitFor();
    assert.deepEqual(refused, []);
  } catch (error) {
    await screenshot(page, 'FAILED-mobile');
    throw error;
  }
});
