/**
 * The review screen: the document beside the extracted draft. Low-confidence fields are highlighted, suggested
 * matches (counterparty, carrier, plant, each line's product) are selectable, lines are editable; Confirm
 * creates the records through the apps' own services, Discard sets the document aside.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Radio, Result, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography, ConfigProvider } from 'antd';
import { enumOptions } from '@/api/enums';
import { ApiError } from '@/api/errors';
import { getResource, postJson } from '@/api/resource';
import { writeUnlessDuplicate } from '@/components/resource/duplicate';
import type { Schemas } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { StatusTag } from '@/components/orders/StatusTag';
import { fetchBlob } from '@/components/orders/download';
import { productRef } from '@/components/orders/LineItemEditor';
import { formatCents, lineTotalCents } from '@/components/orders/money';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import { carrierRef, customerRef, plantRef, supplierRef } from '../shared/references';
import { DEFAULT_ACTION, DOCUMENTS_PATH, LOW_CONFIDENCE, recordLink } from './upload';
import type { Candidate, CreatedRecord, DocWarning, Extracted, Extraction, Matches } from './upload';

type Doc = Schemas['Document'];
type Action = Schemas['ActionEnum'];
type PriceUnit = Schemas['PriceUnitEnum'];

interface ReviewLine {
  key: number;
  product: number | null;
  description: string;
  boxes: number | null;
  weight_lb: string | null;
  unit_price: string | null;
  price_unit: PriceUnit;
  confidence: Record<string, number>;
}

const PRICE_UNITS = enumOptions('PriceUnitEnum');

function Confidence({ field }: { field?: Extracted<unknown> }) {
  if (!field || field.value === null || field.value === undefined) return null;
  const low = field.confidence < LOW_CONFIDENCE;
  return (
    <Tooltip title={`Extracted with ${Math.round(field.confidence * 100)}% confidence`}>
      <Tag color={low ? 'warning' : 'success'} style={{ marginLeft: 6 }}>
        {low ? 'check' : `${Math.round(field.confidence * 100)}%`}
      </Tag>
    </Tooltip>
  );
}

/** A low-confidence field gets a warning-coloured frame, so the eye goes there first. */
const lowStyle = (field?: Extracted<unknown>) =>
  field && field.value !== null && field.confidence < LOW_CONFIDENCE ? { background: '#fffbe6', borderRadius: 6, padding: 4, margin: -4 } : undefined;

function Preview({ doc }: { doc: Doc }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    fetchBlob(`${DOCUMENTS_PATH}${doc.id}/file/`)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(new Blob([blob], { type: doc.content_type || blob.type }));
        setUrl(objectUrl);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [doc.id, doc.content_type]);
  if (error) return <Alert type="error" showIcon message="Could not show the document" description={error} />;
  if (!url) return <Skeleton.Image active style={{ width: '100%', height: 400 }} />;
  if (doc.file_kind === 'pdf') {
    return (
      <object data={url} type="application/pdf" aria-label="Document preview" style={{ width: '100%', height: '75vh', border: '1px solid #f0f0f0' }}>
        <a href={url} target="_blank" rel="noreferrer">
          Open the PDF
        </a>
      </object>
    );
  }
  return <img src={url} alt={`Preview of ${doc.original_name}`} style={{ maxWidth: '100%', border: '1px solid #f0f0f0' }} />;
}

