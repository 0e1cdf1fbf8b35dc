import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { ReportProblemButton, browserName } from './ReportProblemButton';

afterEach(() => vi.unstubAllGlobals());

describe('ReportProblemButton', () => {
  it('names the browser briefly', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(browserName(chrome)).toBe('Chrome 131');
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox 133');
  });

  it('files a report with the page URL, browser and screen size', async () => {
    const api = fakeApi(() => [201, { id: 1 }]);
    renderWithApp(<ReportProblemButton />, { url: '/customers?search=x' });
    await userEvent.click(screen.getByRole('button', { name: /Report a problem/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'What went wrong?' }), { target: { value: 'Totals off' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Details/ }), { target: { value: 'Wrong sums.' } });
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(api.calls.some((call) => call.method === 'POST')).toBe(true));
    const post = api.calls.find((call) => call.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/bug-reports/');
    expect(post.body).toMatchObject({
      title: 'Totals off',
      description: 'Wrong sums.',
      client: 'web',
      page_url: window.location.href,
      screen_size: expect.stringMatching(/^\d+x\d+$/),
    });
  });
});
