/**
 * Saved filters of a list (#16 item 4): "Save filter" keeps the list's filters, search and ordering under a name
 * on the server (private, or shared with everyone in the tenant); "Saved filters" puts one back into the URL.
 * Stored by the API (/api/v1/saved-filters/), so they survive signing out and follow the member to any browser.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '@/api/errors';
import { createResource, deleteResource, listResource } from '@/api/resource';
import { notifySuccess } from '@/app/notify';
import type { ListParams } from './useListParams';
import type { AnyResource } from './types';

const PATH = '/api/v1/saved-filters/';

export interface SavedFilter {
  id: number;
  name: string;
  resource: string;
  query: Record<string, string | string[]>;
  shared: boolean;
  owner: string;
  mine: boolean;
}

export const savedFiltersKey = (api: string) => ['saved-filters', api];

/** What a saved filter keeps of the list: its filters, search, a chosen ordering and grouping (not the page). */
export function savedQueryOf(list: ListParams, resource: AnyResource): Record<string, string> {
  return {
    ...list.filters,
    ...(list.search ? { search: list.search } : {}),
    ...(list.groupBy ? { group_by: list.groupBy } : {}),
    ...(list.ordering && list.ordering !== resource.defaultOrdering ? { ordering: list.ordering } : {}),
  };
}

export function SavedFilters({
  resource,
  list,
  onApply,
}: {
  resource: AnyResource;
  list: ListParams;
  /** Replace the list's filters, search and ordering with these. */
  onApply: (query: Record<string, string>) => void;
}) {
  const api = resource.api!;
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<number | undefined>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const saved = useQuery({
    queryKey: savedFiltersKey(api),
    queryFn: async () => (await listResource<SavedFilter>(PATH, { resource: api, page_size: 200, ordering: 'name' })).results,
  });
  const filters = saved.data ?? [];
  const current = savedQueryOf(list, resource);
  const canSave = Object.keys(current).length > 0;

  const create = useMutation({
    mutationFn: (values: { name: string; shared: boolean }) =>
      createResource<SavedFilter>(PATH, { name: values.name, shared: !!values.shared, resource: api, query: current }),
    meta: { handlesErrors: true },
    onSuccess: (row) => {
      notifySuccess(`Filter "${row.name}" saved.`);
      setSaving(false);
      form.resetFields();
      setChosen(row.id);
      void queryClient.invalidateQueries({ queryKey: savedFiltersKey(api) });
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      const named = Object.entries(fields).filter(([field]) => field === 'name' || field === 'shared');
      const other = Object.entries(fields).filter(([field]) => field !== 'name' && field !== 'shared').flatMap(([, messages]) => messages);
      form.setFields([
        ...named.map(([field, errors]) => ({ name: field as 'name' | 'shared', errors })),
        ...(other.length || (!named.length && error instanceof Error) ? [{ name: 'name' as const, errors: other.length ? other : [error.message] }] : []),
      ]);
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteResource(PATH, id),
    onSuccess: () => {
      notifySuccess('Saved filter deleted.');
      setChosen(undefined);
      void queryClient.invalidateQueries({ queryKey: savedFiltersKey(api) });
    },
  });

  const apply = (id: number | undefined) => {
    setChosen(id);
    const filter = filters.find((row) => row.id === id);
    if (!filter) return;
    // The API keeps repeated parameters as lists (an integrator's); the list's own filters hold one value each.
    onApply(Object.fromEntries(Object.entries(filter.query).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : value])));
  };
  const selected = filters.find((row) => row.id === chosen);
  const option = (row: SavedFilter) => ({ value: row.id, label: row.name });
  const mine = filters.filter((row) => row.mine);
  const shared = filters.filter((row) => !row.mine);

  return (
    <Space wrap size={4}>
      <Select<number>
        aria-label="Saved filters"
        placeholder="Saved filters"
        style={{ width: 200 }}
        allowClear
        loading={saved.isPending}
        value={chosen}
        onChange={apply}
        notFoundContent="No saved filters yet"
        options={[
          ...(mine.length ? [{ label: 'Mine', options: mine.map(option) }] : []),
          ...(shared.length ? [{ label: 'Shared', options: shared.map((row) => ({ ...option(row), label: `${row.name} · ${row.owner}` })) }] : []),
        ]}
      />
      {selected?.mine && (
        <Popconfirm title={`Delete the saved filter "${selected.name}"?`} okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(selected.id).catch(() => undefined)}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={`Delete saved filter ${selected.name}`} />
        </Popconfirm>
      )}
      <Tooltip title={canSave ? undefined : 'Choose a filter, a search or a sort order first.'}>
        <Button icon={<SaveOutlined />} disabled={!canSave} onClick={() => setSaving(true)}>
          Save filter
        </Button>
      </Tooltip>
      <Modal
        open={saving}
        title="Save this filter"
        okText="Save"
        confirmLoading={create.isPending}
        onOk={() => void form.validateFields().then((values) => create.mutate(values)).catch(() => undefined)}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ shared: false }} preserve={false}>
          <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'Give the filter a name.' }]}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>Share with everyone in this brokerage</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
