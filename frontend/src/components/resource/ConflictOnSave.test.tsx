/** Issue #15 item 1 in the web app: a save from a stale copy is a 412; the page says who changed the record and
 * when, keeps the user's edits, and offers reload or overwrite. Through the real updateResource (If-Match). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { ResourceFormPage } from './ResourcePages';
import { widgets } from './fixtures';

afterEach(() => vi.unstubAllGlobals());

const loaded = { id: 5, name: 'Chuck roll', code: 'W5', is_active: true, weight_lbs: '60.00', updated_at: '2026-12-01T15:00:00.000001-06:00' };
const theirs = { ...loaded, name: 'Chuck roll (Alice)', updated_at: '2026-12-01T15:02:03.123456-06:00' };
const stale = {
  detail: 'This widget was changed by Alice Buyer at 2026-12-01 15:02 after you loaded it. Reload it, or send your change again to overwrite.',
  code: 'stale',
  changed_by: 'Alice Buyer',
  changed_at: '2026-12-01T15:02:03.123456-06:00',
  current: theirs,
};

function serve() {
  let serverVersion = '"1796158923123456"';
  return fakeApi((call) => {
    if (call.method === 'GET') return [200, loaded];
    if (call.method === 'PATCH') {
      if (call.headers.get('If-Match') !== serverVersion) return [412, stale];
      serverVersion = '"1796158999000000"';
      return [200, { ...theirs, ...(call.body as object), updated_at: '2026-12-01T15:03:19-06:00' }];
    }
    return [404, {}];
  });
}

async function editName(value: string) {
  const name = await screen.findByRole('textbox', { name: 'Name' });
  await waitFor(() => expect(name).toHaveValue('Chuck roll'));
  await userEvent.clear(name);
  await userEvent.type(name, value);
  await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
}

describe('a save that meets a newer version', () => {
  it('names who changed it and when, keeps the edits, and overwrites on request', async () => {
    const api = serve();
    renderWithApp(<ResourceFormPage resource={widgets} mode="edit" />, { role: 'manager', path: '/widgets/:id/*', url: '/widgets/5/edit' });
    await editName('Chuck roll, mine');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('changed by Alice Buyer at 2026-12-01 15:02');
    // The first PATCH carried the version the form was loaded from.
    const patches = () => api.calls.filter((call) => call.method === 'PATCH');
    expect(patches()[0]!.headers.get('If-Match')).toBe('"1796158800000001"');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Chuck roll, mine');
    expect(screen.getByTestId('location')).toHaveTextContent('/widgets/5/edit');

    await userEvent.click(screen.getByRole('button', { name: 'Overwrite with my changes' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/widgets\/5$/));
    expect(patches()).toHaveLength(2);
    expect(patches()[1]!.headers.get('If-Match')).toBe('"1796158923123456"');
    expect(patches()[1]!.body).toMatchObject({ name: 'Chuck roll, mine' });
  });

  it('reloads the current version into the form when asked, dropping the edits', async () => {
    const api = serve();
    renderWithApp(<ResourceFormPage resource={widgets} mode="edit" />, { role: 'manager', path: '/widgets/:id/*', url: '/widgets/5/edit' });
    await editName('Chuck roll, mine');
    await screen.findByRole('alert');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Chuck roll (Alice)');
    expect(screen.queryByText(/changed by Alice Buyer/)).not.toBeInTheDocument();
    // A save now is based on the reloaded version.
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.calls.filter((call) => call.method === 'PATCH')).toHaveLength(2));
    expect(api.calls.filter((call) => call.method === 'PATCH')[1]!.headers.get('If-Match')).toBe('"1796158923123456"');
  });
});
