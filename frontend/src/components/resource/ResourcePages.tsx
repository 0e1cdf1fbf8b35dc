/** The list, detail and create/edit pages every resource gets from its config. */
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Breadcrumb, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { versionOf } from '@/api/concurrency';
import { ApiError } from '@/api/errors';
import { createResource, deleteResource, getResource, listResource, updateResource } from '@/api/resource';
import { writeUnlessDuplicate } from './duplicate';
import { notifySuccess } from '@/app/notify';
import { useSession } from '@/app/session';
import { ResourceForm } from './ResourceForm';
import { ResourceTable, listQueryKey } from './ResourceTable';
import { renderCell } from './display';
import type { AnyResource, RelatedDef, Row } from './types';

export function detailQueryKey(resource: AnyResource, id: string) {
  return ['detail', resource.path, id];
}

function NotAllowed({ resource }: { resource: AnyResource }) {
  return (
    <Result
      status="403"
      title="Not allowed"
      subTitle={`Your role in this tenant does not allow this on ${resource.title.toLowerCase()}.`}
      extra={<Link to={`/${resource.key}`}>Back to {resource.title.toLowerCase()}</Link>}
    />
  );
}

function LoadError({ error, resource }: { error: ApiError; resource: AnyResource }) {
  return (
    <Result
      status={error.status === 404 ? '404' : error.status === 403 ? '403' : 'error'}
      title={error.status === 404 ? `${resource.singular} not found` : 'Could not load it'}
      subTitle={error.message}
      extra={<Link to={`/${resource.key}`}>Back to {resource.title.toLowerCase()}</Link>}
    />
  );
}

export function ResourceListPage({ resource }: { resource: AnyResource }) {
  const { allows } = useSession();
  if (!allows(resource, 'list')) return <NotAllowed resource={resource} />;
  const Extra = resource.listExtra;
  if (!Extra) return <ResourceTable resource={resource} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ResourceTable resource={resource} />
      <Extra />
    </Space>
  );
}

