/** Brokerage settings (owners): the tenant's name, its AI provider (`settings.ai_provider`), the reporting currency
 * and what every PDF prints about the brokerage (address, phone, remit-to, footer). */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Flex, Form, Image, Input, Popconfirm, Radio, Select, Skeleton, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { client, unwrap } from '@/api/client';
import { ApiError, applyFieldErrors } from '@/api/errors';
import { postMultipart } from '@/api/resource';
import { notifySuccess } from '@/app/notify';
import { ME_KEY, useSession } from '@/app/session';

export type AiProvider = 'offline' | 'openai';

/** Tenant settings the form edits as text; sent only when filled in or already set (the rest stays as it was). */
const TEXT_SETTINGS = ['company_address', 'company_phone', 'remit_to', 'document_footer', 'base_currency'] as const;
type TextSetting = (typeof TEXT_SETTINGS)[number];

type BrokerageValues = { name: string; ai_provider: AiProvider } & Partial<Record<TextSetting, string>>;

function asSettings(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function textSettings(values: BrokerageValues, stored: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of TEXT_SETTINGS) {
    const value = (values[key] ?? '').trim();
    if (key === 'base_currency' && !value) continue; // cleared: the default (see below)
    if (value || key in stored) out[key] = value;
  }
  return out;
}

function mergedSettings(values: BrokerageValues, stored: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...textSettings(values, stored), ai_provider: values.ai_provider };
  if (!values.base_currency) delete merged.base_currency;
  return merged;
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
    const stored = asSettings(current.data.settings);
    const text = Object.fromEntries(TEXT_SETTINGS.map((key) => [key, typeof stored[key] === 'string' ? stored[key] : undefined]));
    form.setFieldsValue({ name: current.data.name, ai_provider: provider === 'openai' ? 'openai' : 'offline', ...text });
  }, [current.data, form]);

  const save = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: BrokerageValues) =>
      unwrap(
        client.PATCH('/api/v1/tenants/{id}/', {
          params: { path: { id } },
          // The other settings (AI caps …) go back unchanged alongside the provider.
          body: { name: values.name, settings: mergedSettings(values, settings) },
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
      <Form.Item name="base_currency" label="Reporting currency" help="The dashboard's figures are in it; other currencies are shown apart, never added in.">
        <Select
          allowClear
          placeholder="USD (default)"
          options={[
            { value: 'USD', label: 'USD · US dollar' },
            { value: 'CAD', label: 'CAD · Canadian dollar' },
            { value: 'MXN', label: 'MXN · Mexican peso' },
          ]}
        />
      </Form.Item>
      <Divider titlePlacement="start">On every PDF</Divider>
      {current.data && <LogoSetting id={id} logoUrl={current.data.logo_url ?? null} />}
      <Form.Item name="company_address" label="Address" help="One line per row, under the brokerage's name.">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
      </Form.Item>
      <Form.Item name="company_phone" label="Phone">
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="remit_to" label="Remit to" help="Printed on invoices and statements.">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
      </Form.Item>
      <Form.Item name="document_footer" label="Footer" help="One line at the bottom of every page (licence numbers, terms).">
        <Input maxLength={200} />
      </Form.Item>
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={messages.join(' ')} />}
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
        Save
      </Button>
    </Form>
  );
}

/** The logo printed at the top right of every PDF: shown as it is now, replaced by an upload (PNG or JPEG, at most
 * 1 MB, 16–4000 px a side: the server checks the file itself and says what is wrong), or removed. */
function LogoSetting({ id, logoUrl }: { id: number; logoUrl: string | null }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (saved: unknown, message: string) => {
    queryClient.setQueryData(tenantQueryKey(id), saved);
    setProblem(null);
    notifySuccess(message);
  };
  const fail = (error: unknown) =>
    setProblem(error instanceof ApiError ? (error.fieldErrors.logo?.join(' ') ?? error.message) : String(error));

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('logo', file);
      done(await postMultipart(`/api/v1/tenants/${id}/logo/`, form), 'Logo saved: every PDF prints it.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await unwrap(client.DELETE('/api/v1/tenants/{id}/logo/', { params: { path: { id } } }));
      const fresh = await unwrap(client.GET('/api/v1/tenants/{id}/', { params: { path: { id } } }));
      done(fresh, 'Logo removed.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form.Item label="Logo" help="PNG or JPEG, at most 1 MB, 16 to 4000 pixels a side; printed at the top right of every PDF.">
      <Flex align="center" gap={16} wrap data-testid="logo-setting">
        {logoUrl ? (
          <Image src={logoUrl} alt="Current logo" height={48} preview={false} style={{ objectFit: 'contain', maxWidth: 160 }} />
        ) : (
          <Typography.Text type="secondary">No logo yet.</Typography.Text>
        )}
        <Upload
          accept="image/png,image/jpeg"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {logoUrl ? 'Replace logo' : 'Upload logo'}
          </Button>
        </Upload>
        {logoUrl && (
          <Popconfirm title="Remove the logo from every PDF?" okText="Remove" okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
            <Button danger icon={<DeleteOutlined />} disabled={busy}>
              Remove logo
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={problem} data-testid="logo-error" />}
    </Form.Item>
  );
}
