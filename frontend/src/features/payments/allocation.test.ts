import { describe, expect, it } from 'vitest';
import { allocationsPayload, autoAllocate, checkAllocation } from './allocation';
import type { OpenInvoice } from './allocation';

const invoices: OpenInvoice[] = [
  { id: 1, number: 'INV-1', due_date: '2026-10-01', balance_due: '1000.00' },
  { id: 2, number: 'INV-2', due_date: '2026-09-01', balance_due: '250.50' },
  { id: 3, number: 'INV-3', due_date: '2026-11-01', balance_due: '99.99' },
];

describe('payment allocation', () => {
  it('accepts amounts within each balance and within the payment', () => {
    const check = checkAllocation('1200.00', invoices, { 1: '900', 2: '250.50' });
    expect(check.ok).toBe(true);
    expect(check.allocated).toBe(115050n);
    expect(check.remaining).toBe(4950n);
    expect(check.invoiceErrors).toEqual({});
  });

  it('refuses more than an invoice owes', () => {
    const check = checkAllocation('5000', invoices, { 3: '100.00' });
    expect(check.ok).toBe(false);
    expect(check.invoiceErrors[3]).toMatch(/More than the balance due \(99\.99\)/);
  });

  it('refuses allocations adding up to more than the payment', () => {
    const check = checkAllocation('500', invoices, { 1: '400', 2: '200' });
    expect(check.ok).toBe(false);
    expect(check.totalError).toMatch(/600\.00, more than the 500\.00 available/);
  });

  it('refuses negative, malformed and sub-cent amounts, and an empty allocation', () => {
    expect(checkAllocation('500', invoices, { 1: '-5' }).invoiceErrors[1]).toMatch(/negative/);
    expect(checkAllocation('500', invoices, { 1: 'abc' }).invoiceErrors[1]).toMatch(/Not an amount/);
    expect(checkAllocation('500', invoices, { 1: '1.005' }).invoiceErrors[1]).toMatch(/2 decimal places/);
    expect(checkAllocation('500', invoices, {}).ok).toBe(false);
    expect(checkAllocation('500', invoices, { 1: '' }).ok).toBe(false);
  });

  it('auto-allocates oldest due first until the money runs out', () => {
    expect(autoAllocate('500', invoices)).toEqual({ 2: '250.50', 1: '249.50' });
    expect(autoAllocate('5000', invoices)).toEqual({ 2: '250.50', 1: '1000.00', 3: '99.99' });
  });

  it('sends only positive amounts, as 2-place decimals', () => {
    expect(allocationsPayload({ 1: '12.5', 2: '', 3: '0' })).toEqual([{ invoice: 1, amount: '12.50' }]);
  });
});
