/* global document */
// Lists like a power user wants (#16 item 4) in Debian's Chromium at 1440×900 and 768×1024: invoices grouped by
// customer show subtotals (per currency) equal to the sums this test adds up itself from the API's plain list;
// the grouping stays in the URL; selected rows export as exactly those rows; three selected invoices print as one
// PDF holding the three invoices' pages (read back with pypdf); sending selected rows lists which were sent and
// why the others were refused. Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, ROOT, newBrowser, screenshot, signIn, startBackend } from './harness.mjs';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
];
const PYTHON = process.env.PYTHON ?? join(ROOT, '.venv', 'bin', 'python');

let backend;
let browser;
const state = {};

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
  const { page } = browser;
  await signIn(page, backend.baseURL, 'demo_manager');
  await page.getByTestId('home-tenant').waitFor();
  // A Canadian-dollar invoice beside the demo's US-dollar ones: its customer's group has two subtotals.
  const customers = await api(page, 'GET', '/api/v1/customers/?page_size=1&ordering=name');
  const products = await api(page, 'GET', '/api/v1/products/?page_size=1');
  state.product = products.body.results[0].id;
  const created = await api(page, 'POST', '/api/v1/invoices/', {
    customer: customers.body.results[0].id,
    currency: 'CAD',
    customer_po_number: 'E2E-CAD-1',
    lines: [
      {
        product: products.body.results[0].id,
        description: 'Pork loins, CAD',
        boxes: 10,
        weight_lb: '617.28',
        unit_price: '2.0000',
        price_unit: 'lb',
      },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
});

after(async () => {
  await browser?.close();
  await backend?.stop();
});

/** A call from the signed-in page (session cookie + CSRF), as the web app makes it. */
async function api(page, method, path, body) {
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

/** Every row of a list, page after page (the plain list, not the groups endpoint). */
async function allRows(page, path) {
  const rows = [];
  for (let url = `${path}${path.includes('?') ? '&' : '?'}page_size=200`; url; ) {
    const { status, body } = await api(page, 'GET', url);
    assert.equal(status, 200, JSON.stringify(body));
    rows.push(...body.results);
    url = body.next ? new URL(body.next).pathname + new URL(body.next).search : null;
  }
  return rows;
}

/** "1234.5" -> 123450n: money in cents, added as integers. */
function cents(text) {
  const [whole, fraction = ''] = String(text).split('.');
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2)) * (whole.startsWith('-') ? -1n : 1n);
}

function shownCents(text) {
  const digits = text.replace(/[^0-9.]/g, '');
  return cents(digits);
}

const SYMBOL = { USD: '$', CAD: 'CA$', MXN: 'MX$' };

