/** Accept-invitation, forgot-password and reset-password screens (issue #15 item 4), against a fake API. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ME_KEY } from '@/app/session';
import { fakeApi, meWithRole, renderWithApp } from '@/test/utils';
import AcceptInvitationPage from './AcceptInvitationPage';
import ForgotPasswordPage from './ForgotPasswordPage';
import ResetPasswordPage from './ResetPasswordPage';

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
  window.localStorage.clear();
});

const preview = {
  tenant_name: 'Prairie Brokers',
  email: 'new.person@example.com',
  role: 'manager',
  invited_by: 'Ada Admin',
  expires_at: '2026-12-08T10:00:00Z',
  account_exists: false,
};
const joined = { detail: 'You are now a member of Prairie Brokers.', tenant: { id: 3, name: 'Prairie Brokers', slug: 'prairie', role: 'manager' }, username: 'new.person@example.com' };

function signedOut(queryClient: { setQueryData: (key: readonly unknown[], value: unknown) => void }) {
  queryClient.setQueryData(ME_KEY, null);
}

describe('AcceptInvitationPage', () => {
  it('creates the account with a password the server accepts, then signs in to the new tenant', async () => {
    const api = fakeApi((call) => {
      const path = call.url.pathname;
      if (path === '/api/auth/invitations/preview/') return [200, preview];
      if (path === '/api/auth/invitations/register/') {
        const body = call.body as { password: string };
        if (body.password === 'short') return [400, { password: ['This password is too short. It must contain at least 8 characters.'] }];
        return [201, joined];
      }
      if (path === '/api/auth/csrf/') return [200, { detail: 'ok' }];
      if (path === '/api/auth/login/') return [200, { token: 't', expiry: null, ...meWithRole('manager') }];
      return [404, {}];
    });
    const { queryClient } = renderWithApp(<AcceptInvitationPage />, { url: '/accept-invitation?token=3.secret' });
    signedOut(queryClient);
    expect(await screen.findByText('You are invited to join Prairie Brokers.')).toBeInTheDocument();
    expect(screen.getByText('Ada Admin')).toBeInTheDocument();
    expect(api.calls[0]!.body).toEqual({ token: '3.secret' });
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }));
    expect(await screen.findByText(/too short/)).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'Chuck-roast-2026!');
    await userEvent.clear(screen.getByLabelText('Repeat the password'));
    await userEvent.type(screen.getByLabelText('Repeat the password'), 'Chuck-roast-2026!');
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    const login = api.calls.find((call) => call.url.pathname === '/api/auth/login/')!;
    expect(login.body).toEqual({ username: 'new.person@example.com', password: 'Chuck-roast-2026!' });
    expect(window.localStorage.getItem('pm.tenant')).toBe('3');
  });

  it('asks an existing account to sign in first, coming back to the link', async () => {
    fakeApi(() => [200, { ...preview, account_exists: true }]);
    const { queryClient } = renderWithApp(<AcceptInvitationPage />, { url: '/accept-invitation?token=3.secret' });
    signedOut(queryClient);
    const button = await screen.findByRole('button', { name: 'Sign in to accept' });
    expect(button.closest('a')).toHaveAttribute('href', `/sign-in?next=${encodeURIComponent('/accept-invitation?token=3.secret')}`);
  });

  it('accepts as the signed-in account of the invited address', async () => {
    const api = fakeApi((call) => {
      if (call.url.pathname === '/api/auth/invitations/preview/') return [200, { ...preview, email: 'manager@example.com', account_exists: true }];
      if (call.url.pathname === '/api/auth/invitations/accept/') return [200, joined];
      return [200, meWithRole('manager')];
    });
    renderWithApp(<AcceptInvitationPage />, { url: '/accept-invitation?token=3.secret' });
    await userEvent.click(await screen.findByRole('button', { name: 'Accept the invitation' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(api.calls.find((call) => call.url.pathname === '/api/auth/invitations/accept/')!.body).toEqual({ token: '3.secret' });
  });

  it('tells another signed-in account to switch', async () => {
    fakeApi(() => [200, { ...preview, account_exists: true }]);
    renderWithApp(<AcceptInvitationPage />, { url: '/accept-invitation?token=3.secret' });
    expect(await screen.findByText(/You are signed in as demo_manager\. This invitation is for new\.person@example\.com\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept the invitation' })).not.toBeInTheDocument();
  });

  it('says plainly when a link is expired or used', async () => {
    fakeApi(() => [400, { token: ['This invitation link is not valid: it has expired, was revoked, replaced or already used.'] }]);
    renderWithApp(<AcceptInvitationPage />, { url: '/accept-invitation?token=3.old' });
    expect(await screen.findByText('This invitation cannot be used')).toBeInTheDocument();
    expect(screen.getByText(/^This invitation link is not valid/)).toBeInTheDocument();
  });
});

describe('ForgotPasswordPage and ResetPasswordPage', () => {
  it("shows the server's one answer after asking for a link", async () => {
    const api = fakeApi(() => [202, { detail: 'If an account uses this address, a link to choose a new password is on its way.' }]);
    renderWithApp(<ForgotPasswordPage />, { url: '/forgot-password' });
    await userEvent.type(await screen.findByLabelText('E-mail'), 'carla@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText(/If an account uses this address/)).toBeInTheDocument();
    expect(api.calls[0]!.body).toEqual({ email: 'carla@example.com' });
  });

  it('sends uid and token with the new password; validator messages land on the field, link errors above', async () => {
    let answer: [number, unknown] = [400, { new_password: ['This password is too common.'] }];
    const api = fakeApi(() => answer);
    renderWithApp(<ResetPasswordPage />, { url: '/reset-password?uid=MQ&token=abc-123' });
    const fill = async (value: string) => {
      await userEvent.clear(screen.getByLabelText('New password'));
      await userEvent.type(screen.getByLabelText('New password'), value);
      await userEvent.clear(screen.getByLabelText('Repeat the new password'));
      await userEvent.type(screen.getByLabelText('Repeat the new password'), value);
      await userEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    };
    await screen.findByLabelText('New password');
    await fill('password1');
    const fieldError = await screen.findByText('This password is too common.');
    expect(fieldError.closest('.ant-form-item')).toHaveTextContent('New password');
    expect(api.calls[0]!.body).toEqual({ uid: 'MQ', token: 'abc-123', new_password: 'password1' });
    answer = [400, { token: ['This password reset link is not valid: it has expired or was already used. Ask for a new one.'] }];
    await fill('Brisket-and-ribs-77');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^This password reset link is not valid/);
    answer = [200, { detail: 'Your password was changed; sign in with it. Every device was signed out.' }];
    await fill('Brisket-and-ribs-77');
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
  });
});
