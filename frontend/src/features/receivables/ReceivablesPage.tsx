/** Receivables: AR aging per customer (drill-down to invoices, statement PDF), the overdue list, statements. */
import { useState } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, DatePicker, Descriptions, Flex, Select, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { DollarOutlined, FilePdfOutlined, MailOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { client, unwrap } from '@/api/client';
import type { ApiError } from '@/api/errors';
import { listResource } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError } from '@/app/notify';
import { useSession } from '@/app/session';
import { SendDialog } from '@/components/orders/SendDialog';
import { openPdf } from '@/components/orders/download';
import { formatMoneyIn } from '@/components/orders/money';
import { StatusTag } from '@/components/orders/StatusTag';
import { agingBucketRange, query } from '../dashboard/dates';

type AgingCustomer = Schemas['AgingCustomer'];
type Invoice = Schemas['Invoice'];

const BUCKETS: { key: keyof Schemas['AgingBuckets']; title: string }[] = [
  { key: 'current', title: 'Current' },
  { key: 'days_1_30', title: '1–30' },
  { key: 'days_31_60', title: '31–60' },
  { key: 'days_61_90', title: '61–90' },
  { key: 'days_over_90', title: '90+' },
];

function CustomerInvoices({ customer, currency }: { customer: number; currency: string }) {
  const invoices = useQuery({
    queryKey: ['receivables', 'open-invoices', customer, currency],
    queryFn: async () => (await listResource<Invoice>('/api/v1/invoices/', { customer, currency, is_open: true, ordering: 'due_date', page_size: 100 })).results,
  });
  return (
    <Table<Invoice>
      rowKey="id"
      size="small"
      loading={invoices.isPending}
      pagination={false}
      dataSource={invoices.data ?? []}
      columns={[
        { key: 'number', title: 'Invoice', render: (_, invoice) => <Link to={`/invoices/${invoice.id}`}>{invoice.number}</Link> },
        { key: 'status', title: 'Status', render: (_, invoice) => <StatusTag status={invoice.status} enumName="InvoiceStatusEnum" /> },
        { key: 'date', title: 'Date', dataIndex: 'invoice_date' },
        { key: 'due', title: 'Due', dataIndex: 'due_date' },
        { key: 'overdue', title: 'Days overdue', render: (_, invoice) => (invoice.is_overdue ? invoice.days_overdue : '—') },
        { key: 'total', title: 'Total', align: 'right', render: (_, invoice) => formatMoneyIn(invoice.total, invoice.currency) },
        { key: 'balance', title: 'Balance due', align: 'right', render: (_, invoice) => formatMoneyIn(invoice.balance_due, invoice.currency) },
      ]}
    />
  );
}

