/* global document, window */
// A broker's working day at both screen sizes (1440×900 desktop, 768×1024 tablet) in Debian's Chromium:
// the order total of a 6-line purchase order visible without scrolling, unsaved line edits guarded (menu
// links prompt, workflow buttons wait), one submit shows every error and a fixed field loses its old one,
// the menu reaches the AI assistant, a lost server reads as words, readonly users see no upload zone, the
// skip link, and axe-core finds no serious or critical violation on any page (every list, a record of each
// kind, the main forms, the settings tabs, the load board and the shortcut overlay).
// Screenshots of the main pages at both sizes go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, axeViolations, newBrowser, openMenuGroup, screenshot, signIn, startBackend } from './harness.mjs';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
];

let backend;
let browser;
const state = {};

before(async () => {
  backend = await startBackend();
  browser = await newBrowser();
  const { page } = browser;
  await signIn(page, backend.baseURL, 'demo_owner');
  await page.getByTestId('home-tenant').waitFor();
  // A purchase order with six lines, made through the API as an integrator would.
  const suppliers = await api(page, 'GET', '/api/v1/suppliers/?page_size=1');
  const supplier = suppliers.body.results[0];
  const lines = Array.from({ length: 6 }, (_, i) => ({
    description: `Beef chuck roll 116A lot ${i + 1}`,
    boxes: 40 + i,
    estimated_weight_lb: String(2000 + 10 * i),
    unit_price: '2.5500',
    price_unit: 'lb',
  }));
  const created = await api(page, 'POST', '/api/v1/purchase-orders/', { supplier: supplier.id, order_date: '2026-11-02', lines });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  state.po = created.body;
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
      await screenshot(browser.page, `FAILED-workday-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

/** True when the element's centre is on screen and it is what the user sees there (not clipped or covered). */
async function visibleWithoutScrolling(page, locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'element has no box');
  const viewport = page.viewportSize();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (x < 0 || y < 0 || x > viewport.width || y > viewport.height) return false;
  return locator.evaluate((element, point) => {
    const hit = document.elementFromPoint(point.x, point.y);
    return !!hit && (hit === element || element.contains(hit) || hit.contains(element));
  }, { x, y });
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const control = (page, role, label) => page.getByRole(role, { name: new RegExp(`^${escape(label)}( \\(optional\\))?$`) });

for (const size of SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('the order total of a 6-line purchase order is visible without scrolling', step(`total-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/purchase-orders/${state.po.id}`);
      await page.getByTestId('line-total-6').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const total = page.getByTestId('live-total');
      // 6 lines x 2,0x0 lb x 2.55 / lb, computed here from the inputs, not read from the app.
      const expected = [0, 1, 2, 3, 4, 5].reduce((sum, i) => sum + (2000 + 10 * i) * 255, 0);
      const text = `$${(expected / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
      await total.filter({ hasText: text }).waitFor();
      assert.ok(await visibleWithoutScrolling(page, total), `live total ${text} is on screen at ${size.width}×${size.height}`);
      // Every column fits: the line table needs no sideways scrolling, the line totals end inside the screen.
      const overflow = await page.locator('.line-item-editor .ant-table-body, .line-item-editor .ant-table-content').first().evaluate((element) => element.scrollWidth - element.clientWidth);
      // On the desktop nothing scrolls sideways; on the tablet the middle columns may, the total column is pinned.
      if (size.width >= 1440) assert.ok(overflow <= 1, `the line table scrolls sideways by ${overflow} px`);
      const last = await page.getByTestId('line-total-6').boundingBox();
      assert.ok(last && last.x + last.width <= page.viewportSize().width, 'the last line total ends inside the screen');
      await screenshot(page, `workday-po-6-lines-${size.name}`);
    }));

    test('unsaved line edits: workflow buttons wait, and leaving asks first', step(`unsaved-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/purchase-orders/${state.po.id}`);
      const send = page.getByRole('button', { name: 'Send to supplier' });
      await send.waitFor();
      assert.equal(await send.isEnabled(), true);
      await page.getByRole('spinbutton', { name: 'Boxes line 1' }).fill('99');
      await page.getByText('Save or discard the line changes first.').waitFor();
      assert.equal(await send.isEnabled(), false, 'Send to supplier waits for the lines to be saved');

      // The menu (expanded at 1440, icons only at 768) leads away: the app asks first.
      await (await openMenuGroup(page, 'Master data')).getByRole('link', { name: 'Suppliers' }).click();
      const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Stay on this page' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.match(page.url(), new RegExp(`/purchase-orders/${state.po.id}$`));
      assert.equal(await page.getByRole('spinbutton', { name: 'Boxes line 1' }).inputValue(), '99', 'the edit is still there');

      await (await openMenuGroup(page, 'Master data')).getByRole('link', { name: 'Suppliers' }).click();
      await dialog.getByRole('button', { name: 'Leave and discard' }).click();
      await page.waitForURL(/\/suppliers$/);
    }));

    test('one submit shows every error; a fixed field loses its old one', step(`errors-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/products/new`);
      await control(page, 'textbox', 'Code').fill('1001'); // taken in the demo tenant
      await control(page, 'textbox', 'Description').fill('Test ribeye');
      await control(page, 'combobox', 'Protein').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Beef' }).first().click();
      await control(page, 'textbox', 'NAMP number').fill('ABC'); // field error
      await control(page, 'spinbutton', 'Storage min (°F)').fill('34');
      await control(page, 'spinbutton', 'Storage max (°F)').fill('28'); // cross-field error
      let posts = 0;
      const count = (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/v1/products/')) posts += 1;
      };
      page.on('request', count);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByText('The maximum storage temperature must not be below the minimum.').waitFor();
      await page.locator('.ant-form-item-explain-error', { hasText: /NAMP/i }).first().waitFor();
      await page.locator('.ant-form-item-explain-error', { hasText: 'already exists' }).first().waitFor();
      assert.equal(posts, 1, 'all three problems came back from ONE submit');

      // Fix the NAMP number: its error goes at once; the others stay until fixed.
      await control(page, 'textbox', 'NAMP number').fill('112A');
      await page.locator('.ant-form-item-explain-error', { hasText: /NAMP/i }).first().waitFor({ state: 'detached' });
      assert.equal(await page.getByText('The maximum storage temperature must not be below the minimum.').count(), 1);
      page.off('request', count);
      await screenshot(page, `workday-all-errors-${size.name}`);
      // Leave the form without the prompt getting in the next test's way.
      page.once('dialog', (dialog) => void dialog.accept());
    }));

    test('the whole menu fits: the AI assistant is reachable, tablet icons are distinct', step(`menu-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/`);
      const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
      if (await leave.isVisible().catch(() => false)) await leave.getByRole('button', { name: 'Leave and discard' }).click();
      await page.getByTestId('home-tenant').waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      // The menu item (collapsed on the tablet: its icon) is on screen without scrolling the menu or the page.
      const item = (scope, name) => scope.locator('li.ant-menu-item', { has: page.getByRole('link', { name, exact: true }) });
      assert.ok(await visibleWithoutScrolling(page, item(nav, 'AI assistant')), 'AI assistant menu item on screen');
      // Every group is on screen; the last one opened shows its last item (Bug reports) on screen too.
      for (const group of ['Orders', 'Receivables', 'Payables', 'Accounting', 'Master data', 'Settings']) {
        const title = nav.locator('.ant-menu-submenu-title', { hasText: group });
        assert.ok(await visibleWithoutScrolling(page, title), `the ${group} group on screen`);
      }
      const settings = await openMenuGroup(page, 'Settings');
      assert.ok(await visibleWithoutScrolling(page, item(settings, 'Bug reports').first()), 'the last menu item (Bug reports) on screen');
      // Icons differ: the top items', the groups' (all the collapsed menu shows) and every list's.
      const icons = await nav.locator('.ant-menu-item .anticon, .ant-menu-submenu-title .anticon').evaluateAll((nodes) => nodes.map((node) => node.className));
      assert.equal(new Set(icons).size, icons.length, `every menu icon differs: ${icons.join(', ')}`);
    }));

    test('every page: screenshots, and axe-core finds no serious or critical violation', step(`pages-${size.name}`, async (page) => {
      // Every list of the menu, one record page of each kind, its forms, the settings tabs, the dashboard, AR
      // aging, the assistant, the load board and the shortcut overlay.
      const lists = [
        'suppliers', 'plants', 'products', 'customers', 'ship-to-locations', 'contacts', 'carriers', 'proteins', 'members',
        'bug-reports', 'purchase-orders', 'sales-orders', 'loads', 'invoices', 'payments', 'journal-entries', 'account-mappings',
      ];
      const pages = [
        ['dashboard', '/', () => page.getByTestId('home-tenant').waitFor()],
        ['receivables', '/receivables', () => page.locator('.ant-table-row').first().waitFor()],
        ['assistant', '/assistant', () => page.getByRole('heading').first().waitFor()],
        ['load-board', '/loads/board', () => page.getByTestId('load-board').waitFor()],
        ['journal-exports', '/journal-exports', () => page.getByRole('heading', { name: 'Journal exports' }).waitFor()],
        ...['profile', 'password', 'members', 'brokerage', 'ai-usage'].map((tab) => [`settings-${tab}`, `/settings?tab=${tab}`, () => page.getByRole('tab', { selected: true }).waitFor()]),
      ];
      for (const key of lists) {
        pages.push([key, `/${key}`, () => page.locator('.ant-table-row, .ant-empty').first().waitFor()]);
        const first = (await api(page, 'GET', `/api/v1/${key}/?page_size=1`)).body.results?.[0];
        if (first?.id !== undefined) pages.push([`${key}-detail`, `/${key}/${first.id}`, () => page.locator('#main-content h3, #main-content h4').first().waitFor()]);
      }
      for (const key of ['suppliers', 'purchase-orders', 'sales-orders', 'loads', 'invoices']) {
        pages.push([`${key}-new`, `/${key}/new`, () => page.locator('#main-content form').first().waitFor()]);
      }
      const problems = [];
      for (const [name, path, ready] of pages) {
        await page.goto(`${backend.baseURL}${path}`);
        await ready();
        await page.waitForLoadState('networkidle');
        await page.locator('.ant-skeleton').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await screenshot(page, `workday-${name}-${size.name}`);
        problems.push(...(await axeViolations(page)).map((problem) => `${path}: ${problem}`));
      }
      // The shortcut overlay, open over a list.
      await page.goto(`${backend.baseURL}/suppliers`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.locator('#main-content').focus();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await page.waitForTimeout(400);
      problems.push(...(await axeViolations(page)).map((problem) => `shortcut overlay: ${problem}`));
      await page.keyboard.press('Escape');
      assert.deepEqual(problems, [], `axe-core found serious/critical violations at ${size.width}×${size.height}`);
    }));
  });
}

describe('anywhere', () => {
  test('the skip link jumps past the menu to the page', step('skip-link', async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${backend.baseURL}/suppliers`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(await skip.evaluate((element) => element === document.activeElement), true, 'the first Tab reaches the skip link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('#main-content'));
    assert.ok(inMain, 'the next Tab lands inside the page, not the menu');
  }));

  test('a lost server reads as words, not "TypeError: Failed to fetch"', step('offline', async (page) => {
    await page.goto(`${backend.baseURL}/suppliers`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.context().setOffline(true);
    try {
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await page.getByText(/Cannot reach the ProjectMeats server/).first().waitFor();
      assert.equal(await page.getByText('Failed to fetch').count(), 0);
    } finally {
      await page.context().setOffline(false);
    }
  }));

  test('a readonly user sees no upload zone', step('readonly', async () => {
    const other = await newBrowser();
    try {
      const { page } = other;
      await signIn(page, backend.baseURL, 'demo_readonly');
      await page.getByTestId('home-tenant').waitFor();
      await page.goto(`${backend.baseURL}/assistant`);
      await page.getByText(/Read-only access/).waitFor();
      assert.equal(await page.getByLabel('Upload documents').count(), 0);
    } finally {
      await other.close();
    }
  }));
});
