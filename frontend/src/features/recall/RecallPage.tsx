/** Recall: which customers received product from an establishment (and/or a lot, a product) produced between two
 * days — their lots, loads and invoices, by customer — with the CSV export (one row per line). Managers and up. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { client, unwrap } from '@/api/client';
import type { ApiError } from '@/api/errors';
import { downloadCsv } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { notifyError } from '@/app/notify';

type CustomerRecall = Schemas['CustomerRecall'];
type RecallLine = Schemas['RecallLine'];
const FIELDS = ['establishment', 'produced_from', 'produced_to', 'lot'] as const;
type Criteria = Partial<Record<(typeof FIELDS)[number], string>>;

function fieldErrors(error: ApiError | null): Record<string, string> {
  const body = (error?.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)]));
}

function Lines({ lines }: { lines: RecallLine[] }) {
  return (
    <Table<RecallLine>
      rowKey={(line) => `${line.sales_order_number}-${line.invoices.join()}-${line.line_number}-${line.lot_number}`}
      size="small"
      pagination={false}
      dataSource={lines}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'document',
          title: 'Sales order',
          render: (_, line) => (line.sales_order ? <Link to={`/sales-orders/${line.sales_order}`}>{line.sales_order_number}</Link> : 'billed by hand'),
        },
        { key: 'line', title: 'Line', dataIndex: 'line_number' },
        { key: 'product', title: 'Product', render: (_, line) => `${line.product_code} ${line.description}`.trim() },
        { key: 'lot', title: 'Lot', dataIndex: 'lot_number' },
        { key: 'est', title: 'EST', dataIndex: 'establishment_number' },
        { key: 'produced', title: 'Produced', dataIndex: 'production_date' },
        { key: 'packed', title: 'Packed', dataIndex: 'pack_date' },
        { key: 'boxes', title: 'Boxes', dataIndex: 'boxes', align: 'right' },
        { key: 'weight', title: 'Weight (lb)', dataIndex: 'weight_lb', align: 'right' },
        { key: 'loads', title: 'Loads', render: (_, line) => line.loads.join(', ') || '—' },
        { key: 'invoices', title: 'Invoices', render: (_, line) => line.invoices.join(', ') || '—' },
      ]}
    />
  );
}

export default function RecallPage() {
  const [params, setParams] = useSearchParams();
  const criteria: Criteria = Object.fromEntries(FIELDS.flatMap((name) => (params.get(name) ? [[name, params.get(name) as string]] : [])));
  const page = Number(params.get('page') ?? 1);
  const asked = Object.keys(criteria).length > 0;
  const [form] = Form.useForm<Criteria>();
  const [exporting, setExporting] = useState(false);
  const result = useQuery<Schemas['PaginatedCustomerRecallList'], ApiError>({
    queryKey: ['recall', criteria, page],
    enabled: asked,
    queryFn: () => unwrap(client.GET('/api/v1/recall/', { params: { query: { ...criteria, page } } })),
  });
  const errors = fieldErrors(result.error);
  const search = (values: Criteria) => {
    const next = Object.fromEntries(Object.entries(values).filter(([, value]) => value && String(value).trim() !== '')) as Record<string, string>;
    setParams(next);
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv('/api/v1/recall/', criteria, `recall-${criteria.establishment ?? criteria.lot ?? 'all'}.csv`);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };
  const groups: CustomerRecall[] = result.data?.results ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        Recall
      </Typography.Title>
      <Card size="small">
        <Form<Criteria> form={form} layout="inline" initialValues={criteria} onFinish={search}>
          <Form.Item label="EST number" name="establishment" validateStatus={errors.establishment ? 'error' : undefined} help={errors.establishment}>
            <Input placeholder="EST. 245C" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label="Produced from" name="produced_from" validateStatus={errors.produced_from ? 'error' : undefined} help={errors.produced_from}>
            <Input type="date" aria-label="Produced from" />
          </Form.Item>
          <Form.Item label="to" name="produced_to" validateStatus={errors.produced_to ? 'error' : undefined} help={errors.produced_to}>
            <Input type="date" aria-label="Produced to" />
          </Form.Item>
          <Form.Item label="Lot" name="lot">
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              Find customers
            </Button>
          </Form.Item>
          <Form.Item>
            <Button icon={<DownloadOutlined />} disabled={!asked || !groups.length} loading={exporting} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {result.error && !Object.keys(errors).length && <Alert type="error" showIcon message="Could not run the recall" description={result.error.message} />}
      {!asked ? (
        <Empty description="Give an establishment number, a lot or production days to find who received the product." />
      ) : (
        <>
          {result.data && (
            <Typography.Text data-testid="recall-summary">
              {result.data.count} customer{result.data.count === 1 ? '' : 's'} received matching product.
            </Typography.Text>
          )}
          <Table<CustomerRecall>
            rowKey="customer"
            loading={result.isFetching}
            dataSource={groups}
            locale={{ emptyText: 'No customer received product matching these criteria.' }}
            pagination={{ current: page, pageSize: 50, total: result.data?.count ?? 0, onChange: (next) => setParams({ ...criteria, page: String(next) }) }}
            expandable={{ expandedRowRender: (group) => <Lines lines={group.lines} />, defaultExpandAllRows: true }}
            columns={[
              { key: 'customer', title: 'Customer', render: (_, group) => <Link to={`/customers/${group.customer}`}>{`${group.customer_code} · ${group.customer_name}`}</Link> },
              { key: 'lots', title: 'Lots', render: (_, group) => <Flex wrap gap={4}>{group.lots.map((lot) => <Tag key={lot}>{lot}</Tag>)}</Flex> },
              { key: 'loads', title: 'Loads', render: (_, group) => group.loads.join(', ') || '—' },
              { key: 'invoices', title: 'Invoices', render: (_, group) => group.invoices.join(', ') || '—' },
              { key: 'lines', title: 'Lines', align: 'right', render: (_, group) => group.lines.length },
            ]}
          />
        </>
      )}
    </Space>
  );
}
