/** /payments: the generic list; recording a payment with its allocation; a payment's page (apply more, unapply). */
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Popconfirm, Result, Row as GridRow, Select, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { enumLabel, enumOptions } from '@/api/enums';
import { ApiError, applyFieldErrors } from '@/api/errors';
import { createResource, getResource, postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { OrderTimeline, timelineKey } from '@/components/orders/Timeline';
import { formatMoneyIn, toCents } from '@/components/orders/money';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import { detailQueryKey } from '@/components/resource/ResourcePages';
import { listQueryKey } from '@/components/resource/ResourceTable';
import { customerRef } from '../shared/references';
import { AllocationTable } from './AllocationTable';
import { allocationsPayload, checkAllocation } from './allocation';
import type { Allocation } from './allocation';
import { useOpenInvoices } from './AllocationTable';
import { payments } from './resource';

type Payment = Schemas['Payment'];
type PaymentValues = { customer?: number; payment_date?: dayjs.Dayjs; amount?: string; payment_method?: string; reference?: string; notes?: string };
const PAYMENT_FIELDS = ['customer', 'payment_date', 'amount', 'payment_method', 'reference', 'notes'] as const;

function useInvalidateMoney() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: listQueryKey(payments) });
    void queryClient.invalidateQueries({ queryKey: ['list', '/api/v1/invoices/'] });
    void queryClient.invalidateQueries({ queryKey: ['detail', '/api/v1/invoices/'] });
    void queryClient.invalidateQueries({ queryKey: ['receivables'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

/** Record a payment and apply it across the customer's open invoices in one screen. */
export function RecordPaymentPage() {
  const { allows, today } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invalidate = useInvalidateMoney();
  const [form] = Form.useForm<PaymentValues>();
  const initialCustomer = params.get('customer') ? Number(params.get('customer')) : undefined;
  const customer = Form.useWatch('customer', form) ?? initialCustomer;
  const amount = Form.useWatch('amount', form);
  // null until the user touches the allocation: coming from an invoice, the amount goes on that invoice.
  const [touched, setAllocation] = useState<Allocation | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const invoices = useOpenInvoices(customer);
  const rows = (invoices.data ?? []).map((invoice) => ({ id: invoice.id, number: invoice.number, due_date: invoice.due_date, balance_due: invoice.balance_due }));
  const preset = rows.find((row) => String(row.id) === params.get('invoice'));
  const allocation: Allocation =
    touched ?? (preset && amount ? { [preset.id]: (toCents(String(amount)) ?? 0n) < (toCents(preset.balance_due) ?? 0n) ? String(amount) : preset.balance_due } : {});
  const check = checkAllocation(amount ? String(amount) : '0', rows, allocation);
  const hasAllocation = check.allocated > 0n;

  if (!allows(payments, 'create')) return <Result status="403" title="Not allowed" subTitle="Your role does not allow recording payments." />;

  const submit = async (values: PaymentValues) => {
    if (hasAllocation && !check.ok) return;
    setSaving(true);
    setMessages([]);
    let created: Payment | null = null;
    try {
      created = await createResource<Payment>('/api/v1/payments/', {
        customer: values.customer,
        payment_date: values.payment_date ? values.payment_date.format('YYYY-MM-DD') : undefined,
        amount: values.amount ? String(values.amount) : undefined,
        payment_method: values.payment_method,
        reference: values.reference ?? '',
        notes: values.notes ?? '',
      });
      if (hasAllocation) await postJson<Payment>(`/api/v1/payments/${created.id}/apply/`, { allocations: allocationsPayload(allocation) });
      notifySuccess(`Payment ${created.number} recorded${hasAllocation ? ' and applied' : ''}.`);
      invalidate();
      navigate(`/payments/${created.id}`);
    } catch (error) {
      if (created) {
        // The payment exists; only the application failed: show it on the payment's page to retry there.
        notifyError(error, `Payment ${created.number} recorded, but not applied`);
        invalidate();
        navigate(`/payments/${created.id}`);
        return;
      }
      setMessages(applyFieldErrors(error, form, PAYMENT_FIELDS as unknown as (keyof PaymentValues)[]));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/payments">Payments</Link> }, { title: 'Record a payment' }]} />
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>Record a payment</Typography.Title>}>
        <Form
          form={form}
          layout="vertical"
          noValidate
          aria-label="New payment"
          initialValues={{ customer: initialCustomer, payment_date: today(), payment_method: 'check' }}
          onFinish={(values) => void submit(values)}
          onValuesChange={(changed: PaymentValues) => {
            if ('customer' in changed) setAllocation({});
          }}
        >
          <GridRow gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="customer" label="Customer" rules={[{ required: true, message: 'Customer is required.' }]}>
                <ReferenceSelect reference={customerRef} placeholder="Customer" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="payment_date" label="Received on" rules={[{ required: true, message: 'Received on is required.' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="amount" label="Amount" rules={[{ required: true, message: 'Amount is required.' }]}>
                <InputNumber<string> stringMode min="0" step="0.01" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="payment_method" label="Method" rules={[{ required: true, message: 'Method is required.' }]}>
                <Select options={enumOptions('PaymentMethodEnum')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="reference" label="Reference">
                <Input placeholder="Check no., ACH trace, wire ref." />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="notes" label="Notes">
                <Input.TextArea autoSize={{ minRows: 1 }} />
              </Form.Item>
            </Col>
          </GridRow>
          <Typography.Title level={5}>Apply to open invoices</Typography.Title>
          <AllocationTable customer={customer} available={amount ? String(amount) : '0'} value={allocation} onChange={setAllocation} />
          {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} message={messages.join(' ')} />}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={saving} disabled={hasAllocation && !check.ok}>
              {hasAllocation ? 'Record and apply' : 'Record payment'}
            </Button>
            <Button onClick={() => navigate(-1)}>Cancel</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

export function PaymentDetailPage() {
  const { id = '' } = useParams();
  const { allows } = useSession();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMoney();
  const [allocation, setAllocation] = useState<Allocation>({});
  const [applying, setApplying] = useState(false);
  const record = useQuery<Payment, ApiError>({ queryKey: detailQueryKey(payments, id), queryFn: () => getResource<Payment>(payments.path, id) });
  const invoices = useOpenInvoices(record.data?.customer);

  if (record.error) return <Result status={record.error.status === 404 ? '404' : 'error'} title="Could not load the payment" subTitle={record.error.message} />;
  const payment = record.data;
  if (!payment) return <Card><Skeleton active /></Card>;

  const refresh = (updated?: Payment) => {
    if (updated) queryClient.setQueryData(detailQueryKey(payments, id), updated);
    void queryClient.invalidateQueries({ queryKey: timelineKey(payments.path, id) });
    invalidate();
  };
  const rows = (invoices.data ?? []).map((invoice) => ({ id: invoice.id, number: invoice.number, due_date: invoice.due_date, balance_due: invoice.balance_due }));
  const check = checkAllocation(payment.unapplied_amount, rows, allocation);

  const apply = async () => {
    setApplying(true);
    try {
      const updated = await postJson<Payment>(`/api/v1/payments/${id}/apply/`, { allocations: allocationsPayload(allocation) });
      notifySuccess('Payment applied.');
      setAllocation({});
      refresh(updated);
    } catch (error) {
      notifyError(error, 'Could not apply the payment');
    } finally {
      setApplying(false);
    }
  };

  const unapply = async (invoice?: number) => {
    try {
      const updated = await postJson<Payment>(`/api/v1/payments/${id}/unapply/`, invoice ? { invoice } : {});
      notifySuccess('Application removed.');
      refresh(updated);
    } catch (error) {
      notifyError(error, 'Could not unapply');
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/payments">Payments</Link> }, { title: payment.number }]} />
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{`${payment.number} · ${payment.customer_name}`}</Typography.Title>}>
        <Descriptions column={{ xs: 1, md: 2, lg: 3 }} bordered size="small">
          <Descriptions.Item label="Customer">
            <Link to={`/customers/${payment.customer}`}>{payment.customer_name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="Received on">{payment.payment_date}</Descriptions.Item>
          <Descriptions.Item label="Method">{enumLabel('PaymentMethodEnum', payment.payment_method)}</Descriptions.Item>
          <Descriptions.Item label="Reference">{payment.reference || '—'}</Descriptions.Item>
          <Descriptions.Item label="Amount">{formatMoneyIn(payment.amount)}</Descriptions.Item>
          <Descriptions.Item label="Applied">
            <span data-testid="payment-applied">{formatMoneyIn(payment.applied_amount)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="Unapplied">
            <span data-testid="payment-unapplied">{formatMoneyIn(payment.unapplied_amount)}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="Applied to" size="small">
        <Table<Schemas['PaymentApplication']>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={payment.applications}
          locale={{ emptyText: 'Not applied to any invoice yet.' }}
          columns={[
            { key: 'invoice', title: 'Invoice', render: (_, application) => <Link to={`/invoices/${application.invoice}`}>{application.invoice_number}</Link> },
            { key: 'on', title: 'Applied on', dataIndex: 'applied_on' },
            { key: 'amount', title: 'Amount', align: 'right', render: (_, application) => formatMoneyIn(application.amount) },
            ...(allows(payments, 'unapply')
              ? [
                  {
                    key: 'unapply',
                    title: '',
                    render: (_: unknown, application: Schemas['PaymentApplication']) => (
                      <Popconfirm title={`Take this payment off ${application.invoice_number}?`} onConfirm={() => void unapply(application.invoice)}>
                        <Button size="small" danger>
                          Unapply
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {Number(payment.unapplied_amount) > 0 && allows(payments, 'apply') && (
        <Card title="Apply the unapplied amount" size="small">
          <AllocationTable customer={payment.customer} available={payment.unapplied_amount} value={allocation} onChange={setAllocation} />
          <Button type="primary" style={{ marginTop: 12 }} disabled={!check.ok} loading={applying} onClick={() => void apply()}>
            Apply
          </Button>
        </Card>
      )}
      <Card title="History" size="small">
        <OrderTimeline path={payments.path} id={id} />
      </Card>
    </Space>
  );
}

export default function PaymentRoutes() {
  return <OrderRoutes resource={payments} detail={<PaymentDetailPage />} create={<RecordPaymentPage />} />;
}
