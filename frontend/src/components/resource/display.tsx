/** Default rendering of a row's value when a column has no render function. */
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import type { ColumnDef, Row } from './types';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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
  if (typeof value === 'string' && DATE_TIME.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
  }
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderCell(column: ColumnDef<Row>, row: Row): ReactNode {
  return column.render ? column.render(row) : formatValue(getPath(row, column.key));
}
