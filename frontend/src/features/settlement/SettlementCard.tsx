/**
 * The settlement section of a load page: the statement per currency (estimate vs actual, margin), what is still
 * missing, and the Settle / Reopen buttons the server allows this member. A refused settle (409) lists the
 * missing documents the server named.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '@/api/errors';
import { createResource, getResource, listResource, postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { formatMoneyIn } from '@/components/orders/money';

type Settlement = Schemas['LoadSettlement'];
type Totals = Schemas['CurrencyTotals'];
type Missing = Schemas['MissingDocument'];

const PATH = '/api/v1/load-settlements/';
const FIGURES: { key: keyof Omit<Totals, 'currency'>; label: string }[] = [
  { key: 'revenue', label: 'Revenue' },
  { key: 'product_cost', label: 'Product cost' },
  { key: 'freight', label: 'Freight' },
  { key: 'cold_storage', label: 'Cold storage' },
  { key: 'claims', label: 'Claims' },
  { key: 'margin', label: 'Margin' },
];

/** The 409 of a refused settle names what is missing; anything else is not a refusal. */
export function missingOf(error: unknown): Missing[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = error.body as { missing?: Missing[] } | null;
  return Array.isArray(body?.missing) ? body.missing : null;
}

export function StatementTable({ totals }: { totals: Totals }) {
  const currency = totals.currency;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      title={() => <strong>{currency}</strong>}
      data-testid={`settlement-${currency}`}
      dataSource={FIGURES.map((figure) => ({ key: figure.key, label: figure.label, ...totals[figure.key] }))}
      columns={[
        { key: 'label', title: '', dataIndex: 'label', render: (value: string, row) => (row.key === 'margin' ? <strong>{value}</strong> : value) },
        { key: 'estimate', title: 'Estimate', align: 'right', render: (_, row) => formatMoneyIn(row.estimate, currency) },
        {
          key: 'actual',
          title: 'Actual',
          align: 'right',
          render: (_, row) => <span data-testid={`settlement-${currency}-${row.key}`}>{formatMoneyIn(row.actual, currency)}</span>,
        },
        { key: 'variance', title: 'Variance', align: 'right', render: (_, row) => formatMoneyIn(row.variance, currency) },
      ]}
    />
  );
}

export function SettlementCard({ loadId }: { loadId: number }) {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const [refused, setRefused] = useState<Missing[] | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const key = ['load-settlement', loadId];
  const settlement = useQuery<Settlement | null>({
    queryKey: key,
    queryFn: async () => {
      const found = (await listResource<Settlement>(PATH, { load: loadId })).results[0];
      return found ? getResource<Settlement>(PATH, found.id) : null;
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  async function open() {
    setBusy(true);
    try {
      await createResource(PATH, { load: loadId });
      await refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  async function act(name: string, body: Record<string, string> = {}) {
    if (!settlement.data) return;
    setBusy(true);
    try {
      await postJson(`${PATH}${settlement.data.id}/${name}/`, body);
      setRefused(null);
      setReopening(false);
      notifySuccess(name === 'settle' ? 'Load settled: the figures are frozen.' : 'Settlement reopened.');
      await refresh();
    } catch (error) {
      const missing = missingOf(error);
      if (missing) setRefused(missing);
      else notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  const data = settlement.data;
  const actions = (data?.allowed_actions ?? []).map((action) => action.name);
  const statement = data?.statement;
  const missing = refused ?? statement?.missing ?? [];
  return (
    <Card
      title={
        <Space>
          Settlement
          {data && <Tag color={data.status === 'settled' ? 'green' : 'gold'}>{data.status === 'settled' ? 'Settled' : 'Open'}</Tag>}
        </Space>
      }
      size="small"
      data-testid="settlement-card"
      extra={
        <Space>
          {actions.includes('settle') && (
            <Button type="primary" loading={busy} onClick={() => act('settle')}>
              Settle
            </Button>
          )}
          {actions.includes('reopen') && (
            <Button loading={busy} onClick={() => setReopening(true)}>
              Reopen
            </Button>
          )}
        </Space>
      }
    >
      {settlement.isPending ? (
        <Skeleton active />
      ) : settlement.error ? (
        <Alert type="error" showIcon message="Could not load the settlement" description={settlement.error.message} />
      ) : !data ? (
        <Empty description="No settlement yet: open it to see the load's P&L (estimate vs actual).">
          {can('user') && (
            <Button type="primary" loading={busy} onClick={open}>
              Open settlement
            </Button>
          )}
        </Empty>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {refused && (
            <Alert
              type="warning"
              showIcon
              data-testid="settle-refused"
              message="The load cannot be settled yet"
              description={<List size="small" dataSource={refused} renderItem={(item) => <List.Item>{item.message}</List.Item>} />}
            />
          )}
          {!refused && data.status === 'open' && missing.length > 0 && (
            <Alert
              type="info"
              showIcon
              message="Still missing before the load can be settled"
              description={<List size="small" dataSource={missing} renderItem={(item) => <List.Item>{item.message}</List.Item>} />}
            />
          )}
          {data.status === 'settled' && (
            <Typography.Text type="secondary">
              Settled {data.settled_at?.slice(0, 10)} by {data.settled_by_name || '—'}; the figures below are frozen.
            </Typography.Text>
          )}
          {(statement?.totals ?? []).map((totals) => (
            <StatementTable key={totals.currency} totals={totals} />
          ))}
          {(statement?.totals ?? []).length === 0 && <Typography.Text type="secondary">No figures yet.</Typography.Text>}
        </Space>
      )}
      <Modal
        title="Reopen the settlement"
        open={reopening}
        okText="Reopen"
        okButtonProps={{ disabled: !reason.trim(), loading: busy }}
        onOk={() => act('reopen', { reason })}
        onCancel={() => setReopening(false)}
      >
        <Input.TextArea aria-label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} placeholder="Why (a late document…)" />
      </Modal>
    </Card>
  );
}
