/** Settings: profile, password change, (admins) members and roles and AI usage, (owners) the brokerage. */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Tabs, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { client, unwrap } from '@/api/client';
import { applyFieldErrors } from '@/api/errors';
import { ROLE_LABELS } from '@/api/roles';
import { notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { ResourceTable } from '@/components/resource/ResourceTable';
import { members } from '@/features/members/resource';
import { AiUsage } from './AiUsage';
import { BrokerageSettings } from './BrokerageSettings';

function Profile() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <Descriptions bordered column={1} size="small" style={{ maxWidth: 640 }}>
      <Descriptions.Item label="Username">{me.user.username}</Descriptions.Item>
      <Descriptions.Item label="E-mail">{me.user.email || '—'}</Descriptions.Item>
      <Descriptions.Item label="Name">{[me.user.first_name, me.user.last_name].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
      <Descriptions.Item label="Brokerages">
        {me.tenants.map((tenant) => (
          <Tag key={tenant.id}>
            {tenant.name} · {ROLE_LABELS[tenant.role]}
          </Tag>
        ))}
      </Descriptions.Item>
    </Descriptions>
  );
}

interface PasswordValues {
  old_password: string;
  new_password: string;
  confirm: string;
}

function PasswordChange() {
  const [form] = Form.useForm<PasswordValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const change = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: PasswordValues) =>
      unwrap(client.POST('/api/auth/password/change/', { body: { old_password: values.old_password, new_password: values.new_password } })),
  });
  const submit = async (values: PasswordValues) => {
    setMessages([]);
    try {
      const result = await change.mutateAsync(values);
      notifySuccess(result.detail);
      form.resetFields();
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['old_password', 'new_password']));
    }
  };
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={(values) => void submit(values)} aria-label="Change password">
      <Form.Item name="old_password" label="Current password" rules={[{ required: true, message: 'Enter your current password.' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="new_password" label="New password" rules={[{ required: true, message: 'Choose a new password.' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="Repeat the new password"
        dependencies={['new_password']}
        rules={[
          { required: true, message: 'Repeat the new password.' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('new_password') === value ? Promise.resolve() : Promise.reject(new Error('The two passwords differ.')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={messages.join(' ')} />}
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        Change password
      </Button>
    </Form>
  );
}

export default function SettingsPage() {
  const { can, allows } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = [
    { key: 'profile', label: 'Profile', children: <Profile /> },
    { key: 'password', label: 'Password', children: <PasswordChange /> },
    ...(allows(members, 'list')
      ? [{ key: 'members', label: 'Members and roles', children: <ResourceTable resource={members} prefix="m." showTitle={false} /> }]
      : []),
    ...(can('owner') ? [{ key: 'brokerage', label: 'Brokerage', children: <BrokerageSettings /> }] : []),
    ...(can('admin') ? [{ key: 'ai-usage', label: 'AI usage', children: <AiUsage /> }] : []),
  ];
  return (
    <Card title="Settings">
      <Tabs
        activeKey={params.get('tab') ?? 'profile'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={tabs}
      />
    </Card>
  );
}
