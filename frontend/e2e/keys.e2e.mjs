/* global document */
// Keyboard shortcuts and the brokerage logo at 1440×900 and 768×1024 in Debian's Chromium: `/` focuses the list
// search, `n` opens the new-record form (and does nothing while typing), Ctrl+S saves a form, j/k and Alt+↓/↑ walk
// the records in the list's filter and order, `?` opens the overlay listing every shortcut (axe-clean); the owner
// uploads a logo in Settings → Brokerage (shown there), a file that is not an image is refused with the server's
// words, and the logo is removed again. Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, api, axeViolations, newBrowser, screenshot, signIn, startBackend } from './harness.mjs';

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
      await screenshot(browser.page, `FAILED-keys-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

/** A solid-colour RGB PNG of width × height, written here byte by byte (no image library). */
function png(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const activeLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

for (const size of SIZES) {
  describe(`keyboard shortcuts at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('/ focuses the search; n opens the new form, but not while typing', step(`search-new-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/suppliers`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      assert.equal(await activeLabel(page), 'Search suppliers');
      await page.keyboard.type('n');
      assert.equal(await page.getByRole('searchbox', { name: 'Search suppliers' }).inputValue(), 'n', 'typed into the box');
      assert.match(page.url(), /\/suppliers$/, 'n while typing is only a letter');
      await page.getByRole('searchbox', { name: 'Search suppliers' }).fill('');
      await page.locator('#main-content').focus();
      await page.keyboard.press('n');
      await page.waitForURL(/\/suppliers\/new$/);
      await page.getByRole('heading', { name: 'New supplier' }).waitFor();
    }));

    test('Ctrl+S saves the form', step(`save-${size.name}`, async (page) => {
      const supplier = (await api(page, 'GET', '/api/v1/suppliers/?ordering=name&page_size=1')).body.results[0];
      await page.goto(`${backend.baseURL}/suppliers/${supplier.id}/edit`);
      const notes = page.getByRole('textbox', { name: /^Notes/ });
      await notes.waitFor();
      const text = `Saved with Ctrl+S at ${size.name}`;
      await notes.fill(text);
      await page.keyboard.press('Control+s'); // while the cursor is still in the field
      await page.waitForURL(new RegExp(`/suppliers/${supplier.id}$`));
      await page.getByText('Supplier saved.').first().waitFor();
      assert.equal((await api(page, 'GET', `/api/v1/suppliers/${supplier.id}/`)).body.notes, text);
    }));

    test('j / k and Alt+↓ / Alt+↑ walk the records in the list’s filter and order', step(`next-prev-${size.name}`, async (page) => {
      // The list sorted by name, descending: the walk follows that order, not the default one.
      const rows = (await api(page, 'GET', '/api/v1/suppliers/?ordering=-name&page_size=25')).body.results;
      assert.ok(rows.length >= 3, 'the demo has three suppliers or more');
      await page.goto(`${backend.baseURL}/suppliers?ordering=-name`);
      const first = page.locator(`#main-content a[href="/suppliers/${rows[0].id}"]`).first();
      await first.waitFor();
      await first.click();
      await page.waitForURL(new RegExp(`/suppliers/${rows[0].id}$`));
      await page.locator('#main-content').focus();
      await page.keyboard.press('j');
      await page.waitForURL(new RegExp(`/suppliers/${rows[1].id}$`));
      await page.keyboard.press('Alt+ArrowDown');
      await page.waitForURL(new RegExp(`/suppliers/${rows[2].id}$`));
      await page.keyboard.press('k');
      await page.waitForURL(new RegExp(`/suppliers/${rows[1].id}$`));
      await page.keyboard.press('Alt+ArrowUp');
      await page.waitForURL(new RegExp(`/suppliers/${rows[0].id}$`));
      await page.keyboard.press('k'); // the first of the list: nowhere to go
      await page.waitForTimeout(500);
      assert.match(page.url(), new RegExp(`/suppliers/${rows[0].id}$`));
    }));

    test('? opens the overlay listing every shortcut; it passes axe', step(`help-${size.name}`, async (page) => {
      await page.goto(`${backend.baseURL}/purchase-orders`);
      await page.getByRole('link', { name: /^PO-/ }).first().waitFor();
      await page.locator('#main-content').focus();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      const text = await dialog.innerText();
      for (const keys of ['n', '/', 'Ctrl+S', 'Alt+↓', 'Alt+↑', '?']) assert.ok(text.includes(keys), `the overlay lists ${keys}`);
      for (const does of ['New record', 'Search the list', 'Save', 'Next record', 'Previous record']) assert.ok(text.includes(does), does);
      await page.waitForTimeout(400); // the opening animation
      assert.deepEqual(await axeViolations(page), [], 'axe-core on the open overlay');
      await screenshot(page, `keys-help-${size.name}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // The user menu opens it too.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /Keyboard shortcuts/ }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }));
  });
}

describe('the brokerage logo', () => {
  test('the owner uploads it, sees it, gets the server’s refusal for a bad file, and removes it', step('logo', async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    mkdirSync(ARTIFACTS, { recursive: true });
    const good = join(ARTIFACTS, 'e2e-logo.png');
    const bad = join(ARTIFACTS, 'e2e-not-a-logo.png');
    writeFileSync(good, png(180, 60, [159, 29, 32]));
    writeFileSync(bad, 'this is text, not an image');
    await page.goto(`${backend.baseURL}/settings?tab=brokerage`);
    const setting = page.getByTestId('logo-setting');
    await setting.waitFor();
    const input = setting.locator('input[type="file"]');
    await input.setInputFiles(good);
    await page.getByText('Logo saved: every PDF prints it.').first().waitFor();
    const logo = page.getByRole('img', { name: 'Current logo' });
    await logo.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector('img[alt="Current logo"]');
      return image && image.complete && image.naturalWidth === 180;
    });
    await screenshot(page, 'keys-logo-settings');
    assert.match(await logo.getAttribute('src'), /^\/api\/v1\/tenants\/\d+\/logo\/image\/\?v=/, 'served by the API');

    await input.setInputFiles(bad);
    const error = page.getByTestId('logo-error');
    await error.waitFor();
    assert.match(await error.innerText(), /must be a PNG or JPEG/);
    await logo.waitFor(); // the old logo stays

    await page.getByRole('button', { name: 'Remove logo' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('No logo yet.').waitFor();
    assert.equal(await page.getByRole('img', { name: 'Current logo' }).count(), 0);
  }));
});
