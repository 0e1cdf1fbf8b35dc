/** Claims: a customer's shortage, temperature, quality or damage claim against an invoice; approved into a credit
 * memo to the customer and a chargeback to the responsible supplier or carrier. */
import { WarningOutlined } from '@ant-design/icons';
import { enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import type { ReferenceDef } from '@/components/resource/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { formatMoneyIn } from '@/components/orders/money';
import { carrierRef, customerRef, supplierRef } from '../shared/references';
import { ClaimDecision } from './ClaimDecision';

const invoiceRef: ReferenceDef = {
  path: '/api/v1/invoices/',
  label: (row) => `${String(row.number)} · ${String(row.customer_name ?? '')}`,
};

export const claims = defineResource({
  key: 'claims',
  path: '/api/v1/claims/',
  api: 'claim',
  title: 'Claims',
  singular: 'Claim',
  description: 'Customer claims against invoices: credited to the customer, charged back to the supplier or carrier.',
  rowLabel: (row) => `${row.number} · ${row.customer_name}`,
  columns: [
    { key: 'number', title: 'Number', sorter: 'number', width: 140 },
    { key: 'status', title: 'Status', sorter: 'status', render: (row) => <StatusTag status={row.status} enumName="ClaimStatusEnum" /> },
    { key: 'kind', title: 'Kind', sorter: 'kind' },
    { key: 'customer_name', title: 'Customer' },
    { key: 'invoice_number', title: 'Invoice' },
    { key: 'load_number', title: 'Load' },
    { key: 'claim_date', title: 'Date', sorter: 'claim_date' },
    { key: 'amount', title: 'Claimed', sorter: 'amount', render: (row) => formatMoneyIn(row.amount, row.currency) },
    { key: 'approved_amount', title: 'Credited', render: (row) => formatMoneyIn(row.approved_amount, row.currency) },
    { key: 'debit_memo_number', title: 'Chargeback', hidden: true },
  ],
  fields: [
    { name: 'invoice', label: 'Invoice', type: 'reference', reference: invoiceRef, required: true },
    { name: 'kind', label: 'Kind', type: 'select', options: enumOptions('ClaimKindEnum'), required: true },
    { name: 'claim_date', label: 'Claim date', type: 'date' },
    { name: 'amount', label: 'Amount claimed', type: 'decimal' },
    { name: 'description', label: 'What the customer reports', type: 'textarea' },
    { name: 'responsible_supplier', label: 'Responsible supplier (charged back)', type: 'reference', reference: supplierRef },
    { name: 'responsible_carrier', label: 'Responsible carrier (charged back)', type: 'reference', reference: carrierRef },
    { name: 'chargeback_amount', label: 'Chargeback amount', type: 'decimal' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('ClaimStatusEnum') },
    { name: 'kind', label: 'Kind', type: 'select', options: enumOptions('ClaimKindEnum') },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'claim_date', label: 'Date', type: 'daterange' },
  ],
  csv: true,
  defaultOrdering: '-claim_date',
  menu: { group: 'Receivables', order: 40, icon: <WarningOutlined /> },
  deletable: (row) => row.status === 'open',
  summary: ClaimDecision,
});
