/**
 * /loads/board: the loads as a kanban, one column per load status. A card moves only along the workflow the API
 * declares: each load's `allowed_actions` (for this member, in its state) name the status each action leads to
 * (`target`), so while a card is dragged the columns it can reach are marked and the others refuse the drop. The
 * move posts the action (a reason first where the action asks one, with the load page's dialog); the server's
 * refusal (409 guard, 403 role) is shown and the card goes back. Each card's "Move to…" menu does the same from the
 * keyboard (plain buttons). Filters (pickup dates, carrier, customer) live in the URL; each column shows at most COLUMN_LIMIT cards
 * and links the rest to the filtered list.
 */
import { useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, DatePicker, Empty, Flex, Popover, Space, Spin, Typography } from 'antd';
import { MoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { enumOptions } from '@/api/enums';
import { ApiError } from '@/api/errors';
import { buildQuery, listResource, postJson } from '@/api/resource';
import { notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { ReasonDialog, allowedActionsOf, inputOf } from '@/components/orders/WorkflowButtons';
import type { AllowedAction } from '@/components/orders/WorkflowButtons';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import { DATE_FORMAT } from '@/components/resource/display';
import type { Row } from '@/components/resource/types';
import { carrierRef, customerRef } from '../shared/references';
import { loads } from './resource';

export const COLUMN_LIMIT = 20;
const STATUSES = enumOptions('LoadStatusEnum');
const FILTER_KEYS = ['pickup_date_from', 'pickup_date_to', 'carrier', 'customer'] as const;
const label = (status: string) => STATUSES.find((option) => option.value === status)?.label ?? status;

/** The action that takes this load to `status`, if the member may do it now. */
export function actionTo(row: Row, status: string): AllowedAction | undefined {
  return allowedActionsOf(row).find((action) => action.target === status);
}

type Move = { row: Row; action: AllowedAction; to: string };

export default function LoadBoard() {
  const { allows } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : []))),
    [params],
  );
  const columns = useQueries({
    queries: STATUSES.map(({ value }) => {
      const query = { ...filters, status: value, ordering: 'pickup_date', page_size: COLUMN_LIMIT };
      return { queryKey: ['list', loads.path, 'board', query], queryFn: () => listResource<Row>(loads.path, query) };
    }),
  });

  const [dragging, setDragging] = useState<Row | null>(null);
  const [over, setOver] = useState<string | null>(null);
  // Cards shown in another column while their move is on its way (id -> status); dropped on refusal.
  const [moved, setMoved] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<Move | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setFilter = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const post = async ({ row, action, to }: Move, body: Record<string, unknown> = {}) => {
    const id = String(row.id);
    setBusy(true);
    setRefusal(null);
    setMoved((current) => ({ ...current, [id]: to }));
    try {
      await postJson<Row>(`${loads.path}${id}/${action.name}/`, body);
      notifySuccess(`${String(row.number)}: ${action.label.toLowerCase()}.`);
      setAsking(null);
      await queryClient.invalidateQueries({ queryKey: ['list', loads.path] });
    } catch (error) {
      const why = error instanceof ApiError ? (error.detail ?? error.message) : String(error);
      const code = error instanceof ApiError ? ` (${error.status})` : '';
      setAsking(null);
      setRefusal(`${String(row.number)} stays ${label(String(row.status)).toLowerCase()}: ${why}${code}`);
    } finally {
      setMoved((current) => {
        const { [id]: _gone, ...rest } = current;
        return rest;
      });
      setBusy(false);
    }
  };

  const move = (row: Row, to: string) => {
    const action = actionTo(row, to);
    if (!action) {
      setRefusal(`${String(row.number)} cannot go from ${label(String(row.status)).toLowerCase()} to ${label(to).toLowerCase()}.`);
      return;
    }
    const input = inputOf('loads', action);
    if (input === 'none') void post({ row, action, to });
    else setAsking({ row, action, to });
  };

  if (!allows(loads, 'list')) return <Alert type="error" title="Your role does not allow the load list." />;
  const all = columns.flatMap((column) => column.data?.results ?? []);
  const rangeFrom = filters.pickup_date_from;
  const rangeTo = filters.pickup_date_to;
  const filtered = Object.keys(filters).length > 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/loads">Loads</Link> }, { title: 'Board' }]} />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Load board
          </Typography.Title>
          <Typography.Text type="secondary">
            Drag a load to its next step, or use its “Move to…” menu. Only the steps its status and your role allow are open.
          </Typography.Text>
        </div>
        <Link to={`/loads${buildQuery(filters)}`}>
          <Button icon={<UnorderedListOutlined />} tabIndex={-1}>
            List view
          </Button>
        </Link>
      </Flex>
      <Flex wrap gap={8} role="search" aria-label="Board filters">
        <DatePicker.RangePicker
          aria-label="Pickup"
          format={DATE_FORMAT}
          allowEmpty={[true, true]}
          placeholder={['Pickup from', 'to']}
          value={[rangeFrom ? dayjs(rangeFrom) : null, rangeTo ? dayjs(rangeTo) : null]}
          onChange={(dates) =>
            setFilter({
              pickup_date_from: dates?.[0] ? dates[0].format('YYYY-MM-DD') : undefined,
              pickup_date_to: dates?.[1] ? dates[1].format('YYYY-MM-DD') : undefined,
            })
          }
        />
        <ReferenceSelect
          aria-label="Carrier"
          placeholder="Carrier"
          allowClear
          style={{ minWidth: 200 }}
          reference={carrierRef}
          value={filters.carrier ? Number(filters.carrier) : undefined}
          onChange={(next) => setFilter({ carrier: next ? String(next) : undefined })}
        />
        <ReferenceSelect
          aria-label="Customer"
          placeholder="Customer"
          allowClear
          style={{ minWidth: 200 }}
          reference={customerRef}
          value={filters.customer ? Number(filters.customer) : undefined}
          onChange={(next) => setFilter({ customer: next ? String(next) : undefined })}
        />
        {filtered && (
          <Button type="link" onClick={() => setFilter(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}>
            Clear filters
          </Button>
        )}
      </Flex>
      {refusal && <Alert type="error" showIcon role="alert" title={refusal} closable onClose={() => setRefusal(null)} data-testid="board-refusal" />}
      <div
        data-testid="load-board"
        // Five columns side by side where they fit; on a tablet they wrap (no column hidden sideways).
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))', gap: 12, paddingBottom: 8 }}
      >
        {STATUSES.map(({ value: status, label: title }, index) => {
          const column = columns[index]!;
          const here = all.filter((row) => (moved[String(row.id)] ?? String(row.status)) === status);
          const count = column.data?.count ?? 0;
          const more = count - (column.data?.results.length ?? 0);
          const allowed = dragging ? String(dragging.status) !== status && !!actionTo(dragging, status) : false;
          const refused = !!dragging && String(dragging.status) !== status && !allowed;
          return (
            <section
              key={status}
              aria-label={`${title}: ${count} ${count === 1 ? 'load' : 'loads'}`}
              data-testid={`board-column-${status}`}
              data-drop={dragging ? (allowed ? 'allowed' : refused ? 'refused' : 'home') : undefined}
              onDragOver={(event: DragEvent) => {
                if (!allowed) return; // no preventDefault: the browser refuses the drop (no-drop cursor)
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(status);
              }}
              onDragLeave={() => setOver((current) => (current === status ? null : current))}
              onDrop={(event: DragEvent) => {
                event.preventDefault();
                const row = dragging;
                setDragging(null);
                setOver(null);
                if (row && allowed) move(row, status);
              }}
              style={{
                background: allowed ? (over === status ? '#e6f4ff' : '#f0f7ff') : '#f5f5f5',
                border: `2px ${allowed ? 'dashed #1677ff' : refused ? 'solid #d9d9d9' : 'solid transparent'}`,
                opacity: refused ? 0.55 : 1,
                borderRadius: 8,
                padding: 8,
                minHeight: 240,
                transition: 'opacity 120ms',
              }}
            >
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Typography.Title level={2} style={{ fontSize: 14, margin: 0 }}>
                  {title}
                </Typography.Title>
                <Typography.Text type="secondary" data-testid={`board-count-${status}`}>
                  {count}
                </Typography.Text>
              </Flex>
              {refused && (
                <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid={`board-refused-${status}`}>
                  Not a next step for {String(dragging.number)}
                </Typography.Text>
              )}
              {column.isPending ? (
                <Spin />
              ) : column.error ? (
                <Alert type="error" title={column.error.message} />
              ) : here.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No loads" />
              ) : (
                <Flex vertical gap={8}>
                  {here.map((row) => (
                    <LoadCard
                      key={String(row.id)}
                      row={row}
                      pending={String(row.id) in moved}
                      onDragStart={() => {
                        setRefusal(null);
                        setDragging(row);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setOver(null);
                      }}
                      onMove={(to) => move(row, to)}
                    />
                  ))}
                </Flex>
              )}
              {more > 0 && (
                <Link
                  to={`/loads${buildQuery({ ...filters, status, ordering: 'pickup_date' })}`}
                  style={{ display: 'block', marginTop: 8 }}
                  data-testid={`board-more-${status}`}
                >
                  {more} more
                </Link>
              )}
            </section>
          );
        })}
      </div>
      {asking && (
        <ReasonDialog
          action={asking.action}
          input={inputOf('loads', asking.action)}
          busy={busy}
          onCancel={() => setAsking(null)}
          onSubmit={(body) => void post(asking, body)}
        />
      )}
    </Space>
  );
}

