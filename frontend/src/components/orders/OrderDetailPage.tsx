/**
 * The detail page of an order document (purchase order, sales order, load, invoice): header from the resource
 * config, amounts, the line-item editor, workflow buttons for the allowed transitions, PDF and e-mail, timeline.
 * What differs per document comes in through `OrderPageConfig`.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Flex, Result, Row as GridRow, Skeleton, Space, Statistic, Typography } from 'antd';
import { EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { staleWrite, versionOf, type StaleWrite } from '@/api/concurrency';
import { ApiError } from '@/api/errors';
import type { EnumName } from '@/api/enums';
import { getResource, updateResource } from '@/api/resource';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { ConflictNotice } from '@/components/resource/ResourceForm';
import { detailQueryKey } from '@/components/resource/ResourcePages';
import { listQueryKey } from '@/components/resource/ResourceTable';
import { renderCell } from '@/components/resource/display';
import type { AnyResource, Row } from '@/components/resource/types';
import { LineItemEditor } from './LineItemEditor';
import { StatusTag } from './StatusTag';
import { OrderTimeline, timelineKey } from './Timeline';
import { RecordActivity, activityKey } from '@/components/activity/RecordActivity';
import { commentTarget } from '@/components/activity/activity';
import { WorkflowButtons, allowedActionsOf, editableFieldsOf } from './WorkflowButtons';
import type { AllowedAction, OrderKind } from './WorkflowButtons';
import { openPdf } from './download';
import { liveLineTotal, lineErrors, toEditorLine, toLinesPayload } from './lines';
import { formatCurrency, sumCents } from './money';
import { useUnsavedGuard } from '@/app/useUnsavedGuard';
import type { EditorLine, SavedLineFigures } from './lines';

export interface Amount {
  label: string;
  value: ReactNode;
  testId?: string;
}

export interface OrderPageConfig {
  kind: OrderKind;
  resource: AnyResource;
  statusEnum: EnumName;
  /** Lines: editable (purchase and sales orders) or shown read-only (invoices); none for loads. */
  lines?: 'editable' | 'readonly';
  showMargin?: boolean;
  productRequired?: boolean;
  amounts: (row: Row) => Amount[];
  /** Cards and buttons only this document has (a load's stops, an invoice's payments …). */
  extra?: (row: Row, refresh: () => void) => ReactNode;
  actions?: (row: Row) => ReactNode;
  /** Where a workflow action's result leads (creating an invoice opens the invoice). */
  afterAction?: (action: AllowedAction, result: Row, navigate: (to: string) => void) => boolean;
  documentName: string;
  /** The record has a PDF (`{id}/pdf/`); default true. Bills and payments out have none. */
  pdf?: boolean;
  /** Who `send` e-mails the document to (for the dialog's title), e.g. "supplier". */
  recipient?: string;
  /** Narrows the product picker of the lines (a purchase order's supplier's products). */
  productQuery?: (row: Row) => Record<string, string | number | boolean> | undefined;
}

