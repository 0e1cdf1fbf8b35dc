/** Document upload with progress: XMLHttpRequest (fetch reports no upload progress) carrying the same CSRF
 * and tenant headers as every other call (built by the one client's withApiHeaders). */
import { apiRequest, withApiHeaders } from '@/api/http';
import { ApiError } from '@/api/errors';
import type { Schemas } from '@/api/types';

export const DOCUMENTS_PATH = '/api/v1/ai-assistant/documents/';

export function uploadDocument(file: File, onProgress: (percent: number) => void): Promise<Schemas['Document']> {
  const request = withApiHeaders(apiRequest(DOCUMENTS_PATH, { method: 'POST' }));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', request.url);
    xhr.withCredentials = true;
    request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText?.slice(0, 300) ?? null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Schemas['Document']);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new Error('The upload failed: check the connection and try again.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The draft's JSON (apps/ai_assistant/schema.py): every leaf is {value, confidence}. The OpenAPI schema types
 * it as free-form JSON, so its shape is described here for the review screen only. */
export interface Extracted<T> {
  value: T | null;
  confidence: number;
}

export interface ExtractedLine {
  description: Extracted<string>;
  product_code: Extracted<string>;
  protein: Extracted<string>;
  boxes: Extracted<number>;
  weight_lb: Extracted<number>;
  unit_price: Extracted<number>;
  price_unit: Extracted<string>;
  line_total: Extracted<number>;
}

export interface Extraction {
  document_type: Extracted<string>;
  document_number: Extracted<string>;
  reference_number: Extracted<string>;
  document_date: Extracted<string>;
  ship_date: Extracted<string>;
  delivery_date: Extracted<string>;
  due_date: Extracted<string>;
  counterparty: { name: Extracted<string>; role: Extracted<string>; address: Extracted<string> };
  carrier: Extracted<string>;
  terms: Extracted<string>;
  currency: Extracted<string>;
  line_items: ExtractedLine[];
  totals: { total_boxes: Extracted<number>; total_weight_lb: Extracted<number>; subtotal: Extracted<number>; total: Extracted<number> };
}

export interface Candidate {
  id: number;
  code?: string;
  name: string;
  score: number;
  via?: string;
}

export interface Matches {
  counterparty?: Candidate[];
  counterparty_model?: 'supplier' | 'customer';
  plants?: Candidate[];
  carrier?: Candidate[];
  lines?: Candidate[][];
}

export interface DocWarning {
  code: string;
  message: string;
  line?: number;
  field?: string;
}

export interface CreatedRecord {
  type: string;
  id: number;
  label: string;
  new: boolean;
}

/** Below this the reviewer's eye is drawn to the field. */
export const LOW_CONFIDENCE = 0.8;

/** What confirming a document creates by default, by document type (apps/ai_assistant/confirm.py). */
export const DEFAULT_ACTION: Record<string, Schemas['ActionEnum']> = {
  purchase_order: 'sales_order',
  sales_confirmation: 'purchase_order',
  invoice: 'counterparty_only',
  bill_of_lading: 'counterparty_only',
};

export function recordLink(record: CreatedRecord): string | null {
  switch (record.type) {
    case 'purchase_order':
      return `/purchase-orders/${record.id}`;
    case 'sales_order':
      return `/sales-orders/${record.id}`;
    case 'supplier':
      return `/suppliers/${record.id}`;
    case 'customer':
      return `/customers/${record.id}`;
    default:
      return null;
  }
}
