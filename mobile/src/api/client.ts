/** The one HTTP client: knox token, X-Tenant-ID, Idempotency-Key on queued writes, DRF errors as messages.
 * A 401 signs the user out (expired or revoked token) through the handler the session registers. */
import { Platform } from 'react-native';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(describeError(status, body));
    this.name = 'ApiError';
  }
}

/** No answer at all (no signal, server down): the offline queue retries these. */
export class NetworkError extends Error {
  constructor(message = 'No connection to the server.') {
    super(message);
    this.name = 'NetworkError';
  }
}

interface ApiConfig {
  baseUrl: string;
  token: string | null;
  tenantId: number | null;
  onUnauthorized: () => void;
}

const config: ApiConfig = {
  // Web build: the same origin that served the app. A phone: EXPO_PUBLIC_API_URL (e.g. http://192.168.1.20:8000).
  baseUrl: process.env.EXPO_PUBLIC_API_URL ?? (Platform.OS === 'web' ? '' : 'http://127.0.0.1:8000'),
  token: null,
  tenantId: null,
  onUnauthorized: () => undefined,
};

export function configureApi(changes: Partial<ApiConfig>): void {
  Object.assign(config, changes);
}

export function apiBaseUrl(): string {
  return config.baseUrl;
}

export function authHeaders(idempotencyKey?: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (config.token) headers.Authorization = `Token ${config.token}`;
  if (config.tenantId != null) headers['X-Tenant-ID'] = String(config.tenantId);
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  return headers;
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sign-in itself answers 400/401 for bad credentials: do not treat that as an expired session. */
  anonymous?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = authHeaders(options.idempotencyKey);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(config.baseUrl + withQuery(path, options.query), { method, headers, body });
  } catch (error) {
    throw new NetworkError(error instanceof Error && error.message ? `No connection to the server (${error.message}).` : undefined);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 200) };
    }
  }
  if (response.status === 401 && !options.anonymous) config.onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, data);
  return data as T;
}

/** A person-readable message from a DRF error body: detail, non-field errors, then "field: message". */
export function describeError(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === 'string') return record.detail;
    const parts: string[] = [];
    for (const [field, value] of Object.entries(record)) {
      const text = flatten(value);
      if (text) parts.push(field === 'non_field_errors' ? text : `${field}: ${text}`);
    }
    if (parts.length) return parts.join(' ');
  }
  if (status === 0) return 'No connection to the server.';
  return `The server answered ${status}.`;
}

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).filter(Boolean).join(' ');
  if (value && typeof value === 'object') return Object.values(value).map(flatten).filter(Boolean).join(' ');
  return '';
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The messages of a 400 per field (`{"new_password": ["Too short.", …]}` → `{new_password: "Too short. …"}`);
 * `detail` and `non_field_errors` go under `_`. Empty for anything but an ApiError with a body. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body || typeof error.body !== 'object') return {};
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(error.body as Record<string, unknown>)) {
    const text = flatten(value);
    if (!text) continue;
    const key = field === 'detail' || field === 'non_field_errors' ? '_' : field;
    errors[key] = errors[key] ? `${errors[key]} ${text}` : text;
  }
  return errors;
}
