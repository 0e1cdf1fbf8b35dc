import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { InvitationsPanel } from './InvitationsPanel';

afterEach(() => vi.unstubAllGlobals());

const ADMIN = { invitation: ['list', 'retrieve', 'create', 'delete', 'resend', 'history'] };
const pending = {
  id: 9,
  email: 'erin@example.com',
  role: 'user',
  status: 'pending',
  expires_at: '2026-12-08T10:00:00Z',
  expired: false,
  invited_by: 'Ada Admin',
  sent_count: 1,
  delivery_status: 'sent',
  accepted_at: null,
  created_at: '2026-12-01T10:00:00Z',
  updated_at: '2026-12-01T10:00:00Z',
};

describe('InvitationsPanel', () => {
  it('invites by e-mail, lists the pending ones, resends and revokes', async () => {
    const rows = [pending];
    const api = fakeApi((call) => {
      if (call.method === 'GET') return [200, { count: rows.length, count_is_exact: true, results: rows }];
      if (call.method === 'POST' && call.url.pathname === '/api/v1/invitations/') {
        const body = call.body as { email: string; role: string };
        if (body.email === 'erin@example.com') return [400, { email: ['An invitation to this address is pending; resend it instead.'] }];
        rows.unshift({ ...pending, id: 10, email: body.email, role: body.role });
        return [201, rows[0]];
      }
      if (call.method === 'POST') return [200, { ...pending, sent_count: 2 }];
      if (call.method === 'DELETE') {
        rows.splice(0, rows.length);
        return [204, null];
      }
      return [404, {}];
    });
    renderWithApp(<InvitationsPanel />, { role: 'admin', permissions: ADMIN });
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('erin@example.com')).toBeInTheDocument();
    expect(within(table).getByText('e-mail sent')).toBeInTheDocument();
    expect(api.calls[0]!.url.searchParams.get('status')).toBe('pending');
    // Owners only may invite owners: an admin is not offered the role.
    await userEvent.click(screen.getByRole('combobox'));
    expect(screen.queryByRole('option', { name: 'Owner' })).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');

    await userEvent.type(screen.getByLabelText('E-mail'), 'erin@example.com');
    await userEvent.click(screen.getByRole('button', { name: /Send invitation/ }));
    expect(await screen.findByText('An invitation to this address is pending; resend it instead.')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('E-mail'));
    await userEvent.type(screen.getByLabelText('E-mail'), 'sam@example.com');
    await userEvent.click(screen.getByRole('button', { name: /Send invitation/ }));
    expect(await within(table).findByText('sam@example.com')).toBeInTheDocument();
    expect(api.calls.find((call) => call.method === 'POST' && (call.body as { email?: string })?.email === 'sam@example.com')!.body).toEqual({
      email: 'sam@example.com',
      role: 'user',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Resend to erin@example.com' }));
    await waitFor(() => expect(api.calls.some((call) => call.url.pathname === '/api/v1/invitations/9/resend/')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke invitation to erin@example.com' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(api.calls.some((call) => call.method === 'DELETE' && call.url.pathname === '/api/v1/invitations/9/')).toBe(true));
    expect(await screen.findByText('No pending invitations.')).toBeInTheDocument();
  });

  it('is not shown to a role that may not list invitations', () => {
    fakeApi(() => [200, { count: 0, count_is_exact: true, results: [] }]);
    renderWithApp(<InvitationsPanel />, { role: 'manager', permissions: {} });
    expect(screen.queryByText('Invitations')).not.toBeInTheDocument();
  });
});
