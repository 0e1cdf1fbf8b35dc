/** /loads: the generic list and forms, and the load page with its stops, workflow and rate confirmation. */
import { lazy } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Table } from 'antd';
import { ProjectOutlined } from '@ant-design/icons';
import type { Schemas } from '@/api/types';
import { OrderDetailPage } from '@/components/orders/OrderDetailPage';
import type { OrderPageConfig } from '@/components/orders/OrderDetailPage';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { ResourceListPage } from '@/components/resource/ResourcePages';
import { formatMoneyIn } from '@/components/orders/money';
import { loads } from './resource';
import { SettlementCard } from '../settlement/SettlementCard';

type Stop = Schemas['LoadStop'];

export const loadPage: OrderPageConfig = {
  kind: 'loads',
  resource: loads,
  statusEnum: 'LoadStatusEnum',
  recipient: 'carrier',
  documentName: 'rate confirmation',
  amounts: (row) => [
    { label: 'Linehaul', value: formatMoneyIn(row.linehaul_rate as string, row.currency as string) },
    { label: 'Accessorials', value: formatMoneyIn(row.accessorials_total as string, row.currency as string) },
    { label: 'Total freight', value: formatMoneyIn(row.total_freight_cost as string, row.currency as string) },
    { label: 'Stops', value: String(((row.stops as unknown[]) ?? []).length) },
  ],
  extra: (row) => (
    <>
      <Card title="Pickups" size="small">
        <Table<Stop>
          rowKey="stop_number"
          size="small"
          pagination={false}
          dataSource={(row.stops as Stop[]) ?? []}
          columns={[
            { key: 'stop', title: 'Stop', dataIndex: 'stop_number', width: 60 },
            {
              key: 'po',
              title: 'Purchase order',
              render: (_, stop) => <Link to={`/purchase-orders/${stop.purchase_order}`}>{stop.purchase_order_number}</Link>,
            },
            { key: 'status', title: 'PO status', dataIndex: 'purchase_order_status' },
            { key: 'plant', title: 'Plant', dataIndex: 'pickup_plant' },
            { key: 'date', title: 'Pickup', dataIndex: 'pickup_date' },
          ]}
        />
      </Card>
      <SettlementCard loadId={row.id as number} />
    </>
  ),
};

const LoadBoard = lazy(() => import('./LoadBoard'));

/** The load list, with the way to its board. */
function LoadList() {
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <Link to={`/loads/board${window.location.search}`}>
          <Button icon={<ProjectOutlined />} tabIndex={-1}>
            Load board
          </Button>
        </Link>
      </Flex>
      <ResourceListPage resource={loads} />
    </>
  );
}

export default function LoadRoutes() {
  return (
    <OrderRoutes
      resource={loads}
      list={<LoadList />}
      extra={{ board: <LoadBoard /> }}
      detail={<OrderDetailPage config={loadPage} />}
    />
  );
}