function AgingTab() {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('as_of') ?? undefined;
  const { can } = useSession();
  const aging = useQuery<Schemas['AgingReport'], ApiError>({
    queryKey: ['receivables', 'aging', asOf],
    queryFn: () => unwrap(client.GET('/api/v1/accounts-receivables/aging/', { params: { query: { as_of: asOf } } })),
  });
  if (aging.error) return <Alert type="error" showIcon message="Could not load the aging" description={aging.error.message} />;
  const data = aging.data;
  const bucketLink = (bucket: string, currency: string, customer?: number) =>
    data ? `/invoices${query({ is_open: true, customer, currency, ...agingBucketRange(bucket, data.as_of) })}` : '#';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>As of</Typography.Text>
        <DatePicker
          aria-label="As of"
          value={asOf ? dayjs(asOf) : null}
          placeholder="Today"
          onChange={(value) => setParams(value ? { tab: 'aging', as_of: value.format('YYYY-MM-DD') } : { tab: 'aging' })}
        />
        {can('user') && (
          <Link to="/payments/new">
            <Button type="primary" icon={<DollarOutlined />} tabIndex={-1}>
              Record a payment
            </Button>
          </Link>
        )}
      </Flex>
      {!data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<AgingCustomer>
          rowKey={(row) => `${row.customer}-${row.currency}`}
          size="middle"
          data-testid="aging-table"
          pagination={false}
          dataSource={data.customers}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (row) => <CustomerInvoices customer={row.customer} currency={row.currency} />, rowExpandable: () => true }}
          locale={{ emptyText: 'Nothing is owed to you.' }}
          columns={[
            {
              key: 'customer',
              title: 'Customer',
              render: (_, row) => <Link to={`/customers/${row.customer}`}>{`${row.customer_code} · ${row.customer_name}`}</Link>,
            },
            { key: 'currency', title: 'Currency', dataIndex: 'currency' },
            ...BUCKETS.map((bucket) => ({
              key: bucket.key,
              title: bucket.title,
              align: 'right' as const,
              render: (_: unknown, row: AgingCustomer) =>
                Number(row[bucket.key]) ? (
                  <Link to={bucketLink(bucket.key, row.currency, row.customer)}>{formatMoneyIn(row[bucket.key], row.currency)}</Link>
                ) : (
                  <Typography.Text type="secondary">0.00</Typography.Text>
                ),
            })),
            { key: 'total', title: 'Total', align: 'right', render: (_, row) => <strong data-testid={`aging-total-${row.customer_code}-${row.currency}`}>{formatMoneyIn(row.total, row.currency)}</strong> },
            {
              key: 'statement',
              title: '',
              render: (_, row) => <Link to={`/receivables/statement/${row.customer}?currency=${row.currency}`}>Statement</Link>,
            },
          ]}
          summary={() =>
            // One total per currency: amounts in different currencies are never added together.
            data.totals.map((totals, row) => (
              <Table.Summary.Row key={totals.currency}>
                <Table.Summary.Cell index={0} />
                <Table.Summary.Cell index={1}>
                  <strong>{row === 0 ? 'All customers' : ''}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>
                  <strong>{totals.currency}</strong>
                </Table.Summary.Cell>
                {BUCKETS.map((bucket, index) => (
                  <Table.Summary.Cell key={bucket.key} index={index + 3} align="right">
                    <Link to={bucketLink(bucket.key, totals.currency)}>{formatMoneyIn(totals[bucket.key], totals.currency)}</Link>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={8} align="right">
                  <strong data-testid={`aging-grand-total-${totals.currency}`}>{formatMoneyIn(totals.total, totals.currency)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} />
              </Table.Summary.Row>
            ))
          }
        />
      )}
    </Space>
  );
}

function OverdueTab() {
  const [page, setPage] = useState(1);
  const overdue = useQuery({
    queryKey: ['receivables', 'overdue', page],
    queryFn: () => listResource<Schemas['OverdueInvoice']>('/api/v1/accounts-receivables/overdue/', { page, page_size: 50 }),
  });
  if (overdue.error) return <Alert type="error" showIcon message="Could not load overdue invoices" description={overdue.error.message} />;
  return (
    <Table<Schemas['OverdueInvoice']>
      rowKey="invoice"
      size="middle"
      loading={overdue.isFetching}
      dataSource={overdue.data?.results ?? []}
      locale={{ emptyText: 'No invoice is overdue.' }}
      pagination={{ current: page, pageSize: 50, total: overdue.data?.count ?? 0, onChange: setPage }}
      columns={[
        { key: 'number', title: 'Invoice', render: (_, row) => <Link to={`/invoices/${row.invoice}`}>{row.number}</Link> },
        { key: 'customer', title: 'Customer', render: (_, row) => <Link to={`/receivables/statement/${row.customer}`}>{row.customer_name}</Link> },
        { key: 'date', title: 'Date', dataIndex: 'invoice_date' },
        { key: 'due', title: 'Due', dataIndex: 'due_date' },
        { key: 'days', title: 'Days past due', dataIndex: 'days_past_due', align: 'right' },
        { key: 'total', title: 'Total', align: 'right', render: (_, row) => formatMoneyIn(row.total) },
        { key: 'balance', title: 'Balance due', align: 'right', render: (_, row) => formatMoneyIn(row.balance_due) },
      ]}
    />
  );
}

