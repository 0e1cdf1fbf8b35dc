/**
 * The one create/edit form: fields from the resource config, the API's field errors shown on their
 * fields, anything else (detail, non_field_errors) in an alert above the buttons.
 */
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row as GridRow, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { applyFieldErrors } from '@/api/errors';
import { ReferenceSelect } from './ReferenceSelect';
import type { AnyResource, FieldDef } from './types';

export interface ResourceFormProps {
  resource: AnyResource;
  mode: 'create' | 'edit';
  initialValues?: Record<string, unknown>;
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  onCancel?: () => void;
  submitLabel?: string;
  /** The record's editable_fields from the server (orders): other fields are shown locked and not sent. */
  editableFields?: string[];
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
      return <DatePicker {...control} style={{ width: '100%' }} />;
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
      return field.reference ? (
        <ReferenceSelect {...control} reference={field.reference} multiple={field.type === 'multireference'} allowClear={!field.required} placeholder={field.placeholder} />
      ) : null;
    default:
      return <Input {...control} placeholder={field.placeholder} />;
  }
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

export function ResourceForm({ resource, mode, initialValues = {}, onSubmit, onCancel, submitLabel, editableFields }: ResourceFormProps) {
  const [form] = Form.useForm();
  const [messages, setMessages] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const fields = (resource.fields ?? []).filter((field) => !field.only || field.only === mode);
  const isLocked = (name: string) => mode === 'edit' && editableFields !== undefined && !editableFields.includes(name);

  const submit = async (values: Record<string, unknown>) => {
    setMessages([]);
    setSaving(true);
    try {
      await onSubmit(toPayload(fields.filter((field) => !isLocked(field.name)), values));
    } catch (error) {
      setMessages(applyFieldErrors(error, form, fields.map((field) => field.name)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toFormValues(fields, initialValues)}
      onFinish={(values: Record<string, unknown>) => void submit(values)}
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
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel ?? (mode === 'create' ? `Create ${resource.singular.toLowerCase()}` : 'Save changes')}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </Space>
    </Form>
  );
}
