import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '@/api/errors';
import { duplicateOf, writeUnlessDuplicate } from './duplicate';

const CONFLICT = new ApiError(409, {
  detail: 'Customer PO 4500-1187 is already on sales order SO-2026-000042. Send confirm_duplicate: true to book it again.',
  duplicate_of: { id: 42, number: 'SO-2026-000042' },
});

describe('writeUnlessDuplicate', () => {
  it('shows the first order and writes again with confirm_duplicate only when the broker says so', async () => {
    const calls: Record<string, unknown>[] = [];
    const pending = writeUnlessDuplicate(async (extra) => {
      calls.push(extra);
      if (!extra.confirm_duplicate) throw CONFLICT;
      return { id: 43 };
    }, '/sales-orders');
    const warning = await screen.findByTestId('duplicate-warning');
    expect(warning.textContent).toContain('SO-2026-000042');
    expect(screen.getByRole('link', { name: 'Open SO-2026-000042' }).getAttribute('href')).toBe('/sales-orders/42');
    await userEvent.click(screen.getByRole('button', { name: 'Book it again' }));
    await expect(pending).resolves.toEqual({ id: 43 });
    expect(calls).toEqual([{}, { confirm_duplicate: true }]);
  });

  it('keeps the first order only when asked, and passes other errors through', async () => {
    let writes = 0;
    const pending = writeUnlessDuplicate(async () => {
      writes += 1;
      throw CONFLICT;
    }, '/sales-orders');
    await userEvent.click(await screen.findByRole('button', { name: 'Keep the first only' }));
    await expect(pending).resolves.toBeNull();
    expect(writes).toBe(1);

    const other = new ApiError(409, { detail: 'Not in this state.' });
    expect(duplicateOf(other)).toBeNull();
    await expect(writeUnlessDuplicate(() => Promise.reject(other), '/x')).rejects.toBe(other);
  });

  it('does not list duplicate_of as a field error', () => {
    expect(CONFLICT.fieldErrors).toEqual({});
    expect(CONFLICT.detail).toContain('SO-2026-000042');
  });
});
