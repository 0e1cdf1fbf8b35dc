/* global document */
// End-to-end: the built SPA and the API from one Django server, in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBrowser, openMenuGroup, screenshot, signIn, startBackend } from './harness.mjs';

let backend;

/** Runs a test body; on failure keeps a screenshot of the page as it was (e2e/artifacts/FAILED-*.png). */
function shot(name, browserOf, body) {
  return async () => {
    try {
      await body();
    } catch (error) {
      const page = browserOf()?.page;
      if (page) await screenshot(page, `FAILED-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

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

  test('signs in, sees the tenant, lists members and sends an invitation', async () => {
    const { page } = browser;
    await page.goto(`${backend.baseURL}/`);
    await page.waitForURL(/\/sign-in/);
    await screenshot(page, '01-sign-in');
    await signIn(page, backend.baseURL, 'demo_owner');
    await page.getByTestId('current-tenant').waitFor();
    assert.match(await page.getByTestId('current-tenant').innerText(), /Demo Meat Brokerage/);
    await screenshot(page, '02-home');

    await (await openMenuGroup(page, 'Settings')).getByRole('link', { name: 'Members', exact: true }).first().click();
    await page.waitForURL(/\/members$/);
    await page.getByRole('cell', { name: 'demo_readonly', exact: true }).waitFor();
    await screenshot(page, '03-members');

    // People join by invitation: no "New member" form; the invitations panel under the list sends one.
    assert.equal(await page.getByRole('button', { name: /New member/ }).count(), 0);
    const invite = page.getByRole('form', { name: 'Invite a member' });
    // The API's field error lands on its field.
    await invite.getByRole('textbox', { name: 'E-mail' }).fill('not-an-email');
    await invite.getByRole('button', { name: /Send invitation/ }).click();
    await page.getByText(/valid email/i).waitFor();
    await screenshot(page, '04-invitation-field-error');

    await invite.getByRole('textbox', { name: 'E-mail' }).fill('e2e.buyer@example.com');
    await invite.getByRole('button', { name: /Send invitation/ }).click();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('cell', { name: 'e2e.buyer@example.com', exact: true }).waitFor();
    await pending.getByText('e-mail sent').waitFor();
    await screenshot(page, '05-invitation-sent');
    // Nobody was attached: the member list does not show the address until the person accepts.
    await page.goto(`${backend.baseURL}/members?search=e2e.buyer`);
    await page.getByRole('table', { name: 'Pending invitations' }).getByRole('cell', { name: 'e2e.buyer@example.com', exact: true }).waitFor();
    assert.equal(await page.getByRole('cell', { name: 'demo_readonly', exact: true }).count(), 0);
  });

  test("switches tenant, and the other tenant's records never appear", shot('tenant-switch', () => browser, async () => {
    const { page } = browser;
    await page.goto(`${backend.baseURL}/suppliers`);
    await page.getByRole('cell', { name: 'Cornbelt Pork Processors', exact: true }).first().waitFor();
    await page.getByRole('combobox', { name: 'Tenant' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Second Brokerage' }).click();
    await page.waitForURL(`${backend.baseURL}/`);
    await page.getByTestId('home-tenant').filter({ hasText: 'Second Brokerage' }).waitFor();
    await page.goto(`${backend.baseURL}/suppliers`);
    await page.getByText('No suppliers yet.').waitFor();
    assert.equal(await page.getByRole('cell', { name: 'Cornbelt Pork Processors', exact: true }).count(), 0);
    await screenshot(page, '05b-second-tenant-empty');
    const search = await page.evaluate(async () => {
      const response = await fetch('/api/v1/suppliers/?search=Cornbelt', { headers: { 'X-Tenant-ID': 'second' } });
      return (await response.json()).count;
    });
    assert.equal(search, 0);
  }));

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
    // The owner's name appears only as the sender of the pending invitation, not among the filtered members.
    const invitations = page.getByRole('table', { name: 'Pending invitations' });
    await invitations.getByRole('cell', { name: 'e2e.buyer@example.com', exact: true }).waitFor();
    const owners = await page.getByRole('cell', { name: 'demo_owner', exact: true }).count();
    assert.equal(owners - (await invitations.getByRole('cell', { name: 'demo_owner', exact: true }).count()), 0);
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

    const forced = await forcedRequest(page, 'POST', '/api/v1/invitations/', { email: 'sneaky@example.com', role: 'owner' });
    assert.equal(forced.status, 403, forced.body);
  });
});

/** Picks an option of an Ant Design select (searching the server when the select is a reference). */
async function choose(page, label, search, optionText = search) {
  const combo = field(page, 'combobox', label);
  await combo.click();
  if (search) await combo.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** A form field by its label; optional fields' labels end in "(optional)". */
function field(page, role, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole(role, { name: new RegExp(`^${escaped}( \\(optional\\))?$`) });
}

async function fill(page, label, value) {
  await field(page, 'textbox', label).fill(value);
}

describe('master data', () => {
  let browser;
  before(async () => {
    browser = await newBrowser();
  });
  after(async () => browser?.close());

  test('a user creates a supplier, plant, customer and product, linked together', shot('master-data', () => browser, async () => {
    const { page } = browser;
    await signIn(page, backend.baseURL, 'demo_user');
    await page.getByTestId('current-tenant').waitFor();

    await page.goto(`${backend.baseURL}/suppliers`);
    await page.getByRole('button', { name: /New supplier/ }).click();
    await page.getByRole('heading', { name: 'New supplier' }).waitFor();
    await fill(page, 'Code', 'E2E-SUP');
    await fill(page, 'Name', 'E2E Packing Co');
    await fill(page, 'City', 'Amarillo');
    await choose(page, 'Proteins', 'Beef', 'Beef');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create supplier' }).click();
    await page.waitForURL(/\/suppliers\/\d+$/);
    await page.getByRole('heading', { name: 'E2E-SUP · E2E Packing Co' }).waitFor();
    const supplierUrl = page.url();

    await page.goto(`${backend.baseURL}/plants/new`);
    await page.getByRole('heading', { name: 'New plant' }).waitFor();
    await fill(page, 'Code', 'E2E-PL');
    await fill(page, 'Name', 'E2E Plant One');
    await fill(page, 'Establishment number', 'EST. 99901');
    await choose(page, 'Supplier', 'E2E', 'E2E Packing Co');
    await page.getByRole('button', { name: 'Create plant' }).click();
    await page.waitForURL(/\/plants\/\d+$/);
    await page.getByRole('heading', { name: 'E2E-PL · E2E Plant One' }).waitFor();
    await page.getByRole('cell', { name: 'E2E Packing Co', exact: true }).waitFor();

    await page.goto(`${backend.baseURL}/customers/new`);
    await page.getByRole('heading', { name: 'New customer' }).waitFor();
    await fill(page, 'Code', 'E2E-CUS');
    await fill(page, 'Name', 'E2E Grocers');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByRole('heading', { name: 'E2E-CUS · E2E Grocers' }).waitFor();

    await page.goto(`${backend.baseURL}/products/new`);
    await page.getByRole('heading', { name: 'New product' }).waitFor();
    await fill(page, 'Code', 'E2E-RIB');
    await fill(page, 'Description', 'Ribeye lip-on 2x2');
    await choose(page, 'Protein', 'Beef', 'Beef');
    await choose(page, 'Supplier', 'E2E', 'E2E Packing Co');
    await field(page, 'spinbutton', 'Default price').fill('8.2500');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/products\/\d+$/);
    await page.getByRole('heading', { name: 'E2E-RIB · Ribeye lip-on 2x2' }).waitFor();
    await screenshot(page, '08-product-created');

    // The supplier's page lists its plant and its product, each in its tab (the tab is kept in the URL).
    await page.goto(`${supplierUrl}?tab=plants`);
    await page.getByRole('cell', { name: 'E2E-PL', exact: true }).waitFor();
    await page.goto(`${supplierUrl}?tab=products`);
    await page.getByRole('cell', { name: 'E2E-RIB', exact: true }).waitFor();
    await screenshot(page, '09-supplier-detail');

    // The list keeps its search in the URL, and the CSV export answers with the same filter.
    await page.goto(`${backend.baseURL}/products?search=E2E-RIB`);
    await page.getByRole('cell', { name: 'E2E-RIB', exact: true }).waitFor();
    const csv = await page.evaluate(async () => (await fetch('/api/v1/products/?search=E2E-RIB&format=csv')).text());
    assert.match(csv, /E2E-RIB/);
    await screenshot(page, '10-products');

    // A user may not delete (manager and up).
    assert.equal(await page.getByRole('button', { name: /^Delete / }).count(), 0);
  }));

  test('"Report a problem" files a bug report with the page and browser', shot('report-problem', () => browser, async () => {
    const { page } = browser;
    await page.goto(`${backend.baseURL}/customers`);
    await page.getByRole('button', { name: 'Report a problem' }).click();
    await page.getByRole('textbox', { name: 'What went wrong?' }).fill('E2E: totals look off');
    await page.getByRole('textbox', { name: /Details/ }).fill('Opened customers and the totals were wrong.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByText('Thank you: the problem was reported.').waitFor();
    const reports = await page.evaluate(async () => (await fetch('/api/v1/bug-reports/?search=E2E').then((r) => r.json())).results);
    assert.equal(reports.length, 1);
    assert.match(reports[0].page_url, /\/customers$/);
    assert.match(reports[0].browser, /Chrome/);
    assert.ok(reports[0].screen_size);
  }));

  test('a readonly user cannot write master data, even by a forced request', async () => {
    const readonly = await newBrowser();
    try {
      await readonlyChecks(readonly);
    } catch (error) {
      await screenshot(readonly.page, 'FAILED-readonly-master-data').catch(() => undefined);
      throw error;
    } finally {
      await readonly.close();
    }
  });
});

async function readonlyChecks(readonly) {
  const { page } = readonly;
  await signIn(page, backend.baseURL, 'demo_readonly');
  await page.getByTestId('current-tenant').waitFor();
  await page.goto(`${backend.baseURL}/suppliers`);
  await page.getByRole('cell', { name: 'E2E-SUP', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /New supplier/ }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /^Edit / }).count(), 0);
  const forced = await forcedRequest(page, 'POST', '/api/v1/suppliers/', { code: 'SNEAK', name: 'Sneaky' });
  assert.equal(forced.status, 403, forced.body);
  await page.goto(`${backend.baseURL}/suppliers/new`);
  await page.getByText('Not allowed').waitFor();
}
