/** Plants: establishments (USDA numbers) where product is slaughtered, processed or stored. */
import { enumLabel, enumOptions } from '@/api/enums';
import { defineResource } from '@/components/resource/types';
import { proteinRef, supplierRef } from '../shared/references';

export const plants = defineResource({
  key: 'plants',
  path: '/api/v1/plants/',
  api: 'plant',
  title: 'Plants',
  singular: 'Plant',
  description: 'Establishments where product is slaughtered, processed or stored.',
  rowLabel: (row) => `${row.code} · ${row.name}`,
  columns: [
    { key: 'code', title: 'Code', sorter: 'code', width: 110 },
    { key: 'name', title: 'Name', sorter: 'name' },
    { key: 'establishment_number', title: 'Est. number', sorter: 'establishment_number_normalized' },
    { key: 'plant_type', title: 'Type', sorter: 'plant_type', render: (row) => enumLabel('PlantTypeEnum', row.plant_type) },
    { key: 'supplier_name', title: 'Supplier' },
    { key: 'city', title: 'City', sorter: 'city' },
    { key: 'state', title: 'State', sorter: 'state', width: 80 },
    { key: 'proteins', title: 'Proteins', hidden: true },
    { key: 'is_active', title: 'Active' },
  ],
  fields: [
    { name: 'code', label: 'Code', required: true },
    { name: 'name', label: 'Name', required: true },
    { name: 'establishment_number', label: 'Establishment number', placeholder: 'EST. 245C' },
    { name: 'plant_type', label: 'Type', type: 'select', options: enumOptions('PlantTypeEnum') },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'proteins', label: 'Proteins', type: 'multireference', reference: proteinRef },
    { name: 'certificates', label: 'Certificates', type: 'multiselect', options: enumOptions('CertificateEnum') },
    { name: 'address_line1', label: 'Address' },
    { name: 'city', label: 'City' },
    { name: 'state', label: 'State / province' },
    { name: 'postal_code', label: 'Postal code' },
    { name: 'country', label: 'Country (ISO code)', placeholder: 'US' },
    { name: 'capacity', label: 'Capacity', type: 'integer' },
    { name: 'capacity_unit', label: 'Capacity unit', type: 'select', options: enumOptions('PlantCapacityUnitEnum') },
    { name: 'manager_name', label: 'Manager' },
    { name: 'phone', label: 'Phone' },
    { name: 'email', label: 'E-mail', type: 'email' },
    { name: 'receiving_hours', label: 'Receiving hours' },
    { name: 'shipping_hours', label: 'Shipping hours' },
    { name: 'is_active', label: 'Active', type: 'boolean', initial: true },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    { name: 'plant_type', label: 'Type', type: 'select', options: enumOptions('PlantTypeEnum') },
    { name: 'supplier', label: 'Supplier', type: 'reference', reference: supplierRef },
    { name: 'is_active', label: 'Active', type: 'boolean' },
  ],
  csv: true,
  // Archived rows (is_active off) stay on record; selected rows are archived from the list.
  archivable: true,
  related: [
    { title: 'Contacts', resource: 'contacts', param: 'plant' },
    { title: 'Products', resource: 'products', param: 'plant' },
  ],
  menu: { group: 'Master data', order: 15 },
});
