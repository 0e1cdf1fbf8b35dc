import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { router } from 'expo-router';
import { useState } from 'react';

import { api, errorText } from '@/api/client';
import type { Notification, Page } from '@/api/types';
import { useSession } from '@/auth/session';
import { registerForPush } from '@/push';
import { Body, Button, Card, ErrorBox, Loading, Row, Screen, Title } from '@/ui/kit';

export default function NotificationsScreen() {
  const queryClient = useQueryClient();
  const { rememberPushDevice } = useSession();
  const [pushMessage, setPushMessage] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<Page<Notification>>('GET', '/api/v1/notifications/', { query: { page_size: 50 } }),
  });
  const read = useMutation({
    mutationFn: (id: number) => api('POST', `/api/v1/notifications/${id}/read/`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const readAll = useMutation({
    mutationFn: () => api('POST', '/api/v1/notifications/read-all/'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });

  const enablePush = async () => {
    try {
      const result = await registerForPush();
      if ('error' in result) setPushMessage(result.error);
      else {
        await rememberPushDevice(result.id);
        setPushMessage('Push notifications are on for this phone.');
      }
    } catch (error) {
      setPushMessage(errorText(error));
    }
  };

  const open = (notification: Notification) => {
    read.mutate(notification.id);
    if (notification.target_type === 'loads.load' && notification.target_id) router.push(`/loads/${notification.target_id}`);
    else if (notification.target_type === 'ai_assistant.document' && notification.target_id)
      router.push(`/documents/${notification.target_id}`);
  };

  return (
    <Screen testID="notifications">
      <Title>Notifications</Title>
      <Row>
        <Button label="Mark all read" kind="secondary" onPress={() => readAll.mutate()} />
        <Button label="Turn on push" kind="secondary" onPress={() => void enablePush()} />
      </Row>
      {pushMessage ? <Body muted>{pushMessage}</Body> : null}
      {list.isPending ? <Loading label="Loading notifications" /> : null}
      {list.isError ? <ErrorBox message={errorText(list.error)} onRetry={() => void list.refetch()} /> : null}
      {list.data?.results.length === 0 ? <Body muted>No notifications yet.</Body> : null}
      {list.data?.results.map((notification) => (
        <Card key={notification.id} label={`${notification.read ? '' : 'Unread: '}${notification.title}`}>
          <Body>
            {notification.read ? '' : '● '}
            {notification.title}
          </Body>
          {notification.body ? <Body muted>{notification.body}</Body> : null}
          <Body muted>{new Date(notification.created_at).toLocaleString()}</Body>
          <Button label={`Open: ${notification.title}`} kind="secondary" onPress={() => open(notification)} />
        </Card>
      ))}
    </Screen>
  );
}
