import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { WorkflowButtons } from './WorkflowButtons';
import { allowedActions } from './workflow';
import type { OrderKind } from './workflow';

afterEach(() => {
  vi.unstubAllGlobals();
});

const labels = (kind: OrderKind, status: string) => allowedActions(kind, status).map((action) => action.label);

describe('allowed transitions per status', () => {
  it('purchase orders: send, confirm, pick up, receive, close; cancel until picked up', () => {
    expect(labels('purchase-orders', 'draft')).toEqual(['Send to supplier', 'Cancel']);
    expect(labels('purchase-orders', 'sent')).toEqual(['Confirm', 'Cancel']);
    expect(labels('purchase-orders', 'confirmed')).toEqual(['Picked up', 'Cancel']);
    expect(labels('purchase-orders', 'picked_up')).toEqual(['Received']);
    expect(labels('purchase-orders', 'received')).toEqual(['Close']);
    expect(labels('purchase-orders', 'closed')).toEqual([]);
    expect(labels('purchase-orders', 'cancelled')).toEqual([]);
  });

  it('sales orders: confirm, ship, deliver, then only invoicing', () => {
    expect(labels('sales-orders', 'draft')).toEqual(['Confirm', 'Cancel']);
    expect(labels('sales-orders', 'confirmed')).toEqual(['Ship', 'Cancel']);
    expect(labels('sales-orders', 'shipped')).toEqual(['Delivered']);
    expect(labels('sales-orders', 'delivered')).toEqual(['Create invoice']);
    expect(labels('sales-orders', 'invoiced')).toEqual([]);
  });

  it('loads and invoices', () => {
    expect(labels('loads', 'tendered')).toEqual(['Accepted by carrier', 'Cancel']);
    expect(labels('loads', 'picked_up')).toEqual(['Delivered']);
    expect(labels('loads', 'delivered')).toEqual([]);
    expect(labels('invoices', 'draft')).toEqual(['Issue', 'Void']);
    expect(labels('invoices', 'issued')).toEqual(['Void']);
    expect(labels('invoices', 'partially_paid')).toEqual([]);
    expect(labels('invoices', 'paid')).toEqual([]);
    expect(labels('nothing' as OrderKind, 'draft')).toEqual([]);
  });
});

describe('WorkflowButtons', () => {
  it('shows only the buttons of the status, and posts the action', async () => {
    const api = fakeApi(() => [200, { id: 5, status: 'shipped' }]);
    const onDone = vi.fn();
    renderWithApp(<WorkflowButtons kind="sales-orders" path="/api/v1/sales-orders/" id="5" status="confirmed" onDone={onDone} />, { role: 'user' });
    expect(screen.getByRole('button', { name: 'Ship' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delivered' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Ship' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.calls[0]!.method).toBe('POST');
    expect(api.calls[0]!.url.pathname).toBe('/api/v1/sales-orders/5/ship/');
  });

  it('hides manager-only actions from users (void)', () => {
    fakeApi(() => [200, {}]);
    renderWithApp(<WorkflowButtons kind="invoices" path="/api/v1/invoices/" id="1" status="draft" onDone={() => undefined} />, { role: 'user' });
    expect(screen.getByRole('button', { name: 'Issue' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Void' })).toBeNull();
  });

  it('shows no button to a read-only member', () => {
    fakeApi(() => [200, {}]);
    renderWithApp(<WorkflowButtons kind="purchase-orders" path="/api/v1/purchase-orders/" id="1" status="sent" onDone={() => undefined} />, { role: 'readonly' });
    expect(screen.queryByTestId('workflow-buttons')).toBeNull();
  });

  it('on a credit refusal shows the figures, and a manager confirms with an override reason', { timeout: 60_000 }, async () => {
    const refusal = {
      detail: 'Credit limit exceeded: Acme has 9000.00 open and this order adds 2000.00, over the limit of 10000.00.',
      credit_problem: 'credit_limit_exceeded',
      open_balance: '9000.00',
      order_total: '2000.00',
      credit_limit: '10000.00',
      credit_hold: false,
    };
    const api = fakeApi((call) => ((call.body as { override_reason?: string })?.override_reason ? [200, { id: 7, status: 'confirmed' }] : [409, refusal]));
    const onDone = vi.fn();
    renderWithApp(<WorkflowButtons kind="sales-orders" path="/api/v1/sales-orders/" id="7" status="draft" onDone={onDone} />, { role: 'manager' });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Credit limit exceeded')).toBeInTheDocument();
    expect(screen.getByText('9,000.00')).toBeInTheDocument();
    expect(screen.getByText('10,000.00')).toBeInTheDocument();
    const override = screen.getByRole('button', { name: 'Confirm with override' });
    expect(override).toBeDisabled();
    fireEvent.change(screen.getByRole('textbox', { name: 'Override reason' }), { target: { value: 'Paid by wire today' } });
    await userEvent.click(override);
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.calls.at(-1)!.body).toEqual({ override_reason: 'Paid by wire today' });
  });

  it('a user sees the credit warning but no override', async () => {
    fakeApi(() => [409, { detail: 'Acme is on credit hold.', credit_problem: 'credit_hold', open_balance: '0.00', order_total: '5.00', credit_limit: null, credit_hold: true }]);
    renderWithApp(<WorkflowButtons kind="sales-orders" path="/api/v1/sales-orders/" id="7" status="draft" onDone={() => undefined} />, { role: 'user' });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Customer on credit hold')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm with override' })).toBeNull();
    expect(screen.getByText(/ask a manager/)).toBeInTheDocument();
  });
});
