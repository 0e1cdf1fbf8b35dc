import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, fakeApi } from '@/test/utils';
import { ResourceTable } from './ResourceTable';
import { widgetPage, widgets } from './fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('ResourceTable', () => {
  it('sends the URL state (page, size, ordering, search, filters) to the API and shows the rows', async () => {
    const api = fakeApi(() => [200, widgetPage(2)]);
    renderWithApp(<ResourceTable resource={widgets} />, {
      url: '/widgets?page=2&page_size=10&ordering=-code&search=rib&is_active=true&unknown=x',
    });
    expect(await screen.findByText('Widget 1')).toBeInTheDocument();
    // The list's own call (the saved-filters menu asks the API too).
    const query = api.calls.find((call) => call.url.pathname === widgets.path)!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({
      page: '2',
      page_size: '10',
      ordering: '-code',
      search: 'rib',
      is_active: 'true',
    });
  });

  it('keeps a search in the URL and goes back to page 1', async () => {
    const api = fakeApi(() => [200, widgetPage(1)]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets?page=3' });
    await screen.findByText('Widget 1');
    const box = screen.getByRole('searchbox', { name: 'Search widgets' });
    fireEvent.change(box, { target: { value: 'chuck' } });
    await userEvent.type(box, '{enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/widgets?search=chuck'));
    await waitFor(() => expect(api.calls.at(-1)!.url.searchParams.get('search')).toBe('chuck'));
    expect(api.calls.at(-1)!.url.searchParams.get('page')).toBe('1');
  });

  it('sorts on the server through ?ordering=', async () => {
    fakeApi(() => [200, widgetPage(2)]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets' });
    await screen.findByText('Widget 1');
    await userEvent.click(screen.getByRole('columnheader', { name: /Code/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('ordering=code'));
  });

  it.each([
    ['readonly', { create: false, edit: false, delete: false }],
    ['user', { create: true, edit: true, delete: false }],
    ['manager', { create: true, edit: true, delete: true }],
  ] as const)('shows the buttons a %s may use', async (role, allowed) => {
    fakeApi(() => [200, widgetPage(1)]);
    renderWithApp(<ResourceTable resource={widgets} />, { role, url: '/widgets' });
    await screen.findByText('Widget 1');
    expect(!!screen.queryByRole('button', { name: /New widget/ })).toBe(allowed.create);
    expect(!!screen.queryByRole('link', { name: 'Edit Widget 1' })).toBe(allowed.edit);
    expect(!!screen.queryByRole('button', { name: 'Delete Widget 1' })).toBe(allowed.delete);
  });

  it.each([
    [{ widget: ['list', 'retrieve', 'delete'] }, { create: false, edit: false, delete: true, importCsv: false, exportCsv: false }],
    [{ widget: ['list', 'retrieve', 'create', 'import', 'export'] }, { create: true, edit: false, delete: false, importCsv: true, exportCsv: true }],
    [{ other: ['list', 'create', 'update', 'delete'] }, { create: false, edit: false, delete: false, importCsv: false, exportCsv: false }],
  ] as const)('shows exactly the buttons the API publishes for the caller (%j), whatever the role', async (permissions, shown) => {
    fakeApi(() => [200, widgetPage(1)]);
    renderWithApp(<ResourceTable resource={widgets} />, {
      role: 'owner',
      url: '/widgets',
      permissions: permissions as unknown as Record<string, string[]>,
    });
    await screen.findByText('Widget 1');
    expect(!!screen.queryByRole('button', { name: /New widget/ })).toBe(shown.create);
    expect(!!screen.queryByRole('link', { name: 'Edit Widget 1' })).toBe(shown.edit);
    expect(!!screen.queryByRole('button', { name: 'Delete Widget 1' })).toBe(shown.delete);
    expect(!!screen.queryByRole('button', { name: /Import CSV/ })).toBe(shown.importCsv);
    expect(!!screen.queryByRole('button', { name: /Export CSV/ })).toBe(shown.exportCsv);
  });

  it('hides columns the user turned off, and remembers the choice', async () => {
    fakeApi(() => [200, widgetPage(1)]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets' });
    await screen.findByText('Widget 1');
    expect(screen.getByRole('columnheader', { name: /Code/ })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: /Notes/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Columns/ }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Code' }));
    await waitFor(() => expect(screen.queryByRole('columnheader', { name: /Code/ })).toBeNull());
    expect(JSON.parse(window.localStorage.getItem('pm.columns.widgets')!)).toEqual(['name', 'is_active']);
  });

  it('shows an empty state with a create button', async () => {
    fakeApi(() => [200, widgetPage(0)]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets' });
    expect(await screen.findByText('No widgets yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create the first widget' })).toBeInTheDocument();
  });

  it('says when filters match nothing', async () => {
    fakeApi(() => [200, widgetPage(0)]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets?search=zzz' });
    expect(await screen.findByText('Nothing matches these filters.')).toBeInTheDocument();
  });

  it('shows a 403 instead of an empty list', async () => {
    fakeApi(() => [403, { detail: 'Your role in this tenant does not allow this action.' }]);
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('You do not have access to this list')).toBeInTheDocument();
    expect(within(alert).getByText('Your role in this tenant does not allow this action.')).toBeInTheDocument();
  });

  it('exports the filtered list as CSV with the same filters', async () => {
    const api = fakeApi(() => [200, widgetPage(1)]);
    const createObjectURL = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderWithApp(<ResourceTable resource={widgets} />, { url: '/widgets?search=rib&is_active=true&page=2' });
    await screen.findByText('Widget 1');
    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const csv = api.calls.find((call) => call.url.searchParams.get('format') === 'csv')!;
    expect(Object.fromEntries(csv.url.searchParams)).toEqual({ search: 'rib', is_active: 'true', format: 'csv' });
  });
});
