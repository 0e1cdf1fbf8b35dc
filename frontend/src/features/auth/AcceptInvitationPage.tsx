/**
 * /accept-invitation?token=…: what the invitation is for, then either "accept" as the signed-in account of the
 * invited address (sign in first when needed), or — when the address has no account yet — choose a password
 * (the server's validators decide) and the account is created and signed in.
 */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Result, Skeleton, Space } from 'antd';
import { client, unwrap } from '@/api/client';
import { ApiError, applyFieldErrors } from '@/api/errors';
import { setTenantId } from '@/api/http';
import { ROLE_LABELS } from '@/api/roles';
import type { Role } from '@/api/types';
import { ensureCsrfCookie, ME_KEY, useMe, useSignIn, useSignOut } from '@/app/session';
import { formatDateTime } from '@/components/resource/display';
import { AuthCard, withoutTokenPrefix } from './AuthCard';

interface RegisterValues {
  first_name?: string;
  last_name?: string;
  password: string;
  repeat: string;
}

function RegisterForm({ token, email }: { token: string; email: string }) {
  const [form] = Form.useForm<RegisterValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const signIn = useSignIn();
  const navigate = useNavigate();

  const submit = async (values: RegisterValues) => {
    setMessages([]);
    setSaving(true);
    try {
      const joined = await unwrap(
        client.POST('/api/auth/invitations/register/', {
          body: { token, password: values.password, first_name: values.first_name ?? '', last_name: values.last_name ?? '' },
        }),
      );
      setTenantId(joined.tenant.id);
      await signIn.mutateAsync({ username: joined.username, password: values.password });
      setTenantId(joined.tenant.id);
      navigate('/', { replace: true });
    } catch (error) {
      setMessages(withoutTokenPrefix(applyFieldErrors(error, form, ['password', 'first_name', 'last_name'])));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} noValidate aria-label="Create your account">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`Create your account: you will sign in with ${email}.`} />
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="first_name" label="First name" style={{ flex: 1 }}>
          <Input autoComplete="given-name" />
        </Form.Item>
        <Form.Item name="last_name" label="Last name" style={{ flex: 1 }}>
          <Input autoComplete="family-name" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="password" label="Password" rules={[{ required: true, message: 'Choose a password.' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="repeat"
        label="Repeat the password"
        dependencies={['password']}
        rules={[
          { required: true, message: 'Type the password again.' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('The two passwords differ.')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={messages.join(' ')} />}
      <Button type="primary" htmlType="submit" block loading={saving}>
        Create account and join
      </Button>
    </Form>
  );
}

function AcceptAsSignedIn({ token }: { token: string }) {
  const [messages, setMessages] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accept = async () => {
    setMessages([]);
    setSaving(true);
    try {
      await ensureCsrfCookie();
      const joined = await unwrap(client.POST('/api/auth/invitations/accept/', { body: { token } }));
      setTenantId(joined.tenant.id);
      queryClient.removeQueries();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    } catch (error) {
      setMessages(error instanceof ApiError ? withoutTokenPrefix([error.message]) : [String(error)]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={messages.join(' ')} />}
      <Button type="primary" block loading={saving} onClick={() => void accept()}>
        Accept the invitation
      </Button>
    </>
  );
}

export default function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const me = useMe();
  const signOut = useSignOut();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => unwrap(client.POST('/api/auth/invitations/preview/', { body: { token } })),
    enabled: !!token,
    retry: false,
    meta: { handlesErrors: true },
  });
  const here = `/accept-invitation?token=${encodeURIComponent(token)}`;

  if (!token || preview.error) {
    const message = preview.error instanceof ApiError ? withoutTokenPrefix([preview.error.message])[0] : 'This link is incomplete.';
    return (
      <AuthCard subtitle="Invitation">
        <Result
          status="warning"
          title="This invitation cannot be used"
          subTitle={`${message} Ask the person who invited you to send it again.`}
          extra={<Link to="/sign-in">Go to sign in</Link>}
        />
      </AuthCard>
    );
  }
  if (preview.isPending || me.isPending) {
    return (
      <AuthCard subtitle="Invitation">
        <Skeleton active />
      </AuthCard>
    );
  }
  const invitation = preview.data;
  const signedIn = me.data ?? null;
  const sameAccount = !!signedIn && signedIn.user.email.trim().toLowerCase() === invitation.email;

  let action;
  if (!invitation.account_exists) {
    action = <RegisterForm token={token} email={invitation.email} />;
  } else if (sameAccount) {
    action = <AcceptAsSignedIn token={token} />;
  } else if (signedIn) {
    action = (
      <Alert
        type="warning"
        showIcon
        message={`You are signed in as ${signedIn.user.username}. This invitation is for ${invitation.email}.`}
        description="Sign out, then sign in with the account of that address to accept."
        action={
          <Button size="small" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            Sign out
          </Button>
        }
      />
    );
  } else {
    action = (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={`Sign in with your account (${invitation.email}) to accept.`} />
        <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>
          <Button type="primary" block>
            Sign in to accept
          </Button>
        </Link>
        <Link to="/forgot-password">Forgot your password?</Link>
      </Space>
    );
  }

  return (
    <AuthCard subtitle={`You are invited to join ${invitation.tenant_name}.`}>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'tenant', label: 'Brokerage', children: invitation.tenant_name },
          { key: 'role', label: 'Role', children: ROLE_LABELS[invitation.role as Role] ?? invitation.role },
          { key: 'by', label: 'Invited by', children: invitation.invited_by || '—' },
          { key: 'email', label: 'For', children: invitation.email },
          { key: 'expires', label: 'Link expires', children: formatDateTime(invitation.expires_at) },
        ]}
      />
      {action}
    </AuthCard>
  );
}
