import { describe, expect, it } from 'vitest';
import { commentTarget, historyLines, mergeActivity, splitMentions } from './activity';
import type { Comment, HistoryEntry, TimelineEvent } from './activity';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({ id: 1, at: '2026-12-01T10:00:00Z', user: { id: 1, display: 'Sam Reyes' }, action: 'update', changes: [], reason: '', ...over });
const event = (over: Partial<TimelineEvent>): TimelineEvent => ({ id: 1, verb: 'created', from_status: '', to_status: 'draft', reason: '', changes: {}, actor: 'sam', created_at: '2026-12-01T09:00:00Z', ...over });

describe('record activity', () => {
  it('says history changes with the field label, not the key', () => {
    const lines = historyLines(entry({ changes: [{ field: 'pickup_date', label: 'pickup date', old: null, new: '2026-12-11' }, { field: 'notes', label: 'notes', old: 'a', new: 'b' }, { field: 'status', label: 'status', old: 'draft', new: 'sent' }] }));
    expect(lines).toEqual(["Pickup date: (empty) → '2026-12-11'", "Notes: 'a' → 'b'"]);
  });

  it('interleaves events, field changes and comments by time and drops what the history repeats', () => {
    // The same timeline, another offset: 03:30 at UTC-06:00 is 09:30 UTC.
    const comment = { id: 7, created_at: '2026-12-01T03:30:00-06:00', body: 'hi', mentions: [], attachments: [] } as unknown as Comment;
    const items = mergeActivity({
      events: [event({}), event({ id: 2, verb: 'updated', created_at: '2026-12-01T10:00:00Z', changes: { notes: { old: 'a', new: 'b' } } })],
      history: [entry({ id: 3, changes: [{ field: 'notes', label: 'notes', old: 'a', new: 'b' }] }), entry({ id: 4, at: '2026-12-01T11:00:00Z' }), entry({ id: 5, action: 'create', at: '2026-12-01T09:00:00Z' })],
      comments: [comment],
    });
    expect(items.map((item) => item.key)).toEqual(['event-1', 'comment-7', 'history-3']);
  });

  it('marks only member mentions', () => {
    expect(splitMentions('@ana and @bob.', ['ana'])).toEqual([
      { text: '@ana', mention: true },
      { text: ' and @bob.', mention: false },
    ]);
  });

  it('names commentable records', () => {
    expect(commentTarget('/api/v1/purchase-orders/', '12')).toBe('purchase_orders.purchaseorder:12');
    expect(commentTarget('/api/v1/payments/', '12')).toBeUndefined();
  });
});
