/** Sign-in with the session cookie (the CSRF cookie is fetched first); returns to where the user was. */
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { applyFieldErrors } from '@/api/errors';
import { useMe, useSignIn } from '@/app/session';

export function safeNext(next: string | null): string {
  // Only same-site paths: "//evil.example" or "https://…" would send the user elsewhere.
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}

export default function SignInPage() {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [messages, setMessages] = useState<string[]>([]);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setMessages([]);
    try {
      await signIn.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['username', 'password']));
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
          ProjectMeats
        </Typography.Title>
        <Typography.Paragraph type="secondary">Sign in to your brokerage.</Typography.Paragraph>
        {params.get('next') && !messages.length && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message="Please sign in to continue." />
        )}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} aria-label="Sign in">
          <Form.Item name="username" label="Username or e-mail" rules={[{ required: true, message: 'Enter your username or e-mail.' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="Password" rules={[{ required: true, message: 'Enter your password.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {messages.length > 0 && (
            <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={messages.join(' ')} />
          )}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            Sign in
          </Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Card>
    </main>
  );
}
