/**
 * Routes of a resource whose detail page is special (orders, payments): the generic list and forms from the
 * resource config, and the feature's own detail (and, optionally, create) page.
 */
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { ResourceFormPage, ResourceListPage } from '@/components/resource/ResourcePages';
import type { AnyResource } from '@/components/resource/types';

export function OrderRoutes({
  resource,
  detail,
  create,
  list,
  extra = {},
}: {
  resource: AnyResource;
  detail: ReactElement;
  create?: ReactElement;
  /** The list page, when it is more than the generic one. */
  list?: ReactElement;
  /** Further static pages under the resource (`{board: <LoadBoard />}` is /loads/board); they outrank :id. */
  extra?: Record<string, ReactElement>;
}) {
  return (
    <Routes>
      <Route index element={list ?? <ResourceListPage resource={resource} />} />
      {Object.entries(extra).map(([path, element]) => (
        <Route key={path} path={path} element={element} />
      ))}
      <Route path="new" element={create ?? <ResourceFormPage key="new" resource={resource} mode="create" />} />
      <Route path=":id" element={detail} />
      <Route path=":id/edit" element={<ResourceFormPage key="edit" resource={resource} mode="edit" />} />
    </Routes>
  );
}
