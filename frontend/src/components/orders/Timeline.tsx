/** A document's history: status changes, price edits, overrides, e-mails — who, when and why. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Skeleton, Timeline as AntTimeline, Typography } from 'antd';
import { listResource } from '@/api/resource';
import type { ApiError } from '@/api/errors';
import type { Schemas } from '@/api/types';

type Event = Schemas['TimelineEvent'];

export function timelineKey(path: string, id: string) {
  return ['timeline', path, id];
}

export function OrderTimeline({ path, id }: { path: string; id: string }) {
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
        color: event.verb === 'cancelled' || event.verb === 'void' ? 'red' : event.verb === 'credit_override' ? 'orange' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{describe(event)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {new Date(event.created_at).toLocaleString()} · {event.actor || 'system'}
            </Typography.Text>
            {event.reason && <div>{event.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}

function describe(event: Event): string {
  const verb = event.verb.replace(/_/g, ' ');
  if (event.from_status && event.to_status) return `${capitalize(verb)}: ${event.from_status.replace(/_/g, ' ')} → ${event.to_status.replace(/_/g, ' ')}`;
  return capitalize(verb);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
