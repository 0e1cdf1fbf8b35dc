/** Invoices: what customers owe, created from delivered sales orders at their catch weights. */
import { FileTextOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import { creditNotice } from '../customers/credit';
import { defineResource } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn } from '@/components/orders/money';
import type { ReferenceDef } from '@/components/resource/types';
import { customerRef } from '../shared/references';

const salesOrderRef: ReferenceDef = {
  path: '/api/v1/sales-orders/',
  label: (row) => `${String(row.number)} · ${String(row.customer_name ?? '')}`,
};

export const invoices = defineResource({
  key: 'invoices',
  path: '/api/v1/invoices/',
  api: 'invoice',
  title: 'Invoices',
  singular: 'Invoice',
  description: 'What customers owe you: issued, paid, overdue.',
  rowLabel: (row) => `${row.number} · ${row.customer_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="InvoiceStatusEnum" /> },
    { key: 'customer_name', title: 'Customer', sorter: 'customer__name' },
    { key: 'sales_order_number', title: 'Sales order' },
    { key: 'invoice_date', title: 'Date', sorter: 'invoice_date' },
    { key: 'due_date', title: 'Due', sorter: 'due_date' },
    { key: 'total', title: 'Total', sorter: 'total', render: (row) => formatMoneyIn(row.total, row.currency) },
    { key: 'balance_due', title: 'Balance due', sorter: 'balance_due', render: (row) => formatMoneyIn(row.balance_due, row.currency) },
    { key: 'days_overdue', title: 'Days overdue', render: (row) => (row.is_overdue ? String(row.days_overdue) : '—') },
    { key: 'customer_po_number', title: 'Customer PO', hidden: true },
  ],
  fields: [
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef, required: true, only: 'create', notice: creditNotice },
    { name: 'customer_po_number', label: "Customer's PO number" },
    { name: 'invoice_date', label: 'Invoice date', type: 'date' },
    { name: 'due_date', label: 'Due date', type: 'date' },
    { name: 'freight_amount', label: 'Freight charged', type: 'decimal' },
    { name: 'tax_amount', label: 'Tax', type: 'decimal' },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('InvoiceStatusEnum') },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'is_open', label: 'Open', type: 'boolean' },
    { name: 'sales_order', label: 'Sales order', type: 'reference', reference: salesOrderRef },
    { name: 'overdue', label: 'Overdue', type: 'boolean' },
    { name: 'due_date', label: 'Due', type: 'daterange' },
  ],
  csv: true,
  // GET invoices/groups/ (the API declares these fields): subtotals of total and balance due per currency.
  groupBy: [
    { value: 'customer', label: 'Customer' },
    { value: 'status', label: 'Status' },
    { value: 'currency', label: 'Currency' },
  ],
  defaultOrdering: '-invoice_date',
  menu: { group: 'Receivables', order: 10, icon: <FileTextOutlined /> },
  // Issued invoices are history: they are voided or credited, never deleted (the API answers 409).
  deletable: (row) => row.status === 'draft',
});
