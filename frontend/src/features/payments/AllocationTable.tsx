/** The customer's open invoices with an amount to apply on each, checked live against balances and the payment. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, InputNumber, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { listResource } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { formatCents, formatMoneyIn } from '@/components/orders/money';
import { autoAllocate, checkAllocation } from './allocation';
import type { Allocation, OpenInvoice } from './allocation';

type Invoice = Schemas['Invoice'];

export function useOpenInvoices(customer: number | null | undefined) {
  return useQuery({
    queryKey: ['list', '/api/v1/invoices/', { customer, is_open: true, purpose: 'allocation' }],
    queryFn: async () =>
      (await listResource<Invoice>('/api/v1/invoices/', { customer: customer ?? undefined, is_open: true, ordering: 'due_date', page_size: 200 })).results.filter(
        (invoice) => invoice.status !== 'draft' && invoice.status !== 'void' && Number(invoice.balance_due) > 0,
      ),
    enabled: !!customer,
  });
}

export function AllocationTable({
  customer,
  available,
  value,
  onChange,
}: {
  customer: number | null | undefined;
  /** What may be applied: the payment amount, or an existing payment's unapplied amount. */
  available: string;
  value: Allocation;
  onChange: (allocation: Allocation) => void;
}) {
  const invoices = useOpenInvoices(customer);
  if (!customer) return <Typography.Text type="secondary">Choose the customer to see their open invoices.</Typography.Text>;
  const rows: OpenInvoice[] = (invoices.data ?? []).map((invoice) => ({ id: invoice.id, number: invoice.number, due_date: invoice.due_date, balance_due: invoice.balance_due }));
  const check = checkAllocation(available || '0', rows, value);
  return (
    <div>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
        <Typography.Text>
          Applied <strong data-testid="allocated">{formatCents(check.allocated)}</strong> of {formatMoneyIn(available || '0')} · left{' '}
          <strong>{formatCents(check.remaining)}</strong>
        </Typography.Text>
        <Flex gap={8}>
          <Button size="small" onClick={() => onChange(autoAllocate(available || '0', rows))} disabled={!rows.length}>
            Apply oldest first
          </Button>
          <Button size="small" onClick={() => onChange({})}>
            Clear
          </Button>
        </Flex>
      </Flex>
      <Table<OpenInvoice>
        rowKey="id"
        size="small"
        loading={invoices.isFetching}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: 'This customer has no open invoices.' }}
        columns={[
          { key: 'number', title: 'Invoice', render: (_, invoice) => <Link to={`/invoices/${invoice.id}`}>{invoice.number}</Link> },
          { key: 'due', title: 'Due', dataIndex: 'due_date' },
          { key: 'balance', title: 'Balance due', align: 'right', render: (_, invoice) => formatMoneyIn(invoice.balance_due) },
          {
            key: 'apply',
            title: 'Apply',
            width: 180,
            render: (_, invoice) => (
              <>
                <InputNumber<string>
                  stringMode
                  min="0"
                  step="0.01"
                  aria-label={`Apply to ${invoice.number}`}
                  status={check.invoiceErrors[invoice.id] ? 'error' : undefined}
                  value={value[invoice.id] ?? null}
                  onChange={(amount) => onChange({ ...value, [invoice.id]: amount === null || amount === undefined ? undefined : String(amount) })}
                  style={{ width: 150 }}
                />
                {check.invoiceErrors[invoice.id] && (
                  <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                    {check.invoiceErrors[invoice.id]}
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      {check.totalError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={check.totalError} />}
    </div>
  );
}
