/** /sales-orders: the generic list and forms, and the order page with lines, margin, credit check and invoicing. */
import { Link } from 'react-router';
import { Typography } from 'antd';
import { OrderDetailPage } from '@/components/orders/OrderDetailPage';
import type { OrderPageConfig } from '@/components/orders/OrderDetailPage';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { formatMoneyIn } from '@/components/orders/money';
import { salesOrders } from './resource';

export const salesOrderPage: OrderPageConfig = {
  kind: 'sales-orders',
  resource: salesOrders,
  statusEnum: 'SalesOrderStatusEnum',
  lines: 'editable',
  showMargin: true,
  productRequired: true,
  recipient: 'customer',
  documentName: 'sales order',
  amounts: (row) => {
    const margin = Number(row.margin ?? 0);
    return [
      { label: 'Total', value: formatMoneyIn(row.total as string, row.currency as string), testId: 'order-total' },
      { label: 'Buy cost', value: formatMoneyIn(row.buy_cost as string, row.currency as string) },
      { label: 'Freight', value: formatMoneyIn(row.freight_cost as string, row.currency as string) },
      {
        label: 'Margin',
        testId: 'order-margin',
        value: (
          <Typography.Text type={margin < 0 ? 'danger' : 'success'}>
            {formatMoneyIn(row.margin as string, row.currency as string)} ({String(row.margin_percent ?? '—')}%)
          </Typography.Text>
        ),
      },
      {
        label: 'Buy cost complete',
        value: row.buy_cost_complete ? 'Yes' : <Typography.Text type="warning">No: a line has no purchase cost</Typography.Text>,
      },
    ];
  },
  afterAction: (action, result, navigate) => {
    // Invoicing answers with the new invoice: open it.
    if (action.name === 'invoice' && result.id !== undefined) {
      navigate(`/invoices/${String(result.id)}`);
      return true;
    }
    return false;
  },
  actions: (row) =>
    row.status === 'invoiced' ? (
      <Link to={`/invoices?sales_order=${String(row.id)}`}>Show the invoice</Link>
    ) : null,
};

export default function SalesOrderRoutes() {
  return <OrderRoutes resource={salesOrders} detail={<OrderDetailPage config={salesOrderPage} />} />;
}
