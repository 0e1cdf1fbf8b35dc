/** A background refetch of the order (someone else changed its notes, a payment elsewhere touched it) must not
 * drop the line edits on screen; with nothing unsaved the page follows the server's lines. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { purchaseOrderPage } from '@/features/purchase-orders/routes';
import { detailQueryKey } from '@/components/resource/ResourcePages';
import { OrderDetailPage } from './OrderDetailPage';

afterEach(() => vi.unstubAllGlobals());

const line = { id: 11, line_number: 1, description: 'Beef chuck roll', boxes: 20, estimated_weight_lb: '1200.00', actual_weight_lb: null, unit_price: '4.2500', price_unit: 'lb', line_total: '5100.00' };
const first = {
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
  editable_fields: ['notes', 'lines', 'lines.boxes', 'lines.unit_price', 'lines.description'],
  updated_at: '2026-12-01T10:00:00Z',
};

function serveSequence() {
  let current: Record<string, unknown> = first;
  const api = fakeApi((call) => {
    if (call.method === 'PATCH') {
      return [412, { detail: 'This purchase order was changed by Alice Buyer after you loaded it.', code: 'stale', changed_by: 'Alice Buyer', changed_at: current.updated_at, current }];
    }
    if (call.url.pathname === '/api/v1/purchase-orders/1/') return [200, current];
    if (call.url.pathname.endsWith('/timeline/')) return [200, []];
    return [200, { count: 0, results: [] }];
  });
  return { api, set: (next: Record<string, unknown>) => (current = next) };
}

const detailCalls = (calls: { method: string; url: URL }[]) => calls.filter((c) => c.method === 'GET' && c.url.pathname === '/api/v1/purchase-orders/1/').length;

const priceShown = () => Number((screen.getByRole('spinbutton', { name: 'Unit price line 1' }) as HTMLInputElement).value);

describe('a background refetch of the order', () => {
  it('keeps unsaved line edits when the server copy is newer, and the save then meets the 412', { timeout: 180_000 }, async () => {
    const server = serveSequence();
    const { queryClient } = renderWithApp(<OrderDetailPage config={purchaseOrderPage} />, { role: 'user', url: '/purchase-orders/1', path: '/purchase-orders/:id' });
    const price = await screen.findByRole('spinbutton', { name: 'Unit price line 1' });
    await userEvent.clear(price);
    await userEvent.type(price, '4.5');
    expect(screen.getByTestId('lines-header-total')).toHaveTextContent('$5,400.00');

    // Someone else edits the order's notes: a newer updated_at arrives with the refetch.
    server.set({ ...first, notes: 'Dock 4', updated_at: '2026-12-01T10:05:00Z' });
    const before = detailCalls(server.api.calls);
    await queryClient.refetchQueries({ queryKey: detailQueryKey(purchaseOrderPage.resource, '1') });
    await waitFor(() => expect(detailCalls(server.api.calls)).toBe(before + 1));
    // The page has taken in the newer copy (the notice says so) ...
    expect(await screen.findByText(/changed on the server since you started editing/)).toBeInTheDocument();
    // ... and the edit is still on screen, still unsaved.
    expect(priceShown()).toBe(4.5);
    expect(screen.getByTestId('lines-header-total')).toHaveTextContent('$5,400.00');
    expect(screen.getByRole('button', { name: 'Save lines' })).toBeEnabled();

    // The edits are based on the copy first loaded: saving them names that version, and the server's 412 is shown.
    await userEvent.click(screen.getByRole('button', { name: 'Save lines' }));
    expect(await screen.findByText(/changed by Alice Buyer/)).toBeInTheDocument();
    const patch = server.api.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"1796119200000000"');
    expect(priceShown()).toBe(4.5);
  });

  it('with nothing unsaved, shows the lines the refetch brought', { timeout: 180_000 }, async () => {
    const server = serveSequence();
    const { queryClient } = renderWithApp(<OrderDetailPage config={purchaseOrderPage} />, { role: 'user', url: '/purchase-orders/1', path: '/purchase-orders/:id' });
    expect(await screen.findByRole('spinbutton', { name: 'Unit price line 1' })).toHaveValue('4.25');
    server.set({ ...first, lines: [{ ...line, unit_price: '4.7500', line_total: '5700.00' }], total: '5700.00', updated_at: '2026-12-01T10:05:00Z' });
    await queryClient.refetchQueries({ queryKey: detailQueryKey(purchaseOrderPage.resource, '1') });
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Unit price line 1' })).toHaveValue('4.75'), { timeout: 10_000 });
    expect(screen.getByTestId('lines-header-total')).toHaveTextContent('$5,700.00');
    expect(screen.getByRole('button', { name: 'Save lines' })).toBeDisabled();
  });
});
