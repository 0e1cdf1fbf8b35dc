/* global document */
// The load board at 1440×900 and 768×1024 in Debian's Chromium: a load dragged to its next allowed step (and
// the server agrees), the columns it may not go to marked while dragging and refusing the drop (nothing is
// posted), a move the server refuses (409: its purchase order is not confirmed) shown with the card back in its
// column, and the keyboard's "Move to…" menu with the load page's reason dialog for a cancel.
// Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, newBrowser, openMenuGroup, screenshot, signIn, startBackend } from './harness.mjs';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
];

let backend;
let browser;

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
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
      await screenshot(browser.page, `FAILED-board-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

/** A carrier of its own (so the board, filtered to it, shows only this test's loads) and two tendered loads on
 * draft purchase orders; the second is accepted through the API. */
async function makeLoads(page, tag) {
  const carrier = await api(page, 'POST', '/api/v1/carriers/', {
    code: `BRD${tag}`,
    name: `Board Test Freight ${tag}`,
    carrier_type: 'reefer_truck',
    insurance_expires_on: '2031-12-31',
  });
  assert.equal(carrier.status, 201, JSON.stringify(carrier.body));
  const supplier = (await api(page, 'GET', '/api/v1/suppliers/?page_size=1')).body.results[0];
  const loads = [];
  for (const n of [1, 2]) {
    const order = await api(page, 'POST', '/api/v1/purchase-orders/', {
      supplier: supplier.id,
      order_date: '2026-11-02',
      lines: [{ description: `Board beef ${tag}-${n}`, boxes: 10, estimated_weight_lb: '600', unit_price: '2.5000', price_unit: 'lb' }],
    });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    const load = await api(page, 'POST', '/api/v1/loads/', {
      carrier: carrier.body.id,
      purchase_orders: [order.body.id],
      linehaul_rate: '1800.00',
      pickup_date: '2031-03-0' + n,
      delivery_location: `Sysco Houston, TX ${tag}`,
    });
    assert.equal(load.status, 201, JSON.stringify(load.body));
    loads.push(load.body);
  }
  const accepted = await api(page, 'POST', `/api/v1/loads/${loads[1].id}/accept/`, {});
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return { carrier: carrier.body, tendered: loads[0], accepted: accepted.body };
}

const column = (page, status) => page.getByTestId(`board-column-${status}`);
const card = (page, number) => page.getByTestId(`board-card-${number}`);

async function statusOf(page, load) {
  return (await api(page, 'GET', `/api/v1/loads/${load.id}/`)).body.status;
}

for (const size of SIZES) {
  describe(`the load board at ${size.width}×${size.height}`, () => {
    let made;
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
      made = await makeLoads(browser.page, size.name.slice(0, 3).toUpperCase());
    });

    test('reached from the menu and the load list; cards show number, lane, pickup, carrier', step(`open-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/loads`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByRole('link', { name: 'Load board' }).filter({ visible: true }).first().click();
      await page.waitForURL(/\/loads\/board/);
      await page.getByTestId('load-board').waitFor();
      // Every load status is a column.
      for (const status of ['tendered', 'accepted', 'picked_up', 'delivered', 'cancelled']) await column(page, status).waitFor();
      await page.goto(`${backend.baseURL}/loads/board?carrier=${made.carrier.id}`);
      const tendered = card(page, made.tendered.number);
      await tendered.waitFor();
      await column(page, 'tendered').getByTestId(`board-card-${made.tendered.number}`).waitFor();
      await column(page, 'accepted').getByTestId(`board-card-${made.accepted.number}`).waitFor();
      assert.match(await tendered.innerText(), new RegExp(`→ Sysco Houston, TX`));
      assert.match(await tendered.innerText(), /Pickup 2031-03-01/);
      assert.match(await tendered.innerText(), new RegExp(made.carrier.name));
      // The carrier filter leaves only this test's two loads on the board.
      assert.equal(await page.locator('[data-testid^="board-card-"]').count(), 2);
      assert.equal(await page.getByTestId('board-count-tendered').innerText(), '1');
      // The menu item is there too.
      const orders = await openMenuGroup(page, 'Orders');
      assert.equal(await orders.getByRole('link', { name: 'Load board' }).filter({ visible: true }).count(), 1);
      await screenshot(page, `board-${size.name}`);
    }));

    test('while dragging, the steps it cannot take are refused; a drop there posts nothing', step(`refused-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/loads/board?carrier=${made.carrier.id}`);
      const tendered = card(page, made.tendered.number);
      await tendered.waitFor();
      let posts = 0;
      const count = (request) => {
        if (request.method() === 'POST' && request.url().includes('/api/v1/loads/')) posts += 1;
      };
      page.on('request', count);
      try {
        // The drag starts on the card (a small move with the button down), then goes over the columns.
        await tendered.scrollIntoViewIfNeeded();
        const box = await tendered.boundingBox();
        await page.mouse.move(box.x + 30, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + 40, box.y + box.height / 2 + 5, { steps: 2 });
        await column(page, 'delivered').hover();
        await column(page, 'delivered').hover({ position: { x: 40, y: 120 } });
        // A tendered load may be accepted or cancelled (its allowed actions), nothing else.
        assert.equal(await column(page, 'accepted').getAttribute('data-drop'), 'allowed');
        assert.equal(await column(page, 'cancelled').getAttribute('data-drop'), 'allowed');
        assert.equal(await column(page, 'delivered').getAttribute('data-drop'), 'refused');
        assert.equal(await column(page, 'picked_up').getAttribute('data-drop'), 'refused');
        await page.getByTestId('board-refused-delivered').waitFor();
        await screenshot(page, `board-dragging-${size.name}`);
        await page.mouse.up();
        await page.waitForTimeout(300);
        assert.equal(posts, 0, 'a refused column sends nothing');
        await column(page, 'tendered').getByTestId(`board-card-${made.tendered.number}`).waitFor();
        assert.equal(await statusOf(page, made.tendered), 'tendered');
      } finally {
        page.off('request', count);
      }
    }));

    test('a card dragged to its next step moves there, and the server agrees', step(`move-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/loads/board?carrier=${made.carrier.id}`);
      await card(page, made.tendered.number).waitFor();
      await card(page, made.tendered.number).dragTo(column(page, 'accepted'));
      await page.getByText(`${made.tendered.number}: accepted by carrier.`).first().waitFor();
      await column(page, 'accepted').getByTestId(`board-card-${made.tendered.number}`).waitFor();
      assert.equal(await statusOf(page, made.tendered), 'accepted');
      await page.getByTestId('board-count-accepted').filter({ hasText: /^2$/ }).waitFor();
    }));

    test("the server's refusal (409) is shown and the card goes back", step(`server-refusal-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/loads/board?carrier=${made.carrier.id}`);
      await card(page, made.accepted.number).waitFor();
      // Picking up is an allowed step for an accepted load, but its purchase order is still a draft.
      await card(page, made.accepted.number).dragTo(column(page, 'picked_up'));
      const refusal = page.getByTestId('board-refusal');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /has not confirmed purchase order/);
      assert.match(await refusal.innerText(), /\(409\)/);
      await column(page, 'accepted').getByTestId(`board-card-${made.accepted.number}`).waitFor();
      assert.equal(await column(page, 'picked_up').getByTestId(`board-card-${made.accepted.number}`).count(), 0);
      assert.equal(await statusOf(page, made.accepted), 'accepted');
      await screenshot(page, `board-refused-${size.name}`);
    }));

    test('from the keyboard: "Move to…" → Cancelled asks the reason, as on the load page', step(`keyboard-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/loads/board?carrier=${made.carrier.id}`);
      const menu = page.getByRole('button', { name: `Move ${made.accepted.number} to…` });
      await menu.focus();
      await page.keyboard.press('Enter');
      const choices = page.getByTestId(`board-move-${made.accepted.number}`);
      await choices.waitFor();
      // Only the allowed steps are offered; the first has the focus, Tab walks to the next.
      const offered = await choices.getByRole('button').allInnerTexts();
      assert.deepEqual(offered.map((text) => text.split(' (')[0]), ['Picked up', 'Cancelled']);
      await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Picked up'));
      await page.keyboard.press('Tab');
      assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /^Cancelled/);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Cancel' });
      await dialog.waitFor();
      await dialog.getByLabel('Reason').fill('Customer pushed the order a week');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await column(page, 'cancelled').getByTestId(`board-card-${made.accepted.number}`).waitFor();
      assert.equal(await statusOf(page, made.accepted), 'cancelled');
      const timeline = (await api(page, 'GET', `/api/v1/loads/${made.accepted.id}/timeline/`)).body;
      assert.ok(
        timeline.some((event) => JSON.stringify(event).includes('Customer pushed the order a week')),
        'the reason is on the load timeline',
      );
      assert.equal(await page.evaluate(() => document.title.length > 0), true);
    }));
  });
}
