import { describe, expect, it, vi } from 'vitest';
import { ApiError, applyFieldErrors, errorFromResponse, parseErrorBody } from './errors';

describe('parseErrorBody', () => {
  it('reads DRF validation errors per field', () => {
    expect(parseErrorBody({ email: ['Enter a valid email address.'], non_field_errors: ['Nope.'] })).toEqual({
      detail: null,
      fieldErrors: { email: ['Enter a valid email address.'], non_field_errors: ['Nope.'] },
    });
  });

  it('reads a detail message and ignores the blockers list of a refused delete', () => {
    const parsed = parseErrorBody({ detail: 'Referenced; archive it instead.', blocked_by: [{ id: 1 }] });
    expect(parsed).toEqual({ detail: 'Referenced; archive it instead.', fieldErrors: {} });
  });

  it('flattens nested errors (line items) into messages', () => {
    expect(parseErrorBody({ lines: [{ quantity: ['Must be positive.'] }] }).fieldErrors).toEqual({
      lines: ['Must be positive.'],
    });
  });
});

describe('ApiError', () => {
  it('says plainly what a 403 without body means', async () => {
    const error = await errorFromResponse(new Response('', { status: 403 }));
    expect(error.isForbidden).toBe(true);
    expect(error.message).toMatch(/permission/);
  });

  it('uses the detail as its message', async () => {
    const error = await errorFromResponse(
      new Response(JSON.stringify({ detail: 'Your role in this tenant does not allow this action.' }), { status: 403 }),
    );
    expect(error.message).toBe('Your role in this tenant does not allow this action.');
  });

  it('does not show an HTML error page as a message', async () => {
    const error = await errorFromResponse(new Response('<html>Server Error</html>', { status: 500 }));
    expect(error.message).toMatch(/server failed/i);
  });
});

describe('applyFieldErrors', () => {
  it('puts field errors on the form fields and returns the rest', () => {
    const setFields = vi.fn();
    const error = new ApiError(400, {
      email: ['Enter a valid email address.'],
      non_field_errors: ['The member already exists.'],
      tenant: ['Ignored field.'],
    });
    const rest = applyFieldErrors(error, { setFields }, ['email', 'role']);
    expect(setFields).toHaveBeenCalledWith([{ name: 'email', errors: ['Enter a valid email address.'] }]);
    expect(rest).toEqual(['The member already exists.', 'tenant: Ignored field.']);
  });

  it('returns a detail (409, 403) for a notification, touching no field', () => {
    const setFields = vi.fn();
    const rest = applyFieldErrors(new ApiError(409, { detail: 'Duplicate code.' }), { setFields }, ['code']);
    expect(setFields).not.toHaveBeenCalled();
    expect(rest).toEqual(['Duplicate code.']);
  });
});
