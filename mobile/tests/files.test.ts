/** A queued capture survives the picker's temp file being cleared: the queue copies the photo into the app's
 * document directory when it is queued (src/offline/files.ts), sends the copy once the signal is back, and
 * deletes the copy when it is sent or discarded.
 *
 * The phone's file system is the edge here: `expo-file-system` is given an implementation on Node's fs in a
 * temp directory (File / Directory / Paths with the calls the app uses); the upload goes over real HTTP. */
/* eslint-disable @typescript-eslint/no-require-imports */
import AsyncStorage from '@react-native-async-storage/async-storage';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NetworkError, authHeaders, configureApi } from '@/api/client';
import { QUEUED_PHOTOS, deviceFileStore } from '@/offline/files';
import { OfflineQueue, type QueueItem } from '@/offline/queue';

import { TestServer } from './server';

jest.mock('expo-file-system', () => require('./phoneFs'));

const { Paths } = require('expo-file-system') as { Paths: { document: { uri: string }; cache: { uri: string } } };
const path = (uri: string) => uri.replace(/^file:\/\//, '');
const PICKER_DIR = join(path(Paths.cache.uri), 'ImagePicker');
const QUEUED_DIR = join(path(Paths.document.uri), QUEUED_PHOTOS);
const PHOTO_BYTES = 'JPEG bytes of a photographed bill of lading';

const server = new TestServer(() => ({ status: 201, body: { id: 91 } }));

/** Reads the queued file from where the item says it is and posts its bytes (the phone's upload). */
async function sendPhoto(item: QueueItem): Promise<unknown> {
  if (item.payload.type !== 'capture') throw new Error('captures only');
  const bytes = readFileSync(path(item.payload.file.uri), 'utf8');
  const response = await fetch(`${server.url}/api/v1/ai-assistant/documents/`, {
    method: 'POST',
    headers: authHeaders(`${item.id}-upload`),
    body: bytes,
  }).catch(() => {
    throw new NetworkError();
  });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.json();
}

function pickPhoto(name: string): { uri: string; name: string; mimeType: string } {
  mkdirSync(PICKER_DIR, { recursive: true });
  writeFileSync(join(PICKER_DIR, name), PHOTO_BYTES);
  return { uri: `file://${join(PICKER_DIR, name)}`, name, mimeType: 'image/jpeg' };
}

function capture(file: { uri: string; name: string; mimeType: string }) {
  return { label: `Bill of lading: ${file.name}`, loadId: 4, payload: { type: 'capture' as const, loadId: 4, file, documentKind: 'bol' } };
}

beforeAll(async () => {
  await server.start();
  await server.stop(); // no signal
  configureApi({ baseUrl: server.url, token: 'test-token', tenantId: 7 });
});

beforeEach(async () => {
  await AsyncStorage.clear();
  rmSync(QUEUED_DIR, { recursive: true, force: true });
  server.seen = [];
});

afterAll(() => server.stop());

test('the picker clears its temp file, the app restarts, the signal comes back: the photo is sent', async () => {
  const picked = pickPhoto('IMG_0042.jpg');
  const queue = new OfflineQueue(AsyncStorage, sendPhoto, Date.now, deviceFileStore);
  const item = await queue.enqueue(capture(picked));

  // The queued item points at the app's own copy, not at the picker's file.
  if (item.payload.type !== 'capture') throw new Error('a capture');
  const kept = item.payload.file.uri;
  expect(kept).not.toBe(picked.uri);
  expect(path(kept)).toBe(join(QUEUED_DIR, `${item.id}.jpg`));
  expect(readFileSync(path(kept), 'utf8')).toBe(PHOTO_BYTES);

  await queue.flush(); // still offline
  expect(queue.list()[0]!.state).toBe('waiting');

  rmSync(PICKER_DIR, { recursive: true }); // the system clears the cache
  const reopened = new OfflineQueue(AsyncStorage, sendPhoto, () => Date.now() + 60_000, deviceFileStore);
  await reopened.load();
  await server.start();
  await reopened.flush();

  expect(reopened.list().map((queued) => [queued.state, queued.error])).toEqual([['sent', null]]);
  expect(server.seen.map((request) => [request.key, request.body])).toEqual([[`${item.id}-upload`, PHOTO_BYTES]]);
  // Sent: the copy is gone too.
  expect(existsSync(path(kept))).toBe(false);
  await server.stop();
});

test('a discarded capture deletes its copy; the picked file is left alone', async () => {
  const picked = pickPhoto('IMG_0043.jpg');
  const queue = new OfflineQueue(AsyncStorage, sendPhoto, Date.now, deviceFileStore);
  const item = await queue.enqueue(capture(picked));
  expect(readdirSync(QUEUED_DIR)).toEqual([`${item.id}.jpg`]);
  await queue.discard(item.id);
  expect(queue.list()).toEqual([]);
  expect(readdirSync(QUEUED_DIR)).toEqual([]);
  expect(existsSync(path(picked.uri))).toBe(true);
});

test('a photo that is already gone is refused when queued, not queued to fail later', async () => {
  const picked = pickPhoto('IMG_0044.jpg');
  rmSync(path(picked.uri));
  const queue = new OfflineQueue(AsyncStorage, sendPhoto, Date.now, deviceFileStore);
  await expect(queue.enqueue(capture(picked))).rejects.toThrow('The photo is gone from the phone: take it again.');
  expect(queue.list()).toEqual([]);
  expect(await AsyncStorage.getItem('projectmeats.offline-queue.v1')).toBeNull();
});

test('at start-up, copies no queued item refers to are deleted; the queued ones stay', async () => {
  const queue = new OfflineQueue(AsyncStorage, sendPhoto, Date.now, deviceFileStore);
  const waiting = await queue.enqueue(capture(pickPhoto('IMG_0045.jpg')));
  // The app stopped after a send but before its copy was deleted.
  writeFileSync(join(QUEUED_DIR, 'lost-item.jpg'), PHOTO_BYTES);
  const reopened = new OfflineQueue(AsyncStorage, sendPhoto, Date.now, deviceFileStore);
  await reopened.load();
  expect(readdirSync(QUEUED_DIR)).toEqual([`${waiting.id}.jpg`]);
  expect(reopened.list().map((item) => item.id)).toEqual([waiting.id]);
});
