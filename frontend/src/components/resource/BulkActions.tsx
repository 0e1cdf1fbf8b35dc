/**
 * What a list does with its selected rows (#16 item 4): export exactly those rows (the CSV export with `?id=`),
 * print their PDFs as one file (`<path>pdfs/?id=`), e-mail each one's PDF (its `send` action) and archive them
 * (`is_active: false`). Sending and archiving go row by row through the API's own actions, so every refusal is the
 * API's (wrong state, no e-mail address, role): the results list which rows succeeded and why the others did not.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { CloseOutlined, DownloadOutlined, InboxOutlined, MailOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError } from '@/api/errors';
import { detailPath, downloadCsv, downloadMergedPdf, postJson, updateResource } from '@/api/resource';
import { notifyError } from '@/app/notify';
import { useSession } from '@/app/session';
import type { AnyResource, Row } from './types';

export interface BulkResult {
  id: string;
  label: string;
  ok: boolean;
  message: string;
}

interface SendAnswer {
  sent_to?: string[];
  delivery?: { status?: string; error?: string };
}

function sentMessage(answer: SendAnswer | undefined): { ok: boolean; message: string } {
  const status = answer?.delivery?.status;
  const to = (answer?.sent_to ?? []).join(', ');
  if (status === 'failed') return { ok: false, message: `Not delivered: ${answer?.delivery?.error || 'the mail server refused it'}` };
  return { ok: true, message: status === 'queued' ? `Queued for ${to}` : `Sent to ${to}` };
}

/** One call per row, in order; a refusal is kept with the API's reason and the next row goes on. */
async function eachRow(rows: Row[], label: (row: Row) => string, call: (row: Row) => Promise<{ ok: boolean; message: string }>) {
  const results: BulkResult[] = [];
  for (const row of rows) {
    try {
      results.push({ id: String(row.id), label: label(row), ...(await call(row)) });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
      results.push({ id: String(row.id), label: label(row), ok: false, message });
    }
  }
  return results;
}

export function BulkActions({
  resource,
  selected,
  ordering,
  onClear,
  listKey,
}: {
  resource: AnyResource;
  selected: Row[];
  ordering: string | undefined;
  onClear: () => void;
  /** The list's query key, refetched after rows were sent or archived. */
  listKey: readonly unknown[];
}) {
  const { allows } = useSession();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<{ title: string; results: BulkResult[] } | null>(null);
  const count = selected.length;
  const noun = count === 1 ? resource.singular.toLowerCase() : resource.title.toLowerCase();
  const ids = selected.map((row) => String(row.id)).join(',');
  const canExport = !!resource.csv && allows(resource, 'export');
  const canPrint = allows(resource, 'pdfs');
  const canSend = allows(resource, 'send');
  const canArchive = !!resource.archivable && allows(resource, 'update');

  const run = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    try {
      await work();
    } catch (error) {
      notifyError(error, `${name} failed`);
    } finally {
      setBusy(null);
    }
  };

  const perRow = (name: string, call: (row: Row) => Promise<{ ok: boolean; message: string }>) =>
    run(name, async () => {
      const results = await eachRow(selected, resource.rowLabel, call);
      setReport({ title: `${name}: ${results.filter((r) => r.ok).length} of ${results.length} done`, results });
      void queryClient.invalidateQueries({ queryKey: listKey });
    });

  return (
    <Flex
      className="bulk-actions"
      data-testid="bulk-actions"
      wrap
      align="center"
      gap={8}
      style={{ marginBottom: 12, padding: '8px 12px', background: 'var(--ant-color-primary-bg, #e6f4ff)', borderRadius: 6 }}
    >
      <Typography.Text strong data-testid="selected-count">
        {count} {noun} selected
      </Typography.Text>
      <Space wrap>
        {canExport && (
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'Export'}
            onClick={() => void run('Export', () => downloadCsv(resource.path, { id: ids, ordering }, `${resource.key}-selected.csv`))}
          >
            Export selected
          </Button>
        )}
        {canPrint && (
          <Button
            icon={<PrinterOutlined />}
            loading={busy === 'Print'}
            onClick={() => void run('Print', () => downloadMergedPdf(resource.path, { id: ids, ordering }, `${resource.key}-${count}.pdf`))}
          >
            Print PDFs
          </Button>
        )}
        {canSend && (
          <Popconfirm
            title={`E-mail ${count} ${noun}?`}
            description="Each goes to its own contact on file."
            okText="Send"
            onConfirm={() =>
              perRow('Send', async (row) => sentMessage(await postJson<SendAnswer>(`${detailPath(resource.path, String(row.id))}send/`, {})))
            }
          >
            <Button icon={<MailOutlined />} loading={busy === 'Send'}>
              Send
            </Button>
          </Popconfirm>
        )}
        {canArchive && (
          <Popconfirm
            title={`Archive ${count} ${noun}?`}
            description="They stay on record but leave the pickers."
            okText="Archive"
            onConfirm={() =>
              perRow('Archive', async (row) => {
                await updateResource(resource.path, String(row.id), { is_active: false });
                return { ok: true, message: 'Archived' };
              })
            }
          >
            <Button icon={<InboxOutlined />} loading={busy === 'Archive'}>
              Archive
            </Button>
          </Popconfirm>
        )}
        <Button type="text" icon={<CloseOutlined />} onClick={onClear}>
          Clear selection
        </Button>
      </Space>
      <Modal
        open={report !== null}
        title={report?.title}
        onCancel={() => setReport(null)}
        footer={<Button onClick={() => setReport(null)}>Close</Button>}
      >
        <List
          data-testid="bulk-results"
          dataSource={report?.results ?? []}
          renderItem={(result) => (
            <List.Item data-testid={`bulk-result-${result.id}`}>
              <Flex vertical gap={2}>
                <Space>
                  <Tag color={result.ok ? 'success' : 'error'}>{result.ok ? 'Done' : 'Refused'}</Tag>
                  <Typography.Text strong>{result.label}</Typography.Text>
                </Space>
                <Typography.Text type={result.ok ? 'secondary' : 'danger'}>{result.message}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Modal>
    </Flex>
  );
}
