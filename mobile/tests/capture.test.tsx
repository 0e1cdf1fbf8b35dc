/** The Capture screen through Expo Router against a real local HTTP server: a photo taken with the camera while
 * there is no signal is queued ("No signal: will retry"), and when the signal is back the app's own upload code
 * (src/api/upload.ts → src/offline/send.ts) sends it as multipart/form-data with progress, then attaches it to
 * the load; a refused upload shows the server's message.
 *
 * Test doubles, all at the device edge: the camera / library picker (`expo-image-picker`: hands out a file in the
 * phone's cache), the phone's file system (tests/phoneFs.ts), and React Native's native networking under
 * `XMLHttpRequest` (tests/nativeNetworking.ts: encodes React Native's FormData parts as multipart, reading the
 * photo's bytes from its file, and reports upload progress). The app's FormData is React Native's own class.
 * What it does not cover: the platform's HTTP stack (OkHttp / NSURLSession) and content:// or ph:// photo URIs,
 * the real camera UI and its crop step, the rotation (expo-image-manipulator is not called here). */
/* eslint-disable @typescript-eslint/no-require-imports */
import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import { act, fireEvent, renderRouter, screen, waitFor, within } from 'expo-router/testing-library';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { configureApi } from '@/api/client';
import RootLayout from '../app/_layout';
import AcceptInvitationRoute from '../app/accept-invitation';
import ResetPasswordRoute from '../app/reset-password';
import CaptureScreen from '@/screens/CaptureScreen';
import AccountScreen from '@/screens/AccountScreen';
import DocumentScreen from '@/screens/DocumentScreen';
import LoadScreen from '@/screens/LoadScreen';
import NotificationsScreen from '@/screens/NotificationsScreen';
import QueueScreen from '@/screens/QueueScreen';
import ReportScreen from '@/screens/ReportScreen';
import TodayScreen from '@/screens/TodayScreen';

import { NodeXMLHttpRequest } from './nativeNetworking';
import { TestServer, type Part, type Seen } from './server';

jest.mock('expo-file-system', () => require('./phoneFs'));
jest.mock('expo-image-picker', () => ({
  requestCameraPermissionsAsync: jest.fn(),
  launchCameraAsync: jest.fn(),
  launchImageLibraryAsync: jest.fn(),
}));

const picker = require('expo-image-picker') as Record<string, jest.Mock>;
const { Paths } = require('expo-file-system') as { Paths: { cache: { uri: string } } };

Object.defineProperty(globalThis, 'XMLHttpRequest', { value: NodeXMLHttpRequest, configurable: true, writable: true });
Object.defineProperty(globalThis, 'FormData', {
  value: require('react-native/Libraries/Network/FormData').default,
  configurable: true,
  writable: true,
});

const tenants = [{ id: 1, name: 'Demo Brokerage', slug: 'demo', role: 'user' }];
const user = { id: 9, username: 'dock', email: 'dock@example.com', first_name: 'Dana', last_name: 'Dock' };
const load = {
  id: 5,
  number: 'LD-2026-000005',
  status: 'accepted',
  carrier_name: 'Cold Chain Carriers',
  carrier_phone: null,
  driver_name: '',
  driver_phone: null,
  stops: [],
  delivery_location: 'Sysco Houston, TX',
  pickup_appointment_at: null,
  delivery_appointment_at: null,
  notes: '',
  allowed_actions: [],
};

// A photo bigger than one network chunk, with every byte value (a text round-trip would corrupt it).
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256))]);
let uploadAnswer: { status: number; body: unknown; hold?: Promise<void> } = { status: 201, body: { id: 77 } };

