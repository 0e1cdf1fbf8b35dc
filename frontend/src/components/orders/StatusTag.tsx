/** A document's status as a coloured tag, labelled from the schema's enum. */
import { Tag } from 'antd';
import { enumLabel } from '@/api/enums';
import type { EnumName } from '@/api/enums';

const COLORS: Record<string, string> = {
  draft: 'default',
  tendered: 'default',
  uploaded: 'default',
  sent: 'blue',
  issued: 'blue',
  processing: 'processing',
  confirmed: 'geekblue',
  accepted: 'geekblue',
  extracted: 'gold',
  picked_up: 'cyan',
  shipped: 'cyan',
  partially_paid: 'orange',
  received: 'green',
  delivered: 'green',
  paid: 'green',
  invoiced: 'purple',
  closed: 'default',
  cancelled: 'red',
  void: 'red',
  failed: 'red',
  discarded: 'default',
};

export function StatusTag({ status, enumName }: { status: unknown; enumName: EnumName }) {
  if (typeof status !== 'string' || !status) return null;
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="status-tag">
      {enumLabel(enumName, status)}
    </Tag>
  );
}
