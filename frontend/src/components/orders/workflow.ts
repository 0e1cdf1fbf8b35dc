/**
 * The workflow buttons of each order document: which action moves which status where. The schema lists the
 * actions (POST <order>/<id>/<action>/) but not the state machine, so the allowed transitions below mirror the
 * backend's TRANSITIONS tables (purchase_orders/models.py, loads/models.py, sales_orders/services.py,
 * invoices/services.py ACTION_TRANSITIONS); the server still checks every one and answers 409 otherwise.
 */
import type { Role, Schemas } from '@/api/types';

export type OrderKind = 'purchase-orders' | 'sales-orders' | 'loads' | 'invoices';

/** What the button asks before it posts. */
export type ActionInput =
  | 'none'
  /** optional reason (cancel) */
  | 'reason'
  /** required reason (void) */
  | 'required-reason'
  /** the e-mail dialog (sending a draft PO makes it "sent") */
  | 'send'
  /** the supplier's confirmation number (optional) */
  | 'supplier-confirmation'
  /** freight, tax, invoice date, issue now */
  | 'invoice';

export interface WorkflowAction {
  /** The URL segment: POST <path><id>/<action>/ */
  action: string;
  label: string;
  /** The status it leads to (for the test and the confirmation text). */
  to: string;
  input: ActionInput;
  danger?: boolean;
  primary?: boolean;
  minRole?: Role;
}

type PoStatus = Schemas['PurchaseOrderStatusEnum'];
type SoStatus = Schemas['SalesOrderStatusEnum'];
type LoadStatus = Schemas['LoadStatusEnum'];
type InvoiceStatus = Schemas['InvoiceStatusEnum'];

const cancel: WorkflowAction = { action: 'cancel', label: 'Cancel', to: 'cancelled', input: 'reason', danger: true };

const PURCHASE_ORDER: Record<PoStatus, WorkflowAction[]> = {
  draft: [{ action: 'send', label: 'Send to supplier', to: 'sent', input: 'send', primary: true }, cancel],
  sent: [{ action: 'confirm', label: 'Confirm', to: 'confirmed', input: 'supplier-confirmation', primary: true }, cancel],
  confirmed: [{ action: 'pick-up', label: 'Picked up', to: 'picked_up', input: 'none', primary: true }, cancel],
  picked_up: [{ action: 'receive', label: 'Received', to: 'received', input: 'none', primary: true }],
  received: [{ action: 'close', label: 'Close', to: 'closed', input: 'none', primary: true }],
  closed: [],
  cancelled: [],
};

const SALES_ORDER: Record<SoStatus, WorkflowAction[]> = {
  draft: [{ action: 'confirm', label: 'Confirm', to: 'confirmed', input: 'none', primary: true }, cancel],
  confirmed: [{ action: 'ship', label: 'Ship', to: 'shipped', input: 'none', primary: true }, cancel],
  shipped: [{ action: 'deliver', label: 'Delivered', to: 'delivered', input: 'none', primary: true }],
  // Invoicing is the only way out of "delivered": it creates the invoice at the catch weights.
  delivered: [{ action: 'invoice', label: 'Create invoice', to: 'invoiced', input: 'invoice', primary: true }],
  invoiced: [],
  cancelled: [],
};

const LOAD: Record<LoadStatus, WorkflowAction[]> = {
  tendered: [{ action: 'accept', label: 'Accepted by carrier', to: 'accepted', input: 'none', primary: true }, cancel],
  accepted: [{ action: 'pick-up', label: 'Picked up', to: 'picked_up', input: 'none', primary: true }, cancel],
  picked_up: [{ action: 'deliver', label: 'Delivered', to: 'delivered', input: 'none', primary: true }],
  delivered: [],
  cancelled: [],
};

const voidInvoice: WorkflowAction = { action: 'void', label: 'Void', to: 'void', input: 'required-reason', danger: true, minRole: 'manager' };

const INVOICE: Record<InvoiceStatus, WorkflowAction[]> = {
  draft: [{ action: 'issue', label: 'Issue', to: 'issued', input: 'none', primary: true }, voidInvoice],
  issued: [voidInvoice],
  // Payments and credit memos move an invoice between issued, partially paid and paid; no buttons for those.
  partially_paid: [],
  paid: [],
  void: [],
};

const WORKFLOWS: Record<OrderKind, Record<string, WorkflowAction[]>> = {
  'purchase-orders': PURCHASE_ORDER,
  'sales-orders': SALES_ORDER,
  loads: LOAD,
  invoices: INVOICE,
};

/** The actions allowed from `status` (none for an unknown status). */
export function allowedActions(kind: OrderKind, status: string | null | undefined): WorkflowAction[] {
  if (!status) return [];
  return WORKFLOWS[kind]?.[status] ?? [];
}

/** Statuses in which the lines may still be edited (the server refuses edits of finished documents). */
export const LINES_EDITABLE: Partial<Record<OrderKind, readonly string[]>> = {
  'purchase-orders': ['draft', 'sent', 'confirmed', 'picked_up', 'received'],
  'sales-orders': ['draft', 'confirmed', 'shipped', 'delivered'],
};

/** Purchase order prices hold from confirmation on: editing them needs a manager. */
export const PRICE_LOCKED: Partial<Record<OrderKind, readonly string[]>> = {
  'purchase-orders': ['confirmed', 'picked_up', 'received', 'closed'],
};
