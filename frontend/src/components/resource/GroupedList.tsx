/**
 * A list grouped by one field (`?group_by=` in the URL): one header row per group with its count and the API's
 * subtotals per currency (`<path>groups/`, never added up here, never across currencies), expandable to the
 * group's own rows (the list with the group's query), and the totals over every matching row underneath.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ApiError } from '@/api/errors';
import { listGroups, listResource } from '@/api/resource';
import type { GroupedList as Grouped, GroupSubtotal, ListGroup, Query } from '@/api/resource';
import type { Page } from '@/api/types';
import { formatMoneyIn } from '@/components/orders/money';
import type { AnyResource, Row } from './types';

type Columns = NonNullable<TableProps<Row>['columns']>;

const GROUP_ROWS_PAGE_SIZE = 25;

/** A sum's heading: the list column of the same field ("balance_due" -> "Balance due"). */
function sumTitle(resource: AnyResource, field: string): string {
  return resource.columns.find((column) => column.key === field)?.title ?? field.replace(/_/g, ' ');
}

function Subtotals({ subtotals, field, testId }: { subtotals: GroupSubtotal[]; field: string; testId: string }) {
  if (!subtotals.length) return <>—</>;
  return (
    <Flex vertical align="end" gap={0}>
      {subtotals.map((subtotal) => (
        <span key={subtotal.currency ?? ''} data-testid={`${testId}-${subtotal.currency ?? 'none'}`}>
          {formatMoneyIn(subtotal.sums[field], subtotal.currency)}
          {subtotals.length > 1 && (
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {subtotal.currency}
            </Typography.Text>
          )}
        </span>
      ))}
    </Flex>
  );
}

function GroupRows({
  resource,
  query,
  group,
  columns,
  rowSelection,
}: {
  resource: AnyResource;
  query: Query;
  group: ListGroup;
  columns: Columns;
  rowSelection?: TableProps<Row>['rowSelection'];
}) {
  const [page, setPage] = useState(1);
  const rowsQuery = { ...query, ...group.query, page, page_size: GROUP_ROWS_PAGE_SIZE };
  const rows = useQuery<Page<Row>, ApiError>({
    queryKey: ['list', resource.path, rowsQuery],
    queryFn: () => listResource<Row>(resource.path, rowsQuery),
    placeholderData: keepPreviousData,
  });
  if (rows.error) return <Alert type="error" showIcon title={rows.error.message} />;
  // Its own horizontal scroll: a wide row table never pushes the groups' subtotals out of sight.
  return (
    <div style={{ overflowX: 'auto' }}>
    <Table<Row>
      data-testid={`group-rows-${String(group.key)}`}
      rowKey={(row) => String(row.id)}
      size="small"
      columns={columns}
      dataSource={rows.data?.results ?? []}
      loading={rows.isFetching}
      rowSelection={rowSelection}
      scroll={{ x: 'max-content' }}
      pagination={
        (rows.data?.count ?? 0) > GROUP_ROWS_PAGE_SIZE
          ? { current: page, pageSize: GROUP_ROWS_PAGE_SIZE, total: rows.data?.count ?? 0, onChange: setPage, showSizeChanger: false }
          : false
      }
    />
    </div>
  );
}

export function GroupedList({
  resource,
  groupBy,
  query,
  columns,
  rowSelection,
  onPage,
}: {
  resource: AnyResource;
  groupBy: string;
  /** The list's query (filters, search, ordering, and the page of groups). */
  query: Query;
  /** The list's columns, for each group's rows. */
  columns: Columns;
  rowSelection?: TableProps<Row>['rowSelection'];
  onPage: (page: number, pageSize: number) => void;
}) {
  const [expanded, setExpanded] = useState<string[]>([]);
  const groupsQuery = { ...query, group_by: groupBy };
  const result = useQuery<Grouped, ApiError>({
    queryKey: ['list', resource.path, 'groups', groupsQuery],
    queryFn: () => listGroups(resource.path, groupsQuery),
    placeholderData: keepPreviousData,
  });
  const { page: _page, page_size: _size, ...rowsQuery } = query;
  const data = result.data;
  const groups = data?.results ?? [];
  const fields = Object.keys(groups[0]?.subtotals[0]?.sums ?? data?.totals[0]?.sums ?? {});
  const groupTitle = resource.groupBy?.find((choice) => choice.value === groupBy)?.label ?? groupBy;
  const keyOf = (group: ListGroup) => String(group.key ?? '');

  const groupColumns: NonNullable<TableProps<ListGroup>['columns']> = [
    {
      key: 'label',
      title: groupTitle,
      render: (_: unknown, group: ListGroup) => (
        <Typography.Text strong data-testid={`group-${keyOf(group)}`}>
          {group.label}
        </Typography.Text>
      ),
    },
    {
      key: 'count',
      title: 'Count',
      width: 80,
      render: (_: unknown, group: ListGroup) => <Tag data-testid={`group-count-${keyOf(group)}`}>{group.count}</Tag>,
    },
    ...fields.map((field) => ({
      key: field,
      title: sumTitle(resource, field),
      align: 'right' as const,
      render: (_: unknown, group: ListGroup) => (
        <Subtotals subtotals={group.subtotals} field={field} testId={`subtotal-${keyOf(group)}-${field}`} />
      ),
    })),
  ];

  if (result.error) {
    return <Alert type="error" showIcon title={`Could not group ${resource.title.toLowerCase()}`} description={result.error.message} />;
  }
  const pageSize = Number(query.page_size ?? 25);
  return (
    <Table<ListGroup>
      className="grouped-list"
      data-testid="grouped-list"
      rowKey={keyOf}
      size="middle"
      columns={groupColumns}
      dataSource={groups}
      loading={result.isFetching}
      tableLayout="fixed"
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
        rowExpandable: (group) => group.query !== null,
        expandRowByClick: true,
        expandedRowRender: (group) => (
          <GroupRows resource={resource} query={rowsQuery} group={group} columns={columns} rowSelection={rowSelection} />
        ),
      }}
      summary={() =>
        data && data.totals.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>
              <Typography.Text strong>All</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2}>
              <Tag>{data.totals.reduce((sum, total) => sum + total.count, 0)}</Tag>
            </Table.Summary.Cell>
            {fields.map((field, index) => (
              <Table.Summary.Cell key={field} index={3 + index} align="right">
                <Typography.Text strong>
                  <Subtotals subtotals={data.totals} field={field} testId={`total-${field}`} />
                </Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
      pagination={{
        current: Number(query.page ?? 1),
        pageSize,
        total: data?.count ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 25, 50, 100],
        onChange: onPage,
        showTotal: (total) => `${total} ${total === 1 ? 'group' : 'groups'}`,
      }}
    />
  );
}
