/** The role ladder (owner > admin > manager > user > readonly), in the order the schema lists it. */
import { tenantUserRoleEnumValues } from './schema.gen';
import type { Role } from './types';

export const ROLES: readonly Role[] = tenantUserRoleEnumValues;

export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  if (!role) return false;
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  user: 'User',
  readonly: 'Read-only',
};
