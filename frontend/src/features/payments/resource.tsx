/** Payments received from customers, applied to their invoices. */
import { enumLabel, enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import { formatMoneyIn } from '@/components/orders/money';
import { customerRef } from '../shared/references';

export const payments = defineResource({
  key: 'payments',
  path: '/api/v1/payments/',
  api: 'payment',
  title: 'Payments',
  singular: 'Payment',
  description: 'Money received and the invoices it paid.',
  rowLabel: (row) => `${row.number} · ${row.customer_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'customer_name', title: 'Customer', sorter: 'customer__name' },
    { key: 'payment_date', title: 'Received', sorter: 'payment_date' },
    { key: 'payment_method', title: 'Method', render: (row) => enumLabel('PaymentMethodEnum', row.payment_method) },
    { key: 'reference', title: 'Reference' },
    { key: 'amount', title: 'Amount', sorter: 'amount', render: (row) => formatMoneyIn(row.amount, row.currency) },
    { key: 'unapplied_amount', title: 'Unapplied', render: (row) => formatMoneyIn(row.unapplied_amount, row.currency) },
  ],
  fields: [
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef, required: true },
    { name: 'payment_date', label: 'Received on', type: 'date', required: true },
    { name: 'amount', label: 'Amount', type: 'decimal', required: true },
    { name: 'payment_method', label: 'Method', type: 'select', options: enumOptions('PaymentMethodEnum'), required: true },
    { name: 'reference', label: 'Reference (check no., ACH trace…)' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'payment_method', label: 'Method', type: 'select', options: enumOptions('PaymentMethodEnum') },
    { name: 'has_credit', label: 'Has unapplied credit', type: 'boolean' },
  ],
  csv: true,
  defaultOrdering: '-payment_date',
  menu: { group: 'Receivables', order: 20 },
});
