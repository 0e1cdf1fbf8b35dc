/** Names for the generated API shapes the app uses (src/api/schema.gen.ts comes from frontend/openapi.json). */
import type { components } from './schema.gen';

type S = components['schemas'];

/** C1 (workflow actions on order-like read shapes): one step this user may take now. */
export interface AllowedAction {
  name: string;
  label: string;
  requires_reason: boolean;
  destructive: boolean;
}

// allowed_actions / editable_fields are optional until the backend serves them on every load (contract C1).
export type Load = S['Load'] & { allowed_actions?: AllowedAction[]; editable_fields?: string[] };
export type LoadLine = S['LoadLine'];
export type LoadDocument = S['LoadDocument'];
export type AssistantDocument = S['Document'];
export type Notification = S['Notification'];
export type Me = S['Me'];
export type LoginResponse = S['LoginResponse'];
export type MyTenant = S['MyTenant'];
export type LoadDocumentKind = S['LoadDocumentKindEnum'];

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

// Invitations and password reset (docs/api/invitations.md).
export type InvitationPreview = S['InvitationPreview'];
export type InvitationAccepted = S['InvitationAccepted'];
export type InvitationRegisterRequest = S['InvitationRegisterRequest'];
export type PasswordResetRequest = S['PasswordResetRequestRequest'];
export type PasswordResetConfirmRequest = S['PasswordResetConfirmRequest'];
export type Detail = S['Detail'];
