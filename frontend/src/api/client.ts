/** The typed API client, generated from the backend's OpenAPI schema; every call goes through apiFetch. */
import createClient from 'openapi-fetch';
import { apiFetch } from './http';
import { ApiError, errorFromResponse } from './errors';
import type { paths } from './schema.gen';

export const client = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  fetch: apiFetch,
  credentials: 'include',
});

/** Returns `data` or throws an ApiError built from the response (field errors and detail kept). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new ApiError(response.status, error ?? null);
  }
  return data as T;
}

export { errorFromResponse };
