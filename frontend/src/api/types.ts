/** Types derived from the generated schema, so a resource's row and payload types are never re-declared. */
import type { components, paths } from './schema.gen';

export type Schemas = components['schemas'];
export type Role = Schemas['MyTenant']['role'];
export type Me = Schemas['Me'];
export type MyTenant = Schemas['MyTenant'];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type ListBody<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? JsonOf<R> : never;

/** Paths whose GET returns a list (paginated `{results}` or a bare array). */
export type ListPath = {
  [P in keyof paths]: ListBody<P> extends { results: unknown[] } | unknown[] ? P : never;
}[keyof paths];

export type RowOf<P extends ListPath> =
  ListBody<P> extends { results: (infer T)[] } ? T : ListBody<P> extends (infer T)[] ? T : never;

/** The JSON body a POST to the path accepts (never for read-only resources). */
export type WriteOf<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export interface Page<T> {
  count: number;
  count_is_exact?: boolean;
  next?: string | null;
  previous?: string | null;
  results: T[];
}
