/** The broker's dashboard: KPI cards and small charts from /api/v1/dashboard/, each a link to the list behind it. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { client, unwrap } from '@/api/client';
import type { ApiError } from '@/api/errors';
import type { Schemas } from '@/api/types';
import { formatMoneyIn, formatWeight } from '@/components/orders/money';
import { HorizontalBars, MonthColumns } from './Bars';
import { agingBucketRange, monthEnd, monthLabel, query } from './dates';
import { ROLE_LABELS } from '@/api/roles';
import { useSession } from '@/app/session';
import { SettlementKpis } from '../settlement/SettlementKpis';

type Dashboard = Schemas['Dashboard'];
type Aging = Schemas['AgingReport'];

export const DASHBOARD_KEY = ['dashboard'] as const;

const BUCKETS: { key: keyof Schemas['AgingBuckets']; label: string; color: string }[] = [
  { key: 'current', label: 'Current', color: '#52c41a' },
  { key: 'days_1_30', label: '1–30 days', color: '#faad14' },
  { key: 'days_31_60', label: '31–60 days', color: '#fa8c16' },
  { key: 'days_61_90', label: '61–90 days', color: '#fa541c' },
  { key: 'days_over_90', label: 'Over 90 days', color: '#f5222d' },
];

function Kpi({ title, value, hint, to, testId }: { title: string; value: ReactNode; hint?: ReactNode; to: string; testId: string }) {
  return (
    <Link to={to}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} />
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
      </Card>
    </Link>
  );
}

export default function DashboardPage() {
  const { tenant } = useSession();
  const dashboard = useQuery<Dashboard, ApiError>({
    queryKey: DASHBOARD_KEY,
    queryFn: () => unwrap(client.GET('/api/v1/dashboard/')),
  });
  const aging = useQuery<Aging, ApiError>({
    queryKey: ['dashboard', 'aging'],
    queryFn: () => unwrap(client.GET('/api/v1/accounts-receivables/aging/', { params: { query: {} } })),
  });

  if (dashboard.error) {
    return (
      <Alert
        type="error"
        showIcon
        message={dashboard.error.status === 403 ? 'You do not have access to the dashboard' : 'Could not load the dashboard'}
        description={dashboard.error.message}
        action={<Button onClick={() => void dashboard.refetch()}>Retry</Button>}
      />
    );
  }
  const data = dashboard.data;
  if (!data) return <Skeleton active paragraph={{ rows: 12 }} />;

  const months = data.sales.by_month;
  const firstMonth = months[0]?.month;
  const mtd = data.sales.month_to_date;
  const proteinTotals = new Map<string, number>();
  for (const row of data.pounds_by_protein) proteinTotals.set(row.protein, (proteinTotals.get(row.protein) ?? 0) + Number(row.pounds));
  const proteins = [...proteinTotals.entries()].sort((a, b) => b[1] - a[1]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="baseline" wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Dashboard
          </Typography.Title>
          {tenant && (
            <Typography.Text type="secondary">
              <strong data-testid="home-tenant">{tenant.name}</strong> · {ROLE_LABELS[tenant.role]}
            </Typography.Text>
          )}
        </div>
        <Typography.Text type="secondary">As of {data.as_of}</Typography.Text>
      </Flex>

      {data.other_currencies.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="other-currencies"
          message={`Figures are in ${data.currency}. Business in other currencies is shown apart, never added in:`}
          description={data.other_currencies.map((other) => (
            <div key={other.currency} data-testid={`other-currency-${other.currency}`}>
              <strong>{other.currency}</strong>
              {` · sales this month ${formatMoneyIn(other.sales_month_to_date.sales, other.currency)}`}
              {` · receivables ${formatMoneyIn(other.receivables.outstanding, other.currency)}`}
              {` (overdue ${formatMoneyIn(other.receivables.overdue, other.currency)})`}
              {` · open purchase orders ${formatMoneyIn(other.open_purchase_orders.value, other.currency)}`}
            </div>
          ))}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Kpi
            title="Sales this month"
            testId="kpi-sales-mtd"
            value={formatMoneyIn(mtd.sales)}
            hint={`${mtd.orders} orders · margin ${formatMoneyIn(mtd.gross_margin)}`}
            to={`/sales-orders${query({ order_date_from: mtd.month, order_date_to: monthEnd(mtd.month) })}`}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi
            title="Open purchase orders"
            testId="kpi-open-pos"
            value={String(data.open_purchase_orders.count)}
            hint={`worth ${formatMoneyIn(data.open_purchase_orders.value)}`}
            to="/purchase-orders?is_open=true"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi
            title="Receivables outstanding"
            testId="kpi-ar-outstanding"
            value={formatMoneyIn(data.receivables.outstanding)}
            hint={`${data.receivables.open_invoices} open invoices`}
            to="/invoices?is_open=true"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi
            title="Overdue"
            testId="kpi-ar-overdue"
            value={formatMoneyIn(data.receivables.overdue)}
            hint={`${data.receivables.overdue_invoices} invoices · ${data.receivables.overdue_customers} customers`}
            to="/invoices?overdue=true"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi
            title="Payables due (next 7 days)"
            testId="kpi-ap-due"
            value={
              data.payables_due_7_days.length
                ? data.payables_due_7_days.map((due) => formatMoneyIn(due.balance_due, due.currency)).join(' · ')
                : formatMoneyIn('0.00')
            }
            hint={`${data.payables_due_7_days.reduce((count, due) => count + due.items, 0)} bills and credits, per currency`}
            to="/payables?tab=cash"
          />
        </Col>
      </Row>

      <SettlementKpis today={data.as_of} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="Sales and gross margin by month" size="small">
            <MonthColumns
              primaryName="Sales"
              secondaryName="Margin"
              months={months.map((month) => ({
                key: month.month,
                label: monthLabel(month.month),
                primary: Number(month.sales),
                secondary: Number(month.gross_margin),
                primaryDisplay: formatMoneyIn(month.sales),
                secondaryDisplay: formatMoneyIn(month.gross_margin),
                to: `/sales-orders${query({ order_date_from: month.month, order_date_to: monthEnd(month.month) })}`,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="Pounds sold by protein (12 months)" size="small">
            <HorizontalBars
              testId="chart-pounds"
              bars={proteins.map(([protein, pounds]) => ({
                key: protein,
                label: protein.charAt(0).toUpperCase() + protein.slice(1),
                value: pounds,
                display: `${formatWeight(String(pounds.toFixed(2)))} lb`,
                to: `/sales-orders${query({ protein, order_date_from: firstMonth })}`,
                color: '#722ed1',
              }))}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={`Receivables aging (${data.currency})`} size="small" extra={<Link to="/receivables">Per customer</Link>}>
            {aging.data ? (
              <HorizontalBars
                testId="chart-aging"
                bars={BUCKETS.map((bucket) => ({
                  key: bucket.key,
                  label: bucket.label,
                  // The reporting currency's buckets (its row always comes first); other currencies are listed above.
                  value: Number(aging.data.totals[0]?.[bucket.key] ?? 0),
                  display: formatMoneyIn(aging.data.totals[0]?.[bucket.key] ?? 0, aging.data.currency),
                  to: `/invoices${query({ is_open: true, currency: aging.data.currency, ...agingBucketRange(bucket.key, aging.data.as_of) })}`,
                  color: bucket.color,
                }))}
              />
            ) : aging.error ? (
              <Typography.Text type="secondary">{aging.error.message}</Typography.Text>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="Top customers (12 months)" size="small">
            <HorizontalBars
              testId="chart-top-customers"
              bars={data.top_customers.map((customer) => ({
                key: String(customer.customer),
                label: customer.name,
                value: Number(customer.sales),
                display: formatMoneyIn(customer.sales),
                to: `/sales-orders${query({ customer: customer.customer })}`,
                color: '#13c2c2',
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            title="Loads this week"
            size="small"
            extra={
              <Link to={`/loads${query({ pickup_date_from: data.loads.week_start, pickup_date_to: data.loads.week_end })}`} data-testid="loads-week-link">
                {data.loads.picking_up_this_week} this week · {data.loads.picking_up_today} today
              </Link>
            }
          >
            <Table<Schemas['LoadToday']>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.loads.today}
              locale={{ emptyText: 'No pickups today.' }}
              columns={[
                { key: 'number', title: 'Today', render: (_, load) => <Link to={`/loads/${load.id}`}>{load.number}</Link> },
                { key: 'carrier', title: 'Carrier', dataIndex: 'carrier' },
                { key: 'status', title: 'Status', render: (_, load) => <Tag>{load.status.replace(/_/g, ' ')}</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
