// The accounting hand-off in Debian's Chromium at 1440×900: the demo journal listed from the Accounting menu group
// and filtered, an entry's page with its debit and credit lines, an export of everything up to today (the batch is
// listed, its CSV downloads with one row per line and the currency), a second export right after says nothing is
// new, and the owner maps an account. Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { api, axeViolations, newBrowser, openMenuGroup, screenshot, signIn, startBackend } from './harness.mjs';

let backend;
let browser;

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
  await browser.page.setViewportSize({ width: 1440, height: 900 });
  await signIn(browser.page, backend.baseURL, 'demo_owner');
  await browser.page.getByTestId('home-tenant').waitFor();
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

function step(name, body) {
  return async () => {
    try {
      await body(browser.page);
    } catch (error) {
      await screenshot(browser.page, `FAILED-journal-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

test('the journal: listed from the menu, filtered, an entry with its lines', step('list', async (page) => {
  const menu = await openMenuGroup(page, 'Accounting');
  await menu.getByRole('link', { name: 'Journal entries', exact: true }).click();
  await page.waitForURL(/\/journal-entries/);
  await page.locator('.ant-table-row').first().waitFor();
  const all = (await api(page, 'GET', '/api/v1/journal-entries/?page_size=1')).body;
  assert.ok(all.count > 0, 'the demo tenant has a journal');
  // Filter to invoices: the list shows the API's count for it.
  const invoices = (await api(page, 'GET', '/api/v1/journal-entries/?source_kind=invoice&page_size=1')).body;
  await page.goto(`${backend.baseURL}/journal-entries?source_kind=invoice`);
  await page.getByText(`${invoices.count} ${invoices.count === 1 ? 'journal entry' : 'journal entries'}`, { exact: true }).waitFor();
  const first = invoices.results[0];
  await page.goto(`${backend.baseURL}/journal-entries/${first.id}`);
  const lines = page.getByTestId('journal-lines');
  await lines.waitFor();
  assert.equal(await lines.locator('tbody tr.ant-table-row').count(), first.lines.length);
  await assert.doesNotReject(lines.getByText(`${first.lines[0].account_code} ${first.lines[0].account_name}`).waitFor());
  await screenshot(page, 'journal-entry-desktop');
  assert.deepEqual(await axeViolations(page), []);
}));

test('an export takes what is new, downloads as CSV, and a second one has nothing new', step('export', async (page) => {
  await page.goto(`${backend.baseURL}/journal-exports`);
  await page.getByRole('heading', { name: 'Journal exports' }).waitFor();
  const pending = (await api(page, 'GET', '/api/v1/journal-entries/?exported=false&page_size=1')).body.count;
  await page.getByRole('button', { name: 'Export' }).click();
  const row = page.locator('.ant-table-row').first();
  await row.getByText('EXP-', { exact: false }).waitFor();
  const [batch] = (await api(page, 'GET', '/api/v1/journal-exports/')).body.results;
  assert.equal(batch.entry_count, pending, 'every entry not exported yet (demo entries are dated up to today)');
  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: `CSV of ${batch.number}` }).click();
  const file = await download;
  const text = readFileSync(await file.path(), 'utf8');
  const rows = text.trim().split('\r\n');
  assert.equal(rows[0], 'date,entry_number,source_kind,source_number,event,partner,account_code,account_name,debit,credit,currency,memo');
  assert.equal(rows.length - 1, batch.line_count);
  assert.ok(rows.slice(1).every((line) => /,(USD|CAD|MXN),/.test(line)), 'each row names its currency');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByTestId('nothing-new').waitFor();
  assert.equal((await api(page, 'GET', '/api/v1/journal-exports/')).body.count, 1, 'no empty batch');
  await screenshot(page, 'journal-exports-desktop');
  assert.deepEqual(await axeViolations(page), []);
}));

test('the owner maps an account', step('mapping', async (page) => {
  const [sales] = (await api(page, 'GET', '/api/v1/account-mappings/?role=sales')).body.results;
  await page.goto(`${backend.baseURL}/account-mappings/${sales.id}/edit`);
  const code = page.getByLabel('Account code');
  await code.fill('4010');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(new RegExp(`/account-mappings/${sales.id}$`));
  const [after] = (await api(page, 'GET', '/api/v1/account-mappings/?role=sales')).body.results;
  assert.equal(after.code, '4010');
}));
