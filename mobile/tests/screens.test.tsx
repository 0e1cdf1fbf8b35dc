/** Each screen against a real local HTTP server answering like the backend: sign-in (bad password, then in),
 * today's loads (list, empty, error), the load (lines, a catch weight queued and sent, the server's workflow
 * steps), the outbox showing a 409, notifications, account (tenant switch, sign-out revokes the token). */
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

const tenants = [
  { id: 1, name: 'Demo Brokerage', slug: 'demo', role: 'user' },
  { id: 2, name: 'Second Brokerage', slug: 'second', role: 'user' },
];
const user = { id: 9, username: 'dock', email: 'dock@example.com', first_name: 'Dana', last_name: 'Dock' };
const load = {
  id: 5,
  number: 'LD-2026-000005',
  status: 'accepted',
  carrier_name: 'Cold Chain Carriers',
  carrier_phone: '(515) 555-0100',
  driver_name: 'Sam Driver',
  driver_phone: '(515) 555-0199',
  stops: [{ stop_number: 1, purchase_order: 3, purchase_order_number: 'PO-2026-000003', pickup_plant: 'Plant 245C', pickup_date: '2026-12-01', purchase_order_status: 'confirmed' }],
  delivery_location: 'Sysco Houston, TX',
  pickup_appointment_at: '2026-12-01T13:30:00Z',
  delivery_appointment_at: null,
  notes: 'Dock 4, ask for Lee.',
  allowed_actions: [{ name: 'pick-up', label: 'Picked up', requires_reason: false, destructive: false }],
};
const lines = [
  { id: 11, purchase_order: 3, purchase_order_number: 'PO-2026-000003', line_number: 1, product_code: 'CR116', description: 'Chuck roll 116A', boxes: 20, estimated_weight_lb: '1200.00', actual_weight_lb: null },
];

let loadsAnswer: { status: number; body: unknown } = { status: 200, body: { count: 1, next: null, previous: null, results: [load] } };
let tokenRevoked = false;

const server = new TestServer((request: Seen) => {
  const path = request.path.split('?')[0];
  switch (`${request.method} ${path}`) {
    case 'POST /api/auth/login/': {
      const body = request.body as { username: string; password: string };
      if (body.password !== 'right') return { status: 400, body: { non_field_errors: ['Wrong username or password.'] } };
      return { status: 200, body: { token: 'tok-1', expiry: '2026-12-02T00:00:00Z', user, is_staff: false, tenants, current_tenant: tenants[0] } };
    }
    case 'GET /api/auth/me/':
      return { status: 200, body: { user, is_staff: false, tenants, permissions: {}, current_tenant: request.tenant === '2' ? tenants[1] : tenants[0] } };
    case 'POST /api/auth/logout/':
      tokenRevoked = true;
      return { status: 204 };
    case 'GET /api/v1/loads/':
      return loadsAnswer;
    case 'GET /api/v1/loads/5/':
      return { status: 200, body: load };
    case 'GET /api/v1/loads/5/lines/':
      return { status: 200, body: lines };
    case 'GET /api/v1/loads/5/documents/':
      return { status: 200, body: [] };
    case 'POST /api/v1/loads/5/catch-weights/':
      return { status: 200, body: lines };
    case 'POST /api/v1/loads/5/pick-up/':
      return { status: 409, body: { detail: 'The load was delivered meanwhile.' } };
    case 'GET /api/v1/notifications/':
      return {
        status: 200,
        body: { count: 1, next: null, previous: null, results: [{ id: 1, kind: 'load.tendered', title: 'LD-2026-000005 tendered to Cold Chain Carriers', body: '', target_type: 'loads.load', target_id: 5, url: '/loads/5', read: false, read_at: null, push_status: '', created_at: '2026-12-01T10:00:00Z' }] },
      };
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
  loadsAnswer = { status: 200, body: { count: 1, next: null, previous: null, results: [load] } };
});

async function signIn() {
  fireEvent.changeText(screen.getByLabelText('Username or e-mail'), 'dock');
  fireEvent.changeText(screen.getByLabelText('Password'), 'right');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByText("Today's loads");
}

test('sign-in refuses a wrong password with the server message, then signs in to today', async () => {
  renderRouter(routes, { initialUrl: '/' });
  await screen.findByLabelText('Username or e-mail');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(screen.getByText('Enter your username or e-mail and your password.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Username or e-mail'), 'dock');
  fireEvent.changeText(screen.getByLabelText('Password'), 'wrong');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Wrong username or password.')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Password'), 'right');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('LD-2026-000005 · Accepted')).toBeTruthy();
  expect(screen.getByText(/Pick up: Plant 245C/)).toBeTruthy();
  expect(screen.getByText('Deliver to: Sysco Houston, TX · no appointment')).toBeTruthy();
  const list = server.seen.find((request) => request.path.startsWith('/api/v1/loads/?'));
  expect(list?.path).toMatch(/day_from=\d{4}-\d\d-\d\d&day_to=\d{4}-\d\d-\d\d/);
  fireEvent.press(screen.getByRole('button', { name: 'Assigned to me: off' }));
  await waitFor(() => expect(server.seen.some((request) => request.path.includes('assigned_to=me'))).toBe(true));
});