function step(name, body) {
  return async () => {
    try {
      await body(browser.page);
    } catch (error) {
      await screenshot(browser.page, `FAILED-lists-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

/** Ticks the checkbox of the table row whose first cell reads `number`. */
async function selectRow(page, number) {
  const row = page.locator('tr.ant-table-row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
  await row.getByRole('checkbox').check();
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(ARTIFACTS, `download-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

function parseCsv(text) {
  // The export quotes cells with commas; the columns read here (id, number) never hold any.
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

function pdfPages(path) {
  const script = 'import json, sys\nfrom pypdf import PdfReader\nprint(json.dumps([p.extract_text() for p in PdfReader(sys.argv[1]).pages]))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }));
}

for (const size of SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('invoices grouped by customer: the subtotals are the sums of the API list', step(`groups-${size.name}`, async (page) => {
      const rows = await allRows(page, '/api/v1/invoices/');
      // Added up here, per customer and currency, from the plain list.
      const expected = new Map();
      for (const row of rows) {
        const key = `${row.customer}|${row.currency}`;
        const sums = expected.get(key) ?? { customer: row.customer, currency: row.currency, count: 0, total: 0n, balance: 0n };
        sums.count += 1;
        sums.total += cents(row.total);
        sums.balance += cents(row.balance_due);
        expected.set(key, sums);
      }
      const customers = new Set(rows.map((row) => row.customer));
      assert.ok(customers.size >= 2, 'the demo has invoices of several customers');
      assert.ok([...expected.values()].some((sums) => sums.currency === 'CAD'));

      await page.goto(`${backend.baseURL}/invoices?group_by=customer&page_size=100`);
      await page.getByTestId('grouped-list').waitFor();
      await page.getByTestId(`group-${rows[0].customer}`).waitFor();
      assert.equal(await page.locator('[data-testid^="group-count-"]').count(), customers.size);
      for (const sums of expected.values()) {
        const total = await page.getByTestId(`subtotal-${sums.customer}-total-${sums.currency}`).textContent();
        const balance = await page.getByTestId(`subtotal-${sums.customer}-balance_due-${sums.currency}`).textContent();
        assert.equal(shownCents(total), sums.total, `total of customer ${sums.customer} in ${sums.currency}: ${total}`);
        assert.equal(shownCents(balance), sums.balance, `balance of customer ${sums.customer} in ${sums.currency}: ${balance}`);
        assert.ok(total.startsWith(SYMBOL[sums.currency]), `${total} is written in ${sums.currency}`);
      }
      for (const customer of customers) {
        const count = [...expected.values()].filter((s) => s.customer === customer).reduce((n, s) => n + s.count, 0);
        assert.equal(await page.getByTestId(`group-count-${customer}`).textContent(), String(count));
      }
      // The grand totals, per currency.
      for (const currency of new Set(rows.map((row) => row.currency))) {
        const sum = rows.filter((row) => row.currency === currency).reduce((n, row) => n + cents(row.total), 0n);
        assert.equal(shownCents(await page.getByTestId(`total-total-${currency}`).textContent()), sum);
      }
      await screenshot(page, `lists-grouped-${size.name}`);

      // A group opens onto its own rows.
      const cad = [...expected.values()].find((sums) => sums.currency === 'CAD');
      await page.getByTestId(`group-${cad.customer}`).click();
      const groupRows = page.getByTestId(`group-rows-${cad.customer}`);
      await groupRows.locator('tr.ant-table-row').first().waitFor();
      const own = rows.filter((row) => row.customer === cad.customer).length;
      assert.equal(await groupRows.locator('tr.ant-table-row').count(), Math.min(own, 25));
      await screenshot(page, `lists-grouped-open-${size.name}`);

      // Kept in the URL: a reload shows the groups again; the control clears them.
      await page.reload();
      await page.getByTestId('grouped-list').waitFor();
      await page.getByRole('combobox', { name: 'Group by' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'Group by status' }).click();
      await page.waitForURL(/group_by=status/);
      await page.getByTestId('group-draft').waitFor();
    }));

    test('the selected rows export as exactly those rows', step(`export-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/invoices?ordering=number`);
      const listed = (await api(page, 'GET', '/api/v1/invoices/?ordering=number&page_size=25')).body.results;
      const chosen = [listed[0], listed[2], listed[3]];
      for (const row of chosen) await selectRow(page, row.number);
      await page.getByTestId('selected-count').filter({ hasText: '3 invoices selected' }).waitFor();
      await screenshot(page, `lists-selected-${size.name}`);
      const file = await download(page, () => page.getByRole('button', { name: 'Export selected' }).click());
      assert.equal(file.name, 'invoices-selected.csv');
      const exported = parseCsv(readFileSync(file.path, 'utf8'));
      assert.deepEqual(
        exported.map((row) => row.number).sort(),
        chosen.map((row) => row.number).sort(),
      );
      assert.deepEqual(exported.map((row) => Number(row.id)).sort(), chosen.map((row) => row.id).sort());
    }));

    test('three selected invoices print as one PDF', step(`pdf-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/invoices?ordering=-number`);
      const listed = (await api(page, 'GET', '/api/v1/invoices/?ordering=-number&page_size=25')).body.results;
      const chosen = [listed[1], listed[2], listed[4]];
      for (const row of chosen) await selectRow(page, row.number);
      await page.getByTestId('selected-count').filter({ hasText: '3 invoices selected' }).waitFor();
      const file = await download(page, () => page.getByRole('button', { name: 'Print PDFs' }).click());
      assert.equal(file.name, 'invoices-3.pdf');
      const pages = pdfPages(file.path);
      assert.ok(pages.length >= 3, `${pages.length} pages`);
      // The invoices' numbers, page by page (a long invoice's next page names it again): the three, in the
      // list's order; no other invoice is in the file.
      const named = [];
      for (const text of pages) {
        const number = /INV-\d{4}-\d+/.exec(text)?.[0];
        if (number && named.at(-1) !== number) named.push(number);
      }
      assert.deepEqual(named, chosen.map((row) => row.number));
      for (const other of listed.filter((row) => !chosen.includes(row))) {
        assert.ok(!pages.join('\n').includes(other.number), `${other.number} is not in the file`);
      }
    }));

    test('sending selected rows names what was sent and what was refused', step(`send-${size.name}`, async (page) => {
      // A void invoice cannot be sent: made (and voided) here, next to an issued one that can.
      const issued = (await api(page, 'GET', '/api/v1/invoices/?status=issued&page_size=1&ordering=-number')).body.results[0];
      const draft = await api(page, 'POST', '/api/v1/invoices/', {
        customer: issued.customer,
        customer_po_number: `E2E-VOID-${size.name}`,
        lines: [{ product: state.product, description: 'Beef trim', boxes: 1, weight_lb: '10.00', unit_price: '1.0000', price_unit: 'lb' }],
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      const voided = await api(page, 'POST', `/api/v1/invoices/${draft.body.id}/void/`, { reason: 'Raised twice' });
      assert.equal(voided.status, 200, JSON.stringify(voided.body));
      await page.goto(`${backend.baseURL}/invoices?ordering=-number&search=${encodeURIComponent(issued.customer_name)}`);
      await selectRow(page, issued.number);
      await selectRow(page, draft.body.number);
      await page.getByTestId('bulk-actions').getByRole('button', { name: /Send/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Send' }).click();
      const results = page.getByTestId('bulk-results');
      await results.waitFor();
      const sent = page.getByTestId(`bulk-result-${issued.id}`);
      const refused = page.getByTestId(`bulk-result-${draft.body.id}`);
      await sent.getByText('Done').waitFor();
      await refused.getByText('Refused').waitFor();
      assert.match(await refused.textContent(), /void/i);
      await screenshot(page, `lists-send-results-${size.name}`);
      await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    }));
  });
}
