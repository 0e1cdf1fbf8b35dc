/** Carriers: trucking companies that move loads, with their authority and insurance. */
import { Tag } from 'antd';
import { enumLabel, enumOptions } from '@/api/enums';
import { activityTab } from '@/components/activity/RecordActivity';
import { defineResource } from '@/components/resource/types';

export const carriers = defineResource({
  key: 'carriers',
  path: '/api/v1/carriers/',
  api: 'carrier',
  title: 'Carriers',
  singular: 'Carrier',
  description: 'Trucking companies that move your loads.',
  rowLabel: (row) => `${row.code} · ${row.name}`,
  columns: [
    { key: 'code', title: 'Code', sorter: 'code', width: 110 },
    { key: 'name', title: 'Name', sorter: 'name' },
    { key: 'carrier_type', title: 'Type', sorter: 'carrier_type', render: (row) => enumLabel('CarrierTypeEnum', row.carrier_type) },
    { key: 'mc_number', title: 'MC' },
    { key: 'dot_number', title: 'DOT', hidden: true },
    { key: 'reefer_capable', title: 'Reefer' },
    {
      key: 'insurance_expires_on',
      title: 'Insurance',
      sorter: 'insurance_expires_on',
      render: (row) =>
        row.insurance_expires_on ? (
          <Tag color={row.insurance_expired ? 'red' : 'green'}>{row.insurance_expired ? 'Expired ' : 'Until '}{row.insurance_expires_on}</Tag>
        ) : (
          '—'
        ),
    },
    { key: 'rating', title: 'Rating', sorter: 'rating', hidden: true },
    { key: 'phone', title: 'Phone', hidden: true },
    { key: 'is_active', title: 'Active' },
  ],
  fields: [
    { name: 'code', label: 'Code', required: true },
    { name: 'name', label: 'Name', required: true },
    { name: 'carrier_type', label: 'Type', type: 'select', options: enumOptions('CarrierTypeEnum') },
    { name: 'reefer_capable', label: 'Reefer capable', type: 'boolean' },
    { name: 'mc_number', label: 'MC number' },
    { name: 'dot_number', label: 'DOT number' },
    { name: 'scac', label: 'SCAC' },
    { name: 'insurance_provider', label: 'Insurance provider' },
    { name: 'insurance_policy_number', label: 'Policy number' },
    { name: 'insurance_expires_on', label: 'Insurance expires on', type: 'date' },
    { name: 'phone', label: 'Phone' },
    { name: 'email', label: 'E-mail', type: 'email' },
    { name: 'address_line1', label: 'Address' },
    { name: 'city', label: 'City' },
    { name: 'state', label: 'State / province' },
    { name: 'postal_code', label: 'Postal code' },
    { name: 'country', label: 'Country (ISO code)', placeholder: 'US' },
    { name: 'appointment_method', label: 'Appointment method', type: 'select', options: enumOptions('AppointmentMethodEnum') },
    { name: 'payment_terms_days', label: 'Payment terms (days)', type: 'integer' },
    { name: 'rating', label: 'Rating (1–5)', type: 'integer' },
    { name: 'lanes', label: 'Lanes', type: 'textarea' },
    { name: 'is_active', label: 'Active', type: 'boolean', initial: true },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'carrier_type', label: 'Type', type: 'select', options: enumOptions('CarrierTypeEnum') },
    { name: 'reefer_capable', label: 'Reefer', type: 'boolean' },
    { name: 'insurance_expired', label: 'Insurance expired', type: 'boolean' },
    { name: 'is_active', label: 'Active', type: 'boolean' },
  ],
  csv: true,
  // Archived rows (is_active off) stay on record; selected rows are archived from the list.
  archivable: true,
  related: [{ title: 'Contacts', resource: 'contacts', param: 'carrier' }],
  tabs: [activityTab('/api/v1/carriers/')],
  menu: { group: 'Master data', order: 40 },
});
