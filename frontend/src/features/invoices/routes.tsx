/** /invoices: the generic list and forms, and the invoice page with its lines, payments and balance. */
import { Link } from 'react-router';
import { Button, Card, Table } from 'antd';
import { DollarOutlined } from '@ant-design/icons';
import type { Schemas } from '@/api/types';
import { useSession } from '@/app/session';
import { OrderDetailPage } from '@/components/orders/OrderDetailPage';
import type { OrderPageConfig } from '@/components/orders/OrderDetailPage';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { formatMoneyIn } from '@/components/orders/money';
import type { Row } from '@/components/resource/types';
import { invoices } from './resource';

function RecordPaymentButton({ invoice }: { invoice: Row }) {
  const { can } = useSession();
  const open = ['issued', 'partially_paid'].includes(String(invoice.status)) && Number(invoice.balance_due ?? 0) > 0;
  if (!open || !can('user')) return null;
  return (
    <Link to={`/payments/new?customer=${String(invoice.customer)}&invoice=${String(invoice.id)}`}>
      <Button icon={<DollarOutlined />} tabIndex={-1}>
        Record payment
      </Button>
    </Link>
  );
}

export const invoicePage: OrderPageConfig = {
  kind: 'invoices',
  resource: invoices,
  statusEnum: 'InvoiceStatusEnum',
  lines: 'readonly',
  recipient: 'customer',
  documentName: 'invoice',
  amounts: (row) => [
    { label: 'Subtotal', value: formatMoneyIn(row.subtotal as string, row.currency as string) },
    { label: 'Freight', value: formatMoneyIn(row.freight_amount as string, row.currency as string) },
    { label: 'Tax', value: formatMoneyIn(row.tax_amount as string, row.currency as string) },
    { label: 'Total', value: formatMoneyIn(row.total as string, row.currency as string), testId: 'invoice-total' },
    { label: 'Paid', value: formatMoneyIn(row.amount_paid as string, row.currency as string), testId: 'invoice-paid' },
    { label: 'Balance due', value: formatMoneyIn(row.balance_due as string, row.currency as string), testId: 'invoice-balance' },
  ],
  actions: (row) => (
    <>
      {row.sales_order ? <Link to={`/sales-orders/${String(row.sales_order)}`}>Sales order {String(row.sales_order_number)}</Link> : null}
      <RecordPaymentButton invoice={row} />
    </>
  ),
  extra: (row) =>
    Array.isArray(row.credit_memos) && row.credit_memos.length ? (
      <Card title="Credit memos" size="small">
        <Table<Schemas['InvoiceCreditMemo']>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={row.credit_memos as Schemas['InvoiceCreditMemo'][]}
          columns={[
            { key: 'number', title: 'Number', dataIndex: 'number' },
            { key: 'amount', title: 'Amount', render: (_, memo) => formatMoneyIn(memo.amount) },
            { key: 'status', title: 'Status', dataIndex: 'status' },
          ]}
        />
      </Card>
    ) : null,
};

export default function InvoiceRoutes() {
  return <OrderRoutes resource={invoices} detail={<OrderDetailPage config={invoicePage} />} />;
}
