/**
 * A partner's business on its detail page (#16 item 3): a customer's open balance and credit exposure (the API's
 * customer-exposure figures, the same ones the credit check at confirmation uses), its aging (the AR aging report's
 * rows for it), and the recent documents of a customer or supplier. Every amount is the API's, shown in its currency.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row as GridRow, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { client, unwrap } from '@/api/client';
import type { ApiError } from '@/api/errors';
import { listResource } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { formatMoneyIn } from '@/components/orders/money';
import { StatusTag } from '@/components/orders/StatusTag';
import type { EnumName } from '@/api/enums';
import type { Row } from '@/components/resource/types';
import { agingBucketRange, query } from '../dashboard/dates';

type Props = { row: Row; id: string };

function Figure({ title, value, testId, danger }: { title: string; value: string; testId: string; danger?: boolean }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Statistic
        title={title}
        value={value}
        valueRender={() => (
          <span data-testid={testId} style={danger ? { color: '#cf1322' } : undefined}>
            {value}
          </span>
        )}
      />
    </Col>
  );
}

/** Open balance and credit exposure of a customer. */
export function CustomerSummary({ row, id }: Props) {
  const currency = String(row.currency ?? 'USD');
  const exposure = useQuery<Schemas['CustomerExposure'], ApiError>({
    queryKey: ['partner', 'customer-exposure', id],
    queryFn: () => unwrap(client.GET('/api/v1/sales-orders/customer-exposure/', { params: { query: { customer: Number(id) } } })),
  });
  if (exposure.error) return <Alert type="error" showIcon message="Could not load the credit exposure" description={exposure.error.message} />;
  const data = exposure.data;
  const available = data?.available_credit;
  return (
    <Card
      size="small"
      title="Balance and credit"
      extra={
        !data ? null : data.credit_hold ? (
          <Tag color="red">On credit hold</Tag>
        ) : available !== null && available !== undefined && Number(available) < 0 ? (
          <Tag color="orange">Over the credit limit</Tag>
        ) : (
          <Tag color="green">Credit OK</Tag>
        )
      }
      data-testid="customer-summary"
    >
      {!data ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <GridRow gutter={[24, 12]}>
          <Figure title="Open balance (unpaid invoices)" value={formatMoneyIn(data.open_invoices_balance, currency)} testId="open-balance" />
          <Figure title="Confirmed, not invoiced" value={formatMoneyIn(data.uninvoiced_orders_total, currency)} testId="uninvoiced" />
          <Figure title="Credit exposure" value={formatMoneyIn(data.open_balance, currency)} testId="credit-exposure" />
          <Figure title="Credit limit" value={data.credit_limit === null ? 'No limit' : formatMoneyIn(data.credit_limit, currency)} testId="credit-limit" />
          <Figure
            title="Available credit"
            value={available === null || available === undefined ? '—' : formatMoneyIn(available, currency)}
            testId="available-credit"
            danger={available !== null && available !== undefined && Number(available) < 0}
          />
        </GridRow>
      )}
    </Card>
  );
}

const BUCKETS: { key: keyof Schemas['AgingBuckets']; title: string }[] = [
  { key: 'current', title: 'Current' },
  { key: 'days_1_30', title: '1–30' },
  { key: 'days_31_60', title: '31–60' },
  { key: 'days_61_90', title: '61–90' },
  { key: 'days_over_90', title: '90+' },
];

