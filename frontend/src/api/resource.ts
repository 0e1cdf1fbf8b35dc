/**
 * Generic calls on a list endpoint and its detail endpoint (`<path><id>/`), for the resource table and
 * form. They go through the same apiFetch as the typed client, so headers and errors are handled once.
 */
import { apiFetch, apiRequest } from './http';
import { ApiError, errorFromResponse } from './errors';
import type { components } from './schema.gen';
import type { Page } from './types';

export type CsvImportReport = components['schemas']['CsvImportReport'];
export type CsvJob = components['schemas']['CsvJob'];

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

function isJob(body: unknown): body is CsvJob {
  return !!body && typeof body === 'object' && 'kind' in body && 'status' in body && 'rows_done' in body;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Called with the job while a large file is imported in the background (rows done / total). */
  onProgress?: (job: CsvJob) => void;
  /** Milliseconds between two polls of the job. */
  pollMs?: number;
}

/** Polls `/api/v1/csv-jobs/{id}/` until the job is done; its report, or an Error with the job's error. */
export async function waitForJob(job: CsvJob, onProgress?: (job: CsvJob) => void, pollMs = 1000): Promise<CsvImportReport> {
  let current = job;
  onProgress?.(current);
  while (current.status === 'queued' || current.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    current = await send<CsvJob>(`/api/v1/csv-jobs/${current.id}/`);
    onProgress?.(current);
  }
  if (current.status !== 'done' || !isImportReport(current.report)) throw new Error(current.error || 'The import job failed.');
  return current.report;
}

/**
 * Uploads a CSV to `<path>import/` (`?dry_run=1` checks only). A 400 that carries the row-by-row report is
 * returned as the report; a large file comes back as a job (202), which is polled until it has the report;
 * any other failure (no import for this resource, 403, 413 …) throws an ApiError.
 */
export async function importCsv(path: string, file: File, { dryRun, onProgress, pollMs }: ImportOptions): Promise<CsvImportReport> {
  const form = new FormData();
  form.append('file', file);
  let answer: CsvImportReport | CsvJob;
  try {
    answer = await postMultipart<CsvImportReport | CsvJob>(`${path}import/${buildQuery({ dry_run: dryRun ? 1 : undefined })}`, form);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && isImportReport(error.body)) return error.body;
    throw error;
  }
  return isJob(answer) ? waitForJob(answer, onProgress, pollMs) : answer;
}

/** Downloads the filtered list as CSV (`?format=csv`), with the tenant header a plain link could not send. */
export async function downloadCsv(path: string, query: Query, filename: string): Promise<void> {
  const response = await apiFetch(apiRequest(`${path}${buildQuery({ ...query, format: 'csv', page: undefined })}`, {
    headers: { Accept: 'text/csv' },
  }));
  if (!response.ok) throw await errorFromResponse(response);
  saveBlob(await response.blob(), filename);
}

/** Hands a fetched file to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The matching records' PDFs merged into one file (`<path>pdfs/?id=…`), downloaded as `filename`. */
export async function downloadMergedPdf(path: string, query: Query, filename: string): Promise<void> {
  const response = await apiFetch(apiRequest(`${path}pdfs/${buildQuery(query)}`, { headers: { Accept: 'application/pdf, application/json' } }));
  if (!response.ok) throw await errorFromResponse(response);
  saveBlob(await response.blob(), filename);
}

export type GroupedList = components['schemas']['GroupedList'];
export type ListGroup = components['schemas']['ListGroup'];
export type GroupSubtotal = components['schemas']['GroupSubtotal'];

/** The list's rows grouped by one declared field, with counts and money sums per currency (`<path>groups/`). */
export function listGroups(path: string, query: Query): Promise<GroupedList> {
  return send<GroupedList>(`${path}groups/${buildQuery(query)}`);
}
