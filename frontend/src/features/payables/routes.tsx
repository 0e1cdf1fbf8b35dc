/** /supplier-bills, /freight-bills, /payments-out, /debit-memos: the generic lists and forms, and each document's
 * page with its workflow buttons (from `allowed_actions`), figures, lines and timeline. */
import { Link } from 'react-router';
import { Card, Table, Tag } from 'antd';
import type { Schemas } from '@/api/types';
import { OrderDetailPage } from '@/components/orders/OrderDetailPage';
import type { OrderPageConfig } from '@/components/orders/OrderDetailPage';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { formatMoneyIn } from '@/components/orders/money';
import type { Row } from '@/components/resource/types';
import { PaymentOutCreatePage } from './PaymentOutCreatePage';
import { debitMemos, freightBills, paymentsOut, supplierBills } from './resource';

const money = (row: Row, field: string) => formatMoneyIn(row[field] as string, row.currency as string);

const billAmounts = (row: Row) => [
  { label: 'Total', value: money(row, 'total'), testId: 'bill-total' },
  { label: 'Paid', value: money(row, 'amount_paid'), testId: 'bill-paid' },
  { label: 'Balance due', value: money(row, 'balance_due'), testId: 'bill-balance' },
  { label: 'Due', value: String(row.due_date ?? '—') },
];

function Variances({ variances }: { variances: unknown }) {
  const list = Array.isArray(variances) ? (variances as Record<string, unknown>[]) : [];
  if (!list.length) return <>—</>;
  return (
    <>
      {list.map((variance, index) => (
        <Tag color="orange" key={index}>
          {String(variance.kind ?? variance.charge_type)}: {String(variance.billed ?? '')} vs {String(variance.ordered ?? variance.received ?? variance.agreed ?? '')}
        </Tag>
      ))}
    </>
  );
}

const supplierBillPage: OrderPageConfig = {
  kind: 'supplier-bills',
  resource: supplierBills,
  statusEnum: 'BillStatusEnum',
  documentName: 'bill',
  pdf: false,
  amounts: (row) => [...billAmounts(row), { label: 'Terms', value: `net ${String(row.payment_terms_days ?? 0)}` }],
  actions: (row) =>
    row.purchase_order ? <Link to={`/purchase-orders/${String(row.purchase_order)}`}>PO {String(row.purchase_order_number)}</Link> : null,
  extra: (row) => (
    <Card title="Billed lines (three-way match)" size="small">
      <Table<Schemas['SupplierBillLine']>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={(row.lines as Schemas['SupplierBillLine'][]) ?? []}
        columns={[
          { key: 'description', title: 'Description', render: (_, line) => line.description || line.product_code || '—' },
          { key: 'boxes', title: 'Boxes', dataIndex: 'boxes', align: 'right' },
          { key: 'weight', title: 'Billed lb', dataIndex: 'weight_lb', align: 'right' },
          { key: 'price', title: 'Price', render: (_, line) => `${line.unit_price ?? ''} / ${line.price_unit ?? ''}` },
          { key: 'total', title: 'Total', align: 'right', render: (_, line) => formatMoneyIn(line.line_total, row.currency as string) },
          { key: 'expected', title: 'Expected', align: 'right', render: (_, line) => (line.expected_total ? formatMoneyIn(line.expected_total, row.currency as string) : '—') },
          { key: 'variances', title: 'Variances', render: (_, line) => <Variances variances={line.variances} /> },
        ]}
      />
    </Card>
  ),
};

