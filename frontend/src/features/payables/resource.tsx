/** Accounts payable: supplier bills, carrier freight bills, payments out and debit memos (the Payables menu group). */
import { CarryOutOutlined, FileDoneOutlined, MinusCircleOutlined, PayCircleOutlined } from '@ant-design/icons';
import { enumLabel, enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import type { ReferenceDef } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn } from '@/components/orders/money';
import { carrierRef, supplierRef } from '../shared/references';

export const billablePurchaseOrderRef: ReferenceDef = {
  path: '/api/v1/purchase-orders/',
  label: (row) => `${String(row.number)} · ${String(row.supplier_name ?? '')}`,
};

export const loadRef: ReferenceDef = {
  path: '/api/v1/loads/',
  label: (row) => `${String(row.number)} · ${String(row.carrier_name ?? '')}`,
};

const payee = (row: { supplier_name?: string; carrier_name?: string; payee_name?: string }) =>
  row.payee_name ?? row.supplier_name ?? row.carrier_name ?? '';

export const supplierBills = defineResource({
  key: 'supplier-bills',
  path: '/api/v1/supplier-bills/',
  api: 'supplier-bill',
  title: 'Supplier bills',
  singular: 'Supplier bill',
  description: "Packers' invoices, matched three ways against the PO and the catch weight.",
  rowLabel: (row) => `${row.number} · ${row.supplier_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="BillStatusEnum" /> },
    { key: 'supplier_name', title: 'Supplier', sorter: 'supplier__name' },
    { key: 'supplier_invoice_number', title: 'Supplier invoice' },
    { key: 'purchase_order_number', title: 'PO' },
    { key: 'bill_date', title: 'Date', sorter: 'bill_date' },
    { key: 'due_date', title: 'Due', sorter: 'due_date' },
    { key: 'total', title: 'Total', sorter: 'total', render: (row) => formatMoneyIn(row.total, row.currency) },
    { key: 'balance_due', title: 'Balance due', sorter: 'balance_due', render: (row) => formatMoneyIn(row.balance_due, row.currency) },
    { key: 'has_variances', title: 'Variances', render: (row) => (row.has_variances ? 'Yes' : '—') },
  ],
  fields: [
    { name: 'purchase_order', label: 'Purchase order', type: 'reference', reference: billablePurchaseOrderRef, required: true, only: 'create' },
    { name: 'supplier_invoice_number', label: "Supplier's invoice number", required: true },
    { name: 'bill_date', label: 'Bill date', type: 'date' },
    { name: 'due_date', label: 'Due date', type: 'date' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('BillStatusEnum') },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'has_variances', label: 'Has variances', type: 'boolean' },
    { name: 'is_open', label: 'Open', type: 'boolean' },
    { name: 'overdue', label: 'Overdue', type: 'boolean' },
    { name: 'due_date', label: 'Due', type: 'daterange' },
  ],
  csv: true,
  defaultOrdering: '-bill_date',
  menu: { group: 'Payables', order: 10, icon: <FileDoneOutlined /> },
  deletable: (row) => row.status === 'draft',
});

export const freightBills = defineResource({
  key: 'freight-bills',
  path: '/api/v1/freight-bills/',
  api: 'freight-bill',
  title: 'Freight bills',
  singular: 'Freight bill',
  description: "Carriers' freight bills, matched against the load's rate confirmation.",
  rowLabel: (row) => `${row.number} · ${row.carrier_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="BillStatusEnum" /> },
    { key: 'carrier_name', title: 'Carrier', sorter: 'carrier__name' },
    { key: 'carrier_invoice_number', title: 'Carrier invoice' },
    { key: 'load_number', title: 'Load' },
    { key: 'bill_date', title: 'Date', sorter: 'bill_date' },
    { key: 'due_date', title: 'Due', sorter: 'due_date' },
    { key: 'total', title: 'Total', sorter: 'total', render: (row) => formatMoneyIn(row.total, row.currency) },
    { key: 'expected_total', title: 'Rate con', render: (row) => formatMoneyIn(row.expected_total, row.currency) },
    { key: 'balance_due', title: 'Balance due', sorter: 'balance_due', render: (row) => formatMoneyIn(row.balance_due, row.currency) },
  ],
  fields: [
    { name: 'load', label: 'Load', type: 'reference', reference: loadRef, required: true, only: 'create' },
    { name: 'carrier_invoice_number', label: "Carrier's invoice / pro number", required: true },
    { name: 'bill_date', label: 'Bill date', type: 'date' },
    { name: 'due_date', label: 'Due date', type: 'date' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('BillStatusEnum') },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'has_variances', label: 'Has variances', type: 'boolean' },
    { name: 'is_open', label: 'Open', type: 'boolean' },
    { name: 'overdue', label: 'Overdue', type: 'boolean' },
    { name: 'due_date', label: 'Due', type: 'daterange' },
  ],
  csv: true,
  defaultOrdering: '-bill_date',
  menu: { group: 'Payables', order: 20, icon: <CarryOutOutlined /> },
  deletable: (row) => row.status === 'draft',
});

