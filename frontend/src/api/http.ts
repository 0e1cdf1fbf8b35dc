/**
 * The one place every request to the API passes through: session cookie, CSRF token, tenant header,
 * and the 401 hand-off to the sign-in page. The typed client and the generic resource calls both use it.
 */
import { ApiError } from './errors';

/** What the user reads when the request never reached the server (offline, server down, DNS …). */
export const NETWORK_MESSAGE =
  'Cannot reach the ProjectMeats server. Check your connection; your unsaved changes are still on this page — try again in a moment.';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TENANT_STORAGE_KEY = 'pm.tenant';
// A 401 from these means "wrong password" or "not signed in yet", not "session expired".
const AUTH_PATHS = ['/api/auth/login/', '/api/auth/me/', '/api/auth/csrf/'];

let unauthorizedHandler: (() => void) | null = null;

export function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return null;
}

/** The selected tenant (id or slug). Kept in sessionStorage per tab: a preference, never a credential. */
export function getTenantId(): string | null {
  return window.sessionStorage.getItem(TENANT_STORAGE_KEY) ?? window.localStorage.getItem(TENANT_STORAGE_KEY);
}

export function setTenantId(tenant: string | number | null): void {
  if (tenant === null) {
    window.sessionStorage.removeItem(TENANT_STORAGE_KEY);
    window.localStorage.removeItem(TENANT_STORAGE_KEY);
    return;
  }
  window.sessionStorage.setItem(TENANT_STORAGE_KEY, String(tenant));
  window.localStorage.setItem(TENANT_STORAGE_KEY, String(tenant));
}

/** Called on a 401 from any API call except the sign-in endpoints (the app sends the user to sign in). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function withApiHeaders(request: Request): Request {
  const headers = new Headers(request.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const tenant = getTenantId();
  if (tenant && !headers.has('X-Tenant-ID')) headers.set('X-Tenant-ID', tenant);
  if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
    const csrf = readCookie('csrftoken');
    if (csrf) headers.set('X-CSRFToken', csrf);
  }
  return new Request(request, { headers, credentials: 'include' });
}

export async function apiFetch(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(withApiHeaders(request));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // fetch rejects only when no HTTP answer came back ("TypeError: Failed to fetch"): say so in words.
    throw new ApiError(0, { detail: NETWORK_MESSAGE });
  }
  if (response.status === 401) {
    const path = new URL(request.url, window.location.origin).pathname;
    if (!AUTH_PATHS.includes(path)) unauthorizedHandler?.();
  }
  return response;
}

/** A request with an absolute URL (jsdom and Node's Request reject relative ones). */
export function apiRequest(path: string, init?: RequestInit): Request {
  return new Request(new URL(path, window.location.origin), init);
}
