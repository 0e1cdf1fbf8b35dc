/** "Send by e-mail": the document's PDF to the given addresses (or the record's contact on file). */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { applyFieldErrors } from '@/api/errors';
import { postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifySuccess } from '@/app/notify';

interface Props {
  open: boolean;
  /** POST target, e.g. /api/v1/purchase-orders/12/send/ */
  path: string;
  title: string;
  defaultSubject?: string;
  onClose: () => void;
  onSent?: (sent: Schemas['DocumentSent']) => void;
}

type SendValues = { to?: string[]; subject?: string; message?: string };

export function SendDialog({ open, path, title, defaultSubject, onClose, onSent }: Props) {
  const [form] = Form.useForm<SendValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  const submit = async (values: SendValues) => {
    setSending(true);
    setMessages([]);
    try {
      const body: Schemas['SendDocumentRequest'] = {};
      if (values.to?.length) body.to = values.to;
      if (values.subject) body.subject = values.subject;
      if (values.message) body.message = values.message;
      const sent = await postJson<Schemas['DocumentSent']>(path, body);
      onSent?.(sent);
      if (sent.delivery.status === 'failed') {
        // Recorded on the delivery (and the timeline); the dialog stays open to correct the address or retry.
        setMessages([`Not sent: ${sent.delivery.error}`]);
        return;
      }
      const to = sent.sent_to.join(', ');
      notifySuccess(sent.delivery.status === 'queued' ? `Queued for ${to}; it goes out in a moment.` : `Sent to ${to}.`);
      form.resetFields();
      onClose();
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['to', 'subject', 'message']));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText="Send"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ subject: defaultSubject }}>
        <Form.Item name="to" label="To" tooltip="Leave empty to send to the contact on file." extra="Type an address and press Enter.">
          <Select mode="tags" aria-label="To" tokenSeparators={[',', ' ', ';']} open={false} suffixIcon={null} placeholder="name@example.com" />
        </Form.Item>
        <Form.Item name="subject" label="Subject">
          <Input />
        </Form.Item>
        <Form.Item name="message" label="Message">
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        {messages.length > 0 && <Alert type="error" showIcon role="alert" message={messages.join(' ')} />}
      </Form>
    </Modal>
  );
}
