/** The record's activity in one list, oldest first: workflow events (timeline), field changes from the audit
 * history, and comments with their attachments. Pure functions, so the merge is tested without a server. */
import type { Schemas } from '@/api/types';
import { describeChanges, humanize } from '@/components/orders/Timeline';

export type TimelineEvent = Schemas['TimelineEvent'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type Comment = Schemas['Comment'];

export type ActivityItem =
  | { kind: 'event'; key: string; at: string; event: TimelineEvent }
  | { kind: 'change'; key: string; at: string; entry: HistoryEntry; lines: string[] }
  | { kind: 'comment'; key: string; at: string; comment: Comment };

// Audit fields the activity leaves out: the workflow events already say each status change, and the
// optimistic-concurrency counter changes on every save.
const SKIPPED_FIELDS = new Set(['status', 'version']);

/** "Notes: 'Call first' → 'Call before 7'": the field's label (its verbose name), never the stored key. */
export function describeHistoryValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return `'${String(value)}'`;
}

export function historyLines(entry: HistoryEntry): string[] {
  return entry.changes
    .filter((change) => !SKIPPED_FIELDS.has(change.field))
    .map((change) => `${humanize(change.label || change.field)}: ${describeHistoryValue(change.old)} → ${describeHistoryValue(change.new)}`);
}

/** A workflow "updated" event repeats the header fields the audit history shows with labels: keep only what
 * the history of the record itself cannot show (its lines and the recomputed total). */
function eventWithoutHistoryFields(event: TimelineEvent, haveHistory: boolean): TimelineEvent | null {
  if (!haveHistory || event.verb !== 'updated') return event;
  const changes = (event.changes ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(changes).filter(([key]) => key === 'lines'));
  if (!Object.keys(kept).length) return null;
  return { ...event, changes: kept };
}

export function mergeActivity({
  events = [],
  history = [],
  comments = [],
}: {
  events?: TimelineEvent[];
  history?: HistoryEntry[];
  comments?: Comment[];
}): ActivityItem[] {
  const haveHistory = history.length > 0;
  const items: ActivityItem[] = [];
  for (const event of events) {
    const kept = eventWithoutHistoryFields(event, haveHistory);
    if (kept && (kept.verb !== 'updated' || describeChanges(kept.changes).length)) {
      items.push({ kind: 'event', key: `event-${event.id}`, at: event.created_at, event: kept });
    }
  }
  for (const entry of history) {
    // Creation is the workflow's "Created" (or, on partners, the first line of the history below).
    if (entry.action === 'create' && events.length) continue;
    const lines = entry.action === 'update' ? historyLines(entry) : [];
    if (entry.action === 'update' && !lines.length) continue;
    items.push({ kind: 'change', key: `history-${entry.id}`, at: entry.at, entry, lines });
  }
  for (const comment of comments) items.push({ kind: 'comment', key: `comment-${comment.id}`, at: comment.created_at, comment });
  // By the moment, not the text: the history and the comments may write the same moment in other offsets.
  const time = (item: ActivityItem) => Date.parse(item.at) || 0;
  return items.sort((a, b) => time(a) - time(b) || a.key.localeCompare(b.key));
}

/** Text with @mentions of members split out, so they can be shown as tags (unknown names stay plain text). */
export function splitMentions(body: string, usernames: string[]): { text: string; mention: boolean }[] {
  if (!usernames.length) return [{ text: body, mention: false }];
  const known = new Set(usernames.map((name) => name.toLowerCase()));
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of body.matchAll(/(?<![\w@])@([A-Za-z0-9_.+-]{1,150})/g)) {
    const name = (match[1] ?? '').replace(/\.+$/, '');
    if (!known.has(name.toLowerCase())) continue;
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: body.slice(last, start), mention: false });
    parts.push({ text: `@${name}`, mention: true });
    last = start + 1 + name.length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}

/** The comments API's name of a record (app_label.model:id), by the record's API path; undefined for records
 * that take no comments. */
const TARGET_MODELS: Record<string, string> = {
  '/api/v1/purchase-orders/': 'purchase_orders.purchaseorder',
  '/api/v1/sales-orders/': 'sales_orders.salesorder',
  '/api/v1/invoices/': 'invoices.invoice',
  '/api/v1/loads/': 'loads.load',
  '/api/v1/suppliers/': 'suppliers.supplier',
  '/api/v1/customers/': 'customers.customer',
  '/api/v1/carriers/': 'carriers.carrier',
};

export function commentTarget(path: string, id: string | number): string | undefined {
  const model = TARGET_MODELS[path];
  return model ? `${model}:${String(id)}` : undefined;
}
