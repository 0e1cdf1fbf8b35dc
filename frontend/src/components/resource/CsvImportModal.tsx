/**
 * CSV import for a list: pick a file, check it with a dry run (`?dry_run=1`, nothing written), read the
 * row-by-row report, then import for real. The API writes all rows or none. A large file runs as a job on
 * the server: the dialog shows its progress (rows done / total) until the report is in.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { importCsv } from '@/api/resource';
import type { CsvImportReport, CsvJob } from '@/api/resource';
import type { AnyResource } from './types';

export interface CsvImportModalProps {
  resource: AnyResource;
  open: boolean;
  onClose: () => void;
  /** Called after a committed import (the list refreshes). */
  onImported: (report: CsvImportReport) => void;
  /** Milliseconds between two polls of a background import job. */
  pollMs?: number;
}

type ImportError = CsvImportReport['errors'][number];

function summary(report: CsvImportReport): string {
  const rows = `${report.total_rows} ${report.total_rows === 1 ? 'row' : 'rows'}`;
  return `${rows} OK: ${report.created} new, ${report.updated} updated`;
}

const PHASES: Record<string, string> = { validating: 'Checking rows', writing: 'Saving rows' };

function JobProgress({ job }: { job: CsvJob }) {
  const percent = job.total_rows ? Math.floor((100 * job.rows_done) / job.total_rows) : 0;
  const label = job.status === 'queued' ? 'Waiting for the server' : (PHASES[job.phase] ?? 'Importing');
  return (
    <div role="status" aria-label="Import progress">
      <Typography.Text>{`${label}: ${job.rows_done.toLocaleString()} of ${job.total_rows.toLocaleString()} rows`}</Typography.Text>
      <Progress percent={percent} status="active" />
    </div>
  );
}

function ReportView({ report }: { report: CsvImportReport }) {
  if (report.errors.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={summary(report)}
        description={report.dry_run ? 'Nothing has been written yet: press Import to save these rows.' : undefined}
      />
    );
  }
  return (
    <Flex vertical gap={8}>
      <Alert
        type="error"
        showIcon
        title={`${report.errors.length} ${report.errors.length === 1 ? 'problem' : 'problems'} in ${report.total_rows} ${report.total_rows === 1 ? 'row' : 'rows'}; nothing was imported.`}
        description="Fix the file and check it again."
      />
      <Table<ImportError & { key: number }>
        aria-label="Import problems"
        size="small"
        pagination={report.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={report.errors.map((error, index) => ({ ...error, key: index }))}
        columns={[
          { key: 'row', title: 'Row', dataIndex: 'row', width: 72 },
          { key: 'field', title: 'Field', dataIndex: 'field', width: 160, render: (field: string) => field || '—' },
          { key: 'error', title: 'Error', dataIndex: 'error' },
        ]}
      />
    </Flex>
  );
}

export function CsvImportModal({ resource, open, onClose, onImported, pollMs = 1000 }: CsvImportModalProps) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [job, setJob] = useState<CsvJob | null>(null);

  const check = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (picked: File) => importCsv(resource.path, picked, { dryRun: true, onProgress: setJob, pollMs }),
    onSuccess: setReport,
    onSettled: () => setJob(null),
  });
  const commit = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (picked: File) => importCsv(resource.path, picked, { dryRun: false, onProgress: setJob, pollMs }),
    onSettled: () => setJob(null),
    onSuccess: (result) => {
      setReport(result);
      if (result.errors.length === 0) {
        onImported(result);
        close();
      }
    },
  });

  const resetResults = () => {
    setReport(null);
    check.reset();
    commit.reset();
  };

  function close() {
    setFile(null);
    resetResults();
    onClose();
  }

  const cleanDryRun = !!file && !!report && report.dry_run && report.errors.length === 0;
  const failure = check.error ?? commit.error;

  return (
    <Modal
      title={`Import ${resource.title.toLowerCase()} from CSV`}
      open={open}
      onCancel={close}
      destroyOnHidden
      width={720}
      footer={[
        <Button key="cancel" onClick={close}>
          Cancel
        </Button>,
        <Button key="check" disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)}>
          Check (dry run)
        </Button>,
        <Button key="import" type="primary" disabled={!cleanDryRun || check.isPending} loading={commit.isPending} onClick={() => file && commit.mutate(file)}>
          Import
        </Button>,
      ]}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          Use the columns of the CSV export. Rows whose code already exists are updated, the others are created. All rows
          are imported or none.
        </Typography.Paragraph>
        <Upload
          accept=".csv,text/csv"
          maxCount={1}
          fileList={
            file ? [{ uid: 'csv', name: file.name, status: 'done' as const }] : []
          }
          beforeUpload={(picked) => {
            setFile(picked);
            resetResults();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            resetResults();
          }}
        >
          <Button icon={<UploadOutlined />}>Choose CSV file</Button>
        </Upload>
        {failure && <Alert type="error" showIcon role="alert" title="The file could not be imported" description={failure.message} />}
        {job && <JobProgress job={job} />}
        {report && <ReportView report={report} />}
      </Flex>
    </Modal>
  );
}
