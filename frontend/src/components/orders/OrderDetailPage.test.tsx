import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { fakeApi, renderWithApp } from '@/test/utils';
import { purchaseOrderPage } from '@/features/purchase-orders/routes';
import { OrderDetailPage } from './OrderDetailPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const order = (overrides: Record<string, unknown>) => ({
  id: 1,
  number: 'PO-2026-000001',
  status: 'sent',
  supplier: 3,
  supplier_name: 'Prairie Packing',
  currency: 'USD',
  total: '5100.00',
  subtotal: '5100.00',
  total_weight_lb: '1200.00',
  lines: [
    {
      id: 11,
      line_number: 1,
      description: 'Beef chuck roll',
      boxes: 20,
      estimated_weight_lb: '1200.00',
      actual_weight_lb: null,
      unit_price: '4.2500',
      price_unit: 'lb',
      line_total: '5100.00',
    },
  ],
  loads: [],
  updated_at: '2026-12-01T10:00:00Z',
  ...overrides,
});

function serve(row: Record<string, unknown>) {
  return fakeApi((call) => {
    if (call.url.pathname === '/api/v1/purchase-orders/1/') return [200, row];
    if (call.url.pathname.endsWith('/timeline/')) return [200, []];
    return [200, { count: 0, results: [] }];
  });
}

const render = () =>
  renderWithApp(<OrderDetailPage config={purchaseOrderPage} />, { role: 'user', url: '/purchase-orders/1', path: '/purchase-orders/:id' });

describe('the order page follows the server, not a copy of the workflow', () => {
  it('buttons and editing come from allowed_actions and editable_fields (answer 1)', { timeout: 180_000 }, async () => {
    serve(
      order({
        allowed_actions: [
          { name: 'send', label: 'Send to supplier', requires_reason: false, destructive: false },
          { name: 'confirm', label: 'Confirm', requires_reason: false, destructive: false },
          { name: 'cancel', label: 'Cancel', requires_reason: false, destructive: true },
        ],
        editable_fields: ['notes', 'lines', 'lines.boxes', 'lines.unit_price'],
      }),
    );
    render();
    expect(await screen.findByRole('button', { name: 'Confirm' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send to supplier' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Add line/ })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Unit price line 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Edit/ })).toBeInTheDocument();
  });

  it('the same order, another answer: other buttons, prices and lines locked, no edit (answer 2)', { timeout: 180_000 }, async () => {
    serve(
      order({
        status: 'sent',
        allowed_actions: [{ name: 'send', label: 'Send to supplier', requires_reason: false, destructive: false }],
        editable_fields: ['lines.boxes'],
      }),
    );
    render();
    expect(await screen.findByRole('button', { name: 'Send to supplier' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add line/ })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Unit price line 1' })).toBeNull();
    expect(screen.getByRole('spinbutton', { name: 'Boxes line 1' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
  });
});
