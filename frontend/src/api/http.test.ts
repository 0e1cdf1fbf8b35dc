import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, apiRequest, onUnauthorized, setTenantId, withApiHeaders } from './http';
import { fakeApi } from '@/test/utils';

describe('withApiHeaders', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=tok%2Ben123; path=/';
    setTenantId(null);
  });
  afterEach(() => {
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    setTenantId(null);
  });

  it('sends the CSRF token from the cookie on unsafe methods only', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(withApiHeaders(apiRequest('/api/v1/members/', { method })).headers.get('X-CSRFToken')).toBe('tok+en123');
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(withApiHeaders(apiRequest('/api/v1/members/', { method })).headers.get('X-CSRFToken')).toBeNull();
    }
  });

  it('sends the selected tenant in X-Tenant-ID, and none before one is chosen', () => {
    expect(withApiHeaders(apiRequest('/api/v1/members/')).headers.get('X-Tenant-ID')).toBeNull();
    setTenantId(42);
    expect(withApiHeaders(apiRequest('/api/v1/members/')).headers.get('X-Tenant-ID')).toBe('42');
  });

  it('always includes credentials (the session cookie) and never an Authorization header', () => {
    const request = withApiHeaders(apiRequest('/api/v1/members/', { method: 'POST' }));
    expect(request.credentials).toBe('include');
    expect(request.headers.get('Authorization')).toBeNull();
    expect(Object.keys(window.localStorage).filter((key) => /token|auth/i.test(key))).toEqual([]);
  });
});

describe('apiFetch', () => {
  afterEach(() => {
    onUnauthorized(null);
    vi.unstubAllGlobals();
  });

  it('hands a 401 from a data endpoint to the sign-in redirect', async () => {
    fakeApi(() => [401, { detail: 'Authentication credentials were not provided.' }]);
    const handler = vi.fn();
    onUnauthorized(handler);
    const response = await apiFetch(apiRequest('/api/v1/members/'));
    expect(response.status).toBe(401);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('does not redirect on the sign-in endpoints (a wrong password is not an expired session)', async () => {
    fakeApi(() => [401, { detail: 'no' }]);
    const handler = vi.fn();
    onUnauthorized(handler);
    await apiFetch(apiRequest('/api/auth/me/'));
    await apiFetch(apiRequest('/api/auth/login/', { method: 'POST' }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a 403 through to the caller instead of swallowing it', async () => {
    fakeApi(() => [403, { detail: 'Your role in this tenant does not allow this action.' }]);
    const handler = vi.fn();
    onUnauthorized(handler);
    const response = await apiFetch(apiRequest('/api/v1/members/', { method: 'POST' }));
    expect(response.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });
});
