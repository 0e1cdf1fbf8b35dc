/** "Forgot your password?": asks for a reset link by e-mail. The API answers the same whatever the address,
 * so this page shows that answer and never says whether an account exists. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { client, unwrap } from '@/api/client';
import { applyFieldErrors } from '@/api/errors';
import { AuthCard } from './AuthCard';

export default function ForgotPasswordPage() {
  const [form] = Form.useForm<{ email: string }>();
  const [messages, setMessages] = useState<string[]>([]);
  const [answer, setAnswer] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (values: { email: string }) => {
    setMessages([]);
    setSending(true);
    try {
      const body = await unwrap(client.POST('/api/auth/password/reset/', { body: values }));
      setAnswer(body.detail);
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['email']));
    } finally {
      setSending(false);
    }
  };

  return (
    <AuthCard subtitle="Reset your password by e-mail.">
      {answer ? (
        <Alert type="success" showIcon role="status" message="Check your e-mail" description={answer} style={{ marginBottom: 16 }} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} noValidate aria-label="Forgot password">
          <Form.Item name="email" label="E-mail" rules={[{ required: true, message: 'Enter the e-mail address of your account.' }]}>
            <Input type="email" autoComplete="email" autoFocus />
          </Form.Item>
          {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={messages.join(' ')} />}
          <Button type="primary" htmlType="submit" block loading={sending}>
            Send me a link
          </Button>
        </Form>
      )}
      <div style={{ marginTop: 16 }}>
        <Link to="/sign-in">Back to sign in</Link>
      </div>
    </AuthCard>
  );
}
