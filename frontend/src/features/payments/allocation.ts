/**
 * Applying a payment across a customer's open invoices: the allocation table's arithmetic and checks, in
 * cents (BigInt), before anything is sent. The server re-checks all of it in one transaction (409 on overpay).
 */
import { centsToDecimal, formatCents, toCents } from '@/components/orders/money';
import type { Cents } from '@/components/orders/money';

export interface OpenInvoice {
  id: number;
  number: string;
  due_date?: string | null;
  balance_due: string;
}

/** invoice id -> amount typed (a decimal string; empty = not applied). */
export type Allocation = Record<number, string | undefined>;

export interface AllocationCheck {
  ok: boolean;
  allocated: Cents;
  remaining: Cents;
  /** invoice id -> what is wrong with its amount */
  invoiceErrors: Record<number, string>;
  /** about the whole allocation (more than the payment) */
  totalError: string | null;
}

export function checkAllocation(available: string, invoices: OpenInvoice[], allocation: Allocation): AllocationCheck {
  const availableCents = toCents(available) ?? 0n;
  const invoiceErrors: Record<number, string> = {};
  let allocated = 0n;
  for (const invoice of invoices) {
    const typed = allocation[invoice.id];
    if (typed === undefined || typed === null || String(typed).trim() === '') continue;
    const cents = toCents(typed);
    const text = String(typed).trim();
    if (cents === null) {
      invoiceErrors[invoice.id] = 'Not an amount.';
      continue;
    }
    if (!/^-?\d*(\.\d{0,2})?$/.test(text)) {
      invoiceErrors[invoice.id] = 'At most 2 decimal places.';
      continue;
    }
    if (cents < 0n) {
      invoiceErrors[invoice.id] = 'Must not be negative.';
      continue;
    }
    const balance = toCents(invoice.balance_due) ?? 0n;
    if (cents > balance) {
      invoiceErrors[invoice.id] = `More than the balance due (${formatCents(balance)}).`;
      continue;
    }
    allocated += cents;
  }
  const remaining = availableCents - allocated;
  const totalError = remaining < 0n ? `The allocations add up to ${formatCents(allocated)}, more than the ${formatCents(availableCents)} available.` : null;
  const ok = !totalError && Object.keys(invoiceErrors).length === 0 && allocated > 0n;
  return { ok, allocated, remaining, invoiceErrors, totalError };
}

/** Oldest due first, each invoice up to its balance, until the money runs out. */
export function autoAllocate(available: string, invoices: OpenInvoice[]): Allocation {
  let left = toCents(available) ?? 0n;
  const sorted = [...invoices].sort((a, b) => String(a.due_date ?? '9999').localeCompare(String(b.due_date ?? '9999')) || a.id - b.id);
  const allocation: Allocation = {};
  for (const invoice of sorted) {
    if (left <= 0n) break;
    const balance = toCents(invoice.balance_due) ?? 0n;
    const amount = balance < left ? balance : left;
    if (amount > 0n) {
      allocation[invoice.id] = centsToDecimal(amount);
      left -= amount;
    }
  }
  return allocation;
}

/** The apply request's allocations (non-empty, positive amounts only). */
export function allocationsPayload(allocation: Allocation): { invoice: number; amount: string }[] {
  return Object.entries(allocation)
    .filter(([, amount]) => amount !== undefined && String(amount).trim() !== '' && (toCents(amount) ?? 0n) > 0n)
    .map(([invoice, amount]) => ({ invoice: Number(invoice), amount: centsToDecimal(toCents(amount) ?? 0n) }));
}
