import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { WorkflowButtons } from './WorkflowButtons';
import type { AllowedAction } from './WorkflowButtons';

afterEach(() => {
  vi.unstubAllGlobals();
});

const act = (name: string, label: string, extra: Partial<AllowedAction> = {}): AllowedAction => ({
  name,
  label,
  requires_reason: false,
  destructive: false,
  target: null,
  ...extra,
});
const buttons = () => screen.queryAllByRole('button').map((button) => button.textContent);

describe('WorkflowButtons render the server\'s allowed_actions, nothing else', () => {
  it('two different server answers for the same order give two different sets of buttons', () => {
    // The same sent purchase order, as a user sees it today and after the declaration made confirm manager-only.
    const before = [act('send', 'Send to supplier'), act('confirm', 'Confirm'), act('cancel', 'Cancel', { destructive: true })];
    const after = [act('send', 'Send to supplier')];
    const { unmount } = renderWithApp(
      <WorkflowButtons kind="purchase-orders" path="/api/v1/purchase-orders/" id="1" actions={before} onDone={() => undefined} />,
      { role: 'user' },
    );
    expect(buttons()).toEqual(['Send to supplier', 'Confirm', 'Cancel']);
    unmount();
    renderWithApp(<WorkflowButtons kind="purchase-orders" path="/api/v1/purchase-orders/" id="1" actions={after} onDone={() => undefined} />, {
      role: 'user',
    });
    expect(buttons()).toEqual(['Send to supplier']);
  });

  it('a manager-only action the server offers is shown even to a user role in the session (the server decides)', () => {
    fakeApi(() => [200, {}]);
    renderWithApp(
      <WorkflowButtons kind="invoices" path="/api/v1/invoices/" id="1" actions={[act('void', 'Void', { requires_reason: true, destructive: true })]} onDone={() => undefined} />,
      { role: 'user' },
    );
    expect(screen.getByRole('button', { name: 'Void' })).toBeInTheDocument();
  });

  it('no allowed actions, no buttons', () => {
    renderWithApp(<WorkflowButtons kind="purchase-orders" path="/api/v1/purchase-orders/" id="1" actions={[]} onDone={() => undefined} />, {
      role: 'owner',
    });
    expect(screen.queryByTestId('workflow-buttons')).toBeNull();
  });

  it('posts the action by its name', async () => {
    const api = fakeApi(() => [200, { id: 5, status: 'picked_up' }]);
    const onDone = vi.fn();
    renderWithApp(
      <WorkflowButtons kind="loads" path="/api/v1/loads/" id="5" actions={[act('pick-up', 'Picked up'), act('cancel', 'Cancel', { destructive: true })]} onDone={onDone} />,
      { role: 'user' },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Picked up' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.calls[0]!.method).toBe('POST');
    expect(api.calls[0]!.url.pathname).toBe('/api/v1/loads/5/pick-up/');
  });

  it('an action that requires a reason asks for it and sends it', { timeout: 60_000 }, async () => {
    const api = fakeApi(() => [200, { id: 3, status: 'void' }]);
    renderWithApp(
      <WorkflowButtons kind="invoices" path="/api/v1/invoices/" id="3" actions={[act('void', 'Void', { requires_reason: true, destructive: true })]} onDone={() => undefined} />,
      { role: 'manager' },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Void' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Reason' }), { target: { value: 'Billed twice' } });
    const dialogOk = screen.getAllByRole('button', { name: 'Void' }).at(-1)!;
    await userEvent.click(dialogOk);
    await waitFor(() => expect(api.calls.length).toBe(1));
    expect(api.calls[0]!.url.pathname).toBe('/api/v1/invoices/3/void/');
    expect(api.calls[0]!.body).toEqual({ reason: 'Billed twice' });
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
    renderWithApp(
      <WorkflowButtons kind="sales-orders" path="/api/v1/sales-orders/" id="7" actions={[act('confirm', 'Confirm'), act('cancel', 'Cancel', { destructive: true })]} onDone={onDone} />,
      { role: 'manager' },
    );
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
    renderWithApp(<WorkflowButtons kind="sales-orders" path="/api/v1/sales-orders/" id="7" actions={[act('confirm', 'Confirm')]} onDone={() => undefined} />, {
      role: 'user',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Customer on credit hold')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm with override' })).toBeNull();
    expect(screen.getByText(/ask a manager/)).toBeInTheDocument();
  });
});
