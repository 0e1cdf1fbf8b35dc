/** Fields and columns suppliers and customers share (the backend's company mixin). */
import { enumLabel, enumOptions } from '@/api/enums';
import { formatMoneyIn } from '@/components/orders/money';
import type { ColumnDef, FieldDef, FilterDef, Row } from '@/components/resource/types';

export const companyColumns = <R extends Row>(): ColumnDef<R>[] => [
  { key: 'code', title: 'Code', sorter: 'code', width: 110 },
  { key: 'name', title: 'Name', sorter: 'name' },
  { key: 'status', title: 'Status', sorter: 'status', render: (row) => enumLabel('RecordStatusEnum', row.status) },
  { key: 'city', title: 'City', sorter: 'city' },
  { key: 'state', title: 'State', sorter: 'state', width: 80 },
  { key: 'phone', title: 'Phone' },
  { key: 'email', title: 'E-mail', hidden: true },
  { key: 'payment_terms_days', title: 'Terms (days)', hidden: true },
  {
    key: 'credit_limit',
    title: 'Credit limit',
    sorter: 'credit_limit',
    hidden: true,
    render: (row) => (row.credit_limit === null || row.credit_limit === undefined || row.credit_limit === '' ? '—' : formatMoneyIn(row.credit_limit as string, (row.currency as string | undefined) ?? undefined)),
  },
  { key: 'currency', title: 'Currency', hidden: true },
  { key: 'created_at', title: 'Created', sorter: 'created_at', hidden: true },
];

export const companyFields = [
  { name: 'code', label: 'Code', required: true },
  { name: 'name', label: 'Name', required: true },
  { name: 'status', label: 'Status', type: 'select', options: enumOptions('RecordStatusEnum'), initial: 'active' },
  { name: 'phone', label: 'Phone' },
  { name: 'email', label: 'E-mail', type: 'email' },
  { name: 'website', label: 'Website' },
  { name: 'address_line1', label: 'Address' },
  { name: 'address_line2', label: 'Address (line 2)' },
  { name: 'city', label: 'City' },
  { name: 'state', label: 'State / province' },
  { name: 'postal_code', label: 'Postal code' },
  { name: 'country', label: 'Country (ISO code)', placeholder: 'US' },
  { name: 'payment_terms_days', label: 'Payment terms (days)', type: 'integer' },
  { name: 'payment_method', label: 'Payment method', type: 'select', options: enumOptions('PaymentMethodEnum') },
  { name: 'credit_limit', label: 'Credit limit', type: 'decimal' },
  { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum'), initial: 'USD' },
] as const satisfies readonly FieldDef[];

export const companyFilters: FilterDef[] = [
  { name: 'status', label: 'Status', type: 'select', options: enumOptions('RecordStatusEnum') },
];
