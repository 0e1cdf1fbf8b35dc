/** Who is signed in, the brokerage switcher (X-Tenant-ID) and sign-out (revokes the token). */
import { router } from 'expo-router';
import { useState } from 'react';

import { errorText } from '@/api/client';
import { useSession } from '@/auth/session';
import { Body, Button, Card, Screen, Title } from '@/ui/kit';

export default function AccountScreen() {
  const { me, tenantId, switchTenant, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const current = me?.current_tenant?.id ?? tenantId;
  return (
    <Screen testID="account">
      <Title>Account</Title>
      <Body>{me ? `${me.user.first_name} ${me.user.last_name}`.trim() || me.user.username : ''}</Body>
      {me && me.tenants.length > 1 ? (
        <Card label="Brokerages">
          <Body muted>Brokerage shown:</Body>
          {me.tenants.map((tenant) => (
            <Button
              key={tenant.id}
              label={tenant.id === current ? `${tenant.name} (shown)` : `Switch to ${tenant.name}`}
              kind={tenant.id === current ? 'primary' : 'secondary'}
              onPress={() =>
                void switchTenant(tenant.id)
                  .then(() => router.replace('/'))
                  .catch((failure) => setError(errorText(failure)))
              }
            />
          ))}
        </Card>
      ) : null}
      {error ? <Body tone="danger">{error}</Body> : null}
      <Button label="Report a problem" kind="secondary" onPress={() => router.push('/report?from=/account')} />
      <Button label="Sign out" kind="danger" onPress={() => void signOut()} />
    </Screen>
  );
}
