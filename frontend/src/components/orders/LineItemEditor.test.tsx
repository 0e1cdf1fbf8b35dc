import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '@/test/utils';
import { LineItemEditor } from './LineItemEditor';
import { toEditorLine, toLinesPayload } from './lines';
import type { EditorLine } from './lines';

afterEach(() => vi.unstubAllGlobals());

function Harness({ initial, onLines }: { initial: EditorLine[]; onLines?: (lines: EditorLine[]) => void }) {
  const [lines, setLines] = useState(initial);
  return (
    <LineItemEditor
      lines={lines}
      onChange={(next) => {
        setLines(next);
        onLines?.(next);
      }}
    />
  );
}

// Each test renders an antd table full of inputs, which jsdom lays out slowly.
const SLOW = 60_000;

describe('LineItemEditor', () => {
  it('recomputes the line and order totals live as weights and prices change', async () => {
    fakeApi(() => [200, { count: 0, results: [] }]);
    const initial = [toEditorLine({ id: 1, product: null, description: 'Ribeye', boxes: 10, estimated_weight_lb: '600.00', actual_weight_lb: null, unit_price: '8.2500', price_unit: 'lb' })];
    renderWithApp(<Harness initial={initial} />);
    expect(screen.getByTestId('line-total-1')).toHaveTextContent('4,950.00');
    const actual = screen.getByRole('spinbutton', { name: 'Actual weight line 1' });
    fireEvent.change(actual, { target: { value: '612.4' } });
    expect(screen.getByTestId('line-total-1')).toHaveTextContent('5,052.30');
    expect(screen.getByTestId('live-total')).toHaveTextContent('$5,052.30');
  }, SLOW);

  it('takes kg and sends pounds', async () => {
    fakeApi(() => [200, { count: 0, results: [] }]);
    let latest: EditorLine[] = [];
    const initial = [toEditorLine({ id: 2, description: 'Pork loin', boxes: 5, estimated_weight_lb: null, actual_weight_lb: null, unit_price: '4.00', price_unit: 'kg' })];
    renderWithApp(<Harness initial={initial} onLines={(lines) => (latest = lines)} />);
    await userEvent.click(screen.getByText('Weights in kg'));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Estimated weight line 1' }), { target: { value: '1000' } });
    expect(screen.getByTestId('line-total-1')).toHaveTextContent('4,000.00');
    expect(toLinesPayload(latest)[0]).toMatchObject({ id: 2, estimated_weight_lb: '2204.62', price_unit: 'kg' });
  }, SLOW);

  it('adds and removes lines; a case price needs boxes', async () => {
    fakeApi(() => [200, { count: 0, results: [] }]);
    renderWithApp(<Harness initial={[]} />);
    await userEvent.click(screen.getByRole('button', { name: /Add line/ }));
    expect(screen.getByTestId('line-total-1')).toHaveTextContent('needs a price');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Unit price line 1' }), { target: { value: '85.5' } });
    const row = screen.getByTestId('line-total-1').closest('tr') as HTMLElement;
    expect(within(row).getByTestId('line-total-1')).toHaveTextContent('needs a weight');
    await userEvent.click(screen.getByRole('button', { name: 'Remove line 1' }));
    expect(screen.queryByTestId('line-total-1')).toBeNull();
  }, SLOW);
});
