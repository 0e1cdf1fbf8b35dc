/**
 * The one list screen: server-side pagination, sorting, search and filters (all in the URL), a column
 * chooser, CSV export of the filtered list, group-by with the API's subtotals (`?group_by=`), row selection
 * with bulk actions, empty states and loading skeletons. Configured per resource.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Popover,
  Select,
  Skeleton,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '@/api/errors';
import { deleteResource, downloadCsv, listResource } from '@/api/resource';
import type { Query } from '@/api/resource';
import type { Page } from '@/api/types';
import { notifyError, notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { BulkActions } from './BulkActions';
import { CsvImportModal } from './CsvImportModal';
import { GroupedList } from './GroupedList';
import { SavedFilters } from './SavedFilters';
import { ReferenceSelect } from './ReferenceSelect';
import { renderCell } from './display';
import { filterKeys, toApiQuery, useListParams } from './useListParams';
import { DATE_FORMAT } from './display';
import { useColumnChoice } from './useColumnChoice';
import type { AnyResource, FilterDef, Row } from './types';

export interface ResourceTableProps {
  resource: AnyResource;
  /** Query parameters that are not the user's to change (a supplier's plants: {supplier: 12}). */
  fixedQuery?: Query;
  /** URL key prefix for a list embedded in another page. */
  prefix?: string;
  /** Link for the create button (defaults to /<key>/new). */
  createHref?: string;
  showTitle?: boolean;
}

export function listQueryKey(resource: AnyResource, query?: Query) {
  return query ? ['list', resource.path, query] : ['list', resource.path];
}

function FilterControl({
  filter,
  values,
  onChange: onChanges,
}: {
  filter: FilterDef;
  values: Record<string, string>;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const value = values[filter.name];
  const onChange = (next: string | undefined) => onChanges({ [filter.name]: next });
  const common = { 'aria-label': filter.label, placeholder: filter.label, allowClear: true, style: { minWidth: 160 } };
  if (filter.type === 'daterange') {
    const from = values[`${filter.name}_from`];
    const to = values[`${filter.name}_to`];
    return (
      <DatePicker.RangePicker
        aria-label={filter.label}
        data-testid={`filter-${filter.name}`}
        format={DATE_FORMAT}
        allowEmpty={[true, true]}
        placeholder={[`${filter.label} from`, 'to']}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(dates) =>
          onChanges({
            [`${filter.name}_from`]: dates?.[0] ? dates[0].format('YYYY-MM-DD') : undefined,
            [`${filter.name}_to`]: dates?.[1] ? dates[1].format('YYYY-MM-DD') : undefined,
          })
        }
        presets={[
          { label: 'This month', value: [dayjs().startOf('month'), dayjs().endOf('month')] },
          { label: 'Last 30 days', value: [dayjs().subtract(30, 'day'), dayjs()] },
          { label: 'Last month', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
          { label: 'This year', value: [dayjs().startOf('year'), dayjs().endOf('year')] },
        ]}
      />
    );
  }
  if (filter.type === 'reference' && filter.reference) {
    return (
      <ReferenceSelect
        {...common}
        reference={filter.reference}
        value={value === undefined ? undefined : (filter.reference.valueKey ?? 'id') === 'id' ? Number(value) : value}
        onChange={(next) => onChange(next === null || next === undefined ? undefined : String(next))}
      />
    );
  }
  if (filter.type === 'text') {
    return <Input {...common} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} />;
  }
  const options =
    filter.type === 'boolean'
      ? [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]
      : (filter.options ?? []).map((option) => ({ value: String(option.value), label: option.label }));
  return <Select {...common} value={value} onChange={(next: string | undefined) => onChange(next)} options={options} />;
}

