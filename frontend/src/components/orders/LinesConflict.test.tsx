/** Order lines meet a newer version (issue #15 item 1): the 412 names who and when, the line edits stay, and
 * "Overwrite" sends them again on the server's current version. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { purchaseOrderPage } from '@/features/purchase-orders/routes';
import { OrderDetailPage } from './OrderDetailPage';

afterEach(() => vi.unstubAllGlobals());

const line = { id: 11, line_number: 1, description: 'Beef chuck roll', boxes: 20, estimated_weight_lb: '1200.00', actual_weight_lb: null, unit_price: '4.2500', price_unit: 'lb', line_total: '5100.00' };
const row = {
  id: 1,
  number: 'PO-2026-000001',
  status: 'sent',
  supplier: 3,
  supplier_name: 'Prairie Packing',
  currency: 'USD',
  total: '5100.00',
  subtotal: '5100.00',
  total_weight_lb: '1200.00',
  lines: [line],
  loads: [],
  allowed_actions: [],
  editable_fields: ['notes', 'lines', 'lines.boxes', 'lines.unit_price'],
  updated_at: '2026-12-01T10:00:00Z',
};
const current = { ...row, notes: 'Dock 4', updated_at: '2026-12-01T10:05:00.5Z' };

describe('saving lines from a stale copy', () => {
  it('shows who changed the order, keeps the edits, and overwrites on request', { timeout: 180_000 }, async () => {
    const api = fakeApi((call) => {
      if (call.method === 'PATCH') {
        if (call.headers.get('If-Match') !== '"1796119500500000"') {
          return [412, { detail: 'This purchase order was changed by Alice Buyer at 2026-12-01 04:05 after you loaded it.', code: 'stale', changed_by: 'Alice Buyer', changed_at: current.updated_at, current }];
        }
        return [200, { ...current, updated_at: '2026-12-01T10:06:00Z' }];
      }
      if (call.url.pathname === '/api/v1/purchase-orders/1/') return [200, row];
      if (call.url.pathname.endsWith('/timeline/')) return [200, []];
      return [200, { count: 0, results: [] }];
    });
    renderWithApp(<OrderDetailPage config={purchaseOrderPage} />, { role: 'user', url: '/purchase-orders/1', path: '/purchase-orders/:id' });
    const price = await screen.findByRole('spinbutton', { name: 'Unit price line 1' });
    await userEvent.clear(price);
    await userEvent.type(price, '4.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save lines' }));
    expect(await screen.findByText(/changed by Alice Buyer/)).toBeInTheDocument();
    const patches = () => api.calls.filter((call) => call.method === 'PATCH');
    expect(patches()[0]!.headers.get('If-Match')).toBe('"1796119200000000"');
    expect(screen.getByRole('spinbutton', { name: 'Unit price line 1' })).toHaveValue('4.50');
    await userEvent.click(screen.getByRole('button', { name: 'Overwrite with my changes' }));
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]!.headers.get('If-Match')).toBe('"1796119500500000"');
    expect(JSON.stringify(patches()[1]!.body)).toContain('4.5');
  });
});
