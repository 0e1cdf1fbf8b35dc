/** The offline queue against a real HTTP server: airplane mode -> queued (persisted across a restart) ->
 * reconnect -> sent once each, in order; a 409 is shown as a conflict; a lost answer is retried with the same
 * Idempotency-Key and applied once. */
import AsyncStorage from '@react-native-async-storage/async-storage';

import { configureApi } from '@/api/client';
import { OfflineQueue, STORAGE_KEY, backoffMs } from '@/offline/queue';
import { sendItem } from '@/offline/send';

import { TestServer, type Seen } from './server';

let clock = 1_000_000;
const now = () => clock;
let dropNext = false;

const server = new TestServer((request: Seen) => {
  if (request.path === '/api/v1/loads/3/pick-up/') {
    return { status: 409, body: { detail: 'Load LD-3 is delivered; it cannot be picked up.' } };
  }
  if (dropNext) {
    dropNext = false;
    return { status: 200, body: { ok: true }, dropConnection: true };
  }
  return { status: 200, body: { ok: true, path: request.path } };
});

function weights(loadId: number, weight: string) {
  return {
    label: `Weights ${loadId}`,
    loadId,
    payload: {
      type: 'request' as const,
      method: 'POST' as const,
      path: `/api/v1/loads/${loadId}/catch-weights/`,
      body: { lines: [{ id: 1, actual_weight: weight, weight_unit: 'lb' }] },
    },
  };
}

beforeAll(async () => {
  await server.start(); // learn a free port, then go "offline": nothing listens there
  await server.stop();
  configureApi({ baseUrl: server.url, token: 'test-token', tenantId: 7 });
});

beforeEach(async () => {
  await AsyncStorage.clear();
});

afterAll(() => server.stop());

test('airplane mode, restart, reconnect: sent once, in order, with the conflict shown', async () => {
  const queue = new OfflineQueue(AsyncStorage, sendItem, now);
  const first = await queue.enqueue(weights(1, '1187.40'));
  const second = await queue.enqueue({
    label: 'Picked up: LD-3',
    loadId: 3,
    payload: { type: 'request', method: 'POST', path: '/api/v1/loads/3/pick-up/' },
  });
  const third = await queue.enqueue(weights(2, '900'));

  await queue.flush(); // no signal
  expect(queue.list().map((item) => item.state)).toEqual(['waiting', 'queued', 'queued']);
  expect(queue.list()[0]!.error).toMatch(/No connection/);
  expect(queue.list()[0]!.nextAttemptAt).toBe(clock + backoffMs(1));

  // The app is closed and opened again: the queue is read back from the device.
  expect(JSON.parse((await AsyncStorage.getItem(STORAGE_KEY)) ?? '[]')).toHaveLength(3);
  const reopened = new OfflineQueue(AsyncStorage, sendItem, now);
  await reopened.load();
  expect(reopened.list().map((item) => item.id)).toEqual([first.id, second.id, third.id]);

  await server.start(); // signal is back
  await reopened.flush();
  expect(server.seen).toEqual([]); // the first item's backoff is not over yet
  clock += backoffMs(1);
  await reopened.flush();

  expect(server.seen.map((request) => request.path)).toEqual([
    '/api/v1/loads/1/catch-weights/',
    '/api/v1/loads/3/pick-up/',
    '/api/v1/loads/2/catch-weights/',
  ]);
  expect(server.seen.map((request) => request.key)).toEqual([first.id, second.id, third.id]);
  expect(server.seen[0]!.body).toEqual({ lines: [{ id: 1, actual_weight: '1187.40', weight_unit: 'lb' }] });
  const states = reopened.list().map((item) => [item.state, item.error]);
  expect(states).toEqual([
    ['sent', null],
    ['conflict', 'Load LD-3 is delivered; it cannot be picked up.'],
    ['sent', null],
  ]);

  // Nothing is sent twice, and the conflict is neither dropped nor retried on its own.
  await reopened.flush();
  expect(server.seen).toHaveLength(3);
  expect(reopened.list()).toHaveLength(3);
  await server.stop();
});

test('a lost answer is retried with the same key and applied once', async () => {
  await server.start();
  server.seen = [];
  server.applied = [];
  const queue = new OfflineQueue(AsyncStorage, sendItem, now);
  dropNext = true;
  const item = await queue.enqueue(weights(5, '42'));
  await queue.flush();
  expect(queue.list()[0]!.state).toBe('waiting');
  clock += backoffMs(1);
  await queue.flush();
  expect([queue.list()[0]!.state, queue.list()[0]!.error]).toEqual(['sent', null]);
  expect(server.seen.map((request) => request.key)).toEqual([item.id, item.id]);
  expect(server.applied).toHaveLength(1);
  await server.stop();
});

test('backoff grows and is capped', () => {
  expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 4000, 8000, 16000]);
  expect(backoffMs(30)).toBe(300000);
});
