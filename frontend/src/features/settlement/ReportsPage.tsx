/** Settled margin by customer, supplier, product, protein, lane, sales rep or load over a date range (CSV too),
 * and the sales reps' commissions from settled margin. Every amount stays in its own currency. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Select, Space, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '@/api/errors';
import { buildQuery } from '@/api/resource';
import { client, unwrap } from '@/api/client';
import type { Schemas } from '@/api/types';
import { notifyError } from '@/app/notify';
import { useSession } from '@/app/session';
import { fetchBlob } from '@/components/orders/download';
import { formatMoneyIn } from '@/components/orders/money';

type MarginRow = Schemas['MarginRow'];
type By = 'customer' | 'supplier' | 'product' | 'protein' | 'lane' | 'sales_rep' | 'load';
const DIMENSIONS: { value: By; label: string }[] = [
  { value: 'customer', label: 'Customer' },
  { value: 'supplier', label: 'Supplier' },
  { value: 'product', label: 'Product' },
  { value: 'protein', label: 'Protein' },
  { value: 'lane', label: 'Lane' },
  { value: 'sales_rep', label: 'Sales rep' },
  { value: 'load', label: 'Load' },
];
const FIGURES = ['revenue', 'product_cost', 'freight', 'cold_storage', 'claims', 'margin', 'margin_estimate'] as const;
const TITLES: Record<(typeof FIGURES)[number], string> = {
  revenue: 'Revenue',
  product_cost: 'Product',
  freight: 'Freight',
  cold_storage: 'Cold storage',
  claims: 'Claims',
  margin: 'Margin',
  margin_estimate: 'Margin (est.)',
};

function usePeriod() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const date_from = range?.[0]?.format('YYYY-MM-DD');
  const date_to = range?.[1]?.format('YYYY-MM-DD');
  const picker = <DatePicker.RangePicker aria-label="Period" value={range} onChange={(value) => setRange(value)} allowEmpty={[true, true]} />;
  return { date_from, date_to, picker };
}

function MarginTab() {
  const [by, setBy] = useState<By>('customer');
  const { date_from, date_to, picker } = usePeriod();
  const report = useQuery<Schemas['MarginReport'], ApiError>({
    queryKey: ['settlement-reports', 'margin', by, date_from, date_to],
    // The operation also answers text/csv (?format=csv); the JSON read is the report.
    queryFn: async () =>
      (await unwrap(client.GET('/api/v1/settlement-reports/margin/', { params: { query: { by, date_from, date_to } } }))) as Schemas['MarginReport'],
  });
  async function downloadCsv() {
    try {
      const blob = await fetchBlob(`/api/v1/settlement-reports/margin/${buildQuery({ by, date_from, date_to, format: 'csv' })}`);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `margin-by-${by}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      notifyError(error);
    }
  }
  const money = (key: (typeof FIGURES)[number]) => ({
    key,
    title: TITLES[key],
    align: 'right' as const,
    render: (_: unknown, row: MarginRow) => formatMoneyIn(row[key], row.currency),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Select<By> aria-label="Group by" value={by} onChange={setBy} options={DIMENSIONS} style={{ width: 160 }} />
        {picker}
        <Button icon={<DownloadOutlined />} onClick={downloadCsv}>
          CSV
        </Button>
      </Flex>
      {report.error && <Alert type="error" showIcon message="Could not load the report" description={report.error.message} />}
      <Table<MarginRow>
        rowKey={(row) => `${row.key ?? 'none'}-${row.currency}`}
        size="small"
        loading={report.isPending}
        pagination={false}
        data-testid="margin-report"
        dataSource={report.data?.rows ?? []}
        locale={{ emptyText: 'No settled load in this period.' }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'label', title: DIMENSIONS.find((d) => d.value === by)?.label, dataIndex: 'label' },
          { key: 'currency', title: 'Currency', dataIndex: 'currency' },
          { key: 'loads', title: 'Loads', dataIndex: 'loads', align: 'right' },
          ...FIGURES.map(money),
        ]}
      />
      {(report.data?.totals ?? []).map((total) => (
        <Typography.Text key={total.currency} strong data-testid={`margin-total-${total.currency}`}>
          {total.currency}: {total.loads} loads, margin {formatMoneyIn(total.margin, total.currency)} (estimated{' '}
          {formatMoneyIn(total.margin_estimate, total.currency)})
        </Typography.Text>
      ))}
    </Space>
  );
}

function CommissionsTab() {
  const { date_from, date_to, picker } = usePeriod();
  const report = useQuery<Schemas['CommissionReport'], ApiError>({
    queryKey: ['settlement-reports', 'commissions', date_from, date_to],
    queryFn: () => unwrap(client.GET('/api/v1/settlement-reports/commissions/', { params: { query: { date_from, date_to } } })),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        {picker}
        {report.data && (
          <Typography.Text type="secondary">
            Rule: {report.data.commission_percent} % of each settled load's margin, at least {report.data.commission_floor} per load
            (tenant settings).
          </Typography.Text>
        )}
      </Flex>
      {report.error && <Alert type="error" showIcon message="Could not load the commissions" description={report.error.message} />}
      <Table
        rowKey={(row) => `${row.sales_rep}-${row.currency}`}
        size="small"
        loading={report.isPending}
        pagination={false}
        data-testid="commissions-report"
        dataSource={report.data?.reps ?? []}
        locale={{ emptyText: 'No settled margin attributed to a sales rep in this period.' }}
        columns={[
          { key: 'rep', title: 'Sales rep', dataIndex: 'sales_rep_name' },
          { key: 'currency', title: 'Currency', dataIndex: 'currency' },
          { key: 'loads', title: 'Loads', dataIndex: 'loads', align: 'right' },
          { key: 'margin', title: 'Settled margin', align: 'right', render: (_, row) => formatMoneyIn(row.margin, row.currency) },
          { key: 'commission', title: 'Commission', align: 'right', render: (_, row) => formatMoneyIn(row.commission, row.currency) },
        ]}
      />
    </Space>
  );
}

export default function SettlementReportsPage() {
  const { can } = useSession();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>Settled margin</Typography.Title>
      <Tabs
        items={[
          { key: 'margin', label: 'Margin', children: <MarginTab /> },
          ...(can('manager') ? [{ key: 'commissions', label: 'Commissions', children: <CommissionsTab /> }] : []),
        ]}
      />
    </Space>
  );
}
