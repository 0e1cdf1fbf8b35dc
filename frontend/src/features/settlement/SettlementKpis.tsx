/** The dashboard's settlement figures: loads delivered but not settled, claims still open, and this month's
 * settled margin actual vs estimate, per currency (never added across currencies). */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { client, unwrap } from '@/api/client';
import { listResource } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { formatMoneyIn } from '@/components/orders/money';

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

export function SettlementKpis({ today }: { today: string }) {
  const monthStart = `${today.slice(0, 7)}-01`;
  const figures = useQuery({
    queryKey: ['dashboard', 'settlement', monthStart, today],
    queryFn: async () => {
      const [delivered, settled, open, review, margin] = await Promise.all([
        listResource('/api/v1/loads/', { status: 'delivered', page_size: 1 }),
        listResource('/api/v1/load-settlements/', { status: 'settled', load_status: 'delivered', page_size: 1 }),
        listResource('/api/v1/claims/', { status: 'open', page_size: 1 }),
        listResource('/api/v1/claims/', { status: 'under_review', page_size: 1 }),
        unwrap(
          client.GET('/api/v1/settlement-reports/margin/', { params: { query: { by: 'load', date_from: monthStart, date_to: today } } }),
        ) as Promise<Schemas['MarginReport']>,
      ]);
      return { unsettled: Math.max(delivered.count - settled.count, 0), claims: open.count + review.count, totals: margin.totals };
    },
  });
  const data = figures.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={6}>
        <Kpi title="Unsettled loads" testId="kpi-unsettled-loads" value={data ? String(data.unsettled) : '…'} hint="delivered, not settled" to="/loads?status=delivered" />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi title="Claims open" testId="kpi-claims-open" value={data ? String(data.claims) : '…'} hint="open or under review" to="/claims" />
      </Col>
      <Col xs={24} lg={12}>
        <Link to="/settlement-reports">
          <Card hoverable size="small" title="Settled margin this month: actual vs estimate" style={{ height: '100%' }}>
            {(data?.totals ?? []).length === 0 ? (
              <Typography.Text type="secondary">No load settled this month.</Typography.Text>
            ) : (
              (data?.totals ?? []).map((total) => (
                <div key={total.currency} data-testid={`kpi-margin-${total.currency}`}>
                  <strong>{formatMoneyIn(total.margin, total.currency)}</strong> actual vs {formatMoneyIn(total.margin_estimate, total.currency)}{' '}
                  estimated · {total.loads} loads ({total.currency})
                </div>
              ))
            )}
          </Card>
        </Link>
      </Col>
    </Row>
  );
}
