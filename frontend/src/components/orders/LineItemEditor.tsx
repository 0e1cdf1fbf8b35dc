/**
 * The line-item editor of purchase and sales orders: product, description, boxes, estimated and actual (catch)
 * weight entered in lb or kg, unit price per lb / cwt / kg / case / each, and a LIVE total per line and for the
 * order, computed client-side for display only (the server computes the stored totals on save).
 */
import { Button, Flex, Input, InputNumber, Popover, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BarcodeOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { enumLabel, enumOptions } from '@/api/enums';
import { getResource } from '@/api/resource';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import type { ReferenceDef, Row } from '@/components/resource/types';
import { effectiveWeightLb, formatCurrency, formatMoneyIn, formatWeight, kgToLb, lbToKg, sumCents, sumWeights } from './money';
import { LOT_FIELDS, emptyLine, liveLineTotal } from './lines';
import type { EditorLine, SavedLineFigures } from './lines';

export const productRef: ReferenceDef = {
  path: '/api/v1/products/',
  label: (row) => `${String(row.code)} · ${String(row.description ?? '')}`,
  query: { is_active: true },
};

const PRICE_UNITS = enumOptions('PriceUnitEnum');

type WeightField = 'estimated_weight_lb' | 'actual_weight_lb';
const KG_TEXT: Record<WeightField, 'estimated_weight_kg' | 'actual_weight_kg'> = {
  estimated_weight_lb: 'estimated_weight_kg',
  actual_weight_lb: 'actual_weight_kg',
};

export interface LineItemEditorProps {
  lines: EditorLine[];
  onChange?: (lines: EditorLine[]) => void;
  readOnly?: boolean;
  /** Prices are locked (the server's editable_fields lack the line's unit price). */
  pricesLocked?: boolean;
  /** The line fields that may change (the server's `lines.<field>` editable_fields); undefined: all of them. */
  editableFields?: string[];
  /** Lines may be added and removed (the server's editable_fields hold "lines"). */
  canAddRemove?: boolean;
  currency?: string;
  /** The server's figures per saved line id (line total, buy cost, margin), shown beside the live ones. */
  saved?: Record<number, SavedLineFigures>;
  showMargin?: boolean;
  errors?: Record<number, Record<string, string[]>>;
  /** Products must be chosen (sales orders); purchase lines may be described only. */
  productRequired?: boolean;
  /** Estimated and actual weight columns (orders); one "Weight" column when false (invoices bill one weight). */
  showEstimated?: boolean;
  /** Narrows the product picker (e.g. {supplier: 12}: the purchase order's supplier's products). */
  productQuery?: Record<string, string | number | boolean>;
}

function FieldError({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
      {messages.join(' ')}
    </Typography.Text>
  );
}

export function LineItemEditor({
  lines,
  onChange,
  readOnly = false,
  pricesLocked = false,
  editableFields,
  canAddRemove = true,
  currency = 'USD',
  saved = {},
  showMargin = false,
  errors = {},
  productRequired = false,
  showEstimated = true,
  productQuery,
}: LineItemEditorProps) {
  const products: ReferenceDef = productQuery ? { ...productRef, query: { ...productRef.query, ...productQuery } } : productRef;
  const [unit, setUnit] = useState<'lb' | 'kg'>('lb');
  // A table that scrolls sideways must be reachable by keyboard (a focusable, named scroll region).
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const element of box.current?.querySelectorAll<HTMLElement>('.ant-table-body, .ant-table-content') ?? []) {
      if (!element.querySelector('input, button, a, [tabindex]')) {
        element.tabIndex = 0;
        element.setAttribute('role', 'region');
        element.setAttribute('aria-label', 'Order lines');
      }
    }
  });
  // The lines as last rendered: a product's defaults arrive after a fetch, when the user may have typed on.
  const latest = useRef(lines);
  useEffect(() => {
    latest.current = lines;
  }, [lines]);

  const update = (index: number, changes: Partial<EditorLine>) => {
    onChange?.(lines.map((line, i) => (i === index ? { ...line, ...changes } : line)));
  };

  const chooseProduct = async (index: number, productId: number | null) => {
    update(index, { product: productId });
    if (!productId) return;
    // Fill what the product knows when the line does not say it yet.
    try {
      const product = await getResource<Row>('/api/v1/products/', productId);
      const line = latest.current[index];
      onChange?.(
        latest.current.map((current, i) =>
          i !== index
            ? current
            : {
                ...current,
                product: productId,
                description: current.description || String(product.description ?? ''),
                unit_price: current.unit_price || (product.default_price ? String(product.default_price) : undefined),
                price_unit: line?.unit_price ? current.price_unit : ((product.price_unit as EditorLine['price_unit']) ?? current.price_unit),
              },
        ),
      );
    } catch {
      // The product's defaults are a convenience; the user types them otherwise.
    }
  };

  const locked = (name: string) =>
    readOnly ||
    (editableFields !== undefined && !editableFields.includes(name)) ||
    (pricesLocked && (name === 'unit_price' || name === 'price_unit'));
  const addRemove = !readOnly && canAddRemove;

  const weightInput = (line: EditorLine, index: number, field: WeightField, label: string) => {
    if (locked(field)) {
      const lb = line[field];
      if (!lb) return <Typography.Text type="secondary">—</Typography.Text>;
      return unit === 'lb' ? formatWeight(lb) : formatWeight(lbToKg(lb));
    }
    const kgField = KG_TEXT[field];
    const value = unit === 'lb' ? (line[field] ?? null) : (line[kgField] ?? (line[field] ? lbToKg(line[field] ?? '') : null));
    return (
      <>
        <InputNumber<string>
          stringMode
          min="0"
          aria-label={`${label} line ${index + 1}`}
          value={value}
          style={{ width: 96 }}
          controls={false}
          onChange={(next) => {
            const text = next === null || next === undefined ? '' : String(next);
            if (unit === 'lb') update(index, { [field]: text || null, [kgField]: undefined });
            else update(index, { [kgField]: text, [field]: text ? kgToLb(text) : null });
          }}
        />
        <FieldError messages={errors[index]?.[field]} />
      </>
    );
  };

  // One compact cell per line: the lot (and EST) as a button opening the four traceability fields.
  const lotCell = (line: EditorLine, index: number) => {
    const summary = [line.lot_number, line.establishment_number ? `EST ${line.establishment_number}` : ''].filter(Boolean).join(' · ');
    const lotErrors = LOT_FIELDS.flatMap((name) => errors[index]?.[name] ?? []);
    const dates = [line.production_date ? `produced ${line.production_date}` : '', line.pack_date ? `packed ${line.pack_date}` : ''].filter(Boolean).join(', ');
    if (LOT_FIELDS.every((name) => locked(`lines.${name}`) || locked(name))) {
      return summary ? <Tooltip title={dates || undefined}>{summary}</Tooltip> : <Typography.Text type="secondary">—</Typography.Text>;
    }
    const text = (name: 'lot_number' | 'establishment_number', label: string) => (
      <Input aria-label={`${label} line ${index + 1}`} placeholder={label} value={line[name] ?? ''} onChange={(event) => update(index, { [name]: event.target.value })} />
    );
    const day = (name: 'production_date' | 'pack_date', label: string) => (
      <label style={{ display: 'block' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
        <Input type="date" aria-label={`${label} line ${index + 1}`} value={line[name] ?? ''} onChange={(event) => update(index, { [name]: event.target.value || null })} />
      </label>
    );
    const content = (
      <Space direction="vertical" style={{ width: 220 }}>
        {text('lot_number', 'Lot')}
        {text('establishment_number', 'EST number')}
        {day('production_date', 'Production date')}
        {day('pack_date', 'Pack date')}
        <FieldError messages={lotErrors} />
      </Space>
    );
    // Icon-sized so the order's total stays in view with six lines at 1440 px (e2e/workday.e2e.mjs).
    return (
      <Popover trigger="click" content={content} title={`Line ${index + 1} lot`}>
        <Tooltip title={lotErrors.length ? lotErrors.join(' ') : [summary, dates].filter(Boolean).join(' — ') || 'Add the lot'}>
          <Button
            size="small"
            type={summary ? 'default' : 'dashed'}
            icon={<BarcodeOutlined />}
            aria-label={`Lot line ${index + 1}${summary ? `: ${summary}` : ''}`}
            danger={lotErrors.length > 0}
          />
        </Tooltip>
      </Popover>
    );
  };

  const columns: NonNullable<TableProps<EditorLine>['columns']> = [
    { key: 'n', title: '#', width: 32, render: (_, __, index) => index + 1 },
    {
      key: 'product',
      title: 'Product',
      width: 170,
      render: (_, line, index) =>
        locked('product') ? (
          line.product ? (saved[line.id ?? -1]?.product_code ?? `#${line.product}`) : '—'
        ) : (
          <>
            <ReferenceSelect
              aria-label={`Product line ${index + 1}`}
              reference={products}
              value={line.product ?? undefined}
              onChange={(value) => void chooseProduct(index, (value as number | null) ?? null)}
              allowClear={!productRequired}
              placeholder="Choose a product"
              style={{ width: 160 }}
            />
            <FieldError messages={errors[index]?.product} />
          </>
        ),
    },
    {
      key: 'description',
      title: 'Description',
      render: (_, line, index) =>
        locked('description') ? (
          line.description || '—'
        ) : (
          <>
            <Input
              aria-label={`Description line ${index + 1}`}
              value={line.description ?? ''}
              onChange={(event) => update(index, { description: event.target.value })}
              style={{ minWidth: 120 }}
            />
            <FieldError messages={errors[index]?.description} />
          </>
        ),
    },
    {
      key: 'boxes',
      title: 'Boxes',
      width: 72,
      render: (_, line, index) =>
        locked('boxes') ? (
          (line.boxes ?? '—')
        ) : (
          <>
            <InputNumber
              aria-label={`Boxes line ${index + 1}`}
              min={0}
              precision={0}
              value={line.boxes ?? null}
              onChange={(value) => update(index, { boxes: value === null ? null : Number(value) })}
              style={{ width: 64 }}
              controls={false}
            />
            <FieldError messages={errors[index]?.boxes} />
          </>
        ),
    },
    ...(showEstimated
      ? [{ key: 'estimated', title: `Est. ${unit}`, width: 104, render: (_: unknown, line: EditorLine, index: number) => weightInput(line, index, 'estimated_weight_lb', 'Estimated weight') }]
      : []),
    {
      key: 'actual',
      title: <Tooltip title="The catch weight actually shipped; prices apply to it once entered.">{showEstimated ? `Actual ${unit}` : `Weight (${unit})`}</Tooltip>,
      width: 104,
      render: (_, line, index) => weightInput(line, index, 'actual_weight_lb', 'Actual weight'),
    },
    {
      key: 'lot',
      title: <Tooltip title="Lot, production and pack dates, USDA establishment (for recalls).">Lot</Tooltip>,
      width: 40,
      render: (_, line, index) => lotCell(line, index),
    },
    {
      key: 'unit_price',
      title: 'Price',
      width: 96,
      render: (_, line, index) =>
        locked('unit_price') ? (
          line.unit_price ? formatPrice(line.unit_price) : '—'
        ) : (
          <>
            <InputNumber<string>
              stringMode
              min="0"
              step="0.01"
              aria-label={`Unit price line ${index + 1}`}
              value={line.unit_price ?? null}
              onChange={(value) => update(index, { unit_price: value === null || value === undefined ? undefined : String(value) })}
              style={{ width: 88 }}
              controls={false}
            />
            <FieldError messages={errors[index]?.unit_price} />
          </>
        ),
    },
    {
      key: 'price_unit',
      title: 'Per',
      width: 88,
      render: (_, line, index) =>
        locked('price_unit') ? (
          <span style={{ whiteSpace: 'nowrap' }}>{enumLabel('PriceUnitEnum', line.price_unit)}</span>
        ) : (
          <Select
            aria-label={`Price unit line ${index + 1}`}
            value={line.price_unit ?? 'lb'}
            options={PRICE_UNITS}
            onChange={(value) => update(index, { price_unit: value as EditorLine['price_unit'] })}
            style={{ width: 80 }}
            popupMatchSelectWidth={false}
          />
        ),
    },
    {
      key: 'total',
      title: 'Line total',
      width: 116,
      align: 'right',
      fixed: 'right',
      render: (_, line, index) => {
        const live = liveLineTotal(line);
        return (
          <span data-testid={`line-total-${index + 1}`} style={{ whiteSpace: 'nowrap' }}>
            {live === null ? <Typography.Text type="secondary">needs {needs(line)}</Typography.Text> : formatCurrency(live, currency)}
          </span>
        );
      },
    },
  ];

  if (showMargin) {
    columns.push({
      key: 'margin',
      title: <Tooltip title="Sell total − buy cost (saved figures; they update on save).">Margin</Tooltip>,
      width: 100,
      align: 'right',
      fixed: 'right',
      render: (_, line) => {
        const figures = line.id ? saved[line.id] : undefined;
        return figures?.margin !== undefined ? formatMoneyIn(figures.margin, currency) : <Typography.Text type="secondary">—</Typography.Text>;
      },
    });
  }

  if (addRemove) {
    columns.push({
      key: 'remove',
      title: '',
      width: 40,
      fixed: 'right',
      render: (_, __, index) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={`Remove line ${index + 1}`}
          onClick={() => onChange?.(lines.filter((_line, i) => i !== index))}
        />
      ),
    });
  }

  const total = sumCents(lines.map(liveLineTotal));
  const boxes = lines.reduce((sum, line) => sum + (line.boxes ?? 0), 0);
  const weightLb = sumWeights(lines.map((line) => effectiveWeightLb(line)));
  const weightText = unit === 'lb' ? `${weightLb} lb` : `${formatWeight(lbToKg(weightLb.replace(/,/g, '')))} kg`;
  const summaryCell = (key: string) => {
    if (key === 'n') return <strong>Total</strong>;
    if (key === 'boxes') return boxes;
    if (key === 'actual') return <span style={{ whiteSpace: 'nowrap' }}>{weightText}</span>;
    if (key === 'total')
      return (
        <strong data-testid="live-total" style={{ whiteSpace: 'nowrap' }}>
          {formatCurrency(total, currency)}
        </strong>
      );
    return null;
  };

  return (
    <div className="line-item-editor" ref={box}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
        <Segmented
          aria-label="Weight unit"
          size="small"
          value={unit}
          onChange={(value) => {
            setUnit(value as 'lb' | 'kg');
            // Leaving kg mode: the pounds are the truth, the typed kg text is dropped.
            if (value === 'lb') onChange?.(lines.map(({ estimated_weight_kg: _e, actual_weight_kg: _a, ...line }) => line));
          }}
          options={[
            { label: 'Weights in lb', value: 'lb' },
            { label: 'Weights in kg', value: 'kg' },
          ]}
        />
        {addRemove && (
          <Button icon={<PlusOutlined />} onClick={() => onChange?.([...lines, emptyLine()])}>
            Add line
          </Button>
        )}
      </Flex>
      <Table<EditorLine>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 'max-content' }}
        sticky
        locale={{ emptyText: readOnly ? 'No lines.' : 'No lines yet: add the first one.' }}
        summary={() => (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row>
              {columns.map((column, index) => (
                <Table.Summary.Cell key={String(column.key)} index={index} align={column.key === 'total' || column.key === 'margin' ? 'right' : undefined}>
                  {summaryCell(String(column.key))}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </div>
  );
}

function needs(line: EditorLine): string {
  if (!line.unit_price) return 'a price';
  if (line.price_unit === 'case' || line.price_unit === 'each') return 'boxes';
  return 'a weight';
}

/** Unit prices keep up to 4 places ($/lb often has 3–4). */
function formatPrice(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}
