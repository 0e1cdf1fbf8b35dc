/** Brokerage settings (owners): the tenant's name and its AI provider (`settings.ai_provider`). */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Skeleton } from 'antd';
import { client, unwrap } from '@/api/client';
import { applyFieldErrors } from '@/api/errors';
import { notifySuccess } from '@/app/notify';
import { ME_KEY, useSession } from '@/app/session';

export type AiProvider = 'offline' | 'openai';

interface BrokerageValues {
  name: string;
  ai_provider: AiProvider;
}

function asSettings(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function tenantQueryKey(id: number) {
  return ['tenant', id] as const;
}

export function BrokerageSettings() {
  const { tenant } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BrokerageValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const id = tenant?.id ?? 0;

  const current = useQuery({
    queryKey: tenantQueryKey(id),
    queryFn: () => unwrap(client.GET('/api/v1/tenants/{id}/', { params: { path: { id } } })),
    enabled: id > 0,
  });

  const settings = asSettings(current.data?.settings);
  useEffect(() => {
    if (!current.data) return;
    const provider = asSettings(current.data.settings).ai_provider;
    form.setFieldsValue({ name: current.data.name, ai_provider: provider === 'openai' ? 'openai' : 'offline' });
  }, [current.data, form]);

  const save = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: BrokerageValues) =>
      unwrap(
        client.PATCH('/api/v1/tenants/{id}/', {
          params: { path: { id } },
          // The other settings (AI caps …) go back unchanged alongside the provider.
          body: { name: values.name, settings: { ...settings, ai_provider: values.ai_provider } },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(tenantQueryKey(id), saved);
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      notifySuccess('Brokerage settings saved.');
    },
  });

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <Alert type="error" showIcon title="Could not load the brokerage" description={current.error.message} />;

  const submit = async (values: BrokerageValues) => {
    setMessages([]);
    try {
      await save.mutateAsync(values);
    } catch (error) {
      setMessages(applyFieldErrors(error, form, ['name']));
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={(values) => void submit(values)} aria-label="Brokerage settings">
      <Form.Item name="name" label="Brokerage name" rules={[{ required: true, message: 'Enter the brokerage name.' }]}>
        <Input maxLength={255} />
      </Form.Item>
      <Form.Item
        name="ai_provider"
        label="AI assistant provider"
        help="Offline works without any external service; OpenAI needs the server's OPENAI_API_KEY and sends the text to the model."
      >
        <Radio.Group
          options={[
            { value: 'offline', label: 'Offline (rules, no external calls)' },
            { value: 'openai', label: 'OpenAI-compatible model' },
          ]}
        />
      </Form.Item>
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={messages.join(' ')} />}
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
        Save
      </Button>
    </Form>
  );
}
