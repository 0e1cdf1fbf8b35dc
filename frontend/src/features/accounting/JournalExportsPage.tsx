/** /journal-exports: export the journal entries not yet exported up to a day (managers and up), the export log,
 * and each batch's files again: CSV (one row per journal line) and QuickBooks Desktop IIF (one file per currency). */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Space, Table, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { client, unwrap } from '@/api/client';
import { errorFromResponse } from '@/api/errors';
import type { ApiError } from '@/api/errors';
import { apiFetch, apiRequest } from '@/api/http';
import { saveBlob } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { formatMoneyIn } from '@/components/orders/money';

type Batch = Schemas['ExportBatch'];
type Range = { to_date: string; from_date?: string };

async function download(batch: Batch, kind: 'csv' | 'iif', currency?: string) {
  const query = currency ? `?currency=${currency}` : '';
  const response = await apiFetch(apiRequest(`/api/v1/journal-exports/${batch.id}/${kind}/${query}`));
  if (!response.ok) throw await errorFromResponse(response);
  saveBlob(await response.blob(), `journal-${batch.number}${currency ? `-${currency}` : ''}.${kind}`);
}

function Files({ batch }: { batch: Batch }) {
  const run = (kind: 'csv' | 'iif', currency?: string) => () => void download(batch, kind, currency).catch(notifyError);
  return (
    <Space wrap size={4}>
      <Button size="small" icon={<DownloadOutlined />} onClick={run('csv')} aria-label={`CSV of ${batch.number}`}>
        CSV
      </Button>
      {batch.currencies.map((currency) => (
        <Button key={currency} size="small" icon={<DownloadOutlined />} onClick={run('iif', currency)} aria-label={`IIF ${currency} of ${batch.number}`}>
          IIF {currency}
        </Button>
      ))}
    </Space>
  );
}

export default function JournalExportsPage() {
  const { allows, today } = useSession();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<Range>();
  const [nothingNew, setNothingNew] = useState<string | null>(null);
  const canExport = allows({ api: 'journal-export' }, 'create');
  const batches = useQuery({
    queryKey: ['journal-exports', page],
    queryFn: () => unwrap(client.GET('/api/v1/journal-exports/', { params: { query: { page } } })),
  });
  const create = useMutation<Batch, ApiError, Range>({
    mutationFn: (range) =>
      unwrap(client.POST('/api/v1/journal-exports/', { body: { to_date: range.to_date, from_date: range.from_date || null } })),
    onSuccess: (batch) => {
      setNothingNew(null);
      notifySuccess(`${batch.number}: ${batch.entry_count} entries exported.`);
      void queryClient.invalidateQueries({ queryKey: ['journal-exports'] });
      void queryClient.invalidateQueries({ queryKey: ['list', '/api/v1/journal-entries/'] });
    },
    onError: (error) => {
      if (error.status === 409) setNothingNew(error.message);
      else notifyError(error);
    },
  });
  const fieldError = (name: string) => {
    const body = (create.error?.body ?? {}) as Record<string, unknown>;
    const value = body[name];
    return value ? (Array.isArray(value) ? value.join(' ') : String(value)) : undefined;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        Journal exports
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Each export takes the <Link to="/journal-entries?exported=false" style={{ textDecoration: 'underline' }}>journal entries not exported yet</Link> up to a day; nothing is exported
        twice. Download a batch again at any time.
      </Typography.Paragraph>
      {canExport && (
        <Card size="small" title="New export">
          <Form<Range> form={form} layout="inline" initialValues={{ to_date: today().format('YYYY-MM-DD') }} onFinish={(range) => create.mutate(range)}>
            <Form.Item label="From (optional)" name="from_date" validateStatus={fieldError('from_date') ? 'error' : undefined} help={fieldError('from_date')}>
              <Input type="date" aria-label="From" />
            </Form.Item>
            <Form.Item label="Up to" name="to_date" rules={[{ required: true, message: 'The last day to export.' }]} validateStatus={fieldError('to_date') ? 'error' : undefined} help={fieldError('to_date')}>
              <Input type="date" aria-label="Up to" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={create.isPending}>
                Export
              </Button>
            </Form.Item>
          </Form>
          {nothingNew && <Alert style={{ marginTop: 12 }} type="info" showIcon message="Nothing new to export" description={nothingNew} data-testid="nothing-new" />}
        </Card>
      )}
      <Table<Batch>
        rowKey="id"
        loading={batches.isFetching}
        dataSource={batches.data?.results ?? []}
        locale={{ emptyText: <Empty description="No export yet." /> }}
        pagination={{ current: page, pageSize: 50, total: batches.data?.count ?? 0, onChange: setPage }}
        columns={[
          { key: 'number', title: 'Batch', dataIndex: 'number' },
          { key: 'range', title: 'Entries dated', render: (_, batch) => `${batch.from_date ?? '…'} – ${batch.to_date}` },
          { key: 'entries', title: 'Entries', dataIndex: 'entry_count', align: 'right' },
          {
            key: 'totals',
            title: 'Total (per currency)',
            render: (_, batch) => batch.currencies.map((currency) => formatMoneyIn((batch.totals as Record<string, string>)[currency], currency)).join(' · '),
          },
          { key: 'by', title: 'By', render: (_, batch) => batch.created_by_name ?? '—' },
          { key: 'at', title: 'Created', render: (_, batch) => new Date(batch.created_at).toLocaleString() },
          { key: 'files', title: 'Files', render: (_, batch) => <Files batch={batch} /> },
        ]}
      />
    </Space>
  );
}
