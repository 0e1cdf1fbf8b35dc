/** Foreign keys shared by several resources: how to search them and how to label them. */
import type { ReferenceDef, Row } from '@/components/resource/types';

const codeAndName = (row: Row) => `${String(row.code ?? '')} · ${String(row.name ?? row.description ?? '')}`;

export const proteinRef: ReferenceDef = { path: '/api/v1/proteins/', label: (row) => String(row.name), valueKey: 'code' };
export const supplierRef: ReferenceDef = { path: '/api/v1/suppliers/', label: codeAndName };
export const customerRef: ReferenceDef = { path: '/api/v1/customers/', label: codeAndName };
export const plantRef: ReferenceDef = { path: '/api/v1/plants/', label: codeAndName };
export const carrierRef: ReferenceDef = { path: '/api/v1/carriers/', label: codeAndName };
export const contactRef: ReferenceDef = { path: '/api/v1/contacts/', label: (row) => String(row.full_name) };
export const memberRef: ReferenceDef = {
  path: '/api/v1/members/',
  label: (row) => String((row.user as { username?: string } | undefined)?.username ?? row.id),
};