export function OrderDetailPage({ config }: { config: OrderPageConfig }) {
  const { resource } = config;
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Unsaved line edits: workflow steps wait (they would act on the saved lines, not the ones on screen).
  const [linesDirty, setLinesDirty] = useState(false);
  const target = commentTarget(resource.path, id);
  const record = useQuery<Row, ApiError>({
    queryKey: detailQueryKey(resource, id),
    queryFn: () => getResource<Row>(resource.path, id),
  });

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: detailQueryKey(resource, id) });
    void queryClient.invalidateQueries({ queryKey: timelineKey(resource.path, id) });
    if (target) void queryClient.invalidateQueries({ queryKey: activityKey(target) });
    void queryClient.invalidateQueries({ queryKey: listQueryKey(resource) });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };

  if (!can(resource.roles.view)) return <Result status="403" title="Not allowed" />;
  if (record.error) {
    return (
      <Result
        status={record.error.status === 404 ? '404' : 'error'}
        title={record.error.status === 404 ? `${resource.singular} not found` : 'Could not load it'}
        subTitle={record.error.message}
        extra={<Link to={`/${resource.key}`}>Back to {resource.title.toLowerCase()}</Link>}
      />
    );
  }
  const row = record.data;
  if (!row) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const status = String(row.status ?? '');
  const number = String(row.number ?? id);
  // What this member may do and change comes from the server (allowed_actions / editable_fields), never from
  // a copy of the workflow or role defaults here.
  const editable = editableFieldsOf(row);
  const canEdit = editable.some((field) => !field.startsWith('lines')) && !!resource.fields?.length;
  const lineFields = editable.filter((field) => field.startsWith('lines.')).map((field) => field.slice('lines.'.length));

  const onAction = (action: AllowedAction, result: Row) => {
    if (config.afterAction?.(action, result, navigate)) return;
    if (result && typeof result === 'object' && result.id !== undefined && String(result.id) === id) {
      queryClient.setQueryData(detailQueryKey(resource, id), result);
    }
    refresh();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={`/${resource.key}`}>{resource.title}</Link> }, { title: number }]} />
      <Card
        // A long title (number and partner) wraps above the buttons instead of running under them on a tablet.
        styles={{ title: { whiteSpace: 'normal', overflow: 'visible' }, header: { paddingBlock: 12 } }}
        title={
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {resource.rowLabel(row)}
            </Typography.Title>
            <StatusTag status={status} enumName={config.statusEnum} />
          </Flex>
        }
        extra={
          <Space wrap>
            {config.pdf !== false && (
              <Button icon={<FilePdfOutlined />} onClick={() => void openPdf(`${resource.path}${id}/pdf/`, `${number}.pdf`).catch((error) => notifyError(error, 'PDF failed'))}>
                PDF
              </Button>
            )}
            {canEdit && (
              <Link to={`/${resource.key}/${id}/edit`}>
                <Button icon={<EditOutlined />} tabIndex={-1}>
                  Edit
                </Button>
              </Link>
            )}
          </Space>
        }
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Flex justify="space-between" wrap gap={12}>
            <fieldset
              disabled={linesDirty}
              data-testid="workflow-actions"
              aria-describedby={linesDirty ? 'workflow-blocked' : undefined}
              style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
            >
              <WorkflowButtons
                kind={config.kind}
                path={resource.path}
                id={id}
                actions={allowedActionsOf(row)}
                number={number}
                recipient={config.recipient}
                onDone={onAction}
              />
              {linesDirty && (
                <Typography.Text id="workflow-blocked" type="warning" style={{ display: 'block', marginTop: 4 }}>
                  Save or discard the line changes first.
                </Typography.Text>
              )}
            </fieldset>
            {config.actions?.(row)}
          </Flex>
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} bordered size="small">
            {resource.columns
              .filter((column) => column.key !== 'number')
              .map((column) => (
                <Descriptions.Item key={column.key} label={column.title}>
                  {renderCell(column, row)}
                </Descriptions.Item>
              ))}
          </Descriptions>
        </Space>
      </Card>


      {config.lines && (
        <LinesCard
          // One editor per record: a newer copy of the same record (a refetch) must not remount it and drop edits.
          key={`${resource.path}${id}`}
          config={config}
          row={row}
          editable={config.lines === 'editable' && lineFields.length > 0}
          lineFields={lineFields}
          canAddRemove={editable.includes('lines')}
          onSaved={(saved) => {
            queryClient.setQueryData(detailQueryKey(resource, id), saved);
            refresh();
          }}
          onReload={() => void queryClient.invalidateQueries({ queryKey: detailQueryKey(resource, id) })}
          onDirtyChange={setLinesDirty}
        />
      )}

      <Card title="Amounts" size="small">
        <GridRow gutter={[24, 12]}>
          {config.amounts(row).map((amount) => (
            <Col key={amount.label} xs={12} md={8} lg={4}>
              <Statistic title={amount.label} value={amount.value as string} valueRender={() => <span data-testid={amount.testId}>{amount.value}</span>} />
            </Col>
          ))}
        </GridRow>
      </Card>

      {config.extra?.(row, refresh)}

      <Card title="Activity" size="small">
        {target ? (
          <RecordActivity target={target} path={resource.path} id={id} timeline statusEnum={config.statusEnum} />
        ) : (
          <OrderTimeline path={resource.path} id={id} statusEnum={config.statusEnum} />
        )}
      </Card>

    </Space>
  );
}

