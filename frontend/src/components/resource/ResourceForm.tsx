/**
 * The one create/edit form: fields from the resource config, the API's field errors shown on their
 * fields, anything else (detail, non_field_errors) in an alert above the buttons.
 */
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row as GridRow, Select, Space, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { staleWrite, versionOf, type StaleWrite } from '@/api/concurrency';
import { applyFieldErrors } from '@/api/errors';
import { getResource } from '@/api/resource';
import { useUnsavedGuard } from '@/app/useUnsavedGuard';
import { DATE_FORMAT } from './display';
import { ReferenceSelect } from './ReferenceSelect';
import type { AnyResource, FieldDef, ReferenceDef, Row } from './types';

export interface ResourceFormProps {
  resource: AnyResource;
  mode: 'create' | 'edit';
  initialValues?: Record<string, unknown>;
  /** `ifMatch`: the version the edits were made on; a newer one on the server makes the save a 412 (conflict). */
  onSubmit: (values: Record<string, unknown>, options: { ifMatch?: string }) => Promise<unknown>;
  onCancel?: () => void;
  submitLabel?: string;
  /** The record's editable_fields from the server (orders): other fields are shown locked and not sent. */
  editableFields?: string[];
  /** Edit mode: the version (ETag) of the record the form was filled from (`versionOf(row)`). */
  version?: string;
}

/** Form.Item injects id, value and onChange into its child; they must reach the real input. */
type ControlProps = Record<string, unknown>;

function FieldInput({ field, ...control }: { field: FieldDef } & ControlProps) {
  switch (field.type ?? 'text') {
    case 'email':
      return <Input {...control} type="email" autoComplete="off" placeholder={field.placeholder} />;
    case 'password':
      return <Input.Password {...control} autoComplete="new-password" placeholder={field.placeholder} />;
    case 'textarea':
      return <Input.TextArea {...control} autoSize={{ minRows: 3, maxRows: 10 }} placeholder={field.placeholder} />;
    case 'integer':
      return <InputNumber {...control} style={{ width: '100%' }} precision={0} placeholder={field.placeholder} />;
    case 'decimal':
      // Decimals travel as strings (DRF's DecimalField), so no float rounding on the way.
      return <InputNumber<string> {...control} style={{ width: '100%' }} stringMode placeholder={field.placeholder} />;
    case 'boolean':
      return <Switch {...control} />;
    case 'date':
      return <DatePicker {...control} style={{ width: '100%' }} format={DATE_FORMAT} />;
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...control}
          mode={field.type === 'multiselect' ? 'multiple' : undefined}
          allowClear={!field.required}
          placeholder={field.placeholder}
          options={(field.options ?? []).map((option) => ({ value: option.value as string, label: option.label }))}
        />
      );
    case 'reference':
    case 'multireference':
      return field.reference ? <ReferenceInput field={field} reference={field.reference} control={control} /> : null;
    default:
      return <Input {...control} placeholder={field.placeholder} />;
  }
}

/** A reference narrowed by another field of the form (plants of the chosen supplier ...), with its notice. */
function ReferenceInput({ field, reference, control }: { field: FieldDef; reference: ReferenceDef; control: ControlProps }) {
  const form = Form.useFormInstance();
  const parentValue = Form.useWatch(field.dependsOn?.field ?? '__none__', form) as unknown;
  const narrowed: ReferenceDef =
    field.dependsOn && parentValue !== undefined && parentValue !== null && parentValue !== ''
      ? { ...reference, query: { ...reference.query, [field.dependsOn.param]: parentValue as string | number } }
      : reference;
  return (
    <>
      <ReferenceSelect
        {...control}
        reference={narrowed}
        multiple={field.type === 'multireference'}
        allowClear={!field.required}
        placeholder={field.dependsOn && !parentValue ? (field.dependsOn.placeholder ?? field.placeholder) : field.placeholder}
      />
      {field.notice && <ReferenceNotice reference={reference} value={control.value} notice={field.notice} />}
    </>
  );
}

/** What the chosen row says the user must know now (a customer on credit hold ...). */
function ReferenceNotice({ reference, value, notice }: { reference: ReferenceDef; value: unknown; notice: NonNullable<FieldDef['notice']> }) {
  const id = typeof value === 'number' || typeof value === 'string' ? value : null;
  const row = useQuery({
    queryKey: ['reference-notice', reference.path, id],
    queryFn: () => getResource<Row>(reference.path, String(id)),
    enabled: id !== null && id !== '',
    staleTime: 15_000,
  });
  const content = row.data && id !== null ? notice(row.data) : null;
  return content ? <div style={{ marginTop: 8 }}>{content}</div> : null;
}

function toFormValues(fields: FieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value = values[field.name];
    if (value === undefined) value = field.initial;
    if (field.type === 'date' && typeof value === 'string') value = dayjs(value);
    if ((field.type === 'reference' || field.type === 'select') && value && typeof value === 'object' && 'id' in value) {
      value = (value as { id: unknown }).id;
    }
    if (field.type === 'multireference' && Array.isArray(value)) {
      value = value.map((item) => (item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : item));
    }
    out[field.name] = value;
  }
  return out;
}

