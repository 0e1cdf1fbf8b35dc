/**
 * Optimistic concurrency (docs/SECURITY.md): a record's version is its `updated_at` in microseconds since the
 * epoch, which the API sends as `ETag: "<version>"` and checks in `If-Match`. A write from a stale copy is
 * 412 `{detail, code: "stale", changed_by, changed_at, current}` and writes nothing.
 */
import { ApiError } from './errors';

/** The ETag of the record as this copy of it was read (`"<µs since epoch>"`), or undefined without `updated_at`. */
export function versionOf(row: unknown): string | undefined {
  const stamp = row && typeof row === 'object' ? (row as { updated_at?: unknown }).updated_at : undefined;
  if (typeof stamp !== 'string') return undefined;
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6})\d*)?(Z|[+-]\d{2}:\d{2})?$/.exec(stamp);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  if (Number.isNaN(seconds)) return undefined;
  const micros = Number((match[2] ?? '').padEnd(6, '0'));
  // Below 2^53 until the year 2255: exact in a double.
  return `"${(seconds / 1000) * 1_000_000 + micros}"`;
}

export interface StaleWrite {
  detail: string;
  changedBy: string | null;
  changedAt: string | null;
  /** The record as it is now on the server. */
  current: Record<string, unknown> | null;
}

export function staleWrite(error: unknown): StaleWrite | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const body = (error.body ?? {}) as Record<string, unknown>;
  return {
    detail: error.detail ?? 'This record was changed by someone else after you loaded it.',
    changedBy: typeof body.changed_by === 'string' ? body.changed_by : null,
    changedAt: typeof body.changed_at === 'string' ? body.changed_at : null,
    current: body.current && typeof body.current === 'object' ? (body.current as Record<string, unknown>) : null,
  };
}