function LinesCard({
  config,
  row,
  editable,
  lineFields,
  canAddRemove,
  onSaved,
  onReload,
  onDirtyChange,
}: {
  config: OrderPageConfig;
  row: Row;
  editable: boolean;
  lineFields: string[];
  canAddRemove: boolean;
  onSaved: (row: Row) => void;
  /** Fetch the record again (after a conflict: the current lines replace the user's). */
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const serverLines = (Array.isArray(row.lines) ? row.lines : []) as Row[];
  const [lines, setLines] = useState<EditorLine[]>(() => serverLines.map(toEditorLine));
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty, 'line changes');
  useEffect(() => {
    onDirtyChange(dirty);
    return () => onDirtyChange(false);
  }, [dirty, onDirtyChange]);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<number, Record<string, string[]>>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const saved: Record<number, SavedLineFigures> = Object.fromEntries(
    serverLines.map((line) => [
      Number(line.id),
      {
        line_total: line.line_total as string | undefined,
        buy_cost: line.buy_cost as string | undefined,
        margin: line.margin as string | undefined,
        product_code: line.product_code as string | undefined,
      },
    ]),
  );

  // The version these line edits are based on; a newer one on the server makes the save a 412 (conflict).
  const [baseVersion, setBaseVersion] = useState(() => versionOf(row));
  const [conflict, setConflict] = useState<StaleWrite | null>(null);
  // A newer copy of the order arrives (refetch, another card's change): with nothing unsaved the editor takes
  // its lines; with unsaved edits they stay, still based on the version they were made on (a save is a 412).
  const serverVersion = versionOf(row);
  const [shownVersion, setShownVersion] = useState(serverVersion);
  if (serverVersion !== shownVersion && !dirty) {
    setShownVersion(serverVersion);
    setLines(serverLines.map(toEditorLine));
    setBaseVersion(serverVersion);
  }
  const changedUnderneath = dirty && serverVersion !== shownVersion;

  const save = async (ifMatch = baseVersion) => {
    setSaving(true);
    setErrors({});
    setMessages([]);
    setConflict(null);
    try {
      const body = { lines: toLinesPayload(lines, { withSource: config.kind === 'sales-orders' }) };
      const updated = await updateResource<Row>(config.resource.path, String(row.id), body, { ifMatch });
      notifySuccess('Lines saved.');
      setDirty(false);
      onSaved(updated);
    } catch (error) {
      const stale = staleWrite(error);
      if (stale) {
        setConflict(stale);
      } else if (error instanceof ApiError) {
        const { perLine, general } = lineErrors(error.body);
        setErrors(perLine);
        const other = Object.entries(error.fieldErrors)
          .filter(([field]) => field !== 'lines')
          .flatMap(([, list]) => list);
        setMessages([...(error.detail ? [error.detail] : []), ...general, ...other]);
        if (!Object.keys(perLine).length && !general.length && !other.length && !error.detail) setMessages([error.message]);
      } else {
        setMessages([String(error)]);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Flex gap={12} align="baseline" wrap>
          <span>Lines</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {lines.length} line{lines.length === 1 ? '' : 's'} · {dirty ? 'preview total' : 'total'}{' '}
            <strong data-testid="lines-header-total">{formatCurrency(sumCents(lines.map(liveLineTotal)), String(row.currency ?? 'USD'))}</strong>
          </Typography.Text>
        </Flex>
      }
      size="small"
      extra={
        editable && (
          <Space>
            {dirty && (
              <Button
                onClick={() => {
                  setLines(serverLines.map(toEditorLine));
                  setDirty(false);
                  setErrors({});
                  setMessages([]);
                }}
              >
                Discard changes
              </Button>
            )}
            <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()} data-shortcut="save">
              Save lines
            </Button>
          </Space>
        )
      }
    >
      {guard.prompt}
      {conflict && (
        <ConflictNotice
          conflict={conflict}
          busy={saving}
          description="Your line changes are still here. Reload to see the current lines (your changes are dropped), or overwrite them with yours."
          onOverwrite={() => {
            const current = versionOf(conflict.current) ?? '*';
            setBaseVersion(current);
            void save(current);
          }}
          onReload={() => {
            if (!conflict.current) return;
            setDirty(false);
            setConflict(null);
            guard.release();
            onReload();
          }}
        />
      )}
      {changedUnderneath && !conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message="This order was changed on the server since you started editing its lines. Your changes are still here; saving them asks whether to overwrite."
        />
      )}
      {dirty && <Alert type="info" showIcon style={{ marginBottom: 8 }} message="Unsaved changes: the totals below are a preview; the server computes the stored totals on save." />}
      {messages.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} message={messages.join(' ')} />}
      <LineItemEditor
        lines={lines}
        readOnly={!editable}
        editableFields={lineFields}
        canAddRemove={canAddRemove}
        onChange={(next) => {
          setLines(next);
          setDirty(true);
        }}
        currency={String(row.currency ?? 'USD')}
        saved={saved}
        showMargin={config.showMargin}
        errors={errors}
        productRequired={config.productRequired}
        showEstimated={config.kind !== 'invoices'}
        productQuery={config.productQuery?.(row)}
      />
    </Card>
  );
}
