/** The offline queue: weight entries, workflow steps and captures made without a signal are kept on the
 * device (AsyncStorage, which holds no secrets: the token lives in the secure store) and sent in the order
 * they were made once the server answers again.
 *
 * Each item carries its own Idempotency-Key (the server stores the first answer under it), so a send whose
 * answer was lost is retried without being applied twice. No answer / 5xx / 429: the item waits with
 * exponential backoff and the items after it wait too (order is kept). 409 / 412 (the load changed meanwhile):
 * the item is marked "conflict" and shown; nothing is retried automatically or dropped. Other 4xx: "failed",
 * shown with the server's message. The user retries or discards conflict / failed items.
 *
 * A capture's photo is copied into the app's own storage when it is queued (`FileStore`, src/offline/files.ts)
 * and that copy is sent; it is deleted once the capture is sent or discarded. */
import { ApiError, NetworkError, errorText } from '@/api/client';
import type { LocalFile } from '@/api/upload';

import { inPlaceFileStore, type FileStore } from './files';

export type QueueState = 'queued' | 'sending' | 'waiting' | 'sent' | 'conflict' | 'failed';

export type QueuePayload =
  | { type: 'request'; method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; body?: unknown }
  | { type: 'capture'; loadId: number; file: LocalFile; documentKind: string };

export interface QueueItem {
  id: string;
  createdAt: string;
  loadId: number | null;
  label: string;
  payload: QueuePayload;
  state: QueueState;
  attempts: number;
  nextAttemptAt: number;
  error: string | null;
  progress: number | null;
  result: unknown;
}

export interface Storage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export type Sender = (item: QueueItem, onProgress: (fraction: number) => void) => Promise<unknown>;

export const STORAGE_KEY = 'projectmeats.offline-queue.v1';
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, attempts - 1));
}

function newId(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${random}-${Math.random().toString(36).slice(2, 10)}`;
}

export class OfflineQueue {
  private items: QueueItem[] = [];
  private listeners = new Set<(items: QueueItem[]) => void>();
  private flushing: Promise<void> | null = null;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly send: Sender,
    private readonly now: () => number = Date.now,
    private readonly files: FileStore = inPlaceFileStore,
  ) {}

  load(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.storage.getItem(STORAGE_KEY).then((raw) => {
        const saved: QueueItem[] = raw ? JSON.parse(raw) : [];
        // An item that was being sent when the app stopped is sent again (same key: applied once).
        this.items = saved.map((item) => (item.state === 'sending' ? { ...item, state: 'queued', progress: null } : item));
        this.emit();
        const kept = this.items.flatMap((item) => (item.payload.type === 'capture' && item.state !== 'sent' ? [item.payload.file] : []));
        return this.files.sweep(kept).catch(() => undefined); // leftovers only take space
      });
    }
    return this.loaded;
  }

  list(): QueueItem[] {
    return this.items;
  }

  subscribe(listener: (items: QueueItem[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async enqueue(entry: { label: string; loadId: number | null; payload: QueuePayload }): Promise<QueueItem> {
    await this.load();
    const id = newId();
    // Before anything is persisted: a capture whose photo cannot be kept is refused here, not queued.
    const payload =
      entry.payload.type === 'capture'
        ? { ...entry.payload, file: await this.files.keep(entry.payload.file, id) }
        : entry.payload;
    const item: QueueItem = {
      id,
      createdAt: new Date(this.now()).toISOString(),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      error: null,
      progress: null,
      result: null,
      ...entry,
      payload,
    };
    this.items = [...this.items, item];
    await this.persist();
    return item;
  }

  /** Send what is due, oldest first; stops at the first item that must wait (no signal), keeping the order. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.run().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  /** When the next waiting item is due (ms since epoch), or null. */
  nextDue(): number | null {
    const waiting = this.items.filter((item) => item.state === 'waiting').map((item) => item.nextAttemptAt);
    return waiting.length ? Math.min(...waiting) : null;
  }

  async retry(id: string): Promise<void> {
    this.update(id, { state: 'queued', nextAttemptAt: 0, error: null });
    await this.persist();
  }

  async discard(id: string): Promise<void> {
    const gone = this.items.find((item) => item.id === id && item.state !== 'sending');
    this.items = this.items.filter((item) => item !== gone);
    await this.persist();
    if (gone) await this.releaseFile(gone);
  }

  async clearSent(): Promise<void> {
    this.items = this.items.filter((item) => item.state !== 'sent');
    await this.persist();
  }

  private async run(): Promise<void> {
    await this.load();
    for (;;) {
      const item = this.items.find((candidate) => ['queued', 'waiting'].includes(candidate.state));
      if (!item) return;
      if (item.state === 'waiting' && item.nextAttemptAt > this.now()) return;
      this.update(item.id, { state: 'sending', attempts: item.attempts + 1, progress: null });
      await this.persist();
      try {
        const result = await this.send(this.get(item.id), (fraction) => this.update(item.id, { progress: fraction }));
        this.update(item.id, { state: 'sent', error: null, result, progress: null });
        await this.persist();
        await this.releaseFile(item);
      } catch (error) {
        const current = this.get(item.id);
        if (error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429))) {
          this.update(item.id, {
            state: 'waiting',
            error: errorText(error),
            nextAttemptAt: this.now() + backoffMs(current.attempts),
            progress: null,
          });
          await this.persist();
          return; // keep the order: what comes after waits for this one
        }
        const conflict = error instanceof ApiError && (error.status === 409 || error.status === 412);
        this.update(item.id, { state: conflict ? 'conflict' : 'failed', error: errorText(error), progress: null });
        await this.persist();
      }
    }
  }

  private async releaseFile(item: QueueItem): Promise<void> {
    if (item.payload.type !== 'capture') return;
    try {
      await this.files.release(item.payload.file);
    } catch {
      // A copy that cannot be deleted only takes space; the item's outcome stands.
    }
  }

  private get(id: string): QueueItem {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`queue item ${id} is gone`);
    return item;
  }

  private update(id: string, changes: Partial<QueueItem>): void {
    this.items = this.items.map((item) => (item.id === id ? { ...item, ...changes } : item));
    this.emit();
  }

  private async persist(): Promise<void> {
    await this.storage.setItem(STORAGE_KEY, JSON.stringify(this.items));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.items);
  }
}
