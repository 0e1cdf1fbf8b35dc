/** /purchase-orders: the generic list and forms, and the order page with its lines and workflow. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { createResource } from '@/api/resource';
import { notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { OrderDetailPage } from '@/components/orders/OrderDetailPage';
import type { OrderPageConfig } from '@/components/orders/OrderDetailPage';
import { OrderRoutes } from '@/components/orders/OrderRoutes';
import { formatMoneyIn, formatWeight } from '@/components/orders/money';
import { ReferenceSelect } from '@/components/resource/ReferenceSelect';
import type { Row } from '@/components/resource/types';
import { applyFieldErrors } from '@/api/errors';
import { customerRef } from '../shared/references';
import { purchaseOrders } from './resource';

/** A sales order for a customer with the purchase order's lines, each tied to its purchase line (its cost). */
function CreateSalesOrderButton({ order }: { order: Row }) {
  const navigate = useNavigate();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [customer, setCustomer] = useState<number | null>(typeof order.customer === 'number' ? order.customer : null);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const lines = ((order.lines as Row[] | undefined) ?? []).filter((line) => line.product);
  if (!can('user') || !['confirmed', 'picked_up', 'received'].includes(String(order.status))) return null;

  const create = async () => {
    if (!customer) return;
    setBusy(true);
    setMessages([]);
    try {
      const created = await createResource<Row>('/api/v1/sales-orders/', {
        customer,
        source_purchase_orders: [order.id],
        lines: lines.map((line) => ({
          product: line.product,
          description: line.description,
          boxes: line.boxes,
          estimated_weight_lb: line.estimated_weight_lb,
          actual_weight_lb: line.actual_weight_lb,
          // The sell price starts at the buy price: the broker sets the markup on the sales order.
          unit_price: line.unit_price,
          price_unit: line.price_unit,
          source_purchase_order_line: line.id,
        })),
      });
      notifySuccess(`Sales order ${String(created.number)} created.`);
      navigate(`/sales-orders/${String(created.id)}`);
    } catch (error) {
      setMessages(applyFieldErrors(error, { setFields: () => undefined }, []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<ShoppingCartOutlined />} onClick={() => setOpen(true)}>
        Create sales order
      </Button>
      <Modal open={open} title="Sell this purchase order" okText="Create sales order" okButtonProps={{ disabled: !customer }} confirmLoading={busy} onOk={() => void create()} onCancel={() => setOpen(false)}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            A draft sales order with the {lines.length} line(s) of {String(order.number)}, priced at cost for now; set the sell prices on it.
          </Typography.Text>
          <ReferenceSelect aria-label="Customer" reference={customerRef} value={customer ?? undefined} onChange={(value) => setCustomer((value as number | null) ?? null)} placeholder="Customer" style={{ width: '100%' }} />
          {messages.length > 0 && <Alert type="error" showIcon message={messages.join(' ')} />}
        </Space>
      </Modal>
    </>
  );
}

export const purchaseOrderPage: OrderPageConfig = {
  kind: 'purchase-orders',
  resource: purchaseOrders,
  statusEnum: 'PurchaseOrderStatusEnum',
  lines: 'editable',
  recipient: 'supplier',
  documentName: 'purchase order',
  // The supplier's own products and products of no particular supplier (?for_supplier=).
  productQuery: (row) => (typeof row.supplier === 'number' ? { for_supplier: row.supplier } : undefined),
  amounts: (row) => [
    { label: 'Subtotal', value: formatMoneyIn(row.subtotal as string, row.currency as string) },
    { label: 'Total', value: formatMoneyIn(row.total as string, row.currency as string), testId: 'order-total' },
    { label: 'Weight (lb)', value: formatWeight(row.total_weight_lb as string) },
    { label: 'Lines', value: String(((row.lines as unknown[]) ?? []).length) },
  ],
  actions: (row) => <CreateSalesOrderButton order={row} />,
};

export default function PurchaseOrderRoutes() {
  return <OrderRoutes resource={purchaseOrders} detail={<OrderDetailPage config={purchaseOrderPage} />} />;
}