function LoadCard({
  row,
  pending,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  row: Row;
  pending: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMove: (to: string) => void;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const number = String(row.number);
  const targets = allowedActionsOf(row).filter((action) => action.target);
  const customers = Array.isArray(row.customer_names) ? (row.customer_names as string[]) : [];
  const origin = String(row.origin || '—');
  const destination = String(row.delivery_location || '—');
  return (
    <Card
      size="small"
      data-testid={`board-card-${number}`}
      draggable={!pending && targets.length > 0}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', number);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: targets.length ? 'grab' : 'default', opacity: pending ? 0.6 : 1 }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Link to={`/loads/${String(row.id)}`} style={{ fontWeight: 600 }}>
          {number}
        </Link>
        {targets.length > 0 && (
          // Plain buttons in a popover (Tab / Shift+Tab between them, Enter or Space to move), the first focused.
          <Popover
            trigger="click"
            open={menuOpen}
            onOpenChange={setMenuOpen}
            title={`Move ${number} to`}
            content={
              <Flex vertical gap={4} role="group" aria-label={`Move ${number} to`} data-testid={`board-move-${number}`}>
                {targets.map((action, index) => (
                  <Button
                    key={action.name}
                    size="small"
                    danger={action.destructive}
                    autoFocus={index === 0}
                    onClick={() => {
                      setMenuOpen(false);
                      onMove(action.target!);
                    }}
                  >
                    {`${label(action.target!)} (${action.label})`}
                  </Button>
                ))}
              </Flex>
            }
          >
            <Button size="small" type="text" aria-label={`Move ${number} to…`} aria-expanded={menuOpen} title="Move to…" icon={<MoreOutlined />} />
          </Popover>
        )}
      </Flex>
      <Typography.Text style={{ display: 'block' }} data-testid="board-lane">
        {origin} → {destination}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        Pickup {row.pickup_date ? String(row.pickup_date) : 'not set'}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {String(row.carrier_name ?? '')}
      </Typography.Text>
      {customers.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {customers.join(', ')}
        </Typography.Text>
      )}
      {pending && <Typography.Text type="secondary">Moving…</Typography.Text>}
    </Card>
  );
}
