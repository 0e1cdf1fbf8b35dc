/** Signed-out flows against a real local HTTP server answering like the backend (apps.accounts): "Forgot
 * password" (a neutral answer), "Choose a new password" from the reset link (the validators' messages per
 * field), and an invitation link, for a new account (choose a password → signed in as a member) and for an
 * existing one (sign in → accept → the new brokerage). */
import AsyncStorage from '@react-native-async-storage/async-storage';
import { fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';

import { configureApi } from '@/api/client';
import RootLayout from '../app/_layout';
import AcceptInvitationRoute from '../app/accept-invitation';
import ResetPasswordRoute from '../app/reset-password';
import AccountScreen from '@/screens/AccountScreen';
import CaptureScreen from '@/screens/CaptureScreen';
import DocumentScreen from '@/screens/DocumentScreen';
import LoadScreen from '@/screens/LoadScreen';
import NotificationsScreen from '@/screens/NotificationsScreen';
import QueueScreen from '@/screens/QueueScreen';
import ReportScreen from '@/screens/ReportScreen';
import TodayScreen from '@/screens/TodayScreen';

import { TestServer, type Seen } from './server';

const NEUTRAL = 'If an account uses this address, a link to choose a new password is on its way.';
const home = { id: 1, name: 'Demo Brokerage', slug: 'demo', role: 'user' };
const joinedTenant = { id: 3, name: 'Prairie Brokerage', slug: 'prairie', role: 'user' };
let memberships = [home];
let accountExists = false;
let invitationUsed = false;

function login(username: string) {
  const user = { id: 9, username, email: username, first_name: '', last_name: '' };
  return { token: 'tok-1', expiry: '2026-12-09T00:00:00Z', user, is_staff: false, tenants: memberships, current_tenant: memberships[0] };
}

const server = new TestServer((request: Seen) => {
  const path = request.path.split('?')[0];
  const body = (request.body ?? {}) as Record<string, string>;
  switch (`${request.method} ${path}`) {
    case 'POST /api/auth/password/reset/':
      if (!/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(body.email ?? '')) return { status: 400, body: { email: ['Enter a valid email address.'] } };
      return { status: 202, body: { detail: NEUTRAL } };
    case 'POST /api/auth/password/reset/confirm/':
      if (body.uid !== 'OQ' || body.token !== 'reset-token') return { status: 400, body: { token: ['This password reset link is not valid.'] } };
      if ((body.new_password ?? '').length < 12)
        return { status: 400, body: { new_password: ['This password is too short. It must contain at least 12 characters.', 'This password is too common.'] } };
      return { status: 200, body: { detail: 'Your password was changed; sign in with it. Every device was signed out.' } };
    case 'POST /api/auth/invitations/preview/':
      if (body.token !== 'inv-token' || invitationUsed) return { status: 400, body: { token: ['This invitation link is not valid.'] } };
      return {
        status: 200,
        body: { tenant_name: 'Prairie Brokerage', email: 'new@example.com', role: 'user', invited_by: 'Ada Admin', expires_at: '2026-12-09T00:00:00Z', account_exists: accountExists },
      };
    case 'POST /api/auth/invitations/register/':
      if ((body.password ?? '').length < 12) return { status: 400, body: { password: ['This password is too short. It must contain at least 12 characters.'] } };
      invitationUsed = true;
      memberships = [joinedTenant];
      return { status: 201, body: { detail: 'You are now a member of Prairie Brokerage.', tenant: joinedTenant, username: 'new@example.com' } };
    case 'POST /api/auth/invitations/accept/':
      if (request.authorization !== 'Token tok-1') return { status: 401, body: { detail: 'Sign in first.' } };
      invitationUsed = true;
      memberships = [home, joinedTenant];
      return { status: 200, body: { detail: 'You are now a member of Prairie Brokerage.', tenant: joinedTenant, username: 'new@example.com' } };
    case 'POST /api/auth/login/':
      if (body.password !== 'Brisket-and-ribs-77') return { status: 400, body: { non_field_errors: ['Wrong username or password.'] } };
      return { status: 200, body: login(body.username ?? '') };
    case 'GET /api/auth/me/': {
      const current = memberships.find((tenant) => String(tenant.id) === request.tenant) ?? memberships[0];
      return { status: 200, body: { ...login('new@example.com'), permissions: {}, current_tenant: current } };
    }
    case 'GET /api/v1/loads/':
      return { status: 200, body: { count: 0, next: null, previous: null, results: [] } };
    default:
      return { status: 404, body: { detail: `no route ${request.method} ${path}` } };
  }
});

const routes = {
  _layout: RootLayout,
  index: TodayScreen,
  'loads/[id]': LoadScreen,
  'capture/[id]': CaptureScreen,
  'documents/[id]': DocumentScreen,
  queue: QueueScreen,
  notifications: NotificationsScreen,
  account: AccountScreen,
  report: ReportScreen,
  'accept-invitation': AcceptInvitationRoute,
  'reset-password': ResetPasswordRoute,
};

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());
beforeEach(async () => {
  await AsyncStorage.clear();
  configureApi({ baseUrl: server.url, token: null, tenantId: null });
  server.seen = [];
  memberships = [home];
  accountExists = false;
  invitationUsed = false;
});

