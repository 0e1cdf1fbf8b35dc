/**
 * Generic calls on a list endpoint and its detail endpoint (`<path><id>/`), for the resource table and
 * form. They go through the same apiFetch as the typed client, so headers and errors are handled once.
 */
import { apiFetch, apiRequest } from './http';
import { ApiError, errorFromResponse } from './errors';
import type { components } from './schema.gen';
import type { Page } from './types';

export type CsvImportReport = components['schemas']['CsvImportReport'];

export type Query = Record<string, string | number | boolean | undefined | null>;

export function buildQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !(init.body instanceof FormData)) headers.set('Content-Type', 'application/json');
  const response = await apiFetch(apiRequest(path, { ...init, headers }));
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A list, whether the endpoint paginates (`{count, results}`) or returns a bare array. */
export async function listResource<T>(path: string, query: Query): Promise<Page<T>> {
  const body = await send<Page<T> | T[]>(`${path}${buildQuery(query)}`);
  if (Array.isArray(body)) return { count: body.length, count_is_exact: true, results: body };
  return body;
}

export function detailPath(path: string, id: string | number): string {
  return `${path}${encodeURIComponent(String(id))}/`;
}

export function getResource<T>(path: string, id: string | number): Promise<T> {
  return send<T>(detailPath(path, id));
}

export function createResource<T>(path: string, body: unknown): Promise<T> {
  return send<T>(path, { method: 'POST', body: JSON.stringify(body) });
}

export interface WriteOptions {
  /** The version the change was made on (`versionOf(row)`): a newer one on the server answers 412. */
  ifMatch?: string;
}

function versionHeaders(options: WriteOptions): HeadersInit | undefined {
  return options.ifMatch ? { 'If-Match': options.ifMatch } : undefined;
}

export function updateResource<T>(path: string, id: string | number, body: unknown, options: WriteOptions = {}): Promise<T> {
  return send<T>(detailPath(path, id), { method: 'PATCH', body: JSON.stringify(body), headers: versionHeaders(options) });
}

export function deleteResource(path: string, id: string | number): Promise<void> {
  return send<void>(detailPath(path, id), { method: 'DELETE' });
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return send<T>(path, { method: 'POST', body: JSON.stringify(body) });
}

/** A multipart POST (files); the browser sets the multipart Content-Type, apiFetch adds CSRF and tenant. */
export function postMultipart<T>(path: string, form: FormData): Promise<T> {
  return send<T>(path, { method: 'POST', body: form });
}

function isImportReport(body: unknown): body is CsvImportReport {
  return !!body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) && 'total_rows' in body;
}

/**
 * Uploads a CSV to `<path>import/` (`?dry_run=1` checks only). A 400 that carries the row-by-row report is
 * returned as the report; any other failure (no import for this resource, 403, 413 …) throws an ApiError.
 */
export async function importCsv(path: string, file: File, { dryRun }: { dryRun: boolean }): Promise<CsvImportReport> {
  const form = new FormData();
  form.append('file', file);
  try {
    return await postMultipart<CsvImportReport>(`${path}import/${buildQuery({ dry_run: dryRun ? 1 : undefined })}`, form);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && isImportReport(error.body)) return error.body;
    throw error;
  }
}

/** Downloads the filtered list as CSV (`?format=csv`), with the tenant header a plain link could not send. */
export async function downloadCsv(path: string, query: Query, filename: string): Promise<void> {
  const response = await apiFetch(apiRequest(`${path}${buildQuery({ ...query, format: 'csv', page: undefined })}`, {
    headers: { Accept: 'text/csv' },
  }));
  if (!response.ok) throw await errorFromResponse(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