test("today's empty and error states", async () => {
  loadsAnswer = { status: 200, body: { count: 0, next: null, previous: null, results: [] } };
  renderRouter(routes, { initialUrl: '/' });
  await screen.findByLabelText('Username or e-mail');
  await signIn();
  expect(await screen.findByText('No loads pick up or deliver today.')).toBeTruthy();
  loadsAnswer = { status: 500, body: { detail: 'The server had a problem.' } };
  fireEvent.press(screen.getByRole('button', { name: 'This week' }));
  expect(await screen.findByText('The server had a problem.', {}, { timeout: 5000 })).toBeTruthy();
});

test('the load: a catch weight in kg is queued and sent; a workflow step answered 409 shows as a conflict', async () => {
  renderRouter(routes, { initialUrl: '/' });
  await screen.findByLabelText('Username or e-mail');
  await signIn();
  fireEvent.press(await screen.findByRole('button', { name: 'Load LD-2026-000005, Accepted' }));
  expect(await screen.findByText('PO-2026-000003 #1: Chuck roll 116A')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Call driver (515) 555-0199' })).toBeTruthy();
  fireEvent.press(screen.getByRole('button', { name: 'Unit: lb' }));
  fireEvent.changeText(screen.getByLabelText('Actual weight (kg), line 1'), 'abc');
  fireEvent.press(screen.getByRole('button', { name: 'Save weights' }));
  expect(screen.getByText('Line 1: enter the weight as a number, e.g. 1187.5')).toBeTruthy();
  fireEvent.changeText(screen.getByLabelText('Actual weight (kg), line 1'), '544.2');
  fireEvent.changeText(screen.getByLabelText('Boxes, line 1'), '21');
  fireEvent.press(screen.getByRole('button', { name: 'Save weights' }));
  expect(await screen.findByText('Weights for LD-2026-000005 (1 line): Sent')).toBeTruthy();
  const sent = server.seen.find((request) => request.path === '/api/v1/loads/5/catch-weights/');
  expect(sent?.body).toEqual({ lines: [{ id: 11, weight_unit: 'kg', actual_weight: '544.2', boxes: 21 }] });
  expect(sent?.key).toBeTruthy();

  fireEvent.press(screen.getByRole('button', { name: 'Picked up' }));
  expect(
    await screen.findByText('Picked up: LD-2026-000005: Conflict: the load changed — The load was delivered meanwhile.'),
  ).toBeTruthy();
});

test('notifications: the list and mark all read', async () => {
  renderRouter(routes, { initialUrl: '/' });
  await screen.findByLabelText('Username or e-mail');
  await signIn();
  fireEvent.press(screen.getByRole('button', { name: 'Notifications' }));
  expect(await screen.findByText('● LD-2026-000005 tendered to Cold Chain Carriers')).toBeTruthy();
  fireEvent.press(screen.getByRole('button', { name: 'Mark all read' }));
  await waitFor(() => expect(server.seen.some((r) => r.path === '/api/v1/notifications/read-all/')).toBe(true));
});

test('account: switch brokerage sends X-Tenant-ID, sign out revokes the token', async () => {
  renderRouter(routes, { initialUrl: '/' });
  await screen.findByLabelText('Username or e-mail');
  await signIn();
  fireEvent.press(screen.getByRole('button', { name: 'Account' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Switch to Second Brokerage' }));
  await screen.findByText("Today's loads");
  await waitFor(() => expect(server.seen.some((r) => r.path === '/api/auth/me/' && r.tenant === '2')).toBe(true));
  fireEvent.press(screen.getByRole('button', { name: 'Account' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Sign out' }));
  expect(await screen.findByLabelText('Username or e-mail')).toBeTruthy();
  expect(tokenRevoked).toBe(true);
});
