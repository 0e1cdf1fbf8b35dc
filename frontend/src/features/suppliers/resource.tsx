/** Suppliers (packers, processors, importers, cold storage): who the broker buys from. */
import { enumLabel, enumOptions } from '@/api/enums';
import { activityTab } from '@/components/activity/RecordActivity';
import { defineResource } from '@/components/resource/types';
import { companyColumns, companyFields, companyFilters } from '../shared/company';
import { SupplierRecentDocuments, SupplierSummary } from '../partners/business';
import { plantRef, proteinRef } from '../shared/references';

export const suppliers = defineResource({
  key: 'suppliers',
  path: '/api/v1/suppliers/',
  api: 'supplier',
  title: 'Suppliers',
  singular: 'Supplier',
  description: 'Packers, processors, importers and cold storages you buy from.',
  rowLabel: (row) => `${row.code} · ${row.name}`,
  columns: [
    ...companyColumns(),
    { key: 'supplier_type', title: 'Type', sorter: 'supplier_type', render: (row) => enumLabel('SupplierTypeEnum', row.supplier_type) },
    { key: 'proteins', title: 'Proteins' },
    { key: 'product_count', title: 'Products', hidden: true },
    { key: 'quality_rating', title: 'Quality', sorter: 'quality_rating', hidden: true },
  ],
  fields: [
    ...companyFields,
    { name: 'supplier_type', label: 'Type', type: 'select', options: enumOptions('SupplierTypeEnum') },
    { name: 'proteins', label: 'Proteins', type: 'multireference', reference: proteinRef },
    { name: 'plants', label: 'Plants', type: 'multireference', reference: plantRef },
    { name: 'certificates', label: 'Certificates', type: 'multiselect', options: enumOptions('CertificateEnum') },
    { name: 'origin', label: 'Origin', type: 'select', options: enumOptions('OriginEnum') },
    { name: 'fresh_frozen', label: 'Fresh / frozen', type: 'select', options: enumOptions('FreshFrozenEnum') },
    { name: 'quality_rating', label: 'Quality rating (1–5)', type: 'integer' },
    { name: 'paca_licence_number', label: 'PACA licence' },
    { name: 'offers_contracts', label: 'Offers contracts', type: 'boolean' },
    { name: 'offers_export_documents', label: 'Offers export documents', type: 'boolean' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    ...companyFilters,
    { name: 'supplier_type', label: 'Type', type: 'select', options: enumOptions('SupplierTypeEnum') },
    { name: 'protein', label: 'Protein', type: 'reference', reference: proteinRef },
  ],
  csv: true,
  related: [
    { title: 'Purchase orders', resource: 'purchase-orders', param: 'supplier' },
    { title: 'Loads', resource: 'loads', param: 'supplier' },
    { title: 'Plants', resource: 'plants', param: 'supplier' },
    { title: 'Contacts', resource: 'contacts', param: 'supplier' },
    { title: 'Products', resource: 'products', param: 'supplier' },
  ],
  summary: SupplierSummary,
  tabs: [{ key: 'recent', title: 'Recent documents', content: SupplierRecentDocuments }, activityTab('/api/v1/suppliers/')],
  menu: { group: 'Master data', order: 10 },
});
