/** People at suppliers, customers, carriers and plants. */
import { enumOptions, valueOptions } from '@/api/enums';
import { pathsApiV1ContactsGetParametersQueryCompany_kindValues as companyKinds } from '@/api/schema.gen';
import { defineResource } from '@/components/resource/types';
import { carrierRef, customerRef, plantRef, supplierRef } from '../shared/references';

export const contacts = defineResource({
  key: 'contacts',
  path: '/api/v1/contacts/',
  api: 'contact',
  title: 'Contacts',
  singular: 'Contact',
  description: 'People at your suppliers, customers, plants and carriers.',
  rowLabel: (row) => row.full_name,
  columns: [
    { key: 'full_name', title: 'Name', sorter: 'last_name' },
    { key: 'title', title: 'Title', sorter: 'title' },
    { key: 'company_name', title: 'Company' },
    { key: 'company_kind', title: 'Kind', render: (row) => valueOptions([row.company_kind])[0]?.label },
    { key: 'email', title: 'E-mail' },
    { key: 'main_phone', title: 'Phone' },
    { key: 'cell_phone', title: 'Cell', hidden: true },
    { key: 'is_primary', title: 'Primary', sorter: 'is_primary' },
    { key: 'status', title: 'Status', sorter: 'status', hidden: true, render: (row) => enumOptions('RecordStatusEnum').find((o) => o.value === row.status)?.label },
  ],
  fields: [
    { name: 'first_name', label: 'First name', required: true },
    { name: 'last_name', label: 'Last name' },
    { name: 'title', label: 'Title' },
    { name: 'contact_types', label: 'Handles', type: 'multiselect', options: enumOptions('ContactTypesEnum') },
    { name: 'email', label: 'E-mail', type: 'email' },
    { name: 'main_phone', label: 'Main phone' },
    { name: 'direct_phone', label: 'Direct phone' },
    { name: 'cell_phone', label: 'Cell phone' },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'customer', label: 'Customer', type: 'reference', reference: customerRef },
    { name: 'plant', label: 'Plant', type: 'reference', reference: plantRef },
    { name: 'carrier', label: 'Carrier', type: 'reference', reference: carrierRef },
    { name: 'is_primary', label: 'Primary contact', type: 'boolean' },
    { name: 'status', label: 'Status', type: 'select', options: enumOptions('RecordStatusEnum'), initial: 'active' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'company_kind', label: 'Kind', type: 'select', options: valueOptions(companyKinds) },
    { name: 'contact_type', label: 'Handles', type: 'select', options: enumOptions('ContactTypesEnum') },
    { name: 'is_primary', label: 'Primary', type: 'boolean' },
  ],
  csv: true,
  menu: { group: 'Master data', order: 30 },
});
