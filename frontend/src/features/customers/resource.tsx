/** Customers: who the broker sells to, with credit terms and ship-to locations. */
import { Tag } from 'antd';
import { enumLabel, enumOptions } from '@/api/enums';
import { activityTab } from '@/components/activity/RecordActivity';
import { defineResource } from '@/components/resource/types';
import { companyColumns, companyFields, companyFilters } from '../shared/company';
import { CustomerAging, CustomerRecentDocuments, CustomerSummary } from '../partners/business';
import { contactRef, memberRef, plantRef, proteinRef } from '../shared/references';

export const customers = defineResource({
  key: 'customers',
  path: '/api/v1/customers/',
  api: 'customer',
  title: 'Customers',
  singular: 'Customer',
  description: 'Retailers, distributors, processors and exporters you sell to.',
  rowLabel: (row) => `${row.code} · ${row.name}`,
  columns: [
    ...companyColumns(),
    { key: 'customer_type', title: 'Type', sorter: 'customer_type', render: (row) => enumLabel('CustomerTypeEnum', row.customer_type) },
    { key: 'credit_hold', title: 'Credit', sorter: 'credit_hold', render: (row) => (row.credit_hold ? <Tag color="red">On hold</Tag> : <Tag color="green">OK</Tag>) },
    { key: 'sales_rep_name', title: 'Sales rep', hidden: true },
  ],
  fields: [
    ...companyFields,
    { name: 'customer_type', label: 'Type', type: 'select', options: enumOptions('CustomerTypeEnum') },
    { name: 'industry', label: 'Industry', type: 'select', options: enumOptions('CustomerIndustryEnum') },
    { name: 'proteins', label: 'Proteins', type: 'multireference', reference: proteinRef },
    { name: 'preferred_plants', label: 'Preferred plants', type: 'multireference', reference: plantRef },
    { name: 'certificates', label: 'Certificates required', type: 'multiselect', options: enumOptions('CertificateEnum') },
    { name: 'buyer_contact', label: 'Buyer contact', type: 'reference', reference: contactRef },
    { name: 'sales_rep', label: 'Sales rep', type: 'reference', reference: memberRef },
    { name: 'credit_hold', label: 'Credit hold', type: 'boolean' },
    { name: 'will_pick_up', label: 'Picks up', type: 'boolean' },
    { name: 'exportable', label: 'Exportable', type: 'boolean' },
    { name: 'notes', label: 'Notes', type: 'textarea' },
  ],
  filters: [
    ...companyFilters,
    { name: 'customer_type', label: 'Type', type: 'select', options: enumOptions('CustomerTypeEnum') },
    { name: 'credit_hold', label: 'Credit hold', type: 'boolean' },
  ],
  csv: true,
  related: [
    { title: 'Sales orders', resource: 'sales-orders', param: 'customer' },
    { title: 'Invoices', resource: 'invoices', param: 'customer' },
    { title: 'Payments', resource: 'payments', param: 'customer' },
    { title: 'Ship-to locations', resource: 'ship-to-locations', param: 'customer' },
    { title: 'Contacts', resource: 'contacts', param: 'customer' },
  ],
  summary: CustomerSummary,
  tabs: [
    { key: 'aging', title: 'Aging', content: CustomerAging },
    { key: 'recent', title: 'Recent documents', content: CustomerRecentDocuments },
    activityTab('/api/v1/customers/', { timeline: true }),
  ],
  menu: { group: 'Master data', order: 20 },
});
