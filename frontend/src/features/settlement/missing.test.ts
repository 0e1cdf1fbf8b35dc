import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { missingOf } from './SettlementCard';

describe('missingOf', () => {
  it('reads the missing documents of a refused settle', () => {
    const missing = [{ kind: 'freight_bill', document: 'LD-2026-000001', message: 'No freight bill yet.' }];
    expect(missingOf(new ApiError(409, { detail: 'Load LD-2026-000001 cannot be settled yet', missing }))).toEqual(missing);
  });

  it('is null for any other error', () => {
    expect(missingOf(new ApiError(409, { detail: 'Not possible on a settled load.' }))).toBeNull();
    expect(missingOf(new ApiError(403, { detail: 'Settle needs a manager or higher.' }))).toBeNull();
    expect(missingOf(new Error('network'))).toBeNull();
  });
});
