/** The small config object that turns the generic table and form into one resource's screens. */
import type { ComponentType, ReactNode } from 'react';
import type { paths } from '@/api/schema.gen';
import type { ListPath, Role, RowOf, WriteOf } from '@/api/types';

export type Row = Record<string, unknown>;

export interface Option {
  value: string | number | boolean;
  label: string;
}

/** A foreign key: options come from another list endpoint, searched as the user types. */
export interface ReferenceDef {
  path: ListPath;
  label: (row: Row) => string;
  /** The row field the payload carries (default `id`; proteins are referred to by `code`). */
  valueKey?: string;
  /** Query parameters always sent (e.g. {is_active: true}). */
  query?: Record<string, string | number | boolean>;
}

export interface ColumnDef<R> {
  key: string;
  title: string;
  /** The `?ordering=` field name; the column is sortable when set. */
  sorter?: string;
  render?: (row: R) => ReactNode;
  /** Plain text for CSV-less displays (detail page); defaults to the rendered value. */
  hidden?: boolean;
  width?: number;
}

export type FieldType =
  | 'text'
  | 'email'
  | 'password'
  | 'textarea'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'reference'
  | 'multireference';

export interface FieldDef<Name extends string = string> {
  name: Name;
  label: string;
  type?: FieldType;
  required?: boolean;
  options?: readonly Option[];
  reference?: ReferenceDef;
  help?: string;
  placeholder?: string;
  /** Shown only when creating (e.g. a member's e-mail) or only when editing. */
  only?: 'create' | 'edit';
  initial?: unknown;
  /** Grid width in a 24-column row; 12 puts two fields side by side. */
  span?: number;
  /** A reference narrowed by another field: its value is sent as `param` (plants of the chosen supplier). */
  dependsOn?: { field: string; param: string; placeholder?: string };
  /** For a reference: what the chosen row tells the user right away (a customer's credit hold). */
  notice?: (row: Row) => ReactNode;
}

export interface FilterDef {
  /** The query parameter; a 'daterange' filter sets `${name}_from` and `${name}_to` (YYYY-MM-DD). */
  name: string;
  label: string;
  type: 'select' | 'boolean' | 'reference' | 'text' | 'daterange';
  options?: readonly Option[];
  reference?: ReferenceDef;
}

/** A field the API's `groups/` action declares for this list (`group_by_fields` of the viewset). */
export interface GroupByDef {
  value: string;
  label: string;
}

export interface RelatedDef {
  title: string;
  /** Key of another registered resource, listed with `{[param]: this record's id}`. */
  resource: string;
  param: string;
}

/** A tab of a detail page that is not a related list (a customer's aging, recent documents). */
export interface DetailTabDef {
  key: string;
  title: string;
  content: ComponentType<{ row: Row; id: string }>;
}

export interface RoleRules {
  view: Role;
  create: Role;
  edit: Role;
  delete: Role;
}

type FieldName<P extends ListPath> = [WriteOf<P>] extends [never] ? string : Extract<keyof WriteOf<P>, string>;

export interface ResourceConfig<P extends ListPath = ListPath> {
  /** The URL segment in the app: /suppliers, /suppliers/12 … */
  key: string;
  path: P;
  title: string;
  singular: string;
  description?: string;
  rowLabel: (row: RowOf<P>) => string;
  columns: ColumnDef<RowOf<P>>[];
  /** Form fields; a resource without fields is read-only in the app. */
  fields?: FieldDef<FieldName<P>>[];
  filters?: FilterDef[];
  searchable?: boolean;
  /** The backend renders `?format=csv` for this list. */
  csv?: boolean;
  /**
   * The API's name for this resource (its router basename, e.g. 'supplier'): the key of the caller's permissions
   * in /api/auth/me/ (`permissions[api]`), which decide every button and page. Absent: shared read-only data.
   */
  api?: string;
  /** What DELETE means to the user (members are deactivated, not deleted). */
  deleteLabel?: string;
  /** Maps a fetched row to the form's initial values (nested objects to ids …). */
  toForm?: (row: RowOf<P>) => Record<string, unknown>;
  related?: RelatedDef[];
  menu?: { group: string; icon?: ReactNode; order?: number };
  defaultOrdering?: string;
  /** Whether this row may be deleted now (issued invoices may not); default: any row. */
  deletable?: (row: RowOf<P>) => boolean;
  /** "Group by" choices of the list: the fields the API groups and subtotals by (GET <path>groups/). */
  groupBy?: GroupByDef[];
  /** The record has `is_active`: selected rows can be archived (PATCH is_active=false) from the list. */
  archivable?: boolean;
  /** Shown under the list (the members page's invitations). */
  listExtra?: ComponentType;
  /** Figures shown between the record and its tabs (a customer's open balance and credit exposure). */
  summary?: ComponentType<{ row: Row; id: string }>;
  /** Tabs after the related lists. */
  tabs?: DetailTabDef[];
}

/** A resource after `defineResource`: row types erased so screens and the registry can hold any of them. */
export interface AnyResource {
  key: string;
  path: string;
  title: string;
  singular: string;
  description?: string;
  rowLabel: (row: Row) => string;
  columns: ColumnDef<Row>[];
  fields?: FieldDef[];
  filters?: FilterDef[];
  searchable?: boolean;
  csv?: boolean;
  api?: string;
  /** @deprecated Only components/orders still reads it, until its buttons follow `allowed_actions`; everything
   * else asks `useSession().allows(resource, action)`, i.e. the permissions the API publishes. */
  roles: RoleRules;
  deleteLabel: string;
  toForm?: (row: Row) => Record<string, unknown>;
  related?: RelatedDef[];
  menu?: { group: string; icon?: ReactNode; order?: number };
  defaultOrdering?: string;
  deletable?: (row: Row) => boolean;
  groupBy?: GroupByDef[];
  archivable?: boolean;
  listExtra?: ComponentType;
  summary?: ComponentType<{ row: Row; id: string }>;
  tabs?: DetailTabDef[];
}

/** @deprecated See AnyResource.roles. */
export const DEFAULT_ROLES: RoleRules = { view: 'readonly', create: 'user', edit: 'user', delete: 'manager' };

export function defineResource<P extends ListPath>(config: ResourceConfig<P>): AnyResource {
  return {
    ...(config as unknown as Omit<AnyResource, 'roles' | 'deleteLabel'>),
    roles: DEFAULT_ROLES,
    deleteLabel: config.deleteLabel ?? 'Delete',
  };
}

/** Unused at runtime; keeps `paths` referenced so a renamed endpoint breaks the build here first. */
export type KnownPath = keyof paths;
