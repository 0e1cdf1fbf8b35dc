/** How a queued item reaches the server: its request, or a capture's upload then its attachment to the load.
 * Every request carries the item's Idempotency-Key (one per step), so a repeated send is applied once. */
import { api } from '@/api/client';
import type { AssistantDocument, LoadDocument } from '@/api/types';
import { uploadFile } from '@/api/upload';

import type { QueueItem } from './queue';

export async function sendItem(item: QueueItem, onProgress: (fraction: number) => void): Promise<unknown> {
  const payload = item.payload;
  if (payload.type === 'request') {
    return api(payload.method, payload.path, { body: payload.body, idempotencyKey: item.id });
  }
  const document = await uploadFile<AssistantDocument>('/api/v1/ai-assistant/documents/', payload.file, {
    idempotencyKey: `${item.id}-upload`,
    onProgress,
  });
  const link = await api<LoadDocument>('POST', `/api/v1/loads/${payload.loadId}/documents/`, {
    body: { document: document.id, kind: payload.documentKind },
    idempotencyKey: `${item.id}-attach`,
  });
  return { document: document.id, link: link.id };
}
