// Saved filters (#16 item 4) in Debian's Chromium at 1440×900 and 768×1024: a manager saves the invoice list's
// filters under a name, shared with the brokerage; after signing out and in again the filter is still there and
// puts the same filters back (the list then shows the API's count for them); another member sees the shared one.
// Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBrowser, screenshot, signIn, startBackend } from './harness.mjs';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
];

let backend;
let browser;

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

async function count(page, path) {
  return page.evaluate(async (path) => (await (await fetch(path, { credentials: 'include' })).json()).count, path);
}

async function signOut(page) {
  // A select's dropdown may still be closing and swallow the first click on the user menu: start from a page
  // with nothing open, and try again while the sign-in page has not come.
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

function step(name, body) {
  return async () => {
    try {
      await body(browser.page);
    } catch (error) {
      await screenshot(browser.page, `FAILED-saved-filters-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

for (const size of SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('a saved filter survives sign-out and is shared with the tenant', step(size.name, async (page) => {
      const name = `Open invoices (${size.name})`;
      await signIn(page, backend.baseURL, 'demo_manager');
      await page.getByTestId('home-tenant').waitFor();
      // The filters as a broker sets them: the URL keeps them.
      await page.goto(`${backend.baseURL}/invoices?is_open=true&ordering=due_date`);
      const expected = await count(page, '/api/v1/invoices/?is_open=true');
      assert.ok(expected > 0, 'the demo data has open invoices');
      await page.getByText(new RegExp(`^${expected} invoices?$`)).waitFor();
      await page.getByRole('button', { name: /Save filter/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Save this filter' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByText('Share with everyone in this brokerage').click();
      await screenshot(page, `saved-filters-dialog-${size.name}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await signOut(page);
      await signIn(page, backend.baseURL, 'demo_manager');
      await page.getByTestId('home-tenant').waitFor();
      await page.goto(`${backend.baseURL}/invoices`);
      const all = await count(page, '/api/v1/invoices/');
      await page.getByText(new RegExp(`^${all} invoices?$`)).waitFor();
      await page.getByRole('combobox', { name: 'Saved filters' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
      await page.waitForURL(/is_open=true/);
      assert.match(page.url(), /ordering=due_date/);
      await page.getByText(new RegExp(`^${expected} invoices?$`)).waitFor();
      await screenshot(page, `saved-filters-applied-${size.name}`);

      // Another member (readonly) sees the shared filter, under its owner's name, and may not delete it.
      await signOut(page);
      await signIn(page, backend.baseURL, 'demo_readonly');
      await page.getByTestId('home-tenant').waitFor();
      await page.goto(`${backend.baseURL}/invoices`);
      await page.getByRole('combobox', { name: 'Saved filters' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: `${name} · ` }).click();
      await page.waitForURL(/is_open=true/);
      assert.equal(await page.getByRole('button', { name: `Delete saved filter ${name}` }).count(), 0);
      await signOut(page);
    }));
  });
}
