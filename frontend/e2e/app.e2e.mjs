/* global document */
// End-to-end: the built SPA and the API from one Django server, in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBrowser, screenshot, signIn, startBackend } from './harness.mjs';

let backend;

before(async () => {
  backend = await startBackend();
});

after(async () => {
  await backend?.stop();
});

/** A request the UI would never make, sent from the signed-in page with its cookies and CSRF token. */
async function forcedRequest(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1] ?? '';
      const response = await fetch(path, {
        method,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    },
    { method, path, body },
  );
}

describe('owner', () => {
  let browser;
  before(async () => {
    browser = await newBrowser();
  });
  after(async () => browser?.close());

  test('signs in, sees the tenant, lists and creates a member', async () => {
    const { page } = browser;
    await page.goto(`${backend.baseURL}/`);
    await page.waitForURL(/\/sign-in/);
    await screenshot(page, '01-sign-in');
    await signIn(page, backend.baseURL, 'demo_owner');
    await page.getByTestId('current-tenant').waitFor();
    assert.match(await page.getByTestId('current-tenant').innerText(), /Demo Meat Brokerage/);
    await screenshot(page, '02-home');

    await page.getByRole('link', { name: 'Members', exact: true }).first().click();
    await page.waitForURL(/\/members$/);
    await page.getByRole('cell', { name: 'demo_readonly', exact: true }).waitFor();
    await screenshot(page, '03-members');

    await page.getByRole('button', { name: /New member/ }).click();
    await page.waitForURL(/\/members\/new$/);
    await page.getByRole('heading', { name: 'New member' }).waitFor();
    // The API's field error lands on its field.
    await page.getByRole('textbox', { name: 'E-mail' }).fill('not-an-email');
    await page.getByRole('button', { name: 'Create member' }).click();
    await page.getByText(/valid email/i).waitFor();
    await screenshot(page, '04-member-field-error');

    await page.getByRole('textbox', { name: 'E-mail' }).fill('e2e.buyer@example.com');
    await page.getByLabel('First name').fill('Erin');
    await page.getByLabel('Initial password').fill('a-Strong-pass-2026');
    await page.getByRole('button', { name: 'Create member' }).click();
    await page.waitForURL(/\/members\/\d+$/);
    await page.getByText('e2e.buyer@example.com').first().waitFor();
    await screenshot(page, '05-member-created');

    await page.goto(`${backend.baseURL}/members?search=e2e.buyer`);
    await page.getByRole('cell', { name: 'e2e.buyer@example.com', exact: true }).first().waitFor();
    assert.equal(await page.getByRole('cell', { name: 'demo_readonly', exact: true }).count(), 0);
  });

  test('after signing out, a deep link goes to sign-in and back', async () => {
    const { page } = browser;
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out').click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${backend.baseURL}/members?role=readonly`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Username or e-mail').fill('demo_admin');
    await page.getByLabel('Password').fill('demo-pass-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/members\?role=readonly$/);
    await page.getByRole('cell', { name: 'demo_readonly', exact: true }).waitFor();
    assert.equal(await page.getByRole('cell', { name: 'demo_owner', exact: true }).count(), 0);
  });
});

describe('readonly user', () => {
  let browser;
  before(async () => {
    browser = await newBrowser();
  });
  after(async () => browser?.close());

  test('sees no edit buttons, and a forced write is refused with 403', async () => {
    const { page } = browser;
    await signIn(page, backend.baseURL, 'demo_readonly');
    await page.getByTestId('current-tenant').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Members', exact: true }).count(), 0);

    await page.goto(`${backend.baseURL}/proteins`);
    await page.getByRole('cell', { name: 'Beef', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^New / }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Edit|^Delete/ }).count(), 0);
    await screenshot(page, '06-readonly-proteins');

    await page.goto(`${backend.baseURL}/members`);
    await page.getByText('Not allowed').waitFor();
    await screenshot(page, '07-readonly-members-refused');

    const forced = await forcedRequest(page, 'POST', '/api/v1/members/', { email: 'sneaky@example.com', role: 'owner' });
    assert.equal(forced.status, 403, forced.body);
  });
});