const freightBillPage: OrderPageConfig = {
  kind: 'freight-bills',
  resource: freightBills,
  statusEnum: 'BillStatusEnum',
  documentName: 'freight bill',
  pdf: false,
  amounts: (row) => [...billAmounts(row), { label: 'Rate con', value: money(row, 'expected_total'), testId: 'freight-expected' }],
  actions: (row) => (row.load ? <Link to={`/loads/${String(row.load)}`}>Load {String(row.load_number)}</Link> : null),
  extra: (row) => (
    <>
      <Card title="Charges" size="small">
        <Table<Schemas['FreightBillCharge']>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={(row.charges as Schemas['FreightBillCharge'][]) ?? []}
          columns={[
            { key: 'type', title: 'Charge', dataIndex: 'charge_type' },
            { key: 'description', title: 'Description', dataIndex: 'description' },
            { key: 'amount', title: 'Amount', align: 'right', render: (_, charge) => formatMoneyIn(charge.amount, row.currency as string) },
          ]}
        />
      </Card>
      {Array.isArray(row.variances) && row.variances.length > 0 && (
        <Card title="Variances against the rate confirmation" size="small" data-testid="freight-variances">
          <Table<Schemas['FreightVariance']>
            rowKey="charge_type"
            size="small"
            pagination={false}
            dataSource={row.variances as Schemas['FreightVariance'][]}
            columns={[
              { key: 'type', title: 'Charge', dataIndex: 'charge_type' },
              { key: 'agreed', title: 'Agreed', dataIndex: 'agreed', align: 'right' },
              { key: 'billed', title: 'Billed', dataIndex: 'billed', align: 'right' },
              { key: 'difference', title: 'Difference', dataIndex: 'difference', align: 'right' },
            ]}
          />
        </Card>
      )}
    </>
  ),
};

const documentLink = (application: Schemas['PaymentOutApplication']) => {
  if (application.supplier_bill) return <Link to={`/supplier-bills/${application.supplier_bill}`}>{application.document_number}</Link>;
  if (application.freight_bill) return <Link to={`/freight-bills/${application.freight_bill}`}>{application.document_number}</Link>;
  return <Link to={`/debit-memos/${String(application.debit_memo)}`}>{application.document_number} (credit)</Link>;
};

const paymentOutPage: OrderPageConfig = {
  kind: 'payments-out',
  resource: paymentsOut,
  statusEnum: 'PaymentOutStatusEnum',
  documentName: 'payment',
  pdf: false,
  amounts: (row) => [
    { label: 'Bills paid', value: money(row, 'bills_applied') },
    { label: 'Credits', value: money(row, 'credits_applied') },
    { label: 'Amount sent', value: money(row, 'amount'), testId: 'payment-out-amount' },
    { label: 'Reference', value: String(row.reference || '—') },
  ],
  extra: (row) => (
    <Card title="Applied to" size="small">
      <Table<Schemas['PaymentOutApplication']>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={(row.applications as Schemas['PaymentOutApplication'][]) ?? []}
        columns={[
          { key: 'document', title: 'Document', render: (_, application) => documentLink(application) },
          { key: 'amount', title: 'Amount', align: 'right', render: (_, application) => formatMoneyIn(application.amount, row.currency as string) },
        ]}
      />
    </Card>
  ),
};

const debitMemoPage: OrderPageConfig = {
  kind: 'debit-memos',
  resource: debitMemos,
  statusEnum: 'DebitMemoStatusEnum',
  documentName: 'debit memo',
  pdf: false,
  amounts: (row) => [
    { label: 'Amount', value: money(row, 'amount') },
    { label: 'Applied', value: money(row, 'amount_applied') },
    { label: 'Open', value: money(row, 'balance'), testId: 'debit-memo-open' },
    { label: 'Reason', value: String(row.reason ?? '') },
  ],
};

export function SupplierBillRoutes() {
  return <OrderRoutes resource={supplierBills} detail={<OrderDetailPage config={supplierBillPage} />} />;
}

export function FreightBillRoutes() {
  return <OrderRoutes resource={freightBills} detail={<OrderDetailPage config={freightBillPage} />} />;
}

export function PaymentOutRoutes() {
  return <OrderRoutes resource={paymentsOut} detail={<OrderDetailPage config={paymentOutPage} />} create={<PaymentOutCreatePage />} />;
}

export function DebitMemoRoutes() {
  return <OrderRoutes resource={debitMemos} detail={<OrderDetailPage config={debitMemoPage} />} />;
}
