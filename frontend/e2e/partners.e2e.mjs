// Partner pages (#16 item 3) in Debian's Chromium at 1440×900 and 768×1024: a customer's page shows its open
// balance and credit exposure, its sales orders, invoices and payments as tabs whose counts are the API's, its
// aging and its recent documents; a supplier's page its purchase orders, loads and open purchase orders.
// The expected figures are added up here from the API's document lists, not read from the page's own sources.
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
const state = {};

async function api(page, path) {
  return page.evaluate(async (path) => {
    const response = await fetch(path, { credentials: 'include' });
    return { status: response.status, body: await response.json() };
  }, path);
}

async function all(page, path) {
  const { status, body } = await api(page, `${path}${path.includes('?') ? '&' : '?'}page_size=500`);
  assert.equal(status, 200, `${path}: ${JSON.stringify(body)}`);
  assert.ok(body.count <= body.results.length, `${path}: more than one page`);
  return body;
}

const cents = (value) => Math.round(Number(value ?? 0) * 100);
const usd = (amount) => `$${(amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
  const { page } = browser;
  await signIn(page, backend.baseURL, 'demo_owner');
  await page.getByTestId('home-tenant').waitFor();
  // A customer in US dollars with open invoices, and a supplier with purchase orders, from the demo data.
  const open = await all(page, '/api/v1/invoices/?is_open=true&currency=USD');
  const customerId = open.results[0].customer;
  const customer = (await api(page, `/api/v1/customers/${customerId}/`)).body;
  assert.equal(customer.currency, 'USD');
  const invoices = await all(page, `/api/v1/invoices/?customer=${customerId}`);
  const orders = await all(page, `/api/v1/sales-orders/?customer=${customerId}`);
  const payments = await all(page, `/api/v1/payments/?customer=${customerId}`);
  const balance = invoices.results.filter((invoice) => invoice.status !== 'void').reduce((sum, invoice) => sum + cents(invoice.balance_due), 0);
  const uninvoiced = orders.results.filter((order) => ['confirmed', 'shipped', 'delivered'].includes(order.status)).reduce((sum, order) => sum + cents(order.total), 0);
  const openTotal = open.results.filter((invoice) => invoice.customer === customerId).reduce((sum, invoice) => sum + cents(invoice.balance_due), 0);
  state.customer = { id: customerId, name: customer.name, invoices: invoices.count, orders: orders.count, payments: payments.count, balance, uninvoiced, openTotal };
  const pos = await all(page, '/api/v1/purchase-orders/');
  const supplierId = pos.results[0].supplier;
  const supplierPos = await all(page, `/api/v1/purchase-orders/?supplier=${supplierId}`);
  const openStatuses = ['draft', 'sent', 'confirmed', 'picked_up'];
  state.supplier = {
    id: supplierId,
    pos: supplierPos.count,
    open: supplierPos.results.filter((po) => openStatuses.includes(po.status)).length,
    newest: [...supplierPos.results].sort((a, b) => (a.order_date < b.order_date ? 1 : -1))[0],
  };
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
      await screenshot(browser.page, `FAILED-partners-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

for (const size of SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('a customer page: balance, exposure, tabs with the API counts, aging, recent documents', step(`customer-${size.name}`, async (page) => {
      const expected = state.customer;
      await page.goto(`${backend.baseURL}/customers/${expected.id}`);
      await page.getByTestId('open-balance').filter({ hasText: usd(expected.balance) }).waitFor();
      assert.equal(await page.getByTestId('credit-exposure').textContent(), usd(expected.balance + expected.uninvoiced));
      assert.equal(await page.getByTestId('uninvoiced').textContent(), usd(expected.uninvoiced));
      for (const [key, count] of [['sales-orders', expected.orders], ['invoices', expected.invoices], ['payments', expected.payments]]) {
        await page.getByTestId(`tab-count-${key}`).filter({ hasText: new RegExp(`^${count}$`) }).waitFor();
      }
      // The first tab lists the customer's sales orders.
      if (expected.orders) await page.getByRole('tabpanel').getByRole('link', { name: /^SO-/ }).first().waitFor();
      await screenshot(page, `partners-customer-${size.name}`);

      await page.getByRole('tab', { name: /Invoices/ }).click();
      assert.match(page.url(), /tab=invoices/);
      await page.getByRole('tabpanel').getByRole('link', { name: /^INV-/ }).first().waitFor();

      // On the tablet the last tabs sit in the tab bar's overflow menu; the tab is also kept in the URL.
      if (size.width >= 1440) await page.getByRole('tab', { name: 'Aging' }).click();
      else await page.goto(`${backend.baseURL}/customers/${expected.id}?tab=aging`);
      const agingRow = page.getByTestId('customer-aging').locator('tbody tr').filter({ hasText: 'USD' });
      await agingRow.waitFor();
      // The aging's total is every open invoice's balance (issued or partly paid), added up here.
      assert.equal((await agingRow.locator('td').last().textContent()).trim(), usd(expected.openTotal));
      await screenshot(page, `partners-customer-aging-${size.name}`);

      if (size.width >= 1440) await page.getByRole('tab', { name: 'Recent documents' }).click();
      else await page.goto(`${backend.baseURL}/customers/${expected.id}?tab=recent`);
      const rows = page.getByTestId('recent-documents').locator('tbody tr');
      await rows.first().locator('a').waitFor();
      const dates = await rows.locator('td:first-child').allTextContents();
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.ok(dates.length <= 15 && dates.length > 0);
      // Money carries its currency symbol.
      assert.match(await rows.first().locator('td').last().textContent(), /\$/);
    }));

    test('a supplier page: purchase orders tab with the API count, open purchase orders, recent documents', step(`supplier-${size.name}`, async (page) => {
      const expected = state.supplier;
      await page.goto(`${backend.baseURL}/suppliers/${expected.id}`);
      await page.getByTestId('tab-count-purchase-orders').filter({ hasText: new RegExp(`^${expected.pos}$`) }).waitFor();
      await page.getByTestId('open-pos').filter({ hasText: new RegExp(`^${expected.open}$`) }).waitFor();
      await page.getByRole('tabpanel').getByRole('link', { name: expected.newest.number, exact: true }).waitFor();
      await screenshot(page, `partners-supplier-${size.name}`);
      await page.goto(`${backend.baseURL}/suppliers/${expected.id}?tab=recent`);
      await page.getByTestId('recent-documents').getByRole('link', { name: expected.newest.number, exact: true }).waitFor();
    }));
  });
}
