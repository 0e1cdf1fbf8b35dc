/**
 * The workflow buttons of an order: exactly the server's `allowed_actions` for this member and this state (the
 * API derives them from the declared workflows; this file knows no state machine and no roles). Each button asks
 * what its action needs: a reason when the action requires one (or, optionally, when it cancels), the e-mail
 * dialog for `send`, the supplier's confirmation number for a purchase order's `confirm`, invoice charges for a
 * sales order's `invoice`. A sales order's confirm that the credit check refuses (409 with the figures) opens the
 * credit-hold warning; a manager may override it with a reason.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import type dayjs from 'dayjs';
import { ApiError } from '@/api/errors';
import { postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import type { Row } from '@/components/resource/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { SendDialog } from './SendDialog';
import { formatMoney } from './money';

/** One entry of a record's `allowed_actions` (CONTRACTS C1). */
export type AllowedAction = Schemas['AllowedAction'];

export type OrderKind =
  | 'purchase-orders'
  | 'sales-orders'
  | 'loads'
  | 'invoices'
  | 'supplier-bills'
  | 'freight-bills'
  | 'payments-out'
  | 'debit-memos';

/** What the button asks before it posts (from the action's name and flags, never from a status). */
export type ActionInput = 'none' | 'reason' | 'required-reason' | 'send' | 'supplier-confirmation' | 'invoice';

export function inputOf(kind: OrderKind, action: AllowedAction): ActionInput {
  if (action.name === 'send') return 'send';
  if (action.requires_reason) return 'required-reason';
  if (kind === 'purchase-orders' && action.name === 'confirm') return 'supplier-confirmation';
  if (kind === 'sales-orders' && action.name === 'invoice') return 'invoice';
  if (action.destructive) return 'reason';
  return 'none';
}

/** The record's allowed actions as the server sent them ([] when absent). */
export function allowedActionsOf(row: Row | undefined | null): AllowedAction[] {
  const value = row?.allowed_actions;
  return Array.isArray(value) ? (value as AllowedAction[]) : [];
}

/** The fields the member may change in the record's state, as the server sent them ([] when absent). */
export function editableFieldsOf(row: Row | undefined | null): string[] {
  const value = row?.editable_fields;
  return Array.isArray(value) ? (value as string[]) : [];
}

export interface CreditProblem {
  credit_problem: 'credit_hold' | 'credit_limit_exceeded' | string;
  open_balance?: string;
  order_total?: string;
  credit_limit?: string | null;
  credit_hold?: boolean;
  message: string;
}

/** The figures of a credit refusal, or null when the error is something else. */
export function creditProblemOf(error: unknown): CreditProblem | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = error.body as Record<string, unknown> | null;
  if (!body || typeof body.credit_problem !== 'string') return null;
  return {
    credit_problem: body.credit_problem,
    open_balance: typeof body.open_balance === 'string' ? body.open_balance : undefined,
    order_total: typeof body.order_total === 'string' ? body.order_total : undefined,
    credit_limit: typeof body.credit_limit === 'string' ? body.credit_limit : null,
    credit_hold: body.credit_hold === true,
    message: error.detail ?? error.message,
  };
}

interface Props {
  kind: OrderKind;
  /** The list endpoint, e.g. /api/v1/sales-orders/ */
  path: string;
  id: string;
  /** The record's `allowed_actions` from the server. */
  actions: AllowedAction[];
  number?: string;
  /** Who a sent document goes to by default (for the e-mail dialog's title). */
  recipient?: string;
  /** Called with the action's response (the updated record, or the new invoice). */
  onDone: (action: AllowedAction, result: Row) => void;
}

export function WorkflowButtons({ kind, path, id, actions, number, recipient, onDone }: Props) {
  const { can } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [credit, setCredit] = useState<CreditProblem | null>(null);

  const run = async (action: AllowedAction, body: Record<string, unknown> = {}) => {
    setBusy(action.name);
    try {
      const result = await postJson<Row>(`${path}${id}/${action.name}/`, body);
      notifySuccess(`${action.label}: done.`);
      setAsking(null);
      setCredit(null);
      onDone(action, result);
    } catch (error) {
      const problem = creditProblemOf(error);
      if (problem) {
        setAsking(null);
        setCredit(problem);
      } else {
        notifyError(error, `${action.label} failed`);
      }
    } finally {
      setBusy(null);
    }
  };

  const click = (action: AllowedAction) => {
    if (inputOf(kind, action) === 'none') void run(action);
    else setAsking(action);
  };

  if (!actions.length) return null;
  const confirmAction = actions.find((action) => action.name === 'confirm');
  // The first step forward is the primary button; sending and cancelling never are.
  const primary = actions.find((action) => !action.destructive && action.name !== 'send');
  const input = asking ? inputOf(kind, asking) : null;

  return (
    <>
      <Space wrap data-testid="workflow-buttons">
        {actions.map((action) => (
          <Button
            key={action.name}
            type={action === primary ? 'primary' : 'default'}
            danger={action.destructive}
            loading={busy === action.name}
            onClick={() => click(action)}
          >
            {action.label}
          </Button>
        ))}
      </Space>

      {asking && input === 'send' && (
        <SendDialog
          open
          path={`${path}${id}/send/`}
          title={`Send ${number ?? ''}${recipient ? ` to the ${recipient}` : ' by e-mail'}`}
          onClose={() => setAsking(null)}
          onSent={() => onDone(asking, {})}
        />
      )}
      {asking && (input === 'reason' || input === 'required-reason' || input === 'supplier-confirmation') && (
        <ReasonDialog action={asking} input={input} busy={busy !== null} onCancel={() => setAsking(null)} onSubmit={(body) => void run(asking, body)} />
      )}
      {asking && input === 'invoice' && (
        <InvoiceDialog busy={busy !== null} onCancel={() => setAsking(null)} onSubmit={(body) => void run(asking, body)} />
      )}
      {credit && confirmAction && (
        <CreditHoldDialog
          problem={credit}
          canOverride={can('manager')}
          busy={busy !== null}
          onCancel={() => setCredit(null)}
          onOverride={(reason) => void run(confirmAction, { override_reason: reason })}
        />
      )}
    </>
  );
}

