/** Sales orders: what the broker sells to a customer, with sell prices, the buy cost behind them and the margin. */
import { ShopOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import { creditNotice } from '../customers/credit';
import type { ReferenceDef } from '@/components/resource/types';
import { defineResource } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn } from '@/components/orders/money';
import { carrierRef, customerRef, proteinRef } from '../shared/references';

export const purchaseOrderRef: ReferenceDef = {
  path: '/api/v1/purchase-orders/',
  label: (row) => `${String(row.number)} · ${String(row.supplier_name ?? '')}`,
};
export const loadRef: ReferenceDef = {
  path: '/api/v1/loads/',
  label: (row) => `${String(row.number)} · ${String(row.carrier_name ?? '')}`,
};
const shipToRef: ReferenceDef = { path: '/api/v1/ship-to-locations/', label: (row) => String(row.name ?? row.id) };

export const salesOrders = defineResource({
  key: 'sales-orders',
  path: '/api/v1/sales-orders/',
  api: 'sales-order',
  title: 'Sales orders',
  singular: 'Sales order',
  description: 'What you sell to customers, with the margin on each order.',
  rowLabel: (row) => `${row.number} · ${row.customer_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="SalesOrderStatusEnum" /> },
    { key: 'customer_name', title: 'Customer', sorter: 'customer__name' },
    { key: 'customer_po_number', title: 'Customer PO' },
    { key: 'order_date', title: 'Ordered', sorter: 'order_date' },
    { key: 'delivery_date', title: 'Delivery', sorter: 'delivery_date' },
    { key: 'total', title: 'Total', sorter: 'total', render: (row) => formatMoneyIn(row.total, row.currency) },
    { key: 'margin', title: 'Margin', sorter: 'margin', render: (row) => `${formatMoneyIn(row.margin, row.currency)} (${row.margin_percent ?? '—'}%)` },
    { key: 'load_number', title: 'Load', hidden: true },
    { key: 'ship_to_name', title: 'Ship to', hidden: true },
    { key: 'carrier_name', title: 'Carrier', hidden: true },
  ],
  fields: [
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef, required: true, notice: creditNotice },
    { name: 'ship_to', label: 'Ship to', type: 'reference', reference: shipToRef, dependsOn: { field: 'customer', param: 'customer', placeholder: 'Choose the customer first' } },
    { name: 'customer_po_number', label: "Customer's PO number" },
    { name: 'order_date', label: 'Order date', type: 'date' },
    { name: 'source_purchase_orders', label: 'Filled from purchase orders', type: 'multireference', reference: purchaseOrderRef },
    { name: 'load', label: 'Load', type: 'reference', reference: loadRef },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'pickup_date', label: 'Pickup date', type: 'date' },
    { name: 'delivery_date', label: 'Delivery date', type: 'date' },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('SalesOrderStatusEnum') },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'protein', label: 'Protein', type: 'reference', reference: proteinRef },
    { name: 'is_uninvoiced', label: 'Not invoiced', type: 'boolean' },
    { name: 'order_date', label: 'Ordered', type: 'daterange' },
  ],
  csv: true,
  // GET sales-orders/groups/ (the API declares these fields): order totals per currency.
  groupBy: [
    { value: 'customer', label: 'Customer' },
    { value: 'status', label: 'Status' },
    { value: 'currency', label: 'Currency' },
  ],
  defaultOrdering: '-order_date',
  menu: { group: 'Orders', order: 20, icon: <ShopOutlined /> },
  deletable: (row) => row.status === 'draft',
});
