import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '@/api/errors';
import { renderWithApp } from '@/test/utils';
import { ResourceForm } from './ResourceForm';
import { widgets } from './fixtures';

describe('ResourceForm', () => {
  it('submits the configured fields, decimals as strings', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ id: 1 });
    renderWithApp(<ResourceForm resource={widgets} mode="create" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Chuck roll' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Code' }), { target: { value: 'CR1' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Weight/ }), { target: { value: '61.25' } });
    await userEvent.click(screen.getByRole('button', { name: 'Create widget' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toEqual({ name: 'Chuck roll', code: 'CR1', weight_lbs: '61.25', is_active: true });
  });

  it('requires required fields before calling the API', async () => {
    const onSubmit = vi.fn();
    renderWithApp(<ResourceForm resource={widgets} mode="create" onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create widget' }));
    expect(await screen.findByText('Name is required.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's field errors on their fields and the rest above the buttons", async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(400, { code: ['A widget with this code already exists.'], non_field_errors: ['Check the weight.'] }),
    );
    renderWithApp(<ResourceForm resource={widgets} mode="edit" initialValues={{ name: 'A', code: 'W1' }} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const fieldError = await screen.findByText('A widget with this code already exists.');
    expect(fieldError.closest('.ant-form-item')).toHaveTextContent('Code');
    expect(screen.getByRole('alert')).toHaveTextContent('Check the weight.');
  });

  it('shows a 403 detail instead of swallowing it', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(403, { detail: 'Your role in this tenant does not allow this action.' }));
    renderWithApp(<ResourceForm resource={widgets} mode="edit" initialValues={{ name: 'A', code: 'W1' }} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your role in this tenant does not allow this action.');
  });
});
