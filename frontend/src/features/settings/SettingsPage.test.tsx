import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import SettingsPage from './SettingsPage';

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

const tenant = {
  id: 1,
  name: 'Demo Meat Brokerage',
  slug: 'demo',
  domains: [],
  is_active: true,
  settings: { ai_provider: 'offline', ai_monthly_cap_usd: '50' },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('SettingsPage', () => {
  it('lets an owner rename the brokerage and choose the AI provider, keeping the other settings', async () => {
    const api = fakeApi((call) => {
      if (call.method === 'PATCH') return [200, { ...tenant, ...(call.body as object) }];
      return [200, tenant];
    });
    renderWithApp(<SettingsPage />, { role: 'owner', url: '/settings?tab=brokerage' });
    const name = await screen.findByLabelText('Brokerage name');
    await waitFor(() => expect(name).toHaveValue('Demo Meat Brokerage'));
    await userEvent.clear(name);
    await userEvent.type(name, 'Prime Cuts');
    await userEvent.click(screen.getByLabelText('OpenAI-compatible model'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = api.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/api/v1/tenants/1/');
    expect(patch.body).toEqual({ name: 'Prime Cuts', settings: { ai_provider: 'openai', ai_monthly_cap_usd: '50' } });
  });

  it('saves what the PDFs print about the brokerage, and a cleared reporting currency falls back to the default', async () => {
    const branded = { ...tenant, settings: { ...tenant.settings, base_currency: 'CAD', company_phone: '(402) 555-0100' } };
    const api = fakeApi((call) => {
      if (call.method === 'PATCH') return [200, { ...branded, ...(call.body as object) }];
      return [200, branded];
    });
    renderWithApp(<SettingsPage />, { role: 'owner', url: '/settings?tab=brokerage' });
    const phone = await screen.findByLabelText('Phone');
    await waitFor(() => expect(phone).toHaveValue('(402) 555-0100'));
    await userEvent.type(screen.getByLabelText('Remit to'), 'Lockbox 7721, Omaha NE');
    await userEvent.type(screen.getByLabelText('Footer'), 'PACA licence 20261234');
    await userEvent.clear(phone);
    const currency = screen.getByLabelText('Reporting currency').closest('.ant-select')!;
    await userEvent.hover(currency);
    await userEvent.click(currency.querySelector('.ant-select-clear')!);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = api.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.body).toEqual({
      name: 'Demo Meat Brokerage',
      settings: {
        ai_provider: 'offline',
        ai_monthly_cap_usd: '50',
        company_phone: '', // cleared: no phone printed
        remit_to: 'Lockbox 7721, Omaha NE',
        document_footer: 'PACA licence 20261234',
      },
    });
  });

  it('shows admins the AI usage summary but not the brokerage tab', async () => {
    fakeApi((call) => {
      if (call.url.pathname === '/api/v1/ai-assistant/usage/summary/') {
        return [
          200,
          {
            since: '2026-11-01',
            rows: [{ provider: 'openai', model_name: 'gpt-4o-mini', calls: 12, tokens_in: 3400, tokens_out: 900, estimated_cost: '0.0123' }],
            month: { cost_usd: '0.0123', tokens: '4300' },
            caps: { cost_usd: '50' },
          },
        ];
      }
      return [200, { count: 0, count_is_exact: true, results: [] }];
    });
    renderWithApp(<SettingsPage />, { role: 'admin', url: '/settings?tab=ai-usage' });
    expect(screen.queryByRole('tab', { name: 'Brokerage' })).not.toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'AI usage by provider and model' });
    const row = within(table).getByRole('row', { name: /gpt-4o-mini/ });
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['openai', 'gpt-4o-mini', '12', '3400', '900', '0.0123']);
  });
});
