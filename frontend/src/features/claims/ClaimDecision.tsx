/** The claim's workflow buttons (review / approve / reject: exactly the server's `allowed_actions`) and, once
 * decided, what the decision made: the credit memo to the customer and the chargeback to the payee. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Space } from 'antd';
import { postJson } from '@/api/resource';
import { notifyError, notifySuccess } from '@/app/notify';
import { formatMoneyIn } from '@/components/orders/money';
import type { AllowedAction } from '@/components/orders/WorkflowButtons';
import { allowedActionsOf } from '@/components/orders/WorkflowButtons';
import type { Row } from '@/components/resource/types';

export function ClaimDecision({ row, id }: { row: Row; id: string }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string; approved_amount?: number; chargeback_amount?: number }>();
  const currency = String(row.currency ?? 'USD');

  async function perform(action: AllowedAction, body: Record<string, unknown> = {}) {
    setBusy(true);
    try {
      await postJson(`/api/v1/claims/${id}/${action.name}/`, body);
      notifySuccess(`${action.label}: done.`);
      setAsking(null);
      form.resetFields();
      await queryClient.invalidateQueries();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  const actions = allowedActionsOf(row);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="claim-decision">
      <Space>
        {actions.map((action) => (
          <Button
            key={action.name}
            danger={action.destructive}
            type={action.name === 'approve' ? 'primary' : 'default'}
            loading={busy}
            onClick={() => (action.requires_reason ? setAsking(action) : perform(action))}
          >
            {action.label}
          </Button>
        ))}
      </Space>
      {row.status === 'approved' && (
        <Descriptions size="small" bordered column={2}>
          <Descriptions.Item label="Credited to the customer">
            {formatMoneyIn(row.approved_amount as string, currency)} ({String(row.credit_memo_number ?? '—')})
          </Descriptions.Item>
          <Descriptions.Item label="Charged back">
            {row.debit_memo_number ? `${formatMoneyIn(row.chargeback_amount as string, currency)} (${String(row.debit_memo_number)})` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Reason" span={2}>
            {String(row.decision_reason ?? '')}
          </Descriptions.Item>
        </Descriptions>
      )}
      {row.status === 'rejected' && <Alert type="info" showIcon message="Rejected" description={String(row.decision_reason ?? '')} />}
      <Modal
        title={asking?.label}
        open={asking !== null}
        okText={asking?.label}
        okButtonProps={{ loading: busy }}
        onCancel={() => setAsking(null)}
        onOk={() => form.validateFields().then((values) => asking && perform(asking, values))}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="Reason" rules={[{ required: true, message: 'Say why (it is kept on the claim).' }]}>
            <Input.TextArea />
          </Form.Item>
          {asking?.name === 'approve' && (
            <>
              <Form.Item name="approved_amount" label="Credit to the customer (default: the amount claimed)">
                <InputNumber min={0} step={0.01} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="chargeback_amount" label="Charge back to the responsible payee (default: the approved amount)">
                <InputNumber min={0} step={0.01} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