test('forgot password: a bad address is named on its field, then the neutral answer', async () => {
  renderRouter(routes, { initialUrl: '/' });
  fireEvent.press(await screen.findByRole('button', { name: 'Forgot password?' }));
  fireEvent.changeText(screen.getByLabelText('E-mail'), 'not an address');
  fireEvent.press(screen.getByRole('button', { name: 'Send the link' }));
  expect(await screen.findByText('Enter a valid email address.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('E-mail'), 'dock@example.com');
  fireEvent.press(screen.getByRole('button', { name: 'Send the link' }));
  expect(await screen.findByText(NEUTRAL)).toBeTruthy();
  const sent = server.seen.filter((request) => request.path === '/api/auth/password/reset/');
  expect(sent.map((request) => request.body)).toEqual([{ email: 'not an address' }, { email: 'dock@example.com' }]);
  fireEvent.press(screen.getByRole('button', { name: 'Back to sign in' }));
  expect(await screen.findByLabelText('Username or e-mail')).toBeTruthy();
});

test("the reset link: the validators' messages under the password, then back to sign in with the confirmation", async () => {
  renderRouter(routes, { initialUrl: '/reset-password?uid=OQ&token=reset-token' });
  fireEvent.changeText(await screen.findByLabelText('New password'), 'short');
  fireEvent.changeText(screen.getByLabelText('New password again'), 'shorter');
  fireEvent.press(screen.getByRole('button', { name: 'Set the new password' }));
  expect(screen.getByText('The two passwords differ.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('New password again'), 'short');
  fireEvent.press(screen.getByRole('button', { name: 'Set the new password' }));
  expect(await screen.findByText('This password is too short. It must contain at least 12 characters. This password is too common.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('New password'), 'Brisket-and-ribs-77');
  fireEvent.changeText(screen.getByLabelText('New password again'), 'Brisket-and-ribs-77');
  fireEvent.press(screen.getByRole('button', { name: 'Set the new password' }));
  expect(await screen.findByText('Your password was changed; sign in with it. Every device was signed out.')).toBeTruthy();
  expect(screen.getByLabelText('Username or e-mail')).toBeTruthy();
  const confirms = server.seen.filter((request) => request.path === '/api/auth/password/reset/confirm/');
  expect(confirms.at(-1)?.body).toEqual({ uid: 'OQ', token: 'reset-token', new_password: 'Brisket-and-ribs-77' });
});

test('a dead reset link says so and offers a new one', async () => {
  renderRouter(routes, { initialUrl: '/reset-password?uid=OQ&token=old' });
  fireEvent.changeText(await screen.findByLabelText('New password'), 'Brisket-and-ribs-77');
  fireEvent.changeText(screen.getByLabelText('New password again'), 'Brisket-and-ribs-77');
  fireEvent.press(screen.getByRole('button', { name: 'Set the new password' }));
  expect(await screen.findByText('This password reset link is not valid.')).toBeTruthy();
  fireEvent.press(screen.getByRole('button', { name: 'Ask for a new link' }));
  expect(await screen.findByLabelText('E-mail')).toBeTruthy();
});

test('an invitation for a new address: choose a password (validated), then signed in as a member', async () => {
  renderRouter(routes, { initialUrl: '/accept-invitation?token=inv-token' });
  expect(await screen.findByText('Ada Admin invited new@example.com to join Prairie Brokerage as user.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('First name'), 'Nell');
  fireEvent.changeText(screen.getByLabelText('Choose a password'), 'short');
  fireEvent.press(screen.getByRole('button', { name: 'Create account and join' }));
  expect(await screen.findByText('This password is too short. It must contain at least 12 characters.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Choose a password'), 'Brisket-and-ribs-77');
  fireEvent.press(screen.getByRole('button', { name: 'Create account and join' }));
  expect(await screen.findByText('You are now a member of Prairie Brokerage.')).toBeTruthy();
  fireEvent.press(await screen.findByRole('button', { name: 'Open loads' }));
  expect(await screen.findByText("Today's loads")).toBeTruthy();
  const registered = server.seen.find((request) => request.path === '/api/auth/invitations/register/' && request.body && (request.body as { password: string }).password.length > 5);
  expect(registered?.body).toEqual({ token: 'inv-token', password: 'Brisket-and-ribs-77', first_name: 'Nell', last_name: '' });
  const signedIn = server.seen.find((request) => request.path === '/api/auth/login/');
  expect(signedIn?.body).toEqual({ username: 'new@example.com', password: 'Brisket-and-ribs-77' });
});

test('an invitation for an existing account: sign in with it, accept, and the new brokerage is current', async () => {
  accountExists = true;
  renderRouter(routes, { initialUrl: '/accept-invitation?token=inv-token' });
  expect(await screen.findByText('This address has an account: sign in with it to accept.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Password'), 'wrong');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in to accept' }));
  expect(await screen.findByText('Wrong username or password.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Password'), 'Brisket-and-ribs-77');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in to accept' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Accept and join Prairie Brokerage' }));
  expect(await screen.findByText('You are now a member of Prairie Brokerage.')).toBeTruthy();
  const accepted = server.seen.find((request) => request.path === '/api/auth/invitations/accept/');
  expect(accepted?.body).toEqual({ token: 'inv-token' });
  await waitFor(() => expect(server.seen.some((request) => request.path === '/api/auth/me/' && request.tenant === '3')).toBe(true));
});
