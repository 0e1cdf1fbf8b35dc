/** The accounting hand-off (the Accounting menu group): the journal of posted money events (read-only, each entry
 * with its debit/credit lines) and the account mapping (owners and admins edit it). Exports: JournalExportsPage. */
import { Link } from 'react-router';
import { Table } from 'antd';
import { BookOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { enumLabel, enumOptions } from '@/api/enums';
import type { Schemas } from '@/api/types';
import { defineResource } from '@/components/resource/types';
import type { Row } from '@/components/resource/types';
import { formatMoneyIn } from '@/components/orders/money';


type JournalLine = Schemas['JournalLine'];

/** Where a journal entry's document opens in the app (a deleted customer payment has no page). */
const SOURCE_PATHS: Record<string, string> = {
  invoice: '/invoices/',
  credit_memo: '/credit-memos/',
  customer_payment: '/payments/',
  supplier_bill: '/supplier-bills/',
  freight_bill: '/freight-bills/',
  payment_out: '/payments-out/',
  debit_memo: '/debit-memos/',
};

export function SourceLink({ row }: { row: Row }) {
  const prefix = SOURCE_PATHS[String(row.source_kind)];
  const label = `${enumLabel('JournalEntrySourceKindEnum', row.source_kind)} ${String(row.source_number ?? '')}`;
  if (!prefix || row.event === 'deleted') return <>{label}</>;
  return <Link to={`${prefix}${String(row.source_id)}`}>{label}</Link>;
}

/** The entry's lines: account, debit, credit (shown on the entry's page). */
export function JournalLines({ row }: { row: Row }) {
  const lines = (row.lines as JournalLine[] | undefined) ?? [];
  const currency = row.currency as string;
  return (
    <Table<JournalLine>
      rowKey="line_number"
      size="small"
      pagination={false}
      data-testid="journal-lines"
      dataSource={lines}
      columns={[
        { key: 'code', title: 'Account', render: (_, line) => `${line.account_code} ${line.account_name}` },
        { key: 'debit', title: 'Debit', align: 'right', render: (_, line) => (Number(line.debit) ? formatMoneyIn(line.debit, currency) : '') },
        { key: 'credit', title: 'Credit', align: 'right', render: (_, line) => (Number(line.credit) ? formatMoneyIn(line.credit, currency) : '') },
        { key: 'memo', title: 'Memo', dataIndex: 'memo' },
      ]}
    />
  );
}

export const journalEntries = defineResource({
  key: 'journal-entries',
  path: '/api/v1/journal-entries/',
  api: 'journal-entry',
  title: 'Journal entries',
  singular: 'Journal entry',
  description: 'Every posted money event as a double-entry journal entry, one currency each.',
  rowLabel: (row) => `${row.number} · ${row.source_number}`,
  columns: [
    { key: 'number', title: 'Entry', sorter: 'number', width: 150 },
    { key: 'entry_date', title: 'Date', sorter: 'entry_date' },
    { key: 'source', title: 'Source', sorter: 'source_number', render: (row) => <SourceLink row={row as Row} /> },
    { key: 'event', title: 'Event' },
    { key: 'partner_name', title: 'Partner', sorter: 'partner_name' },
    { key: 'amount', title: 'Amount', sorter: 'amount', render: (row) => formatMoneyIn(row.amount, row.currency) },
    { key: 'currency', title: 'Currency' },
    { key: 'export_batch_number', title: 'Exported in', render: (row) => row.export_batch_number ?? '—' },
    { key: 'description', title: 'Description', hidden: true },
    { key: 'reverses_number', title: 'Reverses', hidden: true, render: (row) => row.reverses_number ?? '—' },
  ],
  filters: [
    { name: 'entry_date', label: 'Date', type: 'daterange' },
    { name: 'source_kind', label: 'Source', type: 'select', options: enumOptions('JournalEntrySourceKindEnum') },
    { name: 'account', label: 'Account code', type: 'text' },
    { name: 'currency', label: 'Currency', type: 'select', options: enumOptions('CurrencyEnum') },
    { name: 'exported', label: 'Exported', type: 'boolean' },
  ],
  csv: true,
  defaultOrdering: '-entry_date',
  menu: { group: 'Accounting', order: 10, icon: <BookOutlined /> },
  summary: JournalLines,
});

export const accountMappings = defineResource({
  key: 'account-mappings',
  path: '/api/v1/account-mappings/',
  api: 'account-mapping',
  title: 'Account mapping',
  singular: 'Account',
  description: 'Which account of your chart each posting goes to. Entries keep the account they were posted to.',
  rowLabel: (row) => `${row.code} ${row.name}`,
  columns: [
    { key: 'role_label', title: 'Used for', sorter: 'role' },
    { key: 'code', title: 'Account code', sorter: 'code' },
    { key: 'name', title: 'Account name (as in QuickBooks)', sorter: 'name' },
  ],
  fields: [
    { name: 'code', label: 'Account code', required: true, help: 'At most 20 characters.' },
    { name: 'name', label: 'Account name', required: true, help: 'Exactly as in your accounting system (QuickBooks matches IIF lines by name).' },
  ],
  defaultOrdering: 'code',
  menu: { group: 'Accounting', order: 30, icon: <NodeIndexOutlined /> },
});
