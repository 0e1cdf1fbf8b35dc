/** The line-item editor's model: a line as the API reads and writes it, plus a client key and kg entry text. */
import type { Schemas } from '@/api/types';
import { effectiveWeightLb, lineTotalCents } from './money';
import type { Cents } from './money';

type LineRequest = Schemas['PurchaseOrderLineRequest'];

export type EditorLine = Pick<LineRequest, 'id' | 'description' | 'boxes' | 'estimated_weight_lb' | 'actual_weight_lb' | 'unit_price' | 'price_unit'> & {
  /** Stable React key (new lines have no id yet). */
  key: string;
  product?: number | null;
  /** Kept through an edit so a sales line stays tied to the purchase line its cost comes from. */
  source_purchase_order_line?: number | null;
  /** What the user typed in kg mode (the lb value beside it is what is sent). */
  estimated_weight_kg?: string;
  actual_weight_kg?: string;
  /** Lot traceability (recalls): the packer's lot, production and pack days (YYYY-MM-DD) and the USDA EST. */
  lot_number?: string;
  production_date?: string | null;
  pack_date?: string | null;
  establishment_number?: string;
};

export const LOT_FIELDS = ['lot_number', 'production_date', 'pack_date', 'establishment_number'] as const;

/** Server-side figures of a saved line, shown read-only beside the live total. */
export interface SavedLineFigures {
  line_total?: string;
  buy_cost?: string;
  margin?: string;
  product_code?: string;
}

let counter = 0;
export function newLineKey(): string {
  counter += 1;
  return `new-${counter}`;
}

export function emptyLine(): EditorLine {
  return { key: newLineKey(), product: null, description: '', boxes: null, estimated_weight_lb: null, actual_weight_lb: null, unit_price: undefined, price_unit: 'lb' };
}

/** A line of a fetched order (PO, SO or invoice line) in the editor's shape. */
export function toEditorLine(line: Record<string, unknown>): EditorLine {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    key: `line-${String(line.id)}`,
    id: typeof line.id === 'number' ? line.id : undefined,
    product: typeof line.product === 'number' ? line.product : null,
    description: typeof line.description === 'string' ? line.description : '',
    boxes: typeof line.boxes === 'number' ? line.boxes : null,
    // An invoice line bills ONE weight (weight_lb, the delivered catch weight): it is the actual weight.
    estimated_weight_lb: text(line.estimated_weight_lb),
    actual_weight_lb: text(line.actual_weight_lb ?? (line.estimated_weight_lb === undefined ? line.weight_lb : null)),
    unit_price: text(line.unit_price) ?? undefined,
    price_unit: (line.price_unit as EditorLine['price_unit']) ?? 'lb',
    source_purchase_order_line: typeof line.source_purchase_order_line === 'number' ? line.source_purchase_order_line : null,
    lot_number: typeof line.lot_number === 'string' ? line.lot_number : '',
    production_date: text(line.production_date),
    pack_date: text(line.pack_date),
    establishment_number: typeof line.establishment_number === 'string' ? line.establishment_number : '',
  };
}

export function liveLineTotal(line: EditorLine): Cents | null {
  return lineTotalCents({ weight_lb: effectiveWeightLb(line), boxes: line.boxes, unit_price: line.unit_price, price_unit: line.price_unit });
}

const blankToNull = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

/** The `lines` payload: the full list, ids kept (the server updates, adds and removes to match it), weights in lb. */
export function toLinesPayload(lines: EditorLine[], { withSource = false } = {}) {
  return lines.map((line) => {
    const payload: Record<string, unknown> = {
      product: line.product ?? null,
      description: line.description ?? '',
      boxes: line.boxes ?? null,
      estimated_weight_lb: blankToNull(line.estimated_weight_lb),
      actual_weight_lb: blankToNull(line.actual_weight_lb),
      unit_price: blankToNull(line.unit_price),
      price_unit: line.price_unit ?? 'lb',
    };
    if (line.lot_number !== undefined) payload.lot_number = line.lot_number.trim();
    if (line.establishment_number !== undefined) payload.establishment_number = line.establishment_number.trim();
    if (line.production_date !== undefined) payload.production_date = blankToNull(line.production_date);
    if (line.pack_date !== undefined) payload.pack_date = blankToNull(line.pack_date);
    if (line.id !== undefined && line.id !== null) payload.id = line.id;
    if (withSource && line.source_purchase_order_line) payload.source_purchase_order_line = line.source_purchase_order_line;
    return payload;
  });
}

/** DRF's nested errors for `lines`: a list (one object per line) or plain messages for the whole list. */
export function lineErrors(body: unknown): { perLine: Record<number, Record<string, string[]>>; general: string[] } {
  const perLine: Record<number, Record<string, string[]>> = {};
  const general: string[] = [];
  if (!body || typeof body !== 'object') return { perLine, general };
  const raw = (body as Record<string, unknown>).lines;
  // DRF writes line errors as a list (one entry per line) or, newer, as {"<index>": {...}}.
  let lines: unknown[];
  if (Array.isArray(raw)) lines = raw;
  else if (raw && typeof raw === 'object') {
    lines = [];
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (/^\d+$/.test(key)) lines[Number(key)] = value;
      else general.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
    }
  } else return { perLine, general };
  lines.forEach((item, index) => {
    if (typeof item === 'string') general.push(item);
    else if (item && typeof item === 'object' && Object.keys(item).length) {
      perLine[index] = Object.fromEntries(
        Object.entries(item as Record<string, unknown>).map(([field, messages]) => [field, Array.isArray(messages) ? messages.map(String) : [String(messages)]]),
      );
    }
  });
  return { perLine, general };
}