export function ResourceDetailPage({ resource, registry }: { resource: AnyResource; registry: Record<string, AnyResource> }) {
  const { id = '' } = useParams();
  const { allows } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery<Row, ApiError>({
    queryKey: detailQueryKey(resource, id),
    queryFn: () => getResource<Row>(resource.path, id),
  });
  const remove = useMutation({
    mutationFn: () => deleteResource(resource.path, id),
    onSuccess: () => {
      notifySuccess(`${resource.singular} ${resource.deleteLabel === 'Delete' ? 'deleted' : 'updated'}.`);
      void queryClient.invalidateQueries({ queryKey: listQueryKey(resource) });
      navigate(`/${resource.key}`);
    },
  });

  if (!allows(resource, 'retrieve')) return <NotAllowed resource={resource} />;
  if (record.error) return <LoadError error={record.error} resource={resource} />;
  const row = record.data;
  const editable = !!resource.fields?.length;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={`/${resource.key}`}>{resource.title}</Link> }, { title: row ? resource.rowLabel(row) : '…' }]} />
      <Card
        title={row ? <Typography.Title level={3} style={{ margin: 0 }}>{resource.rowLabel(row)}</Typography.Title> : <Skeleton.Input active />}
        extra={
          row && (
            <Space>
              {editable && allows(resource, 'update') && (
                <Link to={`/${resource.key}/${id}/edit`}>
                  <Button icon={<EditOutlined />} tabIndex={-1}>Edit</Button>
                </Link>
              )}
              {editable && allows(resource, 'delete') && (resource.deletable?.(row) ?? true) && (
                <Popconfirm
                  title={`${resource.deleteLabel} ${resource.rowLabel(row)}?`}
                  okText={resource.deleteLabel}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync().catch(() => undefined)}
                >
                  <Button danger icon={<DeleteOutlined />}>{resource.deleteLabel}</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        {row ? (
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} bordered size="small">
            {resource.columns.map((column) => (
              <Descriptions.Item key={column.key} label={column.title}>
                {renderCell(column, row)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Card>
      {row && resource.summary && <resource.summary row={row} id={id} />}
      {row && <DetailTabs resource={resource} registry={registry} row={row} id={id} />}
    </Space>
  );
}

/** How many rows a related list holds (the API's count of `?{param}={id}`), for its tab. */
function RelatedCount({ target, related, id }: { target: AnyResource; related: RelatedDef; id: string }) {
  const count = useQuery({
    queryKey: [...listQueryKey(target), 'count', related.param, id],
    queryFn: async () => (await listResource<Row>(target.path, { [related.param]: id, page_size: 1 })).count,
  });
  if (count.data === undefined) return null;
  return <Badge count={count.data} showZero overflowCount={9999} color={count.data ? '#1677ff' : '#bfbfbf'} data-testid={`tab-count-${related.resource}`} />;
}

/** The record's related lists (with their counts) and any further tabs, one at a time; the chosen tab is kept in
 * the URL (`?tab=`), as each list's own filters are. */
function DetailTabs({ resource, registry, row, id }: { resource: AnyResource; registry: Record<string, AnyResource>; row: Row; id: string }) {
  const { allows } = useSession();
  const [params, setParams] = useSearchParams();
  const lists = (resource.related ?? []).flatMap((related) => {
    const target = registry[related.resource];
    if (!target || !allows(target, 'list')) return [];
    return [
      {
        key: related.resource,
        label: (
          <Space size={6}>
            {related.title}
            <RelatedCount target={target} related={related} id={id} />
          </Space>
        ),
        children: (
          <ResourceTable
            resource={target}
            fixedQuery={{ [related.param]: id }}
            prefix={`${target.key}.`}
            createHref={`/${target.key}/new?${related.param}=${id}`}
            showTitle={false}
          />
        ),
      },
    ];
  });
  const more = (resource.tabs ?? []).map((tab) => ({ key: tab.key, label: tab.title, children: <tab.content row={row} id={id} /> }));
  const items = [...lists, ...more];
  if (!items.length) return null;
  const chosen = params.get('tab');
  const active = items.some((item) => item.key === chosen) ? chosen! : items[0]!.key;
  return (
    <Card size="small">
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={items}
      />
    </Card>
  );
}

export function ResourceFormPage({ resource, mode }: { resource: AnyResource; mode: 'create' | 'edit' }) {
  const { id = '' } = useParams();
  const { allows } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery<Row, ApiError>({
    queryKey: detailQueryKey(resource, id),
    queryFn: () => getResource<Row>(resource.path, id),
    enabled: mode === 'edit',
  });

  // An order says itself what this member may change in its status (editable_fields); other records use the
  // caller's permissions.
  const serverEditable =
    mode === 'edit' && Array.isArray(record.data?.editable_fields) ? (record.data.editable_fields as string[]) : undefined;
  const allowed =
    !!resource.fields?.length &&
    (serverEditable ? serverEditable.length > 0 : allows(resource, mode === 'create' ? 'create' : 'update'));
  if (!allowed) return <NotAllowed resource={resource} />;
  if (mode === 'edit' && record.error) return <LoadError error={record.error} resource={resource} />;
  if (mode === 'edit' && !record.data) return <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>;

  // A create link from a related list carries the parent (e.g. ?supplier=12) as an initial value.
  const prefill = Object.fromEntries(
    [...new URLSearchParams(window.location.search)].map(([key, value]) => [key, /^\d+$/.test(value) ? Number(value) : value]),
  );
  const initialValues =
    mode === 'edit' && record.data ? (resource.toForm ? resource.toForm(record.data) : record.data) : prefill;

  const save = async (values: Record<string, unknown>, { ifMatch }: { ifMatch?: string }) => {
    // A second order with the same customer PO / supplier confirmation: the API asks (409), the broker decides.
    const saved = await writeUnlessDuplicate(
      (extra) =>
        mode === 'create'
          ? createResource<Row>(resource.path, { ...values, ...extra })
          : updateResource<Row>(resource.path, id, { ...values, ...extra }, { ifMatch }),
      `/${resource.key}`,
    );
    if (saved === null) return;
    await queryClient.invalidateQueries({ queryKey: listQueryKey(resource) });
    await queryClient.invalidateQueries({ queryKey: ['reference', resource.path] });
    notifySuccess(`${resource.singular} ${mode === 'create' ? 'created' : 'saved'}.`);
    const savedId = saved && typeof saved === 'object' && 'id' in saved ? String(saved.id) : id;
    queryClient.setQueryData(detailQueryKey(resource, savedId), saved);
    navigate(savedId ? `/${resource.key}/${savedId}` : `/${resource.key}`);
  };

  const title = mode === 'create' ? `New ${resource.singular.toLowerCase()}` : `Edit ${record.data ? resource.rowLabel(record.data) : ''}`;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={`/${resource.key}`}>{resource.title}</Link> }, { title }]} />
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>} style={{ maxWidth: 960 }}>
        {mode === 'edit' && record.isFetching && !record.data ? (
          <Alert type="info" message="Loading…" />
        ) : (
          <ResourceForm
            resource={resource}
            mode={mode}
            initialValues={initialValues}
            onSubmit={save}
            onCancel={() => navigate(-1)}
            editableFields={serverEditable}
            version={mode === 'edit' ? versionOf(record.data) : undefined}
          />
        )}
      </Card>
    </Space>
  );
}
