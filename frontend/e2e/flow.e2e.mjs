// End-to-end: the broker's money flow and the AI assistant in Debian's Chromium, on frontend-1's harness
// (fresh database, the built SPA and the API from one Django server).
// Master data -> purchase order with two lines -> sent, confirmed -> sales order -> shipped, delivered ->
// invoice -> partial payment -> the dashboard and AR aging move by exactly the new figures; then a supplier
// confirmation PDF is uploaded, reviewed and confirmed into a purchase order.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, newBrowser, screenshot, signIn, startBackend } from './harness.mjs';

const FIXTURE_PDF = join(ROOT, 'backend', 'apps', 'ai_assistant', 'fixtures', 'B1_supplier_confirmation.pdf');

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

/** Runs a step; on failure keeps a screenshot of the page as it was (artifacts/FAILED-flow-<name>.png). */
function step(name, body) {
  return async () => {
    try {
      await body(browser.page);
    } catch (error) {
      await screenshot(browser.page, `FAILED-flow-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A form control by its label (optional fields' labels end in "(optional)"). */
const control = (page, role, label) => page.getByRole(role, { name: new RegExp(`^${escape(label)}( \\(optional\\))?$`) });

/** Picks an option of an Ant Design select, typing `search` first when given (server-searched references). */
async function pick(page, combo, search, optionText = search) {
  await combo.click();
  if (search) await combo.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** "1,234.56" -> 123456 (cents). */
function cents(text) {
  const match = /-?[\d,]+\.\d{2}/.exec(text);
  assert.ok(match, `no amount in ${JSON.stringify(text)}`);
  return Math.round(Number(match[0].replace(/,/g, '')) * 100);
}

const apiResponse = (page, method, pattern) =>
  page.waitForResponse((response) => response.request().method() === method && pattern.test(new URL(response.url()).pathname));

async function clickAction(page, label, method, pattern) {
  const response = apiResponse(page, method, pattern);
  await page.getByTestId('workflow-buttons').getByRole('button', { name: label, exact: true }).click();
  return response;
}

async function expectStatus(page, label) {
  await page.getByTestId('status-tag').filter({ hasText: label }).first().waitFor();
}

const state = {};

describe('order to cash', () => {
  test('a manager signs in and creates a supplier, plant, customer and product', step('master-data', async (page) => {
    await signIn(page, backend.baseURL, 'demo_manager');
    await page.getByTestId('current-tenant').waitFor();

    // The figures before: the flow must move them by exactly its own amounts.
    await page.goto(`${backend.baseURL}/dashboard`);
    state.arBefore = cents(await page.getByTestId('kpi-ar-outstanding').innerText());
    state.salesBefore = cents(await page.getByTestId('kpi-sales-mtd').innerText());

    await page.goto(`${backend.baseURL}/suppliers/new`);
    await control(page, 'textbox', 'Code').fill('FLOW-SUP');
    await control(page, 'textbox', 'Name').fill('Flow Packing Co');
    await page.getByRole('button', { name: 'Create supplier' }).click();
    await page.waitForURL(/\/suppliers\/\d+$/);

    await page.goto(`${backend.baseURL}/plants/new`);
    await control(page, 'textbox', 'Code').fill('FLOW-PL');
    await control(page, 'textbox', 'Name').fill('Flow Plant');
    await control(page, 'textbox', 'Establishment number').fill('EST. 9931');
    await pick(page, control(page, 'combobox', 'Supplier'), 'FLOW', 'Flow Packing Co');
    await page.getByRole('button', { name: 'Create plant' }).click();
    await page.waitForURL(/\/plants\/\d+$/);

    await page.goto(`${backend.baseURL}/customers/new`);
    await control(page, 'textbox', 'Code').fill('FLOW-CUS');
    await control(page, 'textbox', 'Name').fill('Flow Grocers');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);

    await page.goto(`${backend.baseURL}/products/new`);
    await control(page, 'textbox', 'Code').fill('FLOW-RIB');
    await control(page, 'textbox', 'Description').fill('Flow ribeye lip-on');
    await pick(page, control(page, 'combobox', 'Protein'), 'Beef', 'Beef');
    await pick(page, control(page, 'combobox', 'Supplier'), 'FLOW', 'Flow Packing Co');
    await control(page, 'spinbutton', 'Default price').fill('8.2500');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/products\/\d+$/);
  }));

  test('a purchase order with two lines shows live totals, is sent and confirmed', step('purchase-order', async (page) => {
    await page.goto(`${backend.baseURL}/purchase-orders/new`);
    await page.getByRole('heading', { name: 'New purchase order' }).waitFor();
    await pick(page, control(page, 'combobox', 'Supplier'), 'FLOW', 'Flow Packing Co');
    await pick(page, control(page, 'combobox', 'Plant (pickup)'), 'FLOW', 'Flow Plant');
    await page.getByRole('button', { name: 'Create purchase order' }).click();
    await page.waitForURL(/\/purchase-orders\/\d+$/);
    state.poUrl = page.url();
    await expectStatus(page, 'Draft');

    // Line 1: 40 boxes, 2,400 lb at the product's 8.25 / lb.
    await page.getByRole('button', { name: /Add line/ }).click();
    const productDefaults = apiResponse(page, 'GET', /\/api\/v1\/products\/\d+\/$/);
    await pick(page, page.getByRole('combobox', { name: 'Product line 1' }), 'FLOW-RIB', 'FLOW-RIB');
    await productDefaults;
    await page.getByRole('spinbutton', { name: 'Boxes line 1' }).fill('40');
    await page.getByRole('spinbutton', { name: 'Estimated weight line 1' }).fill('2400');
    await page.getByTestId('line-total-1').filter({ hasText: '19,800.00' }).waitFor();

    // Line 2: 10 cases at 85.50 a case, weight unknown.
    await page.getByRole('button', { name: /Add line/ }).click();
    await pick(page, page.getByRole('combobox', { name: 'Product line 2' }), 'FLOW-RIB', 'FLOW-RIB');
    await page.getByRole('spinbutton', { name: 'Boxes line 2' }).fill('10');
    await pick(page, page.getByRole('combobox', { name: 'Price unit line 2' }), '', 'case');
    await page.getByRole('spinbutton', { name: 'Unit price line 2' }).fill('85.50');
    await page.getByTestId('line-total-2').filter({ hasText: '855.00' }).waitFor();
    await page.getByTestId('live-total').filter({ hasText: '20,655.00' }).waitFor();
    await screenshot(page, 'flow-01-po-lines-live-total');

    const saved = apiResponse(page, 'PATCH', /\/api\/v1\/purchase-orders\/\d+\/$/);
    await page.getByRole('button', { name: 'Save lines' }).click();
    assert.equal((await saved).status(), 200);
    // The server's stored total agrees with the live one.
    await page.getByTestId('order-total').filter({ hasText: '20,655.00' }).waitFor();

    await page.getByTestId('workflow-buttons').getByRole('button', { name: 'Send to supplier' }).click();
    const to = page.getByRole('dialog').getByRole('combobox', { name: 'To' });
    await to.fill('orders@flowpacking.example');
    await to.press('Enter');
    const sent = apiResponse(page, 'POST', /\/send\/$/);
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
    assert.equal((await sent).status(), 200);
    await expectStatus(page, 'Sent');

    await page.getByTestId('workflow-buttons').getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: "Supplier's confirmation number" }).fill('SC-FLOW-1');
    const confirmed = apiResponse(page, 'POST', /\/confirm\/$/);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    assert.equal((await confirmed).status(), 200);
    await expectStatus(page, 'Confirmed');
    await page.getByText(/Confirmed: sent → confirmed/i).waitFor();
    await screenshot(page, 'flow-02-po-confirmed');

    // The PDF comes with the session and tenant headers (a blob the browser opens).
    const pdf = apiResponse(page, 'GET', /\/api\/v1\/purchase-orders\/\d+\/pdf\/$/);
    await page.getByRole('button', { name: 'PDF' }).click();
    const pdfResponse = await pdf;
    assert.equal(pdfResponse.status(), 200);
    assert.match(pdfResponse.headers()['content-type'], /application\/pdf/);
  }));

  test('a sales order from the purchase order is priced, shipped and delivered, with its margin shown', step('sales-order', async (page) => {
    await page.getByRole('button', { name: 'Create sales order' }).click();
    await pick(page, page.getByRole('dialog').getByRole('combobox', { name: 'Customer' }), 'FLOW', 'Flow Grocers');
    const created = apiResponse(page, 'POST', /\/api\/v1\/sales-orders\/$/);
    await page.getByRole('dialog').getByRole('button', { name: 'Create sales order' }).click();
    assert.equal((await created).status(), 201);
    await page.waitForURL(/\/sales-orders\/\d+$/);
    await expectStatus(page, 'Draft');

    // Sell prices and the catch weight of line 1 (invoices bill actual weights).
    await page.getByRole('spinbutton', { name: 'Unit price line 1' }).fill('9.50');
    await page.getByRole('spinbutton', { name: 'Actual weight line 1' }).fill('2412.50');
    await page.getByRole('spinbutton', { name: 'Unit price line 2' }).fill('95.00');
    await page.getByTestId('line-total-1').filter({ hasText: '22,918.75' }).waitFor();
    await page.getByTestId('live-total').filter({ hasText: '23,868.75' }).waitFor();
    const saved = apiResponse(page, 'PATCH', /\/api\/v1\/sales-orders\/\d+\/$/);
    await page.getByRole('button', { name: 'Save lines' }).click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('order-total').filter({ hasText: '23,868.75' }).waitFor();
    const margin = await page.getByTestId('order-margin').innerText();
    assert.ok(cents(margin) > 0, `margin ${margin}`);
    await screenshot(page, 'flow-03-so-margin');

    assert.equal((await clickAction(page, 'Confirm', 'POST', /\/confirm\/$/)).status(), 200);
    await expectStatus(page, 'Confirmed');
    assert.equal((await clickAction(page, 'Ship', 'POST', /\/ship\/$/)).status(), 200);
    await expectStatus(page, 'Shipped');
    assert.equal((await clickAction(page, 'Delivered', 'POST', /\/deliver\/$/)).status(), 200);
    await expectStatus(page, 'Delivered');
  }));

  test('the delivered order is invoiced and partly paid', step('invoice-payment', async (page) => {
    await page.getByTestId('workflow-buttons').getByRole('button', { name: 'Create invoice' }).click();
    const invoiced = apiResponse(page, 'POST', /\/invoice\/$/);
    await page.getByRole('dialog').getByRole('button', { name: 'Create invoice' }).click();
    assert.equal((await invoiced).status(), 201);
    await page.waitForURL(/\/invoices\/\d+$/);
    state.invoiceUrl = page.url();
    await expectStatus(page, 'Issued');
    await page.getByTestId('invoice-total').filter({ hasText: '23,868.75' }).waitFor();
    await screenshot(page, 'flow-04-invoice');

    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.waitForURL(/\/payments\/new\?customer=\d+&invoice=\d+$/);
    await page.getByRole('spinbutton', { name: 'Amount' }).fill('10000');
    await page.getByTestId('allocated').filter({ hasText: '10,000.00' }).waitFor();
    await screenshot(page, 'flow-05-payment-allocation');
    const applied = apiResponse(page, 'POST', /\/api\/v1\/payments\/\d+\/apply\/$/);
    await page.getByRole('button', { name: 'Record and apply' }).click();
    assert.equal((await applied).status(), 200);
    await page.waitForURL(/\/payments\/\d+$/);
    await page.getByTestId('payment-applied').filter({ hasText: '10,000.00' }).waitFor();

    await page.goto(state.invoiceUrl);
    await expectStatus(page, 'Partially paid');
    await page.getByTestId('invoice-balance').filter({ hasText: '13,868.75' }).waitFor();
  }));

  test('the dashboard and AR aging show the new figures', step('dashboard-aging', async (page) => {
    await page.goto(`${backend.baseURL}/dashboard`);
    const arAfter = cents(await page.getByTestId('kpi-ar-outstanding').innerText());
    const salesAfter = cents(await page.getByTestId('kpi-sales-mtd').innerText());
    assert.equal(arAfter - state.arBefore, 1386875, 'AR outstanding grows by the unpaid balance');
    assert.equal(salesAfter - state.salesBefore, 2386875, 'sales this month grow by the order');
    await screenshot(page, 'flow-06-dashboard');

    // The KPI leads to the list behind it.
    await page.getByRole('link', { name: 'Receivables outstanding' }).click();
    await page.waitForURL(/\/invoices\?is_open=true$/);

    await page.goto(`${backend.baseURL}/receivables`);
    await page.getByTestId('aging-total-FLOW-CUS-USD').filter({ hasText: '13,868.75' }).waitFor();
    await screenshot(page, 'flow-07-ar-aging');
  }));
});

describe('AI assistant', () => {
  test('a supplier confirmation PDF is uploaded, reviewed and confirmed into a purchase order', step('assistant', async (page) => {
    await page.goto(`${backend.baseURL}/assistant`);
    const uploaded = apiResponse(page, 'POST', /\/api\/v1\/ai-assistant\/documents\/$/);
    await page.locator('input[type=file]').setInputFiles(FIXTURE_PDF);
    assert.ok([200, 201].includes((await uploaded).status()));
    await page.getByTestId('upload-progress').getByRole('button', { name: 'Review' }).click({ timeout: 60_000 });
    await page.waitForURL(/\/assistant\/documents\/\d+$/);
    await page.getByTestId('review-form').waitFor();
    await page.getByRole('combobox', { name: 'Create' }).waitFor();
    await screenshot(page, 'flow-08-review');

    // The supplier: a suggested match when the draft found one, otherwise a new one.
    const suggestions = page.getByRole('radiogroup', { name: 'Supplier suggestions' });
    if (await suggestions.count()) await suggestions.getByRole('radio').first().check();
    else {
      await page.getByRole('textbox', { name: 'New code' }).fill('FLOW-AI');
      await page.getByRole('textbox', { name: 'New name' }).fill('Wayne Farms Poultry LLC');
    }
    const confirmed = apiResponse(page, 'POST', /\/confirm\/$/);
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    const response = await confirmed;
    assert.equal(response.status(), 200, await response.text());
    const link = page.getByTestId('created-records').getByRole('link', { name: /purchase order/i });
    await link.waitFor();
    await screenshot(page, 'flow-09-confirmed');
    await link.click();
    await page.waitForURL(/\/purchase-orders\/\d+$/);
    await expectStatus(page, 'Draft');
    assert.ok((await page.getByTestId('line-total-1').count()) > 0, 'the order has its lines');
  }));

  test('the chat answers with a tool result table whose rows link to the records', step('chat', async (page) => {
    await page.goto(`${backend.baseURL}/assistant?tab=chat`);
    await page.getByRole('textbox', { name: 'Ask the assistant' }).fill('Which purchase orders are open?');
    const asked = apiResponse(page, 'POST', /\/chat\/sessions\/\d+\/messages\/$/);
    await page.getByRole('button', { name: 'Ask' }).click();
    assert.equal((await asked).status(), 201);
    const table = page.getByTestId('tool-open_purchase_orders');
    await table.waitFor();
    await table.getByRole('link', { name: /^PO-\d{4}-\d+$/ }).first().waitFor();
    await screenshot(page, 'flow-10-chat');
    await table.getByRole('link', { name: /^PO-\d{4}-\d+$/ }).first().click();
    await page.waitForURL(/\/purchase-orders\/\d+$/);
  }));
});
