import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { staleWrite, versionOf } from './concurrency';

describe('versionOf', () => {
  // Expected values computed by the backend's rule (updated_at in µs since the epoch), by hand in Python.
  it.each([
    ['2026-12-01T15:02:03.123456-06:00', '"1796158923123456"'],
    ['2026-12-01T21:02:03Z', '"1796158923000000"'],
    ['2026-06-30T23:59:59.5+02:00', '"1782856799500000"'],
  ])('%s is the ETag %s', (stamp, etag) => {
    expect(versionOf({ updated_at: stamp })).toBe(etag);
  });

  it('is undefined without a usable updated_at', () => {
    expect(versionOf({})).toBeUndefined();
    expect(versionOf(null)).toBeUndefined();
    expect(versionOf({ updated_at: 'yesterday' })).toBeUndefined();
  });
});

describe('staleWrite', () => {
  it('reads who, when and the current record of a 412', () => {
    const error = new ApiError(412, {
      detail: 'This purchase order was changed by Alice Buyer at 2026-12-01 15:02 after you loaded it.',
      code: 'stale',
      changed_by: 'Alice Buyer',
      changed_at: '2026-12-01T15:02:03-06:00',
      current: { id: 4, notes: 'theirs' },
    });
    expect(staleWrite(error)).toEqual({
      detail: 'This purchase order was changed by Alice Buyer at 2026-12-01 15:02 after you loaded it.',
      changedBy: 'Alice Buyer',
      changedAt: '2026-12-01T15:02:03-06:00',
      current: { id: 4, notes: 'theirs' },
    });
    expect(staleWrite(new ApiError(409, { detail: 'conflict' }))).toBeNull();
  });
});
