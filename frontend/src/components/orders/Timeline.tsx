/** A document's history: status changes, price edits, overrides, e-mails — who, when and why, in words. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Skeleton, Timeline as AntTimeline, Typography } from 'antd';
import { enumLabel } from '@/api/enums';
import type { EnumName } from '@/api/enums';
import { listResource } from '@/api/resource';
import type { ApiError } from '@/api/errors';
import type { Schemas } from '@/api/types';
import { formatDateTime } from '@/components/resource/display';
import { formatMoneyIn } from './money';

type Event = Schemas['TimelineEvent'];

export function timelineKey(path: string, id: string) {
  return ['timeline', path, id];
}

/** "credit_override" -> "Credit override": the words, never the stored key. */
export function humanize(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const MONEY_KEYS = new Set(['amount', 'balance_due', 'total', 'unit_price', 'old_price', 'new_price', 'applied', 'unapplied']);

function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, innerValue]) => `${inner}: ${describeValue(key, innerValue)}`)
      .join(', ');
  }
  if (Array.isArray(value)) return value.map((item) => describeValue(key, item)).join(', ');
  if (MONEY_KEYS.has(key) && /^-?\d+(\.\d+)?$/.test(String(value))) return formatMoneyIn(String(value));
  return String(value).replace(/_/g, ' ');
}

export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).map(([key, value]) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && ('old' in value || 'new' in value)) {
      const change = value as { old?: unknown; new?: unknown };
      return `${humanize(key)}: ${describeValue(key, change.old)} → ${describeValue(key, change.new)}`;
    }
    return `${humanize(key)}: ${describeValue(key, value)}`;
  });
}

export function OrderTimeline({ path, id, statusEnum }: { path: string; id: string; statusEnum?: EnumName }) {
  const events = useQuery<Event[], ApiError>({
    queryKey: timelineKey(path, id),
    queryFn: async () => (await listResource<Event>(`${path}${id}/timeline/`, {})).results,
  });
  if (events.error) return <Alert type="error" showIcon message="Could not load the history" description={events.error.message} />;
  if (!events.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!events.data.length) return <Empty description="Nothing has happened yet." />;
  return (
    <AntTimeline
      items={events.data.map((event) => ({
        key: event.id,
        color: eventColor(event),
        children: <TimelineEventView event={event} statusEnum={statusEnum} />,
      }))}
    />
  );
}

export function eventColor(event: Event): string {
  return event.verb === 'cancelled' || event.verb === 'void' ? 'red' : event.verb === 'credit_override' ? 'orange' : 'blue';
}

/** One workflow event in words: the step (with its status change), when, who, why, and what changed. */
export function TimelineEventView({ event, statusEnum }: { event: Event; statusEnum?: EnumName }) {
  const status = (value: string) => (statusEnum ? enumLabel(statusEnum, value) : humanize(value));
  return (
    <div data-testid="activity-event">
      <Typography.Text strong>
        {event.from_status && event.to_status ? `${humanize(event.verb)}: ${status(event.from_status)} → ${status(event.to_status)}` : humanize(event.verb)}
      </Typography.Text>{' '}
      <Typography.Text type="secondary">
        {formatDateTime(event.created_at)} · {event.actor || 'system'}
      </Typography.Text>
      {event.reason && <div>{event.reason}</div>}
      {describeChanges(event.changes).map((line) => (
        <div key={line}>
          <Typography.Text type="secondary">{line}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