/** The customer's rows of the AR aging report (one per currency), each bucket a link to its open invoices. */
export function CustomerAging({ id }: Props) {
  const aging = useQuery<Schemas['AgingReport'], ApiError>({
    queryKey: ['receivables', 'aging', undefined],
    queryFn: () => unwrap(client.GET('/api/v1/accounts-receivables/aging/', { params: { query: {} } })),
  });
  if (aging.error) return <Alert type="error" showIcon message="Could not load the aging" description={aging.error.message} />;
  if (!aging.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const asOf = aging.data.as_of;
  const rows = aging.data.customers.filter((customer) => String(customer.customer) === id);
  return (
    <>
      <Typography.Paragraph type="secondary">
        Open invoice balances as of {asOf} by days past due. <Link to={`/receivables/statement/${id}`}>Statement</Link>
      </Typography.Paragraph>
      <Table<Schemas['AgingCustomer']>
        rowKey="currency"
        size="small"
        pagination={false}
        data-testid="customer-aging"
        locale={{ emptyText: 'Nothing owed.' }}
        dataSource={rows}
        columns={[
          { key: 'currency', title: 'Currency', dataIndex: 'currency' },
          ...BUCKETS.map((bucket) => ({
            key: bucket.key,
            title: bucket.title,
            align: 'right' as const,
            render: (_: unknown, customer: Schemas['AgingCustomer']) => (
              <Link to={`/invoices${query({ is_open: true, customer: customer.customer, currency: customer.currency, ...agingBucketRange(bucket.key, asOf) })}`}>
                {formatMoneyIn(customer[bucket.key], customer.currency)}
              </Link>
            ),
          })),
          { key: 'total', title: 'Total', align: 'right', render: (_, customer) => <strong>{formatMoneyIn(customer.total, customer.currency)}</strong> },
        ]}
      />
    </>
  );
}

interface RecentDocument {
  key: string;
  kind: string;
  number: string;
  href: string;
  date: string;
  status?: string;
  statusEnum?: EnumName;
  amount: string;
}

interface Source {
  kind: string;
  path: string;
  route: string;
  param: string;
  ordering: string;
  date: string;
  amount: string;
  statusEnum?: EnumName;
}

const CUSTOMER_SOURCES: Source[] = [
  { kind: 'Sales order', path: '/api/v1/sales-orders/', route: 'sales-orders', param: 'customer', ordering: '-order_date', date: 'order_date', amount: 'total', statusEnum: 'SalesOrderStatusEnum' },
  { kind: 'Invoice', path: '/api/v1/invoices/', route: 'invoices', param: 'customer', ordering: '-invoice_date', date: 'invoice_date', amount: 'total', statusEnum: 'InvoiceStatusEnum' },
  { kind: 'Payment', path: '/api/v1/payments/', route: 'payments', param: 'customer', ordering: '-payment_date', date: 'payment_date', amount: 'amount' },
];
const SUPPLIER_SOURCES: Source[] = [
  { kind: 'Purchase order', path: '/api/v1/purchase-orders/', route: 'purchase-orders', param: 'supplier', ordering: '-order_date', date: 'order_date', amount: 'total', statusEnum: 'PurchaseOrderStatusEnum' },
  { kind: 'Load', path: '/api/v1/loads/', route: 'loads', param: 'supplier', ordering: '-pickup_date', date: 'pickup_date', amount: 'total_freight_cost', statusEnum: 'LoadStatusEnum' },
];
const RECENT = 5;

function RecentDocuments({ id, sources }: { id: string; sources: Source[] }) {
  const recent = useQuery<RecentDocument[], ApiError>({
    queryKey: ['partner', 'recent', sources[0]!.param, id],
    queryFn: async () => {
      const pages = await Promise.all(
        sources.map(async (source) => ({
          source,
          rows: (await listResource<Row>(source.path, { [source.param]: id, ordering: source.ordering, page_size: RECENT })).results,
        })),
      );
      return pages
        .flatMap(({ source, rows }) =>
          rows.map((row) => ({
            key: `${source.route}-${String(row.id)}`,
            kind: source.kind,
            number: String(row.number ?? row.id),
            href: `/${source.route}/${String(row.id)}`,
            date: String(row[source.date] ?? ''),
            status: row.status === undefined ? undefined : String(row.status),
            statusEnum: source.statusEnum,
            amount: formatMoneyIn(row[source.amount] as string | undefined, (row.currency as string | undefined) ?? undefined),
          })),
        )
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.key.localeCompare(b.key)));
    },
  });
  if (recent.error) return <Alert type="error" showIcon message="Could not load the documents" description={recent.error.message} />;
  return (
    <>
      <Typography.Paragraph type="secondary">The latest {RECENT} of each kind, newest first.</Typography.Paragraph>
      <Table<RecentDocument>
        rowKey="key"
        size="small"
        loading={recent.isPending}
        pagination={false}
        data-testid="recent-documents"
        locale={{ emptyText: 'No documents yet.' }}
        dataSource={recent.data ?? []}
        columns={[
          { key: 'date', title: 'Date', dataIndex: 'date', width: 120 },
          { key: 'kind', title: 'Document', dataIndex: 'kind', width: 140 },
          { key: 'number', title: 'Number', render: (_, doc) => <Link to={doc.href}>{doc.number}</Link> },
          { key: 'status', title: 'Status', render: (_, doc) => (doc.status && doc.statusEnum ? <StatusTag status={doc.status} enumName={doc.statusEnum} /> : '—') },
          { key: 'amount', title: 'Amount', align: 'right', dataIndex: 'amount' },
        ]}
      />
    </>
  );
}

export function CustomerRecentDocuments({ id }: Props) {
  return <RecentDocuments id={id} sources={CUSTOMER_SOURCES} />;
}

export function SupplierRecentDocuments({ id }: Props) {
  return <RecentDocuments id={id} sources={SUPPLIER_SOURCES} />;
}

/** A supplier's open purchase orders (the API's count) and the credit it grants. */
export function SupplierSummary({ row, id }: Props) {
  const currency = String(row.currency ?? 'USD');
  const open = useQuery<number, ApiError>({
    queryKey: ['partner', 'supplier-open-pos', id],
    queryFn: async () => (await listResource<Row>('/api/v1/purchase-orders/', { supplier: id, is_open: true, page_size: 1 })).count,
  });
  return (
    <Card size="small" title="Business" data-testid="supplier-summary">
      <GridRow gutter={[24, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title="Open purchase orders"
            value={open.data ?? 0}
            loading={open.isPending}
            valueRender={() => (
              <Link to={`/purchase-orders${query({ supplier: id, is_open: true })}`} data-testid="open-pos">
                {open.data ?? '—'}
              </Link>
            )}
          />
        </Col>
        <Figure title="Credit limit granted" value={row.credit_limit ? formatMoneyIn(row.credit_limit as string, currency) : 'None recorded'} testId="supplier-credit-limit" />
        <Figure title="Payment terms" value={row.payment_terms_days !== null && row.payment_terms_days !== undefined ? `${String(row.payment_terms_days)} days` : '—'} testId="supplier-terms" />
      </GridRow>
    </Card>
  );
}
