/** A small resource config for the generic table and form tests (shaped like a master-data list). */
import type { AnyResource } from './types';
import { DEFAULT_ROLES } from './types';

export const widgets: AnyResource = {
  key: 'widgets',
  path: '/api/v1/widgets/',
  api: 'widget',
  title: 'Widgets',
  singular: 'Widget',
  rowLabel: (row) => String(row.name),
  columns: [
    { key: 'name', title: 'Name', sorter: 'name' },
    { key: 'code', title: 'Code', sorter: 'code' },
    { key: 'is_active', title: 'Active' },
    { key: 'notes', title: 'Notes', hidden: true },
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'code', label: 'Code', required: true },
    { name: 'weight_lbs', label: 'Weight (lb)', type: 'decimal' },
    { name: 'is_active', label: 'Active', type: 'boolean', initial: true },
  ],
  filters: [{ name: 'is_active', label: 'Active', type: 'boolean' }],
  csv: true,
  roles: DEFAULT_ROLES,
  deleteLabel: 'Delete',
};

export function widgetPage(count = 2) {
  return {
    count,
    count_is_exact: true,
    next: null,
    previous: null,
    results: Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      name: `Widget ${index + 1}`,
      code: `W${index + 1}`,
      is_active: true,
      notes: '',
    })),
  };
}
