/* global document */
// Records you can talk about (#16 item 5) in Debian's Chromium at 1440×900 and 768×1024: a manager changes a
// purchase order's notes, then posts a comment on it with a PDF attached and an @mention picked from the
// tenant's members; the order's activity shows the comment, the attachment (downloaded, same bytes) and the field
// change from the audit history with its label. The mentioned member signs in, sees the notification under the
// bell, opens it and lands on the order with the comment. Screenshots go to e2e/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { api, newBrowser, screenshot, signIn, signOut, startBackend } from './harness.mjs';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n');

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

function step(name, body) {
  return async () => {
    try {
      await body(browser.page);
    } catch (error) {
      await screenshot(browser.page, `FAILED-comments-${name}`).catch(() => undefined);
      throw error;
    }
  };
}

for (const size of SIZES) {
  describe(`at ${size.width}×${size.height}`, () => {
    before(async () => {
      await browser.page.setViewportSize({ width: size.width, height: size.height });
    });

    test('a comment with an attachment and a mention; the mentioned member is notified and opens the order', step(size.name, async (page) => {
      const notes = `Call the plant before 7 am (${size.name})`;
      const words = `BOL attached for the ${size.name} check, please confirm the weights`;
      await page.context().clearCookies();
      await signIn(page, backend.baseURL, 'demo_manager');
      await page.getByTestId('home-tenant').waitFor();
      const drafts = await api(page, 'GET', '/api/v1/purchase-orders/?status=draft&ordering=-id&page_size=1');
      assert.equal(drafts.status, 200);
      const po = drafts.body.results[0];
      assert.ok(po, 'the demo data has a draft purchase order');
      // A field change the audit history records (the timeline shows it with the field's label).
      const before = (await api(page, 'GET', `/api/v1/purchase-orders/${po.id}/`)).body.notes;
      const changed = await api(page, 'PATCH', `/api/v1/purchase-orders/${po.id}/`, { notes });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));

      await page.goto(`${backend.baseURL}/purchase-orders/${po.id}`);
      const activity = page.getByTestId('record-activity');
      const change = activity.getByTestId('activity-change').filter({ hasText: notes });
      await change.waitFor();
      const changeText = await change.innerText();
      const old = before ? `'${before}'` : '(empty)';
      assert.ok(changeText.includes(`Notes: ${old} → '${notes}'`), changeText);
      assert.match(changeText, /by demo.manager|by .+ at /i);
      assert.ok(!changeText.includes('notes:'), 'the label, not the key');

      // The comment: @ opens the member picker, the chosen member is inserted; a PDF goes with it as a BOL.
      const box = page.getByTestId('comment-box');
      const input = box.getByRole('textbox', { name: 'Comment' });
      await input.click();
      await input.pressSequentially(`${words} @demo_us`);
      await page.getByTestId('mention-option').filter({ hasText: '@demo_user' }).click();
      assert.match(await input.inputValue(), /@demo_user $/);
      await input.pressSequentially('thanks');
      await box.locator('input[type=file]').setInputFiles({ name: `BOL-${po.number}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await box.getByRole('combobox', { name: 'The files are' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Bill of lading' }).click();
      await box.getByRole('button', { name: 'Post comment' }).click();

      const comment = activity.getByTestId('activity-comment').filter({ hasText: words });
      await comment.waitFor();
      await comment.getByText('@demo_user').waitFor();
      await comment.getByText('Bill of lading').waitFor();
      assert.equal(await input.inputValue(), '', 'the box is empty again');
      // Interleaved by time: the field change comes before the comment.
      const order = await activity.locator('[data-testid=activity-change], [data-testid=activity-comment]').allInnerTexts();
      const changeAt = order.findIndex((text) => text.includes(notes));
      const commentAt = order.findIndex((text) => text.includes(words));
      assert.ok(changeAt >= 0 && commentAt > changeAt, `change at ${changeAt}, comment at ${commentAt}`);
      // The attachment downloads with its name and its bytes.
      const [download] = await Promise.all([page.waitForEvent('download'), comment.getByTestId('attachment-link').click()]);
      assert.equal(download.suggestedFilename(), `BOL-${po.number}.pdf`);
      assert.deepEqual(readFileSync(await download.path()), PDF);
      await comment.scrollIntoViewIfNeeded();
      await screenshot(page, `comments-po-activity-${size.name}`);

      // The mentioned member: the bell counts the mention; opening it goes to the order.
      await signOut(page);
      await signIn(page, backend.baseURL, 'demo_user');
      await page.getByTestId('home-tenant').waitFor();
      const bell = page.getByTestId('notification-bell');
      await page.waitForFunction(() => /unread/.test(document.querySelector('[data-testid=notification-bell]')?.getAttribute('aria-label') ?? ''));
      await bell.click();
      const item = page.getByTestId('notification-item').filter({ hasText: words });
      await item.waitFor();
      assert.match(await item.innerText(), new RegExp(`mentioned you on purchase order ${po.number}`));
      await screenshot(page, `comments-bell-${size.name}`);
      await item.click();
      await page.waitForURL(new RegExp(`/purchase-orders/${po.id}$`));
      await page.getByTestId('activity-comment').filter({ hasText: words }).waitFor();
      await page.getByTestId('activity-change').filter({ hasText: notes }).waitFor();
      await screenshot(page, `comments-mentioned-member-${size.name}`);

      // A partner page has the same activity in a tab: the supplier's history and a comment posted there.
      await page.goto(`${backend.baseURL}/suppliers/${po.supplier}`);
      await page.getByRole('tab', { name: /Activity/ }).click();
      const partner = page.getByTestId('record-activity');
      await partner.getByTestId('activity-change').first().waitFor();
      const said = `Asked about the ${size.name} reefer slot`;
      await partner.getByRole('textbox', { name: 'Comment' }).fill(said);
      await partner.getByRole('button', { name: 'Post comment' }).click();
      await partner.getByTestId('activity-comment').filter({ hasText: said }).waitFor();
      await screenshot(page, `comments-supplier-activity-${size.name}`);
      await signOut(page);
    }));
  });
}
