/** Purchase orders: what the broker buys from a supplier's plant, with lines, pickup and freight terms. */
import { ShoppingCartOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn, formatWeight } from '@/components/orders/money';
import { carrierRef, contactRef, customerRef, plantRef, supplierRef } from '../shared/references';

export const purchaseOrders = defineResource({
  key: 'purchase-orders',
  path: '/api/v1/purchase-orders/',
  api: 'purchase-order',
  title: 'Purchase orders',
  singular: 'Purchase order',
  description: 'What you buy from suppliers: lines, pickup and freight.',
  rowLabel: (row) => `${row.number} · ${row.supplier_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="PurchaseOrderStatusEnum" /> },
    { key: 'supplier_name', title: 'Supplier' },
    { key: 'plant_name', title: 'Plant' },
    { key: 'order_date', title: 'Ordered', sorter: 'order_date' },
    { key: 'pickup_date', title: 'Pickup', sorter: 'pickup_date' },
    { key: 'delivery_date', title: 'Delivery', sorter: 'delivery_date', hidden: true },
    { key: 'total_weight_lb', title: 'Weight (lb)', render: (row) => formatWeight(row.total_weight_lb) },
    { key: 'total', title: 'Total', sorter: 'total', render: (row) => formatMoneyIn(row.total, row.currency) },
    { key: 'carrier_name', title: 'Carrier', hidden: true },
    { key: 'customer_name', title: 'For customer', hidden: true },
    { key: 'supplier_confirmation_number', title: "Supplier's conf. #", hidden: true },
  ],
  fields: [
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef, required: true },
    { name: 'plant', label: 'Plant (pickup)', type: 'reference', reference: plantRef, dependsOn: { field: 'supplier', param: 'supplier', placeholder: 'Choose the supplier first' } },
    { name: 'supplier_contact', label: 'Supplier contact', type: 'reference', reference: contactRef, dependsOn: { field: 'supplier', param: 'supplier', placeholder: 'Choose the supplier first' } },
    { name: 'supplier_confirmation_number', label: "Supplier's confirmation number" },
    { name: 'order_date', label: 'Order date', type: 'date' },
    { name: 'pickup_date', label: 'Pickup date', type: 'date' },
    { name: 'pickup_window_from', label: 'Pickup window from (HH:MM)' },
    { name: 'pickup_window_to', label: 'Pickup window to (HH:MM)' },
    { name: 'delivery_date', label: 'Delivery date', type: 'date' },
    { name: 'freight_terms', label: 'Freight terms', type: 'select', options: enumOptions('PurchaseOrderFreightTermsEnum') },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'carrier_release_format', label: 'Carrier release', type: 'select', options: enumOptions('CarrierReleaseFormatEnum') },
    { name: 'carrier_release_number', label: 'Release number' },
    { name: 'appointment_method', label: 'Appointment', type: 'select', options: enumOptions('AppointmentMethodEnum') },
    { name: 'customer', label: 'Bought for customer', type: 'reference', reference: customerRef },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('PurchaseOrderStatusEnum') },
    { name: 'is_open', label: 'Open', type: 'boolean' },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'order_date', label: 'Ordered', type: 'daterange' },
    { name: 'pickup_date', label: 'Pickup', type: 'daterange' },
  ],
  csv: true,
  // GET purchase-orders/groups/ (the API declares these fields): order totals per currency.
  groupBy: [
    { value: 'supplier', label: 'Supplier' },
    { value: 'status', label: 'Status' },
    { value: 'customer', label: 'Customer' },
    { value: 'currency', label: 'Currency' },
  ],
  defaultOrdering: '-order_date',
  menu: { group: 'Orders', order: 10, icon: <ShoppingCartOutlined /> },
  deletable: (row) => row.status === 'draft',
});