function toPayload(fields: FieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value = values[field.name];
    if (value === undefined) continue;
    if (field.type === 'date' && value && dayjs.isDayjs(value)) value = value.format('YYYY-MM-DD');
    if (field.type === 'decimal' && value !== null && value !== '') value = String(value);
    if ((field.type === 'password') && !value) continue;
    if ((field.type === 'text' || field.type === 'textarea' || field.type === 'email') && value === null) value = '';
    out[field.name] = value;
  }
  return out;
}

/** A save refused because someone else changed the record: who and when, and the user's two ways on. */
export function ConflictNotice({
  conflict,
  onOverwrite,
  onReload,
  busy,
  description,
}: {
  conflict: StaleWrite;
  onOverwrite: () => void;
  onReload: () => void;
  busy: boolean;
  description?: string;
}) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={conflict.detail}
      description={description ?? 'Your changes are still in the form. Reload to see the current version (your changes are dropped), or overwrite it with yours.'}
      action={
        <Space direction="vertical">
          <Button size="small" danger onClick={onOverwrite} loading={busy}>
            Overwrite with my changes
          </Button>
          <Button size="small" onClick={onReload} disabled={busy}>
            Reload
          </Button>
        </Space>
      }
    />
  );
}

export function ResourceForm({ resource, mode, initialValues = {}, onSubmit, onCancel, submitLabel, editableFields, version }: ResourceFormProps) {
  const [form] = Form.useForm();
  const [messages, setMessages] = useState<string[]>([]);
  // The version the user's edits are based on: the record as loaded, or as reloaded after a conflict.
  const [baseVersion, setBaseVersion] = useState(version);
  const [conflict, setConflict] = useState<StaleWrite | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  const fields = (resource.fields ?? []).filter((field) => !field.only || field.only === mode);
  const isLocked = (name: string) => mode === 'edit' && editableFields !== undefined && !editableFields.includes(name);

  const submit = async (values: Record<string, unknown>, ifMatch = baseVersion) => {
    setMessages([]);
    setConflict(null);
    setSaving(true);
    // Every field's old server error goes; the answer to this submit says what is still wrong.
    form.setFields(fields.map((field) => ({ name: field.name, errors: [] })));
    try {
      guard.release();
      await onSubmit(toPayload(fields.filter((field) => !isLocked(field.name)), values), { ifMatch: mode === 'edit' ? ifMatch : undefined });
      setDirty(false);
    } catch (error) {
      setDirty(true);
      const stale = staleWrite(error);
      if (stale) setConflict(stale);
      else setMessages(applyFieldErrors(error, form, fields.map((field) => field.name)));
    } finally {
      setSaving(false);
    }
  };

  // Overwrite: the same edits, now based on the version the server has (a newer change still conflicts).
  const overwrite = () => {
    if (!conflict) return;
    const current = versionOf(conflict.current) ?? '*';
    setBaseVersion(current);
    void submit(form.getFieldsValue(true) as Record<string, unknown>, current);
  };

  const reload = () => {
    if (!conflict?.current) return;
    const current = conflict.current;
    form.setFieldsValue(toFormValues(fields, resource.toForm ? resource.toForm(current) : current));
    setBaseVersion(versionOf(current));
    setConflict(null);
    setDirty(false);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toFormValues(fields, initialValues)}
      onFinish={(values: Record<string, unknown>) => void submit(values)}
      onValuesChange={(changed: Record<string, unknown>) => {
        setDirty(true);
        const names = Object.keys(changed);
        // A field the user fixed loses its old error; a field narrowed by a changed one is cleared.
        const resets = fields
          .filter((field) => names.includes(field.name) || (field.dependsOn && names.includes(field.dependsOn.field)))
          .map((field) =>
            names.includes(field.name) ? { name: field.name, errors: [] as string[] } : { name: field.name, value: undefined, errors: [] as string[] },
          );
        if (resets.length) form.setFields(resets);
      }}
      requiredMark="optional"
      // The API validates (and says why); the browser's own bubbles would hide its messages.
      noValidate
      scrollToFirstError
      aria-label={`${mode === 'create' ? 'New' : 'Edit'} ${resource.singular.toLowerCase()}`}
    >
      <GridRow gutter={16}>
        {fields.map((field) => (
          <Col key={field.name} xs={24} md={field.span ?? (field.type === 'textarea' ? 24 : 12)}>
            <Form.Item
              name={field.name}
              label={field.label}
              tooltip={isLocked(field.name) ? `${field.help ? `${field.help} ` : ''}Locked in this status.` : field.help}
              valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
              rules={field.required ? [{ required: true, message: `${field.label} is required.` }] : undefined}
            >
              <FieldInput field={field} disabled={isLocked(field.name)} />
            </Form.Item>
          </Col>
        ))}
      </GridRow>
      {messages.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={messages.length === 1 ? messages[0] : 'The changes could not be saved'}
          description={messages.length > 1 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{messages.map((m) => <li key={m}>{m}</li>)}</ul> : undefined}
        />
      )}
      {conflict && <ConflictNotice conflict={conflict} onOverwrite={overwrite} onReload={reload} busy={saving} />}
      {guard.prompt}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel ?? (mode === 'create' ? `Create ${resource.singular.toLowerCase()}` : 'Save changes')}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </Space>
    </Form>
  );
}