const server = new TestServer((request: Seen) => {
  const path = request.path.split('?')[0];
  switch (`${request.method} ${path}`) {
    case 'POST /api/auth/login/':
      return { status: 200, body: { token: 'tok-1', expiry: '2026-12-02T00:00:00Z', user, is_staff: false, tenants, current_tenant: tenants[0] } };
    case 'GET /api/auth/me/':
      return { status: 200, body: { user, is_staff: false, tenants, permissions: {}, current_tenant: tenants[0] } };
    case 'GET /api/v1/loads/':
      return { status: 200, body: { count: 1, next: null, previous: null, results: [load] } };
    case 'GET /api/v1/loads/5/':
      return { status: 200, body: load };
    case 'GET /api/v1/loads/5/lines/':
    case 'GET /api/v1/loads/5/documents/':
      return { status: 200, body: [] };
    case 'POST /api/v1/ai-assistant/documents/': {
      // The backend's upload: a `file` part with a filename and an image type.
      const parts = request.body as Part[];
      const file = parts.find((part) => part.name === 'file');
      if (!file?.filename || file.contentType !== 'image/jpeg') return { status: 400, body: { file: ['No file was submitted.'] } };
      return uploadAnswer;
    }
    case 'POST /api/v1/loads/5/documents/':
      return { status: 201, body: { id: 3, ...(request.body as object) } };
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

/** The picker's answer: a photo file in the phone's cache, as the camera or the library hands it out. */
function photoInCache(name: string) {
  const dir = join(Paths.cache.uri.replace(/^file:\/\//, ''), 'ImagePicker');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), PHOTO);
  return { canceled: false, assets: [{ uri: `file://${join(dir, name)}`, fileName: name, mimeType: 'image/jpeg', width: 3024, height: 4032 }] };
}

/** The capture screen's own upload status (the load screen under it lists the queued item too). */
const uploadCard = async () => within(await screen.findByLabelText('Upload'));

async function openCapture() {
  renderRouter(routes, { initialUrl: '/' });
  fireEvent.changeText(await screen.findByLabelText('Username or e-mail'), 'dock');
  fireEvent.changeText(screen.getByLabelText('Password'), 'right');
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Load LD-2026-000005, Accepted' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Capture a document' }));
  await screen.findByText('Capture a document');
}

beforeAll(() => server.start());
afterEach(async () => {
  if (!server.running) await server.start(); // back on line if a test failed while offline
});
afterAll(() => server.stop());
beforeEach(async () => {
  await AsyncStorage.clear();
  configureApi({ baseUrl: server.url, token: null, tenantId: null });
  server.seen = [];
  server.applied = [];
  uploadAnswer = { status: 201, body: { id: 77 } };
  picker.requestCameraPermissionsAsync!.mockResolvedValue({ granted: true });
});

test('a photo taken without a signal is queued, then uploaded as multipart with progress and attached once', async () => {
  await openCapture();
  picker.launchCameraAsync!.mockResolvedValue(photoInCache('IMG_0101.jpg'));
  await server.stop(); // airplane mode
  server.seen = [];
  fireEvent.press(screen.getByRole('button', { name: 'Proof of delivery' }));
  fireEvent.press(screen.getByRole('button', { name: 'Take a photo' }));
  expect(await screen.findByText('IMG_0101.jpg')).toBeTruthy();
  fireEvent.press(screen.getByRole('button', { name: 'Upload and attach' }));
  expect(await (await uploadCard()).findByText('No signal: will retry — No connection to the server.')).toBeTruthy();
  expect(server.seen).toEqual([]);

  // The signal is back; the server takes the whole upload but holds its answer, so the progress shows.
  let answer!: () => void;
  uploadAnswer = { status: 201, body: { id: 77 }, hold: new Promise<void>((resolve) => (answer = resolve)) };
  await server.start();
  // NetInfo reports the connection (its jest mock's listener); the queue flushes, keeps the backoff still
  // running (2 s after the first attempt) and sends when it is due.
  const onConnection = (NetInfo.addEventListener as jest.Mock).mock.calls.at(-1)![0] as (state: object) => void;
  await act(async () => onConnection({ isConnected: true }));
  expect(await (await uploadCard()).findByText(/^Sending… 100%/, {}, { timeout: 6000 })).toBeTruthy();
  answer();
  expect(await (await uploadCard()).findByText('Sent')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'See the draft' })).toBeTruthy();

  const upload = server.applied.find((request) => request.path === '/api/v1/ai-assistant/documents/')!;
  const file = (upload.body as Part[]).find((part) => part.name === 'file')!;
  expect([file.filename, file.contentType, file.data.equals(PHOTO)]).toEqual(['IMG_0101.jpg', 'image/jpeg', true]);
  expect(upload.key).toMatch(/-upload$/);
  const attach = server.applied.filter((request) => request.method === 'POST' && request.path === '/api/v1/loads/5/documents/');
  expect(attach.map((request) => [request.body, request.key])).toEqual([[{ document: 77, kind: 'pod' }, upload.key!.replace(/-upload$/, '-attach')]]);
  expect(server.applied.filter((request) => request.method === 'POST' && request.path !== '/api/auth/login/')).toHaveLength(2);
});

test('a capture queued without a signal is retried on its own when the server is back (no connection event)', async () => {
  await openCapture();
  picker.launchCameraAsync!.mockResolvedValue(photoInCache('IMG_0102.jpg'));
  await server.stop(); // the phone believes it is online, the server cannot be reached
  fireEvent.press(screen.getByRole('button', { name: 'Bill of lading' }));
  fireEvent.press(screen.getByRole('button', { name: 'Take a photo' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Upload and attach' }));
  expect(await (await uploadCard()).findByText('No signal: will retry — No connection to the server.')).toBeTruthy();
  await server.start();
  // Nobody fires NetInfo: the queue's own retry timer (its backoff) must send it.
  expect(await (await uploadCard()).findByText('Sent', {}, { timeout: 8000 })).toBeTruthy();
  const uploads = server.applied.filter((request) => request.path === '/api/v1/ai-assistant/documents/');
  expect(uploads).toHaveLength(1);
});

test('a refused upload shows the server message and is not attached', async () => {
  await openCapture();
  uploadAnswer = { status: 400, body: { detail: 'This file is not a readable image.' } };
  picker.launchImageLibraryAsync!.mockResolvedValue(photoInCache('scan.jpg'));
  fireEvent.press(screen.getByRole('button', { name: 'Choose from library' }));
  fireEvent.press(await screen.findByRole('button', { name: 'Upload and attach' }));
  expect(await (await uploadCard()).findByText('Not accepted — This file is not a readable image.')).toBeTruthy();
  expect(server.seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/loads/5/documents/')).toEqual([]);
  await waitFor(() => expect(server.seen.filter((request) => request.path === '/api/v1/ai-assistant/documents/')).toHaveLength(1));
});
