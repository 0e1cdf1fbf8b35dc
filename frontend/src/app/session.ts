/** Who is signed in, in which tenant, with which role: one query on /api/auth/me/ the whole app reads. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { client, unwrap } from '@/api/client';
import { ApiError } from '@/api/errors';
import { getTenantId, setTenantId } from '@/api/http';
import { roleAtLeast } from '@/api/roles';
import type { Me, Role } from '@/api/types';

export const ME_KEY = ['me'] as const;

/** An action name of the API's role policy (docs/TENANCY.md): list, retrieve, create, update, delete, import,
 * export, history, or a custom action's name. */
export type PolicyAction = 'list' | 'retrieve' | 'create' | 'update' | 'delete' | 'import' | 'export' | 'history' | (string & {});

/** Shared reference data (no `api` name) is readable by every member and writable by none. */
const READ_ONLY_ACTIONS = new Set<string>(['list', 'retrieve']);

export function allowsAction(me: Me | null, api: string | undefined, action: PolicyAction): boolean {
  if (!me) return false;
  if (api === undefined) return READ_ONLY_ACTIONS.has(action);
  // A session cached before the API published permissions has none: nothing is offered until /me/ reloads.
  const permissions: Partial<Record<string, string[]>> = (me as Partial<Me>).permissions ?? {};
  return (permissions[api] ?? []).includes(action);
}

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(client.GET('/api/auth/me/'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    // A remembered tenant this user no longer belongs to: forget it and use the default membership.
    if (error instanceof ApiError && error.status === 403 && getTenantId()) {
      setTenantId(null);
      return unwrap(client.GET('/api/auth/me/'));
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in session; only call below the auth guard, where `me` is known. */
export function useSession() {
  const { data } = useMe();
  const me = data ?? null;
  const tenant = me?.current_tenant ?? null;
  const role: Role | null = tenant?.role ?? null;
  return {
    me,
    tenant,
    role,
    can: (minimum: Role) => roleAtLeast(role, minimum),
    /** What the API says this caller may do on a resource (`permissions` of /api/auth/me/). */
    allows: (resource: { api?: string }, action: PolicyAction) => allowsAction(me, resource.api, action),
    /** The business day on the server's clock: date fields default to it, never to this browser's clock
     * (a browser a time zone ahead would date an invoice tomorrow and drop it from today's aging). */
    today: () => (me?.today ? dayjs(me.today) : dayjs()),
  };
}

export async function ensureCsrfCookie(): Promise<void> {
  await unwrap(client.GET('/api/auth/csrf/'));
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async (credentials: { username: string; password: string }) => {
      await ensureCsrfCookie();
      return unwrap(client.POST('/api/auth/login/', { body: credentials }));
    },
    onSuccess: (body) => {
      // The knox token in the body is for mobile clients; the web app relies on the session cookie only.
      const remembered = getTenantId();
      const stillMember = body.tenants.some((t) => String(t.id) === remembered || t.slug === remembered);
      if (!stillMember) setTenantId(body.current_tenant?.id ?? null);
      queryClient.clear();
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(client.POST('/api/auth/logout/')),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

export function useSwitchTenant() {
  const queryClient = useQueryClient();
  return (tenantId: number) => {
    setTenantId(tenantId);
    // Every cached response belongs to the previous tenant.
    queryClient.removeQueries();
    void queryClient.invalidateQueries();
  };
}
