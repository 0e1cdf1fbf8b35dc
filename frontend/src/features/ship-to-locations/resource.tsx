/** A customer's delivery addresses. */
import { enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import { customerRef } from '../shared/references';

export const shipToLocations = defineResource({
  key: 'ship-to-locations',
  path: '/api/v1/ship-to-locations/',
  api: 'ship-to-location',
  title: 'Ship-to locations',
  singular: 'Ship-to location',
  rowLabel: (row) => `${row.customer_name} · ${row.name}`,
  columns: [
    { key: 'name', title: 'Name', sorter: 'name' },
    { key: 'customer_name', title: 'Customer', sorter: 'customer__name' },
    { key: 'city', title: 'City', sorter: 'city' },
    { key: 'state', title: 'State', sorter: 'state', width: 80 },
    { key: 'receiving_hours', title: 'Receiving hours', hidden: true },
    { key: 'is_default', title: 'Default', sorter: 'is_default' },
    { key: 'is_active', title: 'Active' },
  ],
  fields: [
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef, required: true },
    { name: 'name', label: 'Name', required: true },
    { name: 'address_line1', label: 'Address' },
    { name: 'address_line2', label: 'Address (line 2)' },
    { name: 'city', label: 'City' },
    { name: 'state', label: 'State / province' },
    { name: 'postal_code', label: 'Postal code' },
    { name: 'country', label: 'Country (ISO code)', placeholder: 'US' },
    { name: 'phone', label: 'Phone' },
    { name: 'receiving_hours', label: 'Receiving hours' },
    { name: 'appointment_method', label: 'Appointment method', type: 'select', options: enumOptions('AppointmentMethodEnum') },
    { name: 'appointment_notes', label: 'Appointment notes', type: 'textarea' },
    { name: 'is_default', label: 'Default', type: 'boolean' },
    { name: 'is_active', label: 'Active', type: 'boolean', initial: true },
  ],
  filters: [{ name: 'customer', label: 'Customer', type: 'reference', reference: customerRef }],
  csv: true,
  // Archived rows (is_active off) stay on record; selected rows are archived from the list.
  archivable: true,
});
