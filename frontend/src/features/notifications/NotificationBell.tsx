/** The bell in the header: the caller's unread notifications (mentions, load events, documents read …); opening
 * one marks it read and goes to its record. Polls every 30 s while the tab is open. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { listResource, postJson } from '@/api/resource';
import type { Schemas } from '@/api/types';
import { formatDateTime } from '@/components/resource/display';

type Notification = Schemas['Notification'];
const PATH = '/api/v1/notifications/';
const KEY = ['notifications', 'bell'];

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const recent = useQuery({
    queryKey: KEY,
    queryFn: async () => {
      const [latest, unread] = await Promise.all([listResource<Notification>(PATH, { page_size: 10 }), listResource<Notification>(PATH, { unread: true, page_size: 1 })]);
      return { latest: latest.results, unread: unread.count };
    },
    refetchInterval: 30_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: KEY });
  const openOne = async (notification: Notification) => {
    setOpen(false);
    if (!notification.read) await postJson(`${PATH}${notification.id}/read/`, {}).catch(() => undefined);
    refresh();
    if (notification.url) navigate(notification.url);
  };
  const unread = recent.data?.unread ?? 0;
  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }} data-testid="notification-list">
      {!recent.data?.latest.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No notifications yet." />
      ) : (
        <List
          size="small"
          dataSource={recent.data.latest}
          renderItem={(notification) => (
            <List.Item style={{ cursor: 'pointer', paddingInline: 4 }} onClick={() => void openOne(notification)} data-testid="notification-item">
              <List.Item.Meta
                title={
                  <Space size={4}>
                    {!notification.read && <Badge status="processing" />}
                    <Typography.Text strong={!notification.read}>{notification.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    {notification.body && <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{notification.body}</Typography.Paragraph>}
                    <Typography.Text type="secondary">{formatDateTime(notification.created_at)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) refresh();
      }}
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>Notifications</span>
          {unread > 0 && (
            <Button size="small" type="link" onClick={() => void postJson(`${PATH}read-all/`, {}).then(refresh)}>
              Mark all read
            </Button>
          )}
        </Space>
      }
      content={content}
    >
      <Button type="text" aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
