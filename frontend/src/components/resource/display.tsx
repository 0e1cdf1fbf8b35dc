/** Default rendering of a row's value when a column has no render function. */
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ColumnDef, Row } from './types';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The one date format of the app (unambiguous for US and Canadian users alike), and with the time. */
export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** An API datetime in the user's time zone, "2026-12-01 14:05"; "—" when missing. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format(DATE_TIME_FORMAT) : value;
}

export function getPath(row: Row, key: string): unknown {
  let value: unknown = row;
  for (const part of key.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function formatValue(value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return value ? <Tag color="green">Yes</Tag> : <Tag>No</Tag>;
  if (typeof value === 'string' && DATE_TIME.test(value)) return formatDateTime(value);
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderCell(column: ColumnDef<Row>, row: Row): ReactNode {
  return column.render ? column.render(row) : formatValue(getPath(row, column.key));
}
