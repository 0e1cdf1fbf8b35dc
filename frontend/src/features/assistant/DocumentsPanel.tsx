/** Drag-and-drop upload with upload and processing progress (the status is polled), and the documents list. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { getResource, listResource } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { StatusTag } from '@/components/orders/StatusTag';
import { DOCUMENTS_PATH, uploadDocument } from './upload';
import { formatDateTime } from '@/components/resource/display';
import { useSession } from '@/app/session';

type Doc = Schemas['Document'];
type DocRow = Schemas['DocumentList'];

const BUSY = new Set(['uploaded', 'processing']);

/** One upload in flight or just done: its upload percentage, then the server's processing progress. */
function UploadProgress({ name, percent, documentId, error }: { name: string; percent: number; documentId?: number; error?: string }) {
  const navigate = useNavigate();
  const document = useQuery<Doc>({
    queryKey: ['detail', DOCUMENTS_PATH, String(documentId)],
    queryFn: () => getResource<Doc>(DOCUMENTS_PATH, documentId ?? 0),
    enabled: documentId !== undefined,
    refetchInterval: (query) => (query.state.data && !BUSY.has(query.state.data.status) ? false : 1000),
  });
  const doc = document.data;
  return (
    <div data-testid="upload-progress" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{name}</Typography.Text>
        {doc && <StatusTag status={doc.status} enumName="DocumentStatusEnum" />}
      </Flex>
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />
      ) : (
        <>
          <Typography.Text type="secondary">Upload</Typography.Text>
          <Progress percent={percent} size="small" />
          <Typography.Text type="secondary">Reading the document</Typography.Text>
          <Progress
            percent={doc ? (BUSY.has(doc.status) ? doc.progress : 100) : 0}
            status={doc?.status === 'failed' ? 'exception' : doc && BUSY.has(doc.status) ? 'active' : undefined}
            size="small"
          />
          {doc?.duplicate && <Typography.Text type="warning">This file was uploaded before; showing the earlier document.</Typography.Text>}
          {doc?.status === 'failed' && <Alert type="error" showIcon message={doc.failure_reason || 'Processing failed.'} />}
          {doc?.status === 'extracted' && (
            <Button type="primary" style={{ marginTop: 8 }} onClick={() => navigate(`/assistant/documents/${doc.id}`)}>
              Review
            </Button>
          )}
          {doc && (doc.status === 'confirmed' || doc.status === 'discarded') && <Link to={`/assistant/documents/${doc.id}`}>Open</Link>}
        </>
      )}
    </div>
  );
}

interface InFlight {
  key: string;
  name: string;
  percent: number;
  documentId?: number;
  error?: string;
}

export function DocumentsPanel() {
  const queryClient = useQueryClient();
  const { can } = useSession();
  const canUpload = can('user');
  const [uploads, setUploads] = useState<InFlight[]>([]);
  const [page, setPage] = useState(1);
  const documents = useQuery({
    queryKey: ['list', DOCUMENTS_PATH, { page }],
    queryFn: () => listResource<DocRow>(DOCUMENTS_PATH, { page, page_size: 20 }),
    refetchInterval: (query) => (query.state.data?.results.some((row) => BUSY.has(row.status)) ? 2000 : false),
  });

  const patch = (key: string, changes: Partial<InFlight>) => setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...changes } : item)));

  const start = (file: File) => {
    const key = `${file.name}-${Date.now()}`;
    setUploads((list) => [{ key, name: file.name, percent: 0 }, ...list]);
    uploadDocument(file, (percent) => patch(key, { percent }))
      .then((doc) => {
        patch(key, { percent: 100, documentId: doc.id });
        void queryClient.invalidateQueries({ queryKey: ['list', DOCUMENTS_PATH] });
      })
      .catch((error: unknown) => patch(key, { error: error instanceof Error ? error.message : String(error) }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {!canUpload && <Alert type="info" showIcon message="Read-only access: you can open the documents and their extractions; uploading needs the User role." />}
      {canUpload && (
      <Upload.Dragger
        multiple
        accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.heic,application/pdf,image/*"
        showUploadList={false}
        beforeUpload={(file) => {
          start(file);
          return false;
        }}
        aria-label="Upload documents"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Drop purchase orders, confirmations, invoices or BOLs here, or click to choose</p>
        <p className="ant-upload-hint">PDF, PNG, JPEG, TIFF or HEIC. The assistant drafts the order; you review and confirm it.</p>
      </Upload.Dragger>
      )}
      {uploads.length > 0 && (
        <Flex vertical gap={8}>
          {uploads.map((item) => (
            <UploadProgress key={item.key} name={item.name} percent={item.percent} documentId={item.documentId} error={item.error} />
          ))}
        </Flex>
      )}
      <Table<DocRow>
        rowKey="id"
        size="middle"
        loading={documents.isFetching && !documents.data}
        dataSource={documents.data?.results ?? []}
        locale={{ emptyText: canUpload ? 'No documents yet: drop one above.' : 'No documents yet.' }}
        pagination={{ current: page, pageSize: 20, total: documents.data?.count ?? 0, onChange: setPage }}
        columns={[
          { key: 'name', title: 'File', render: (_, row) => <Link to={`/assistant/documents/${row.id}`}>{row.original_name}</Link> },
          { key: 'status', title: 'Status', render: (_, row) => (BUSY.has(row.status) ? <Progress percent={row.progress} size="small" style={{ width: 120 }} /> : <StatusTag status={row.status} enumName="DocumentStatusEnum" />) },
          { key: 'type', title: 'Type', render: (_, row) => row.document_type?.replace(/_/g, ' ') || '—' },
          { key: 'pages', title: 'Pages', dataIndex: 'pages' },
          { key: 'warnings', title: 'Warnings', render: (_, row) => (Array.isArray(row.warnings) ? row.warnings.length : 0) },
          { key: 'created', title: 'Uploaded', render: (_, row) => formatDateTime(row.created_at) },
        ]}
      />
    </Space>
  );
}
