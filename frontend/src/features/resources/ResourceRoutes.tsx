/** /:resource, /:resource/new, /:resource/:id and /:resource/:id/edit for every registered resource. */
import { Route, Routes, useParams } from 'react-router';
import { Result } from 'antd';
import { ResourceDetailPage, ResourceFormPage, ResourceListPage } from '@/components/resource/ResourcePages';
import { REGISTRY } from '../registry';

export default function ResourceRoutes() {
  const { resource: key = '' } = useParams();
  const resource = REGISTRY[key];
  if (!resource) return <Result status="404" title="Page not found" subTitle="There is no such page here." />;
  return (
    <Routes>
      <Route index element={<ResourceListPage resource={resource} />} />
      <Route path="new" element={<ResourceFormPage key="new" resource={resource} mode="create" />} />
      <Route path=":id" element={<ResourceDetailPage resource={resource} registry={REGISTRY} />} />
      <Route path=":id/edit" element={<ResourceFormPage key="edit" resource={resource} mode="edit" />} />
    </Routes>
  );
}