export function ResourceTable({ resource, fixedQuery = {}, prefix = '', createHref, showTitle = true }: ResourceTableProps) {
  const { allows } = useSession();
  const queryClient = useQueryClient();
  const { list, update } = useListParams(resource, prefix);
  const { visible, choose, reset } = useColumnChoice(resource);
  const [searchText, setSearchText] = useState(list.search);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const query = toApiQuery(list, fixedQuery);
  // The selection belongs to one set of filters: another search or filter starts an empty one.
  const { page: _p, page_size: _s, ordering: _o, ...scopeQuery } = query;
  const scope = JSON.stringify(scopeQuery);
  const [selection, setSelection] = useState<{ scope: string; rows: Map<string, Row> }>({ scope, rows: new Map() });
  const selected = selection.scope === scope ? selection.rows : new Map<string, Row>();

  const canGroup = !!resource.groupBy?.length && allows(resource, 'groups');
  const grouped = canGroup && !!list.groupBy;

  const result = useQuery<Page<Row>, ApiError>({
    queryKey: listQueryKey(resource, query),
    queryFn: () => listResource<Row>(resource.path, query),
    placeholderData: keepPreviousData,
    enabled: !grouped,
  });

  const remove = useMutation({
    mutationFn: (id: number | string) => deleteResource(resource.path, id),
    onSuccess: () => {
      notifySuccess(`${resource.singular} ${resource.deleteLabel === 'Delete' ? 'deleted' : 'updated'}.`);
      void queryClient.invalidateQueries({ queryKey: listQueryKey(resource) });
    },
  });

  // Buttons follow the permissions the API publishes for this caller (GET /api/auth/me/ `permissions`).
  const canCreate = !!resource.fields?.length && allows(resource, 'create');
  const canEdit = !!resource.fields?.length && allows(resource, 'update');
  const canDelete = !!resource.fields?.length && allows(resource, 'delete');
  const canImport = !!resource.csv && allows(resource, 'import');
  const selectable =
    !prefix &&
    ((!!resource.csv && allows(resource, 'export')) ||
      allows(resource, 'pdfs') ||
      allows(resource, 'send') ||
      (!!resource.archivable && allows(resource, 'update')));
  const rowSelection: TableProps<Row>['rowSelection'] = selectable
    ? {
        selectedRowKeys: [...selected.keys()],
        preserveSelectedRowKeys: true,
        getCheckboxProps: (row) => ({ 'aria-label': `Select ${resource.rowLabel(row)}` }),
        columnTitle: (checkbox) => <OutOfReachInHiddenRows>{checkbox}</OutOfReachInHiddenRows>,
        onChange: (keys, rows) => {
          const next = new Map<string, Row>();
          for (const key of keys.map(String)) {
            const row = rows.find((item) => item && String(item.id) === key) ?? selected.get(key);
            if (row) next.set(key, row);
          }
          setSelection({ scope, rows: next });
        },
      }
    : undefined;
  const filtered = !!list.search || Object.keys(list.filters).length > 0;
  const newHref = createHref ?? `/${resource.key}/new`;

  const columns: NonNullable<TableProps<Row>['columns']> = resource.columns
    .filter((column) => visible.includes(column.key))
    .map((column, index) => {
      const ordering = list.ordering ?? '';
      const sortOrder =
        column.sorter && ordering === column.sorter
          ? ('ascend' as const)
          : column.sorter && ordering === `-${column.sorter}`
            ? ('descend' as const)
            : null;
      return {
        key: column.key,
        title: column.title,
        width: column.width,
        sorter: column.sorter ? true : undefined,
        sortOrder: column.sorter ? sortOrder : undefined,
        render: (_: unknown, row: Row) =>
          index === 0 ? <Link to={`/${resource.key}/${String(row.id)}`}>{renderCell(column, row)}</Link> : renderCell(column, row),
      };
    });

  if (canEdit || canDelete) {
    columns.push({
      key: '__actions',
      title: 'Actions',
      width: 96,
      align: 'right',
      render: (_: unknown, row: Row) => (
        <Space size={0}>
          {canEdit && (
            <Tooltip title="Edit">
              <Link to={`/${resource.key}/${String(row.id)}/edit`} aria-label={`Edit ${resource.rowLabel(row)}`}>
                <Button type="text" icon={<EditOutlined />} tabIndex={-1} />
              </Link>
            </Tooltip>
          )}
          {canDelete && (resource.deletable?.(row) ?? true) && (
            <Popconfirm
              title={`${resource.deleteLabel} ${resource.rowLabel(row)}?`}
              okText={resource.deleteLabel}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(row.id as number).catch(() => undefined)}
            >
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${resource.deleteLabel} ${resource.rowLabel(row)}`} />
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const onTableChange: TableProps<Row>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = resource.columns.find((item) => item.key === single?.columnKey);
      const ordering = column?.sorter && single?.order ? `${single.order === 'descend' ? '-' : ''}${column.sorter}` : undefined;
      update({ ordering }, { resetPage: true });
      return;
    }
    update({ page: pagination.current === 1 ? undefined : pagination.current, page_size: pagination.pageSize === 25 ? undefined : pagination.pageSize });
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { page: _page, page_size: _size, ...csvQuery } = query;
      await downloadCsv(resource.path, csvQuery, `${resource.key}.csv`);
    } catch (error) {
      notifyError(error, 'Export failed');
    } finally {
      setExporting(false);
    }
  };

  const chooser = (
    <div style={{ maxWidth: 240 }}>
      <Checkbox.Group
        value={visible}
        onChange={(keys) => keys.length && choose(resource.columns.map((c) => c.key).filter((key) => keys.includes(key)))}
      >
        <Flex vertical gap={4}>
          {resource.columns.map((column) => (
            <Checkbox key={column.key} value={column.key}>
              {column.title}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Button size="small" type="link" onClick={reset} style={{ paddingLeft: 0, marginTop: 8 }}>
        Reset columns
      </Button>
    </div>
  );

  const error = result.error;
  const rows = result.data?.results ?? [];
  const firstLoad = result.isPending;

  return (
    <div className="resource-table">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        {showTitle ? (
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {resource.title}
            </Typography.Title>
            {resource.description && <Typography.Text type="secondary">{resource.description}</Typography.Text>}
          </div>
        ) : (
          <span />
        )}
        <Space wrap>
          {canGroup && (
            <Select
              aria-label="Group by"
              data-testid="group-by"
              placeholder="Group by"
              allowClear
              style={{ minWidth: 160 }}
              value={list.groupBy}
              onChange={(value: string | undefined) => update({ group_by: value }, { resetPage: true })}
              options={(resource.groupBy ?? []).map((choice) => ({ value: choice.value, label: `Group by ${choice.label.toLowerCase()}` }))}
            />
          )}
          <Popover content={chooser} title="Columns" trigger="click" placement="bottomRight">
            <Button icon={<SettingOutlined />}>Columns</Button>
          </Popover>
          {resource.csv && allows(resource, 'export') && (
            <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} loading={exporting}>
              Export CSV
            </Button>
          )}
          {canImport && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              Import CSV
            </Button>
          )}
          {canCreate && (
            <Link to={newHref}>
              <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
                New {resource.singular.toLowerCase()}
              </Button>
            </Link>
          )}
        </Space>
      </Flex>

      {canImport && (
        <CsvImportModal
          resource={resource}
          open={importing}
          onClose={() => setImporting(false)}
          onImported={(report) => {
            notifySuccess(`Imported ${resource.title.toLowerCase()}: ${report.created} new, ${report.updated} updated.`);
            void queryClient.invalidateQueries({ queryKey: listQueryKey(resource) });
          }}
        />
      )}

      {(resource.searchable !== false || resource.filters?.length) && (
        <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
          {resource.searchable !== false && (
            <Input.Search
              aria-label={`Search ${resource.title.toLowerCase()}`}
              placeholder={`Search ${resource.title.toLowerCase()}`}
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ search: value.trim() || undefined }, { resetPage: true })}
              style={{ width: 280 }}
            />
          )}
          {(resource.filters ?? []).filter((filter) => !(filter.name in fixedQuery)).map((filter) => (
            <FilterControl key={filter.name} filter={filter} values={list.filters} onChange={(changes) => update(changes, { resetPage: true })} />
          ))}
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setSearchText('');
                update(
                  Object.fromEntries([['search', undefined], ...(resource.filters ?? []).flatMap((f) => filterKeys(f).map((key) => [key, undefined]))]),
                  { resetPage: true },
                );
              }}
            >
              Clear filters
            </Button>
          )}
          {/* Saved filters belong to a page's own list, not to the lists embedded in a record's tabs. */}
          {!prefix && resource.api && (
            <SavedFilters
              resource={resource}
              list={list}
              onApply={(saved) => {
                setSearchText(saved.search ?? '');
                update(
                  {
                    ...Object.fromEntries([['search', undefined], ['ordering', undefined], ['group_by', undefined], ...(resource.filters ?? []).flatMap((f) => filterKeys(f).map((key) => [key, undefined]))]),
                    ...saved,
                  },
                  { resetPage: true },
                );
              }}
            />
          )}
        </Flex>
      )}

      {selected.size > 0 && (
        <BulkActions
          resource={resource}
          selected={[...selected.values()]}
          ordering={list.ordering}
          listKey={listQueryKey(resource)}
          onClear={() => setSelection({ scope, rows: new Map() })}
        />
      )}

      {grouped && list.groupBy ? (
        <GroupedList
          resource={resource}
          groupBy={list.groupBy}
          query={query}
          columns={columns}
          rowSelection={rowSelection}
          onPage={(page, pageSize) => update({ page: page === 1 ? undefined : page, page_size: pageSize === 25 ? undefined : pageSize })}
        />
      ) : error ? (
        <Alert
          type="error"
          showIcon
          message={error.status === 403 ? 'You do not have access to this list' : `Could not load ${resource.title.toLowerCase()}`}
          description={error.message}
          action={
            <Button size="small" onClick={() => void result.refetch()}>
              Retry
            </Button>
          }
        />
      ) : firstLoad ? (
        <Skeleton active paragraph={{ rows: 8 }} data-testid="table-skeleton" />
      ) : (
        <Table<Row>
          rowKey={(row) => String(row.id)}
          size="middle"
          columns={columns}
          rowSelection={rowSelection}
          dataSource={rows}
          loading={result.isFetching && !result.isPending}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                description={filtered ? 'Nothing matches these filters.' : `No ${resource.title.toLowerCase()} yet.`}
              >
                {!filtered && canCreate && (
                  <Link to={newHref}>
                    <Button type="primary">Create the first {resource.singular.toLowerCase()}</Button>
                  </Link>
                )}
              </Empty>
            ),
          }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: result.data?.count ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 25, 50, 100, 200],
            showTotal: (total) => `${result.data?.count_is_exact === false ? 'more than ' : ''}${total} ${total === 1 ? resource.singular.toLowerCase() : resource.title.toLowerCase()}`,
          }}
        />
      )}
    </div>
  );
}

/** The table's hidden measuring row (aria-hidden) copies every column title, the select-all checkbox too; a
 * focusable control inside aria-hidden is an accessibility fault (axe: aria-hidden-focus), so the copy is made
 * inert. The real header's checkbox is untouched. */
function OutOfReachInHiddenRows({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current?.closest('[aria-hidden="true"]')) ref.current.inert = true;
  }, []);
  return <span ref={ref}>{children}</span>;
}
