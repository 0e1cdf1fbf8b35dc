/** Members of the current tenant and their roles (admins and owners only; DELETE deactivates). People join by
 * invitation (the panel under the list), never by being added here. */
import { Tag } from 'antd';
import { ROLES, ROLE_LABELS } from '@/api/roles';
import { defineResource } from '@/components/resource/types';
import { InvitationsPanel } from './InvitationsPanel';

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const ROLE_COLORS = { owner: 'gold', admin: 'purple', manager: 'blue', user: 'green', readonly: 'default' } as const;

export const members = defineResource({
  key: 'members',
  path: '/api/v1/members/',
  api: 'member',
  title: 'Members',
  singular: 'Member',
  description: 'People who can sign in to this brokerage, and what their role lets them do.',
  rowLabel: (row) => row.user.username,
  columns: [
    { key: 'user.username', title: 'Username', sorter: 'user__username' },
    { key: 'user.email', title: 'E-mail', sorter: 'user__email' },
    { key: 'name', title: 'Name', render: (row) => [row.user.first_name, row.user.last_name].filter(Boolean).join(' ') || '—' },
    { key: 'role', title: 'Role', sorter: 'role', render: (row) => <Tag color={ROLE_COLORS[row.role ?? 'user']}>{ROLE_LABELS[row.role ?? 'user']}</Tag> },
    { key: 'is_active', title: 'Active' },
    { key: 'created_at', title: 'Added', sorter: 'created_at', hidden: true },
  ],
  fields: [
    { name: 'role', label: 'Role', type: 'select', options: roleOptions, required: true, initial: 'user' },
    { name: 'is_active', label: 'Active', type: 'boolean', only: 'edit' },
  ],
  filters: [
    { name: 'role', label: 'Role', type: 'select', options: roleOptions },
    { name: 'is_active', label: 'Active', type: 'boolean' },
  ],
  deleteLabel: 'Deactivate',
  toForm: (row) => ({ role: row.role, is_active: row.is_active }),
  menu: { group: 'Settings', order: 90 },
  listExtra: InvitationsPanel,
});
