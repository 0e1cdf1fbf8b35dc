/**
 * Invitations on the members page: invite an address with a role (the person accepts by e-mail), and the
 * pending ones with their e-mail's fate, resend and revoke. The API answers the same whether or not the
 * address already has an account, so this panel never says either.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { applyFieldErrors } from '@/api/errors';
import { deleteResource, listResource, postJson } from '@/api/resource';
import { ROLES, ROLE_LABELS } from '@/api/roles';
import type { components } from '@/api/schema.gen';
import type { Role } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { formatDateTime } from '@/components/resource/display';

export type Invitation = components['schemas']['Invitation'];

const PATH = '/api/v1/invitations/';
const KEY = ['invitations', 'pending'];
const DELIVERY: Record<string, { color: string; label: string }> = {
  queued: { color: 'blue', label: 'sending' },
  sent: { color: 'green', label: 'e-mail sent' },
  failed: { color: 'red', label: 'e-mail failed' },
};

function InviteForm() {
  const [form] = Form.useForm<{ email: string; role: Role }>();
  const [messages, setMessages] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const { role } = useSession();
  // Only an owner may invite an owner (the API says 403 otherwise); do not offer it.
  const roles = ROLES.filter((value) => value !== 'owner' || role === 'owner');
  const invite = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: { email: string; role: Role }) => postJson<Invitation>(PATH, values),
    onSuccess: async (created) => {
      notifySuccess(`Invitation sent to ${created.email}.`);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const submit = async (values: { email: string; role: Role }) => {
    setMessages([]);
    form.setFields([{ name: 'email', errors: [] }, { name: 'role', errors: [] }]);
    try {
      await invite.mutateAsync(values);
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['email', 'role']));
    }
  };
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ role: 'user' }}
      onFinish={(values) => void submit(values)}
      aria-label="Invite a member"
      noValidate
      style={{ rowGap: 8 }}
    >
      <Form.Item name="email" label="E-mail" rules={[{ required: true, message: 'Enter the address to invite.' }]}>
        <Input type="email" autoComplete="off" style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="role" label="Role" rules={[{ required: true }]}>
        <Select style={{ width: 140 }} options={roles.map((value) => ({ value, label: ROLE_LABELS[value] }))} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<MailOutlined />} loading={invite.isPending}>
          Send invitation
        </Button>
      </Form.Item>
      {messages.length > 0 && (
        <Alert type="error" showIcon role="alert" message={messages.join(' ')} style={{ width: '100%', marginTop: 8 }} />
      )}
    </Form>
  );
}

export function InvitationsPanel() {
  const { allows } = useSession();
  const queryClient = useQueryClient();
  const canInvite = allows({ api: 'invitation' }, 'create');
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => listResource<Invitation>(PATH, { status: 'pending', page_size: 100 }),
    enabled: allows({ api: 'invitation' }, 'list'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['invitations'] });
  const resend = useMutation({
    mutationFn: (row: Invitation) => postJson<Invitation>(`${PATH}${row.id}/resend/`, {}),
    onSuccess: async (row) => {
      notifySuccess(`A new link was sent to ${row.email}; the previous one no longer works.`);
      await refresh();
    },
    onError: (error) => notifyError(error, 'Could not resend'),
  });
  const revoke = useMutation({
    mutationFn: (row: Invitation) => deleteResource(PATH, row.id),
    onSuccess: async () => {
      notifySuccess('Invitation revoked; its link no longer works.');
      await refresh();
    },
    onError: (error) => notifyError(error, 'Could not revoke'),
  });
  if (!allows({ api: 'invitation' }, 'list')) return null;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>Invitations</Typography.Title>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          People join by accepting an e-mailed invitation: with their existing account after signing in, or by
          choosing a password. Links expire after a week and work once.
        </Typography.Paragraph>
        {canInvite && <InviteForm />}
        <Table<Invitation>
          rowKey="id"
          size="small"
          aria-label="Pending invitations"
          loading={list.isLoading}
          dataSource={list.data?.results ?? []}
          pagination={false}
          // Secondary text, not the table's pale placeholder colour (below WCAG AA contrast).
          locale={{ emptyText: <Typography.Text type="secondary">No pending invitations.</Typography.Text> }}
          columns={[
            { title: 'E-mail', dataIndex: 'email' },
            { title: 'Role', dataIndex: 'role', render: (value: Role) => ROLE_LABELS[value] },
            { title: 'Invited by', dataIndex: 'invited_by', render: (value: string | null) => value ?? '—' },
            {
              title: 'Status',
              key: 'status',
              render: (_, row) => (
                <Space size={4} wrap>
                  {row.expired ? <Tag color="orange">expired</Tag> : <Tag>pending</Tag>}
                  {row.delivery_status && DELIVERY[row.delivery_status] && (
                    <Tag color={DELIVERY[row.delivery_status]!.color}>{DELIVERY[row.delivery_status]!.label}</Tag>
                  )}
                </Space>
              ),
            },
            { title: 'Expires', dataIndex: 'expires_at', render: (value: string) => formatDateTime(value) },
            {
              title: 'Actions',
              key: 'actions',
              render: (_, row) => (
                <Space>
                  {allows({ api: 'invitation' }, 'resend') && (
                    <Button size="small" onClick={() => resend.mutate(row)} aria-label={`Resend to ${row.email}`}>
                      Resend
                    </Button>
                  )}
                  {allows({ api: 'invitation' }, 'delete') && (
                    <Popconfirm title={`Revoke the invitation to ${row.email}?`} okText="Revoke" onConfirm={() => revoke.mutate(row)}>
                      <Button size="small" danger aria-label={`Revoke invitation to ${row.email}`}>
                        Revoke
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
