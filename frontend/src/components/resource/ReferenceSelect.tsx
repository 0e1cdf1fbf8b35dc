/** A select whose options are rows of another list endpoint, searched on the server as the user types. */
import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getResource, listResource } from '@/api/resource';
import type { ReferenceDef, Row } from './types';

interface Props {
  reference: ReferenceDef;
  value?: unknown;
  onChange?: (value: unknown) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export function ReferenceSelect({ reference, value, onChange, multiple, placeholder, allowClear, id, style, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const term = useDebounced(search, 250);
  const options = useQuery({
    queryKey: ['reference', reference.path, reference.query ?? {}, term],
    queryFn: () => listResource<Row>(reference.path, { ...reference.query, search: term || undefined, page_size: 25 }),
    staleTime: 30_000,
  });

  const selected = useMemo(
    () => (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]),
    [value],
  );
  const valueKey = reference.valueKey ?? 'id';
  const loaded = options.data?.results ?? [];
  const missing = valueKey === 'id' ? selected.filter((item) => !loaded.some((row) => row.id === item)) : [];
  // Selected values not among the current options (editing a record) are fetched once for their label.
  const extra = useQuery({
    queryKey: ['reference-labels', reference.path, missing],
    queryFn: () => Promise.all(missing.map((item) => getResource<Row>(reference.path, String(item)))),
    enabled: missing.length > 0,
    staleTime: 60_000,
  });

  const rows = [...loaded, ...(extra.data ?? [])];
  const selectOptions = rows
    .filter((row, index) => rows.findIndex((other) => other[valueKey] === row[valueKey]) === index)
    .map((row) => ({ value: row[valueKey] as number | string, label: reference.label(row) }));

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      style={style}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value as number | string | (number | string)[] | undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={selectOptions}
      loading={options.isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      notFoundContent={options.isFetching ? 'Searching…' : 'Nothing found'}
    />
  );
}
