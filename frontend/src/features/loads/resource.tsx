/** Loads: the trucks that carry purchase orders from plants to customers, with freight cost and proof of delivery. */
import { CarOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn } from '@/components/orders/money';
import { carrierRef, customerRef, supplierRef } from '../shared/references';
import { purchaseOrderRef } from '../sales-orders/resource';

export const loads = defineResource({
  key: 'loads',
  path: '/api/v1/loads/',
  api: 'load',
  title: 'Loads',
  singular: 'Load',
  description: 'Trucks, pickups and deliveries, with freight cost.',
  rowLabel: (row) => `${row.number} · ${row.carrier_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="LoadStatusEnum" /> },
    { key: 'carrier_name', title: 'Carrier' },
    { key: 'pickup_date', title: 'Pickup', sorter: 'pickup_date' },
    { key: 'delivery_date', title: 'Delivery', sorter: 'delivery_date' },
    { key: 'origin', title: 'Loads at', hidden: true },
    { key: 'delivery_location', title: 'Deliver to' },
    { key: 'customer_names', title: 'Customers', hidden: true },
    { key: 'total_freight_cost', title: 'Freight', render: (row) => formatMoneyIn(row.total_freight_cost, row.currency) },
    { key: 'bol_number', title: 'BOL', hidden: true },
    { key: 'trailer_number', title: 'Trailer', hidden: true },
    { key: 'pod_received', title: 'POD', hidden: true },
  ],
  fields: [
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef, required: true },
    { name: 'purchase_orders', label: 'Purchase orders on the truck', type: 'multireference', reference: purchaseOrderRef },
    { name: 'linehaul_rate', label: 'Linehaul rate', type: 'decimal' },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD' },
    { name: 'pickup_date', label: 'Pickup date', type: 'date' },
    { name: 'delivery_date', label: 'Delivery date', type: 'date' },
    { name: 'delivery_location', label: 'Delivery location' },
    { name: 'temperature_setpoint_f', label: 'Temperature set point (°F)', type: 'decimal' },
    { name: 'seal_number', label: 'Seal number' },
    { name: 'trailer_number', label: 'Trailer number' },
    { name: 'driver_name', label: 'Driver' },
    { name: 'driver_phone', label: 'Driver phone' },
    { name: 'bol_number', label: 'BOL number' },
    { name: 'pod_received', label: 'Proof of delivery received', type: 'boolean' },
    { name: 'pod_received_on', label: 'POD received on', type: 'date' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('LoadStatusEnum') },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'pickup_date', label: 'Pickup', type: 'daterange' },
    { name: 'pod_received', label: 'POD received', type: 'boolean' },
  ],
  csv: true,
  defaultOrdering: '-pickup_date',
  menu: { group: 'Orders', order: 30, icon: <CarOutlined /> },
  deletable: (row) => row.status === 'tendered' || row.status === 'cancelled',
});
