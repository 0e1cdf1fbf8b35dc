/** API errors in one shape, whatever the endpoint: DRF's {"field": ["msg"]} or {"detail": "..."}. */

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | null;
  readonly fieldErrors: FieldErrors;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const parsed = parseErrorBody(body);
    const fieldErrors = parsed.fieldErrors;
    const detail = parsed.detail ?? (Object.keys(fieldErrors).length ? null : fallbackDetail(status));
    super(detail ?? firstMessage(fieldErrors) ?? `Request failed (HTTP ${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.body = body;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }
}

function fallbackDetail(status: number): string {
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'Not found: it may have been deleted, or it belongs to another tenant.';
  if (status >= 500) return `The server failed (HTTP ${status}); try again.`;
  return `Request failed (HTTP ${status}).`;
}

function asMessages(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => asMessages(item));
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap((item) => asMessages(item));
  return [];
}

export function parseErrorBody(body: unknown): { detail: string | null; fieldErrors: FieldErrors } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { detail: typeof body === 'string' && body ? body : null, fieldErrors: {} };
  }
  const record = body as Record<string, unknown>;
  const detail = typeof record.detail === 'string' ? record.detail : null;
  const fieldErrors: FieldErrors = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'detail' && detail !== null) continue;
    if (key === 'blocked_by' || key === 'duplicate_of') continue;
    const messages = asMessages(value);
    if (messages.length) fieldErrors[key] = messages;
  }
  return { detail, fieldErrors };
}

function firstMessage(fieldErrors: FieldErrors): string | null {
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages.length) return field === 'non_field_errors' ? (messages[0] ?? null) : `${field}: ${messages[0]}`;
  }
  return null;
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = response.status >= 500 ? null : text.slice(0, 300);
    }
  }
  return new ApiError(response.status, body);
}

export interface FieldErrorTarget<N extends string> {
  setFields: (fields: { name: N; errors: string[] }[]) => void;
}

/**
 * Puts each field error on its form field; returns the messages that belong to no field on the form
 * (non_field_errors, detail, unknown fields), for an alert above the form's buttons.
 */
export function applyFieldErrors<N extends string>(error: unknown, form: FieldErrorTarget<N>, formFields: readonly N[]): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const known = new Set<string>(formFields);
  const onFields: { name: N; errors: string[] }[] = [];
  const leftOver: string[] = [];
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    if (known.has(field)) onFields.push({ name: field as N, errors: messages });
    else if (field === 'non_field_errors') leftOver.push(...messages);
    else leftOver.push(...messages.map((message) => `${field}: ${message}`));
  }
  if (onFields.length) form.setFields(onFields);
  if (error.detail) leftOver.unshift(error.detail);
  if (!onFields.length && !leftOver.length) leftOver.push(error.message);
  return leftOver;
}
