/** AI usage (admins): totals per provider and model this month, this month's totals and the caps. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Flex, Skeleton, Table } from 'antd';
import { client, unwrap } from '@/api/client';
import type { components } from '@/api/schema.gen';

type UsageRow = components['schemas']['UsageSummaryRow'];

function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

export function AiUsage() {
  const summary = useQuery({
    queryKey: ['ai-usage-summary'],
    queryFn: () => unwrap(client.GET('/api/v1/ai-assistant/usage/summary/')),
  });
  if (summary.isPending) return <Skeleton active />;
  if (summary.error) return <Alert type="error" showIcon title="Could not load the AI usage" description={summary.error.message} />;
  const { rows, month, caps, since } = summary.data;
  return (
    <Flex vertical gap={16}>
      <Table<UsageRow>
        aria-label="AI usage by provider and model"
        size="small"
        pagination={false}
        rowKey={(row) => `${row.provider}/${row.model_name}`}
        dataSource={rows}
        title={() => `Since ${since}`}
        locale={{ emptyText: 'No AI calls since then.' }}
        columns={[
          { key: 'provider', title: 'Provider', dataIndex: 'provider' },
          { key: 'model', title: 'Model', dataIndex: 'model_name', render: (value: string) => value || '—' },
          { key: 'calls', title: 'Calls', dataIndex: 'calls', align: 'right' },
          { key: 'in', title: 'Tokens in', dataIndex: 'tokens_in', align: 'right' },
          { key: 'out', title: 'Tokens out', dataIndex: 'tokens_out', align: 'right' },
          { key: 'cost', title: 'Estimated cost (USD)', dataIndex: 'estimated_cost', align: 'right' },
        ]}
      />
      <Descriptions bordered size="small" column={1} title="This month" style={{ maxWidth: 640 }}>
        {Object.entries(month).map(([key, value]) => (
          <Descriptions.Item key={`month-${key}`} label={key.replace(/_/g, ' ')}>
            {text(value)}
          </Descriptions.Item>
        ))}
        {Object.entries(caps).map(([key, value]) => (
          <Descriptions.Item key={`cap-${key}`} label={`monthly cap: ${key.replace(/_/g, ' ')}`}>
            {text(value)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Flex>
  );
}