/** Suggested matches as radio choices, plus a search for any other record. */
function MatchChooser({ label, candidates, reference, value, onChange, extracted }: {
  label: string;
  candidates: Candidate[];
  reference: Parameters<typeof ReferenceSelect>[0]['reference'];
  value: number | null;
  onChange: (value: number | null) => void;
  extracted?: ReactNode;
}) {
  return (
    <Form.Item label={<span>{label}{extracted}</span>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {candidates.length > 0 && (
          <Radio.Group value={value ?? undefined} onChange={(event) => onChange(event.target.value as number)} aria-label={`${label} suggestions`}>
            <Space direction="vertical">
              {candidates.map((candidate) => (
                <Radio key={candidate.id} value={candidate.id}>
                  {candidate.code ? `${candidate.code} · ` : ''}
                  {candidate.name} <Tag color={candidate.score >= 0.85 ? 'green' : 'gold'}>{Math.round(candidate.score * 100)}%{candidate.via ? ` via ${candidate.via}` : ''}</Tag>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        )}
        <ReferenceSelect aria-label={label} reference={reference} value={value ?? undefined} onChange={(next) => onChange((next as number | null) ?? null)} allowClear placeholder={candidates.length ? 'or search another…' : 'Search…'} style={{ width: '100%' }} />
      </Space>
    </Form.Item>
  );
}

function best(candidates?: Candidate[]): number | null {
  const first = candidates?.[0];
  return first && first.score >= 0.85 ? first.id : null;
}

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const document = useQuery<Doc, ApiError>({
    queryKey: ['detail', DOCUMENTS_PATH, id],
    queryFn: () => getResource<Doc>(DOCUMENTS_PATH, id),
    refetchInterval: (query) => (query.state.data && ['uploaded', 'processing'].includes(query.state.data.status) ? 1000 : false),
  });
  const doc = document.data;
  if (document.error) return <Result status={document.error.status === 404 ? '404' : 'error'} title="Could not load the document" subTitle={document.error.message} />;
  if (!doc) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assistant">Assistant</Link> }, { title: doc.original_name }]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={<Space>{doc.original_name}<StatusTag status={doc.status} enumName="DocumentStatusEnum" /></Space>} size="small">
            <Preview doc={doc} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          {doc.status === 'extracted' ? (
            <DraftForm
              key={doc.updated_at}
              doc={doc}
              canConfirm={can('user')}
              onDone={(updated) => {
                queryClient.setQueryData(['detail', DOCUMENTS_PATH, id], updated);
                void queryClient.invalidateQueries({ queryKey: ['list'] });
              }}
              onDiscarded={() => navigate('/assistant')}
            />
          ) : (
            <Outcome doc={doc} onRetry={() => void document.refetch()} />
          )}
        </Col>
      </Row>
    </Space>
  );
}

function Outcome({ doc, onRetry }: { doc: Doc; onRetry: () => void }) {
  const created = (doc.created_records as CreatedRecord[] | null) ?? [];
  if (doc.status === 'uploaded' || doc.status === 'processing') {
    return <Card><Result status="info" title="Reading the document…" subTitle={`${doc.progress}% done`} /></Card>;
  }
  if (doc.status === 'failed') {
    return (
      <Card>
        <Result
          status="error"
          title="The document could not be read"
          subTitle={doc.failure_reason}
          extra={<Button onClick={() => void postJson(`${DOCUMENTS_PATH}${doc.id}/retry/`, {}).then(onRetry).catch((error) => notifyError(error))}>Try again</Button>}
        />
      </Card>
    );
  }
  return (
    <Card>
      <Result
        status={doc.status === 'confirmed' ? 'success' : 'info'}
        title={doc.status === 'confirmed' ? 'Confirmed' : 'Discarded'}
        subTitle={doc.status === 'confirmed' ? 'These records were created or used:' : 'The file and the draft are kept.'}
        extra={
          <Space direction="vertical" data-testid="created-records">
            {created.map((record) => {
              const to = recordLink(record);
              const text = `${record.type.replace(/_/g, ' ')} ${record.label}${record.new ? ' (new)' : ''}`;
              return to ? <Link key={`${record.type}-${record.id}`} to={to}>{text}</Link> : <span key={`${record.type}-${record.id}`}>{text}</span>;
            })}
          </Space>
        }
      />
    </Card>
  );
}

function DraftForm({ doc, canConfirm, onDone, onDiscarded }: { doc: Doc; canConfirm: boolean; onDone: (doc: Doc) => void; onDiscarded: () => void }) {
  const draft = doc.extraction as Extraction;
  const matches = (doc.matches as Matches) ?? {};
  const warnings = (doc.warnings as DocWarning[]) ?? [];
  const [action, setAction] = useState<Action>(DEFAULT_ACTION[draft.document_type?.value ?? ''] ?? 'counterparty_only');
  const role = action === 'sales_order' ? 'customer' : action === 'purchase_order' ? 'supplier' : (draft.counterparty?.role?.value === 'customer' ? 'customer' : 'supplier');
  const sameRole = matches.counterparty_model === role;
  const [company, setCompany] = useState<number | null>(sameRole ? best(matches.counterparty) : null);
  const [newCompany, setNewCompany] = useState<{ code: string; name: string } | null>(null);
  const [carrier, setCarrier] = useState<number | null>(best(matches.carrier));
  const [plant, setPlant] = useState<number | null>(matches.plants?.[0]?.id ?? null);
  const [header, setHeader] = useState({
    document_number: draft.document_number?.value ?? '',
    order_date: draft.document_date?.value ?? '',
    ship_date: draft.ship_date?.value ?? '',
    delivery_date: draft.delivery_date?.value ?? '',
    currency: draft.currency?.value ?? 'USD',
  });
  const [lines, setLines] = useState<ReviewLine[]>(() =>
    (draft.line_items ?? []).map((line, index) => ({
      key: index,
      product: best(matches.lines?.[index]),
      description: line.description?.value ?? '',
      boxes: line.boxes?.value ?? null,
      weight_lb: line.weight_lb?.value === null || line.weight_lb?.value === undefined ? null : String(line.weight_lb.value),
      unit_price: line.unit_price?.value === null || line.unit_price?.value === undefined ? null : String(line.unit_price.value),
      price_unit: (line.price_unit?.value as PriceUnit) ?? 'lb',
      confidence: Object.fromEntries(Object.entries(line).map(([field, value]) => [field, (value as Extracted<unknown>)?.value === null ? 1 : ((value as Extracted<unknown>)?.confidence ?? 1)])),
    })),
  );
  const [busy, setBusy] = useState<'confirm' | 'discard' | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const total = useMemo(
    () => lines.reduce((sum, line) => sum + (lineTotalCents({ weight_lb: line.weight_lb, boxes: line.boxes, unit_price: line.unit_price, price_unit: line.price_unit }) ?? 0n), 0n),
    [lines],
  );

  const patchLine = (index: number, changes: Partial<ReviewLine>) => setLines((list) => list.map((line, i) => (i === index ? { ...line, ...changes } : line)));

  const confirm = async () => {
    setBusy('confirm');
    setErrors([]);
    const body: Schemas['ConfirmRequest'] = {
      action,
      document_number: header.document_number || undefined,
      order_date: header.order_date || null,
      ship_date: header.ship_date || null,
      delivery_date: header.delivery_date || null,
      currency: header.currency as Schemas['CurrencyEnum'],
      carrier,
      lines: lines.map((line) => ({
        product: line.product,
        description: line.description,
        boxes: line.boxes,
        weight_lb: line.weight_lb,
        unit_price: line.unit_price,
        price_unit: line.price_unit,
      })),
    };
    if (action === 'purchase_order') body.plant = plant;
    if (newCompany && !company) body.create_counterparty = newCompany;
    else body[role] = company;
    try {
      // The same customer PO / supplier confirmation already booked (a PDF and then a photo of it): 409, asked.
      const updated = await writeUnlessDuplicate(
        (extra) => postJson<Doc>(`${DOCUMENTS_PATH}${doc.id}/confirm/`, { ...body, ...extra }),
        action === 'purchase_order' ? '/purchase-orders' : '/sales-orders',
      );
      if (updated === null) return;
      notifySuccess('Confirmed: the records are created.');
      onDone(updated);
    } catch (error) {
      if (error instanceof ApiError) setErrors(Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).concat(error.detail ? [error.detail] : []));
      else setErrors([String(error)]);
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    setBusy('discard');
    try {
      await postJson<Doc>(`${DOCUMENTS_PATH}${doc.id}/discard/`, {});
      notifySuccess('Document discarded.');
      onDiscarded();
    } catch (error) {
      notifyError(error, 'Could not discard');
    } finally {
      setBusy(null);
    }
  };

  const headerField = (name: keyof typeof header, label: string, extracted?: Extracted<unknown>) => (
    <Col xs={24} md={12}>
      <Form.Item label={<span>{label}<Confidence field={extracted} /></span>}>
        <div style={lowStyle(extracted)}>
          <Input aria-label={label} value={header[name]} onChange={(event) => setHeader({ ...header, [name]: event.target.value })} placeholder={name.endsWith('date') ? 'YYYY-MM-DD' : undefined} />
        </div>
      </Form.Item>
    </Col>
  );

  const cellStyle = (line: ReviewLine, field: string) => ((line.confidence[field] ?? 1) < LOW_CONFIDENCE ? { background: '#fffbe6', padding: 2, borderRadius: 4 } : undefined);

  return (
    // Read-only users see the extraction, not inputs that look editable.
    <ConfigProvider componentDisabled={!canConfirm}>
    <Card title="Extracted draft" size="small" data-testid="review-form">
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${warnings.length} thing(s) to check`}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{warnings.map((warning, index) => <li key={index}>{warning.message}</li>)}</ul>}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={<span>Create<Confidence field={draft.document_type} /></span>}>
          <Select<Action>
            aria-label="Create"
            value={action}
            onChange={(value) => {
              setAction(value);
              setCompany(null);
            }}
            options={[
              { value: 'purchase_order', label: 'A purchase order (we buy: a supplier confirmation)' },
              { value: 'sales_order', label: "A sales order (we sell: a customer's purchase order)" },
              { value: 'counterparty_only', label: 'Only the supplier / customer' },
            ]}
          />
        </Form.Item>
        <MatchChooser
          label={role === 'customer' ? 'Customer' : 'Supplier'}
          candidates={sameRole ? (matches.counterparty ?? []) : []}
          reference={role === 'customer' ? customerRef : supplierRef}
          value={company}
          onChange={(value) => {
            setCompany(value);
            if (value) setNewCompany(null);
          }}
          extracted={
            <>
              <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                “{draft.counterparty?.name?.value ?? '?'}”
              </Typography.Text>
              <Confidence field={draft.counterparty?.name} />
            </>
          }
        />
        {!company && (
          <Space style={{ marginBottom: 16 }} wrap>
            <Typography.Text>Or create it:</Typography.Text>
            <Input aria-label="New code" placeholder="Code" value={newCompany?.code ?? ''} onChange={(event) => setNewCompany({ code: event.target.value, name: newCompany?.name ?? draft.counterparty?.name?.value ?? '' })} style={{ width: 120 }} />
            <Input aria-label="New name" placeholder="Name" value={newCompany?.name ?? ''} onChange={(event) => setNewCompany({ code: newCompany?.code ?? '', name: event.target.value })} style={{ width: 220 }} />
          </Space>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <MatchChooser label="Carrier" candidates={matches.carrier ?? []} reference={carrierRef} value={carrier} onChange={setCarrier} extracted={<Confidence field={draft.carrier} />} />
          </Col>
          {action === 'purchase_order' && (
            <Col xs={24} md={12}>
              <MatchChooser label="Plant" candidates={matches.plants ?? []} reference={plantRef} value={plant} onChange={setPlant} />
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          {headerField('document_number', 'Document number', draft.document_number)}
          {headerField('order_date', 'Order date', draft.document_date)}
          {headerField('ship_date', 'Ship date', draft.ship_date)}
          {headerField('delivery_date', 'Delivery date', draft.delivery_date)}
          <Col xs={24} md={12}>
            <Form.Item label={<span>Currency<Confidence field={draft.currency} /></span>}>
              <Select aria-label="Currency" value={header.currency} onChange={(currency) => setHeader({ ...header, currency })} options={enumOptions('CurrencyEnum')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={5}>Lines</Typography.Title>
      <Table<ReviewLine>
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={lines}
        columns={[
          {
            key: 'product',
            title: 'Product',
            render: (_, line, index) => {
              const candidates = matches.lines?.[index] ?? [];
              return (
                <Space direction="vertical" size={2}>
                  {candidates.length > 0 && (
                    <Select<number>
                      aria-label={`Suggested product line ${index + 1}`}
                      size="small"
                      value={candidates.some((c) => c.id === line.product) ? (line.product ?? undefined) : undefined}
                      placeholder={`${candidates.length} suggestion(s)`}
                      onChange={(value) => patchLine(index, { product: value })}
                      options={candidates.map((c) => ({ value: c.id, label: `${c.code ?? ''} ${c.name} (${Math.round(c.score * 100)}%)` }))}
                      style={{ width: 180 }}
                      popupMatchSelectWidth={false}
                    />
                  )}
                  <ReferenceSelect aria-label={`Product line ${index + 1}`} reference={productRef} value={line.product ?? undefined} onChange={(value) => patchLine(index, { product: (value as number | null) ?? null })} allowClear placeholder="Product" style={{ width: 180 }} />
                </Space>
              );
            },
          },
          { key: 'description', title: 'Description', render: (_, line, index) => <div style={cellStyle(line, 'description')}><Input aria-label={`Description line ${index + 1}`} value={line.description} onChange={(event) => patchLine(index, { description: event.target.value })} style={{ minWidth: 130 }} /></div> },
          { key: 'boxes', title: 'Boxes', render: (_, line, index) => <div style={cellStyle(line, 'boxes')}><InputNumber aria-label={`Boxes line ${index + 1}`} min={0} precision={0} value={line.boxes} onChange={(value) => patchLine(index, { boxes: value === null ? null : Number(value) })} style={{ width: 64 }} controls={false} /></div> },
          { key: 'weight', title: 'Weight (lb)', render: (_, line, index) => <div style={cellStyle(line, 'weight_lb')}><InputNumber<string> stringMode min="0" aria-label={`Weight line ${index + 1}`} value={line.weight_lb} onChange={(value) => patchLine(index, { weight_lb: value ? String(value) : null })} style={{ width: 90 }} controls={false} /></div> },
          { key: 'price', title: 'Unit price', render: (_, line, index) => <div style={cellStyle(line, 'unit_price')}><InputNumber<string> stringMode min="0" aria-label={`Unit price line ${index + 1}`} value={line.unit_price} onChange={(value) => patchLine(index, { unit_price: value ? String(value) : null })} style={{ width: 84 }} controls={false} /></div> },
          { key: 'unit', title: 'Per', render: (_, line, index) => <div style={cellStyle(line, 'price_unit')}><Select aria-label={`Price unit line ${index + 1}`} value={line.price_unit} options={PRICE_UNITS} onChange={(value) => patchLine(index, { price_unit: value as PriceUnit })} style={{ width: 80 }} /></div> },
          { key: 'total', title: 'Total', align: 'right', fixed: 'right', width: 110, render: (_, line) => formatCents(lineTotalCents({ weight_lb: line.weight_lb, boxes: line.boxes, unit_price: line.unit_price, price_unit: line.price_unit })) },
          { key: 'remove', title: '', fixed: 'right', width: 40, render: (_, __, index) => <Button type="text" danger size="small" aria-label={`Remove line ${index + 1}`} onClick={() => setLines((list) => list.filter((_line, i) => i !== index))}>✕</Button> },
        ]}
        sticky
        summary={() => (
          <Table.Summary fixed="bottom">
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={6}>
              Total {draft.totals?.total?.value !== null && draft.totals?.total?.value !== undefined ? `(document says ${draft.totals.total.value})` : ''}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <strong>{formatCents(total)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} />
          </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      {errors.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} message="Not confirmed" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{errors.map((m) => <li key={m}>{m}</li>)}</ul>} />}
      {canConfirm && (
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" loading={busy === 'confirm'} onClick={() => void confirm()}>
            Confirm
          </Button>
          <Popconfirm title="Set this document aside? The file and the draft are kept." okText="Discard" okButtonProps={{ danger: true }} onConfirm={() => void discard()}>
            <Button danger loading={busy === 'discard'}>
              Discard
            </Button>
          </Popconfirm>
        </Space>
      )}
    </Card>
    </ConfigProvider>
  );
}
