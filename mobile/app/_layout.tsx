/** Providers (queries, session, offline queue) and the stack; signed-out users only see sign-in. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Stack, router, usePathname } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { useState } from 'react';

import { useSession, SessionProvider } from '@/auth/session';
import { QueueProvider } from '@/offline/QueueProvider';
import { Button, Loading, useTheme } from '@/ui/kit';
import AuthFlow from '@/auth/AuthFlow';

function ReportButton() {
  const path = usePathname();
  return <Button label="Report a problem" kind="secondary" onPress={() => router.push(`/report?from=${encodeURIComponent(path)}`)} />;
}

function Gate() {
  const { status } = useSession();
  const theme = useTheme();
  if (status === 'loading') return <Loading label="Starting" />;
  if (status === 'signedOut') return <AuthFlow />;
  return (
    <Stack
      screenOptions={{
        headerStyle: { backgroundColor: theme.card },
        headerTintColor: theme.text,
        contentStyle: { backgroundColor: theme.background },
        headerRight: () => <ReportButton />,
      }}
    >
      <Stack.Screen name="index" options={{ title: 'Loads' }} />
      <Stack.Screen name="loads/[id]" options={{ title: 'Load' }} />
      <Stack.Screen name="capture/[id]" options={{ title: 'Capture' }} />
      <Stack.Screen name="documents/[id]" options={{ title: 'Document' }} />
      <Stack.Screen name="queue" options={{ title: 'Outbox' }} />
      <Stack.Screen name="notifications" options={{ title: 'Notifications' }} />
      <Stack.Screen name="account" options={{ title: 'Account' }} />
      <Stack.Screen name="report" options={{ title: 'Report a problem', headerRight: () => null }} />
      <Stack.Screen name="accept-invitation" options={{ title: 'Invitation' }} />
      <Stack.Screen name="reset-password" options={{ title: 'New password' }} />
    </Stack>
  );
}

export default function RootLayout() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 15_000 } } }),
  );
  const theme = useTheme();
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <QueueProvider>
          <StatusBar style={theme.dark ? 'light' : 'dark'} />
          <Gate />
        </QueueProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
