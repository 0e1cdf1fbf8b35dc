/** Test helpers: the app's providers around a component, a signed-in member of a given role, a fake API. */
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryRouter, useLocation } from 'react-router';
import { vi } from 'vitest';
import { ME_KEY } from '@/app/session';
import type { Me, Role } from '@/api/types';

/** Test data: what /api/auth/me/ publishes for a typical business resource at each role (the real table is
 * the backend's, docs/TENANCY.md); tests of a special rule pass their own `permissions`. */
const TYPICAL_ACTIONS: Record<Role, string[]> = {
  readonly: ['list', 'retrieve', 'export'],
  user: ['list', 'retrieve', 'export', 'create', 'update', 'apply'],
  manager: ['list', 'retrieve', 'export', 'create', 'update', 'apply', 'delete', 'import', 'unapply'],
  admin: ['list', 'retrieve', 'export', 'create', 'update', 'apply', 'delete', 'import', 'unapply'],
  owner: ['list', 'retrieve', 'export', 'create', 'update', 'apply', 'delete', 'import', 'unapply'],
};
const TEST_RESOURCES = ['widget', 'supplier', 'customer', 'payment', 'invoice', 'sales-order', 'purchase-order', 'load', 'member'];

export function meWithRole(role: Role, permissions?: Record<string, string[]>): Me {
  const tenant = { id: 1, name: 'Demo Meat Brokerage', slug: 'demo', role };
  return {
    user: { id: 7, username: `demo_${role}`, email: `${role}@example.com`, first_name: '', last_name: '' },
    is_staff: false,
    tenants: [tenant],
    current_tenant: tenant,
    permissions: permissions ?? Object.fromEntries(TEST_RESOURCES.map((name) => [name, TYPICAL_ACTIONS[role]])),
    today: '2026-03-16',
  };
}

export interface FakeCall {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** JSON bodies parsed; anything else (a multipart upload) kept as text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Replaces fetch; `handler` answers each call with [status, body]. */
export function fakeApi(handler: (call: FakeCall) => [number, unknown] | Promise<[number, unknown]>) {
  const calls: FakeCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const call: FakeCall = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? parseBody(text) : undefined,
    };
    calls.push(call);
    const [status, body] = await handler(call);
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

export function renderWithApp(
  ui: ReactElement,
  { role = 'manager' as Role, url = '/', path = '*', permissions = undefined as Record<string, string[]> | undefined } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  queryClient.setQueryData(ME_KEY, meWithRole(role, permissions));
  const result = render(
    <ConfigProvider theme={{ token: { motion: false } }}>
    <AntApp>
      <QueryClientProvider client={queryClient}>
        {/* A data router, as in the app: pages use its blocker (unsaved-changes guard). */}
        <RouterProvider
          router={createMemoryRouter(
            [
              {
                path,
                element: (
                  <>
                    {ui}
                    <LocationProbe />
                  </>
                ),
              },
            ],
            { initialEntries: [url] },
          )}
        />
      </QueryClientProvider>
    </AntApp>
    </ConfigProvider>,
  );
  return { ...result, queryClient };
}
