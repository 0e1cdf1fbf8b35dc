/** The list's state — page, page size, ordering, search, filters — lives in the URL query string. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Query } from '@/api/resource';
import type { AnyResource, FilterDef } from './types';

/** The query parameters one filter sets: its name, or `<name>_from` and `<name>_to` for a date range. */
export function filterKeys(filter: FilterDef): string[] {
  return filter.type === 'daterange' ? [`${filter.name}_from`, `${filter.name}_to`] : [filter.name];
}

export const DEFAULT_PAGE_SIZE = 25;

export interface ListParams {
  page: number;
  pageSize: number;
  ordering: string | undefined;
  search: string;
  filters: Record<string, string>;
  /** `?group_by=`: one of the resource's `groupBy` fields (the list shows groups with subtotals). */
  groupBy: string | undefined;
}

export function readListParams(params: URLSearchParams, resource: AnyResource): ListParams {
  const filters: Record<string, string> = {};
  for (const filter of resource.filters ?? []) {
    for (const key of filterKeys(filter)) {
      const value = params.get(key);
      if (value !== null && value !== '') filters[key] = value;
    }
  }
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('page_size') ?? String(DEFAULT_PAGE_SIZE));
  const groupBy = params.get('group_by') ?? undefined;
  return {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    pageSize: Number.isFinite(pageSize) && pageSize > 0 ? Math.min(pageSize, 500) : DEFAULT_PAGE_SIZE,
    ordering: params.get('ordering') ?? resource.defaultOrdering,
    search: params.get('search') ?? '',
    filters,
    groupBy: groupBy && resource.groupBy?.some((choice) => choice.value === groupBy) ? groupBy : undefined,
  };
}

/** The API query for the list (and, without page, for the CSV export). */
export function toApiQuery(list: ListParams, fixed: Query = {}): Query {
  return {
    ...list.filters,
    ...fixed,
    search: list.search || undefined,
    ordering: list.ordering,
    page: list.page,
    page_size: list.pageSize,
  };
}

/**
 * With `prefix`, an embedded list (a supplier's plants on its page) keeps its own keys (`plants.page`),
 * so two lists on one page do not fight over the URL.
 */
export function useListParams(resource: AnyResource, prefix = '') {
  const [searchParams, setSearchParams] = useSearchParams();
  const scoped = useMemo(() => {
    if (!prefix) return searchParams;
    const own = new URLSearchParams();
    for (const [key, value] of searchParams) if (key.startsWith(prefix)) own.set(key.slice(prefix.length), value);
    return own;
  }, [searchParams, prefix]);
  const list = useMemo(() => readListParams(scoped, resource), [scoped, resource]);

  const update = useCallback(
    (changes: Record<string, string | number | undefined | null>, options: { resetPage?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === null || value === '') next.delete(prefix + key);
            else next.set(prefix + key, String(value));
          }
          if (options.resetPage) next.delete(prefix + 'page');
          return next;
        },
        { replace: false },
      );
    },
    [setSearchParams, prefix],
  );

  return { list, update };
}
