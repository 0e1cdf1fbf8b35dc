/** The signed-in member: knox token (secure store), their brokerages and the one the app shows (X-Tenant-ID).
 * A 401 from any request (token expired or revoked) ends the session and sends the user to sign-in. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { ApiError, api, configureApi } from '@/api/client';
import type { LoginResponse, Me } from '@/api/types';

import { readSession, writeSession, type StoredSession } from './tokenStore';

type Status = 'loading' | 'signedOut' | 'signedIn';

interface SessionValue {
  status: Status;
  me: Me | null;
  tenantId: number | null;
  notice: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  switchTenant(tenantId: number): Promise<void>;
  rememberPushDevice(id: number | null): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('loading');
  const [stored, setStored] = useState<StoredSession | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const endLocally = useCallback(
    async (message: string | null) => {
      configureApi({ token: null, tenantId: null });
      await writeSession(null);
      queryClient.clear();
      setStored(null);
      setMe(null);
      setNotice(message);
      setStatus('signedOut');
    },
    [queryClient],
  );

  useEffect(() => {
    configureApi({ onUnauthorized: () => void endLocally('Your session has ended. Please sign in again.') });
    let cancelled = false;
    (async () => {
      const saved = await readSession();
      if (!saved) {
        if (!cancelled) setStatus('signedOut');
        return;
      }
      configureApi({ token: saved.token, tenantId: saved.tenantId });
      try {
        const current = await api<Me>('GET', '/api/auth/me/');
        if (cancelled) return;
        setStored(saved);
        setMe(current);
        setStatus('signedIn');
      } catch (error) {
        // Offline at start-up: keep the session (the queue works offline); a 401 already signed out.
        if (cancelled || (error instanceof ApiError && error.status === 401)) return;
        setStored(saved);
        setStatus('signedIn');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [endLocally]);

  const signIn = useCallback(async (username: string, password: string) => {
    const body = await api<LoginResponse>('POST', '/api/auth/login/', {
      body: { username, password },
      anonymous: true,
    });
    const session: StoredSession = { token: body.token, tenantId: body.current_tenant?.id ?? null };
    await writeSession(session);
    configureApi({ token: session.token, tenantId: session.tenantId });
    setStored(session);
    setMe(await api<Me>('GET', '/api/auth/me/')); // with the caller's permissions in the tenant
    setNotice(null);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async () => {
    let message: string | null = null;
    try {
      if (stored?.pushDeviceId) {
        await api('DELETE', `/api/v1/push-devices/${stored.pushDeviceId}/`).catch(() => undefined);
      }
      await api('POST', '/api/auth/logout/'); // revokes the token on the server
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        message = 'Signed out on this phone. The server could not be reached to revoke the session.';
      }
    }
    await endLocally(message);
  }, [endLocally, stored]);

  const switchTenant = useCallback(
    async (tenantId: number) => {
      if (!stored) return;
      const session = { ...stored, tenantId, pushDeviceId: null };
      await writeSession(session);
      configureApi({ tenantId });
      setStored(session);
      queryClient.clear();
      const current = await api<Me>('GET', '/api/auth/me/');
      setMe(current);
    },
    [queryClient, stored],
  );

  const rememberPushDevice = useCallback(
    async (id: number | null) => {
      if (!stored) return;
      const session = { ...stored, pushDeviceId: id };
      await writeSession(session);
      setStored(session);
    },
    [stored],
  );

  const value = useMemo<SessionValue>(
    () => ({ status, me, tenantId: stored?.tenantId ?? null, notice, signIn, signOut, switchTenant, rememberPushDevice }),
    [status, me, stored, notice, signIn, signOut, switchTenant, rememberPushDevice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
