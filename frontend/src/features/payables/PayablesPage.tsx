/** /payables: AP aging per payee (supplier or carrier) and currency, and the cash requirements (what is due by a
 * date, less open debit memos). Currencies are never added together. */
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { client, unwrap } from '@/api/client';
import type { ApiError } from '@/api/errors';
import type { Schemas } from '@/api/types';
import { useSession } from '@/app/session';
import { formatMoneyIn } from '@/components/orders/money';
import { paymentsOut } from './resource';

type Payee = Schemas['ApAgingPayee'];
type Item = Schemas['CashRequirementItem'];

const BUCKETS: { key: keyof Schemas['AgingBuckets']; title: string }[] = [
  { key: 'current', title: 'Current' },
  { key: 'days_1_30', title: '1–30' },
  { key: 'days_31_60', title: '31–60' },
  { key: 'days_61_90', title: '61–90' },
  { key: 'days_over_90', title: '90+' },
];

const payeeLink = (row: { payee_kind: string; supplier?: number | null; carrier?: number | null; payee_name: string }) =>
  row.payee_kind === 'supplier' ? <Link to={`/suppliers/${String(row.supplier)}`}>{row.payee_name}</Link> : <Link to={`/carriers/${String(row.carrier)}`}>{row.payee_name}</Link>;

const documentPath: Record<string, string> = { supplier_bill: 'supplier-bills', freight_bill: 'freight-bills', debit_memo: 'debit-memos' };

function AgingTab() {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('as_of') ?? undefined;
  const aging = useQuery<Schemas['ApAgingReport'], ApiError>({
    queryKey: ['payables', 'aging', asOf],
    queryFn: () => unwrap(client.GET('/api/v1/accounts-payable/aging/', { params: { query: { as_of: asOf } } })),
  });
  if (aging.error) return <Alert type="error" showIcon message="Could not load the aging" description={aging.error.message} />;
  const data = aging.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        <Typography.Text>As of</Typography.Text>
        <DatePicker
          aria-label="As of"
          value={asOf ? dayjs(asOf) : null}
          placeholder="Today"
          onChange={(value) => setParams(value ? { tab: 'aging', as_of: value.format('YYYY-MM-DD') } : { tab: 'aging' })}
        />
      </Flex>
      {!data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<Payee>
          rowKey={(row) => `${row.payee_kind}-${String(row.supplier ?? row.carrier)}-${row.currency}`}
          size="middle"
          data-testid="ap-aging-table"
          pagination={false}
          dataSource={data.payees}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'You owe nothing.' }}
          columns={[
            { key: 'payee', title: 'Payee', render: (_, row) => payeeLink(row) },
            { key: 'kind', title: 'Kind', dataIndex: 'payee_kind' },
            { key: 'currency', title: 'Currency', dataIndex: 'currency' },
            ...BUCKETS.map((bucket) => ({
              key: bucket.key,
              title: bucket.title,
              align: 'right' as const,
              render: (_: unknown, row: Payee) => formatMoneyIn(row[bucket.key], row.currency),
            })),
            { key: 'total', title: 'Total', align: 'right', render: (_, row) => <strong>{formatMoneyIn(row.total, row.currency)}</strong> },
          ]}
          summary={() =>
            data.totals.map((totals, index) => (
              <Table.Summary.Row key={totals.currency}>
                <Table.Summary.Cell index={0}>
                  <strong>{index === 0 ? 'All payees' : ''}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} />
                <Table.Summary.Cell index={2}>
                  <strong>{totals.currency}</strong>
                </Table.Summary.Cell>
                {BUCKETS.map((bucket, cell) => (
                  <Table.Summary.Cell key={bucket.key} index={cell + 3} align="right">
                    {formatMoneyIn(totals[bucket.key], totals.currency)}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={8} align="right">
                  <strong data-testid={`ap-aging-total-${totals.currency}`}>{formatMoneyIn(totals.total, totals.currency)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ))
          }
        />
      )}
    </Space>
  );
}

function CashRequirementsTab() {
  const [params, setParams] = useSearchParams();
  const dueBy = params.get('due_by') ?? undefined;
  const cash = useQuery<Schemas['CashRequirements'], ApiError>({
    queryKey: ['payables', 'cash-requirements', dueBy],
    queryFn: () => unwrap(client.GET('/api/v1/accounts-payable/cash-requirements/', { params: { query: { due_by: dueBy } } })),
  });
  if (cash.error) return <Alert type="error" showIcon message="Could not load the cash requirements" description={cash.error.message} />;
  const data = cash.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>Due by</Typography.Text>
        <DatePicker
          aria-label="Due by"
          value={dueBy ? dayjs(dueBy) : null}
          placeholder="7 days from today"
          onChange={(value) => setParams(value ? { tab: 'cash', due_by: value.format('YYYY-MM-DD') } : { tab: 'cash' })}
        />
        {data?.totals.map((total) => (
          <Typography.Text key={total.currency} data-testid={`cash-total-${total.currency}`}>
            {total.currency}: <strong>{formatMoneyIn(total.balance_due, total.currency)}</strong> ({total.items})
          </Typography.Text>
        ))}
      </Flex>
      <Table<Item>
        rowKey={(row) => `${row.document_type}-${row.id}`}
        size="middle"
        loading={cash.isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Nothing is due by then.' }}
        columns={[
          { key: 'number', title: 'Document', render: (_, row) => <Link to={`/${documentPath[row.document_type]}/${row.id}`}>{row.number}</Link> },
          { key: 'payee', title: 'Payee', render: (_, row) => payeeLink(row) },
          { key: 'reference', title: 'Their invoice', dataIndex: 'reference' },
          { key: 'due', title: 'Due', dataIndex: 'due_date' },
          { key: 'balance', title: 'Balance due', align: 'right', render: (_, row) => formatMoneyIn(row.balance_due, row.currency) },
        ]}
      />
    </Space>
  );
}

export default function PayablesPage() {
  const [params, setParams] = useSearchParams();
  const { allows } = useSession();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          Accounts payable
        </Typography.Title>
        <Space wrap>
          <Link to="/supplier-bills">Supplier bills</Link>
          <Link to="/freight-bills">Freight bills</Link>
          <Link to="/payments-out">Payments out</Link>
          <Link to="/debit-memos">Debit memos</Link>
        </Space>
        {allows(paymentsOut, 'create') && (
          <Link to="/payments-out/new">
            <Button type="primary" icon={<BankOutlined />} tabIndex={-1}>
              Pay bills
            </Button>
          </Link>
        )}
      </Flex>
      <Tabs
        activeKey={params.get('tab') ?? 'aging'}
        onChange={(tab) => setParams({ tab })}
        items={[
          { key: 'aging', label: 'AP aging', children: <AgingTab /> },
          { key: 'cash', label: 'Cash requirements', children: <CashRequirementsTab /> },
        ]}
      />
    </Space>
  );
}
