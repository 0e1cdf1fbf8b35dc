/** /assistant: documents (upload, progress, review) and the chat; /assistant/documents/:id is the review screen. */
import { Route, Routes, useSearchParams } from 'react-router';
import { Space, Tabs, Typography } from 'antd';
import { ChatPanel } from './ChatPanel';
import { DocumentsPanel } from './DocumentsPanel';
import ReviewPage from './ReviewPage';

function AssistantHome() {
  const [params, setParams] = useSearchParams();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        AI assistant
      </Typography.Title>
      <Tabs
        activeKey={params.get('tab') ?? 'documents'}
        onChange={(tab) => setParams({ tab })}
        items={[
          { key: 'documents', label: 'Documents', children: <DocumentsPanel /> },
          { key: 'chat', label: 'Chat', children: <ChatPanel /> },
        ]}
      />
    </Space>
  );
}

export default function AssistantRoutes() {
  return (
    <Routes>
      <Route index element={<AssistantHome />} />
      <Route path="documents/:id" element={<ReviewPage />} />
    </Routes>
  );
}
