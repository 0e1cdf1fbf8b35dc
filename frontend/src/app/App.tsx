/** Providers (theme, notifications, server state) and the router. */
import { useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { onUnauthorized } from '@/api/http';
import { setNotifier } from './notify';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { ME_KEY } from './session';
import { theme } from './theme';

const queryClient = createQueryClient();
const router = createAppRouter();

// Session expired mid-work: forget the user and come back here after signing in again.
onUnauthorized(() => {
  const { pathname, search } = window.location;
  if (pathname.startsWith('/sign-in')) return;
  queryClient.setQueryData(ME_KEY, null);
  void router.navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

function NotifierBridge() {
  const { notification } = AntApp.useApp();
  useEffect(() => {
    setNotifier(notification);
    return () => setNotifier(null);
  }, [notification]);
  return null;
}

export function App() {
  return (
    <ConfigProvider theme={theme}>
      <AntApp>
        <NotifierBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