export function ReasonDialog({
  action,
  input,
  busy,
  onCancel,
  onSubmit,
}: {
  action: AllowedAction;
  input: ActionInput;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const [form] = Form.useForm<{ text?: string }>();
  const field = input === 'supplier-confirmation' ? 'supplier_confirmation_number' : 'reason';
  const label = input === 'supplier-confirmation' ? "Supplier's confirmation number" : 'Reason';
  return (
    <Modal
      open
      title={action.label}
      okText={action.label}
      // "Back", not antd's "Cancel": the action itself may be named Cancel.
      cancelText="Back"
      okButtonProps={{ danger: action.destructive }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      <Form form={form} layout="vertical" onFinish={(values) => onSubmit(values.text ? { [field]: values.text } : {})}>
        <Form.Item
          name="text"
          label={label}
          rules={input === 'required-reason' ? [{ required: true, message: 'Say why (it is kept on the record).' }] : undefined}
        >
          {input === 'supplier-confirmation' ? <Input aria-label={label} /> : <Input.TextArea aria-label={label} autoSize={{ minRows: 2 }} />}
        </Form.Item>
      </Form>
    </Modal>
  );
}

type InvoiceValues = { freight_amount?: string; tax_amount?: string; invoice_date?: dayjs.Dayjs; notes?: string; issue?: boolean };

function InvoiceDialog({ busy, onCancel, onSubmit }: { busy: boolean; onCancel: () => void; onSubmit: (body: Record<string, unknown>) => void }) {
  const [form] = Form.useForm<InvoiceValues>();
  const { today } = useSession();
  return (
    <Modal open title="Invoice the delivered order" okText="Create invoice" confirmLoading={busy} onOk={() => form.submit()} onCancel={onCancel}>
      <Typography.Paragraph type="secondary">
        The invoice bills the actual (catch) weights; every weight-priced line needs one.
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ issue: true, invoice_date: today() }}
        onFinish={(values) =>
          onSubmit({
            freight_amount: values.freight_amount || undefined,
            tax_amount: values.tax_amount || undefined,
            invoice_date: values.invoice_date ? values.invoice_date.format('YYYY-MM-DD') : undefined,
            notes: values.notes || undefined,
            issue: values.issue ?? false,
          })
        }
      >
        <Form.Item name="invoice_date" label="Invoice date">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="freight_amount" label="Freight charged">
          <InputNumber<string> stringMode min="0" style={{ width: '100%' }} aria-label="Freight charged" />
        </Form.Item>
        <Form.Item name="tax_amount" label="Tax">
          <InputNumber<string> stringMode min="0" style={{ width: '100%' }} aria-label="Tax" />
        </Form.Item>
        <Form.Item name="notes" label="Notes">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="issue" valuePropName="checked">
          <Checkbox>Issue it now (otherwise it stays a draft)</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CreditHoldDialog({
  problem,
  canOverride,
  busy,
  onCancel,
  onOverride,
}: {
  problem: CreditProblem;
  canOverride: boolean;
  busy: boolean;
  onCancel: () => void;
  onOverride: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const hold = problem.credit_problem === 'credit_hold';
  return (
    <Modal
      open
      title={hold ? 'Customer on credit hold' : 'Credit limit exceeded'}
      onCancel={onCancel}
      footer={
        <Space>
          <Button onClick={onCancel}>Back</Button>
          {canOverride && (
            <Button type="primary" danger disabled={!reason.trim()} loading={busy} onClick={() => onOverride(reason.trim())}>
              Confirm with override
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={problem.message} role="alert" />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="Open balance">{formatMoney(problem.open_balance)}</Descriptions.Item>
          <Descriptions.Item label="This order">{formatMoney(problem.order_total)}</Descriptions.Item>
          <Descriptions.Item label="Credit limit">{problem.credit_limit ? formatMoney(problem.credit_limit) : 'none'}</Descriptions.Item>
          <Descriptions.Item label="On credit hold">{problem.credit_hold ? 'Yes' : 'No'}</Descriptions.Item>
        </Descriptions>
        {canOverride ? (
          <>
            <Typography.Text>As a manager you may confirm anyway; say why (it goes on the order's history).</Typography.Text>
            <Input.TextArea aria-label="Override reason" value={reason} onChange={(event) => setReason(event.target.value)} autoSize={{ minRows: 2 }} />
          </>
        ) : (
          <Typography.Text type="secondary">Take payment first, or ask a manager to confirm it with an override reason.</Typography.Text>
        )}
      </Space>
    </Modal>
  );
}
