import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { CsvImportModal } from './CsvImportModal';
import { ResourceTable } from './ResourceTable';
import { widgetPage, widgets } from './fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

function csvFile(name = 'widgets.csv') {
  return new File(['code,name\nW1,Widget 1\n'], name, { type: 'text/csv' });
}

function fileInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
}

const badReport = {
  dry_run: true,
  committed: false,
  total_rows: 3,
  created: 0,
  updated: 0,
  errors: [
    { row: 2, field: 'name', error: 'This field may not be blank.' },
    { row: 4, field: 'code', error: 'Same code as row 2.' },
  ],
};

describe('CsvImportModal', () => {
  it('shows a dry run report row by row and keeps Import disabled', async () => {
    const api = fakeApi(() => [400, badReport]);
    renderWithApp(<CsvImportModal resource={widgets} open onClose={() => undefined} onImported={() => undefined} />);
    const importButton = screen.getByRole('button', { name: 'Import' });
    const checkButton = screen.getByRole('button', { name: 'Check (dry run)' });
    expect(importButton).toBeDisabled();
    expect(checkButton).toBeDisabled();

    await userEvent.upload(fileInput(), csvFile());
    await waitFor(() => expect(checkButton).toBeEnabled());
    await userEvent.click(checkButton);

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['2', 'name', 'This field may not be blank.'],
      ['4', 'code', 'Same code as row 2.'],
    ]);
    expect(screen.getByText(/2 problems in 3 rows/)).toBeInTheDocument();
    expect(importButton).toBeDisabled();

    expect(api.calls).toHaveLength(1);
    const call = api.calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/api/v1/widgets/import/');
    expect(call.url.searchParams.get('dry_run')).toBe('1');
    expect(call.headers.get('Content-Type')).toMatch(/^multipart\/form-data/);
    expect(String(call.body)).toContain('W1,Widget 1');
  });

  it('enables Import after a clean dry run, then imports for real', async () => {
    const onImported = vi.fn();
    const onClose = vi.fn();
    const api = fakeApi((call) => {
      const dryRun = call.url.searchParams.get('dry_run') === '1';
      return [200, { dry_run: dryRun, committed: !dryRun, total_rows: 3, created: 2, updated: 1, errors: [] }];
    });
    renderWithApp(<CsvImportModal resource={widgets} open onClose={onClose} onImported={onImported} />);
    const importButton = screen.getByRole('button', { name: 'Import' });
    await userEvent.upload(fileInput(), csvFile());
    await userEvent.click(screen.getByRole('button', { name: 'Check (dry run)' }));

    expect(await screen.findByText('3 rows OK: 2 new, 1 updated')).toBeInTheDocument();
    expect(importButton).toBeEnabled();

    await userEvent.click(importButton);
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ committed: true, created: 2 })));
    expect(onClose).toHaveBeenCalled();
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1]!.url.pathname).toBe('/api/v1/widgets/import/');
    expect(api.calls[1]!.url.searchParams.has('dry_run')).toBe(false);
  });

  it('shows the progress of a large file imported as a job, then its report', async () => {
    const job = { id: 7, kind: 'import', resource: 'widget', status: 'running', dry_run: true, query: {}, error: '',
      total_rows: 10, rows_done: 5, phase: 'validating', report: null, download_url: null, created_at: '',
      started_at: null, finished_at: null };
    const api = fakeApi((call) => {
      if (call.method === 'POST') return [202, job];
      return [200, { ...job, status: 'done', rows_done: 10, phase: '', report: badReport }];
    });
    renderWithApp(<CsvImportModal resource={widgets} open onClose={() => undefined} onImported={() => undefined} pollMs={300} />);
    await userEvent.upload(fileInput(), csvFile());
    await userEvent.click(screen.getByRole('button', { name: 'Check (dry run)' }));
    expect(await screen.findByRole('status', { name: 'Import progress' })).toHaveTextContent('Checking rows: 5 of 10 rows');
    expect(await screen.findByText('Same code as row 2.')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Import progress' })).not.toBeInTheDocument();
    expect(api.calls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual([
      'POST /api/v1/widgets/import/',
      'GET /api/v1/csv-jobs/7/',
    ]);
  });

  it('shows the API error when the resource has no import', async () => {
    fakeApi(() => [400, { detail: 'This resource cannot be imported from CSV.' }]);
    renderWithApp(<CsvImportModal resource={widgets} open onClose={() => undefined} onImported={() => undefined} />);
    await userEvent.upload(fileInput(), csvFile());
    await userEvent.click(screen.getByRole('button', { name: 'Check (dry run)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This resource cannot be imported from CSV.');
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });
});

describe('ResourceTable CSV import button', () => {
  it.each([
    ['user', undefined, false],
    ['manager', undefined, true],
    ['manager', { widget: ['list', 'retrieve', 'create', 'update', 'delete', 'export'] }, false], // no import published
  ] as const)('for a %s (case %#)', async (role, permissions, shown) => {
    fakeApi(() => [200, widgetPage(1)]);
    renderWithApp(<ResourceTable resource={widgets} />, {
      role,
      url: '/widgets',
      permissions: permissions as Record<string, string[]> | undefined,
    });
    await screen.findByText('Widget 1');
    expect(!!screen.queryByRole('button', { name: /Import CSV/ })).toBe(shown);
  });

  it('refreshes the list after an import', async () => {
    const api = fakeApi((call) => {
      if (call.url.pathname.endsWith('/import/')) {
        const dryRun = call.url.searchParams.get('dry_run') === '1';
        return [200, { dry_run: dryRun, committed: !dryRun, total_rows: 1, created: 1, updated: 0, errors: [] }];
      }
      return [200, widgetPage(1)];
    });
    renderWithApp(<ResourceTable resource={widgets} />, { role: 'manager', url: '/widgets' });
    await screen.findByText('Widget 1');
    await userEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    await userEvent.upload(fileInput(), csvFile());
    await userEvent.click(screen.getByRole('button', { name: 'Check (dry run)' }));
    await screen.findByText('1 row OK: 1 new, 0 updated');
    const lists = () => api.calls.filter((call) => call.method === 'GET').length;
    const before = lists();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(lists()).toBeGreaterThan(before));
  });
});
