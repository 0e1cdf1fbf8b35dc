/** The shared protein list (beef, pork, …): read-only for everyone. */
import { defineResource } from '@/components/resource/types';

export const proteins = defineResource({
  key: 'proteins',
  path: '/api/v1/proteins/',
  title: 'Proteins',
  singular: 'Protein',
  description: 'The proteins every brokerage trades; maintained by the platform.',
  rowLabel: (row) => row.name,
  columns: [
    { key: 'name', title: 'Name', sorter: 'name' },
    { key: 'code', title: 'Code' },
    { key: 'sort_order', title: 'Sort order', sorter: 'sort_order', hidden: true },
  ],
  defaultOrdering: 'sort_order',
  menu: { group: 'Master data', order: 80 },
});
