/** /payments-out/new: pay one supplier or carrier — pick the payee and currency, then how much of each open bill
 * to pay and which open debit memos to take as credits. The server checks every amount (400s name the bill). */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, DatePicker, Flex, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { enumOptions } from '@/api/enums';
import { ApiError } from '@/api/errors';
import { createResource, listResource } from '@/api/resource';
import { notifyError, notifySuccess } from '@/app/notify';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import { formatMoneyIn } from '@/components/orders/money';
import type { Row } from '@/components/resource/types';
import { carrierRef, supplierRef } from '../shared/references';

type PayeeKind = 'supplier' | 'carrier';

interface OpenDocument {
  key: string;
  field: 'supplier_bill' | 'freight_bill' | 'debit_memo';
  id: number;
  number: string;
  due: string;
  open: string;
}

function useOpenDocuments(kind: PayeeKind, payee: number | undefined, currency: string) {
  return useQuery({
    queryKey: ['payments-out', 'open', kind, payee, currency],
    enabled: payee !== undefined,
    queryFn: async (): Promise<OpenDocument[]> => {
      const billPath = kind === 'supplier' ? '/api/v1/supplier-bills/' : '/api/v1/freight-bills/';
      const field = kind === 'supplier' ? 'supplier_bill' : 'freight_bill';
      const [bills, memos] = await Promise.all([
        listResource<Row>(billPath, { [kind]: payee, currency, is_open: true, ordering: 'due_date', page_size: 100 }),
        listResource<Row>('/api/v1/debit-memos/', { [kind]: payee, currency, is_open: true, page_size: 100 }),
      ]);
      return [
        ...bills.results.map((bill) => ({
          key: `${field}-${String(bill.id)}`,
          field: field as OpenDocument['field'],
          id: Number(bill.id),
          number: String(bill.number),
          due: String(bill.due_date),
          open: String(bill.balance_due),
        })),
        ...memos.results.map((memo) => ({
          key: `debit_memo-${String(memo.id)}`,
          field: 'debit_memo' as const,
          id: Number(memo.id),
          number: String(memo.number),
          due: String(memo.memo_date),
          open: String(memo.balance),
        })),
      ];
    },
  });
}

/** Every message of a 400 body (they name the bill: "BILL-2026-000003 has 1374.80 open; …"). */
function messagesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(messagesOf);
  return [];
}

export function PaymentOutCreatePage() {
  const navigate = useNavigate();
  const [kind, setKind] = useState<PayeeKind>('supplier');
  const [payee, setPayee] = useState<number | undefined>();
  const [currency, setCurrency] = useState('USD');
  const [method, setMethod] = useState('check');
  const [date, setDate] = useState(dayjs());
  const [reference, setReference] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const documents = useOpenDocuments(kind, payee, currency);

  const chosen = (documents.data ?? []).filter((document) => Number(amounts[document.key] ?? 0) > 0);
  const cents = (value: string) => Math.round(Number(value) * 100);
  const net = chosen.reduce((sum, document) => sum + (document.field === 'debit_memo' ? -1 : 1) * cents(amounts[document.key] ?? '0'), 0);

  const submit = async () => {
    setSaving(true);
    setErrors([]);
    try {
      const created = await createResource<Row>('/api/v1/payments-out/', {
        method,
        [kind]: payee,
        currency,
        payment_date: date.format('YYYY-MM-DD'),
        reference,
        applications: chosen.map((document) => ({ [document.field]: document.id, amount: amounts[document.key] })),
      });
      notifySuccess(`Payment ${String(created.number)} posted.`);
      navigate(`/payments-out/${String(created.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setErrors(messagesOf(error.body));
      else notifyError(error, 'Could not post the payment');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/payments-out">Payments out</Link> }, { title: 'New' }]} />
      <Card title="Pay a supplier or a carrier">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as PayeeKind);
              setPayee(undefined);
              setAmounts({});
            }}
            options={[
              { value: 'supplier', label: 'Supplier' },
              { value: 'carrier', label: 'Carrier' },
            ]}
          />
          <Flex gap={12} wrap>
            <div style={{ minWidth: 320 }}>
              <ReferenceSelect
                key={kind}
                reference={kind === 'supplier' ? supplierRef : carrierRef}
                value={payee}
                onChange={(value: unknown) => {
                  setPayee(value === undefined || value === null ? undefined : Number(value));
                  setAmounts({});
                }}
                aria-label={kind === 'supplier' ? 'Supplier' : 'Carrier'}
              />
            </div>
            <Select aria-label="Currency" value={currency} onChange={(value) => { setCurrency(value); setAmounts({}); }} options={enumOptions('CurrencyEnum')} style={{ width: 100 }} />
            <Select aria-label="Method" value={method} onChange={setMethod} options={enumOptions('PaymentOutMethodEnum')} style={{ width: 120 }} />
            <DatePicker aria-label="Paid on" value={date} onChange={(value) => value && setDate(value)} allowClear={false} />
            <Input aria-label="Reference" placeholder="Check no., ACH trace…" value={reference} onChange={(event) => setReference(event.target.value)} style={{ width: 220 }} />
          </Flex>
        </Space>
      </Card>
      {payee !== undefined && (
        <Card title="Apply to" size="small">
          <Table<OpenDocument>
            rowKey="key"
            size="small"
            pagination={false}
            loading={documents.isPending}
            dataSource={documents.data ?? []}
            locale={{ emptyText: `Nothing is open for this ${kind} in ${currency}.` }}
            columns={[
              { key: 'number', title: 'Document', render: (_, document) => (document.field === 'debit_memo' ? `${document.number} (credit)` : document.number) },
              { key: 'due', title: 'Due / dated', dataIndex: 'due' },
              { key: 'open', title: 'Open', align: 'right', render: (_, document) => formatMoneyIn(document.open, currency) },
              {
                key: 'pay',
                title: 'Apply',
                render: (_, document) => (
                  <Space>
                    <InputNumber<string>
                      aria-label={`Apply to ${document.number}`}
                      stringMode
                      min="0"
                      max={document.open}
                      step="0.01"
                      value={amounts[document.key]}
                      onChange={(value) => setAmounts({ ...amounts, [document.key]: value ?? '' })}
                    />
                    <Button size="small" onClick={() => setAmounts({ ...amounts, [document.key]: document.open })}>
                      All
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {errors.map((error) => (
        <Alert key={error} type="error" showIcon message="The payment was not posted" description={error} />
      ))}
      <Flex gap={12} align="center">
        <Typography.Text>
          Amount sent: <strong data-testid="payment-out-net">{formatMoneyIn((net / 100).toFixed(2), currency)}</strong>
        </Typography.Text>
        <Button type="primary" loading={saving} disabled={!chosen.length || net < 0} onClick={() => void submit()}>
          Post payment
        </Button>
      </Flex>
    </Space>
  );
}