export const paymentsOut = defineResource({
  key: 'payments-out',
  path: '/api/v1/payments-out/',
  api: 'payment-out',
  title: 'Payments out',
  singular: 'Payment out',
  description: 'Checks, ACH and wires to suppliers and carriers, and the bills they paid.',
  rowLabel: (row) => `${row.number} · ${payee(row)}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 150 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="PaymentOutStatusEnum" /> },
    { key: 'payee_name', title: 'Payee' },
    { key: 'method', title: 'Method', sorter: 'method', render: (row) => enumLabel('PaymentOutMethodEnum', row.method) },
    { key: 'payment_date', title: 'Paid on', sorter: 'payment_date' },
    { key: 'reference', title: 'Reference' },
    { key: 'amount', title: 'Amount', sorter: 'amount', render: (row) => formatMoneyIn(row.amount, row.currency) },
    { key: 'credits_applied', title: 'Credits', render: (row) => formatMoneyIn(row.credits_applied, row.currency) },
  ],
  // Entered on its own page (applications across bills): /payments-out/new.
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('PaymentOutStatusEnum') },
    { name: 'method', label: 'Method', type: 'select', options: enumOptions('PaymentOutMethodEnum') },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'payment_date', label: 'Paid on', type: 'daterange' },
  ],
  csv: true,
  defaultOrdering: '-payment_date',
  menu: { group: 'Payables', order: 30, icon: <PayCircleOutlined /> },
});

export const debitMemos = defineResource({
  key: 'debit-memos',
  path: '/api/v1/debit-memos/',
  api: 'debit-memo',
  title: 'Debit memos',
  singular: 'Debit memo',
  description: 'Chargebacks to suppliers and carriers: they reduce what you owe them.',
  rowLabel: (row) => `${row.number} · ${payee(row)}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="DebitMemoStatusEnum" /> },
    { key: 'payee_name', title: 'Payee' },
    { key: 'memo_date', title: 'Date', sorter: 'memo_date' },
    { key: 'amount', title: 'Amount', sorter: 'amount', render: (row) => formatMoneyIn(row.amount, row.currency) },
    { key: 'balance', title: 'Open', sorter: 'balance', render: (row) => formatMoneyIn(row.balance, row.currency) },
    { key: 'reason', title: 'Reason' },
    { key: 'source', title: 'Source', hidden: true },
  ],
  fields: [
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef, only: 'create' },
    { name: 'carrier', label: 'Carrier (instead of a supplier)', type: 'reference', reference: carrierRef, only: 'create' },
    { name: 'amount', label: 'Amount', type: 'decimal', required: true, only: 'create' },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD', required: true, only: 'create' },
    { name: 'memo_date', label: 'Date', type: 'date', only: 'create' },
    { name: 'reason', label: 'Reason', type: 'textarea', required: true, only: 'create' },
    { name: 'source', label: 'Source document (claim number…)', only: 'create' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('DebitMemoStatusEnum') },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'is_open', label: 'Open', type: 'boolean' },
  ],
  csv: true,
  defaultOrdering: '-memo_date',
  menu: { group: 'Payables', order: 40, icon: <MinusCircleOutlined /> },
});
