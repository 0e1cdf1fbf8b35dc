/** /reset-password?uid=…&token=…: choose a new password (the server's validators decide; their messages show
 * on the field). Afterwards every device is signed out and the user signs in with the new password. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Result } from 'antd';
import { client, unwrap } from '@/api/client';
import { applyFieldErrors } from '@/api/errors';
import { AuthCard, withoutTokenPrefix } from './AuthCard';

interface Values {
  new_password: string;
  repeat: string;
}

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const uid = params.get('uid') ?? '';
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<Values>();
  const [messages, setMessages] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (!uid || !token) {
    return (
      <AuthCard subtitle="Choose a new password.">
        <Result status="warning" title="This link is incomplete" subTitle="Open the link from the e-mail again, or ask for a new one." extra={<Link to="/forgot-password">Ask for a new link</Link>} />
      </AuthCard>
    );
  }

  const submit = async (values: Values) => {
    setMessages([]);
    setSaving(true);
    try {
      const body = await unwrap(client.POST('/api/auth/password/reset/confirm/', { body: { uid, token, new_password: values.new_password } }));
      setDone(body.detail);
    } catch (error) {
      // A bad or expired link is an error on `token`, which is no field here: it shows above the button.
      setMessages(withoutTokenPrefix(applyFieldErrors(error, form, ['new_password'])));
    } finally {
      setSaving(false);
    }
  };

  if (done) {
    return (
      <AuthCard subtitle="Choose a new password.">
        <Result status="success" title="Password changed" subTitle={done} extra={<Link to="/sign-in">Sign in</Link>} />
      </AuthCard>
    );
  }

  return (
    <AuthCard subtitle="Choose a new password.">
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} noValidate aria-label="Reset password">
        <Form.Item name="new_password" label="New password" rules={[{ required: true, message: 'Choose a password.' }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="repeat"
          label="Repeat the new password"
          dependencies={['new_password']}
          rules={[
            { required: true, message: 'Type the password again.' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error('The two passwords differ.')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {messages.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            message={messages.join(' ')}
            action={<Link to="/forgot-password">New link</Link>}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={saving}>
          Set the password
        </Button>
      </Form>
    </AuthCard>
  );
}