function StatementPage() {
  const { customer = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<{ start?: string; end?: string }>({});
  const [sending, setSending] = useState(false);
  // One statement per currency (the customer's own by default); balances in two currencies are never added.
  const currency = (params.get('currency') ?? undefined) as Schemas['Statement']['currency'] | undefined;
  const period = { ...range, currency };
  const statement = useQuery<Schemas['Statement'], ApiError>({
    queryKey: ['receivables', 'statement', customer, period],
    // JSON by default (the same URL answers PDF with ?format=pdf, hence the string in the generated type).
    queryFn: async () =>
      (await unwrap(
        client.GET('/api/v1/accounts-receivables/statement/{id}/', { params: { path: { id: Number(customer) }, query: period as never } }),
      )) as Schemas['Statement'],
  });
  const data = statement.data;
  const money = (value: string) => formatMoneyIn(value, data?.currency);
  const pdfPath = `/api/v1/accounts-receivables/statement/${customer}/pdf/${query(period)}`;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/receivables">Receivables</Link> }, { title: data ? `Statement · ${data.customer_name}` : 'Statement' }]} />
      <Card
        title={<Typography.Title level={3} style={{ margin: 0 }}>{data ? `${data.customer_code} · ${data.customer_name}` : 'Statement'}</Typography.Title>}
        extra={
          <Space wrap>
            {data && data.currencies.length > 1 && (
              <Select
                aria-label="Currency"
                value={data.currency}
                options={data.currencies.map((code) => ({ value: code, label: code }))}
                onChange={(code: string) => setParams({ currency: code })}
                style={{ width: 96 }}
              />
            )}
            <DatePicker.RangePicker
              aria-label="Period"
              onChange={(values) => setRange(values?.[0] && values[1] ? { start: values[0].format('YYYY-MM-DD'), end: values[1].format('YYYY-MM-DD') } : {})}
            />
            <Button icon={<FilePdfOutlined />} onClick={() => void openPdf(pdfPath, `statement-${customer}.pdf`).catch((error) => notifyError(error, 'PDF failed'))}>
              Statement PDF
            </Button>
            <Button icon={<MailOutlined />} onClick={() => setSending(true)}>
              Send by e-mail
            </Button>
          </Space>
        }
      >
        {statement.error ? (
          <Alert type="error" showIcon message="Could not load the statement" description={statement.error.message} />
        ) : !data ? (
          <Skeleton active />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="Period">{`${data.start} – ${data.end}`}</Descriptions.Item>
              <Descriptions.Item label="Currency">{data.currency}</Descriptions.Item>
              <Descriptions.Item label="Opening balance">{money(data.opening_balance)}</Descriptions.Item>
              <Descriptions.Item label="Closing balance">{money(data.closing_balance)}</Descriptions.Item>
              <Descriptions.Item label="Unapplied credit">{money(data.unapplied_credit)}</Descriptions.Item>
              {BUCKETS.map((bucket) => (
                <Descriptions.Item key={bucket.key} label={`Aging ${bucket.title}`}>
                  {money(data.aging[bucket.key])}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Table<Schemas['StatementLine']>
              rowKey={(line) => `${line.kind}-${line.number}-${line.date}`}
              size="small"
              pagination={false}
              dataSource={data.lines}
              locale={{ emptyText: 'No activity in this period.' }}
              columns={[
                { key: 'date', title: 'Date', dataIndex: 'date' },
                { key: 'kind', title: 'Kind', render: (_, line) => line.kind.replace(/_/g, ' ') },
                { key: 'number', title: 'Number', dataIndex: 'number' },
                { key: 'reference', title: 'Reference', dataIndex: 'reference' },
                { key: 'charges', title: 'Charges', align: 'right', render: (_, line) => money(line.charges) },
                { key: 'credits', title: 'Credits', align: 'right', render: (_, line) => money(line.credits) },
                { key: 'balance', title: 'Balance', align: 'right', render: (_, line) => money(line.balance) },
              ]}
            />
          </Space>
        )}
      </Card>
      <SendDialog open={sending} path={`/api/v1/accounts-receivables/statement/${customer}/send/${query({ currency })}`} title="Send the statement by e-mail" onClose={() => setSending(false)} />
    </Space>
  );
}

function ReceivablesHome() {
  const [params, setParams] = useSearchParams();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Receivables
      </Typography.Title>
      <Tabs
        activeKey={params.get('tab') ?? 'aging'}
        onChange={(tab) => setParams({ tab })}
        items={[
          { key: 'aging', label: 'Aging by customer', children: <AgingTab /> },
          { key: 'overdue', label: 'Overdue invoices', children: <OverdueTab /> },
        ]}
      />
    </Space>
  );
}

export default function ReceivablesRoutes() {
  return (
    <Routes>
      <Route index element={<ReceivablesHome />} />
      <Route path="statement/:customer" element={<StatementPage />} />
    </Routes>
  );
}
