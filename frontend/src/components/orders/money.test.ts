import { describe, expect, it } from 'vitest';
import { effectiveWeightLb, formatCents, formatMoney, kgToLb, lbToKg, lineTotalCents, sumCents } from './money';

const total = (line: Parameters<typeof lineTotalCents>[0]) => formatCents(lineTotalCents(line));

describe('lineTotalCents (the server formula, for live display)', () => {
  it('prices per lb on the weight', () => {
    expect(total({ weight_lb: '40000.00', unit_price: '2.4500', price_unit: 'lb' })).toBe('98,000.00');
    expect(total({ weight_lb: '1234.56', unit_price: '3.1415', price_unit: 'lb' })).toBe('3,878.37');
  });

  it('prices per cwt on hundreds of pounds', () => {
    expect(total({ weight_lb: '40000', unit_price: '245.00', price_unit: 'cwt' })).toBe('98,000.00');
    expect(total({ weight_lb: '1234.56', unit_price: '310.50', price_unit: 'cwt' })).toBe('3,833.31');
  });

  it('prices per kg on the kilograms to the hundredth (lb x 0.45359237)', () => {
    // 2204.62 lb x 0.45359237 = 999.9998 kg -> 1000.00 kg x 5.40
    expect(total({ weight_lb: '2204.62', unit_price: '5.4000', price_unit: 'kg' })).toBe('5,400.00');
    // 1000 lb = 453.59237 kg -> 453.59 kg x 4.25 = 1927.7575 -> 1927.76 (unrounded kg would give 1927.77)
    expect(total({ weight_lb: '1000', unit_price: '4.25', price_unit: 'kg' })).toBe('1,927.76');
    // 500 kg entered = 1102.31 lb; back: 499.9995 kg -> 500.00 kg x 10 = 5000.00 (never 4,999.99)
    expect(total({ weight_lb: '1102.31', unit_price: '10', price_unit: 'kg' })).toBe('5,000.00');
  });

  it('prices per case on boxes and per each on pieces (boxes)', () => {
    expect(total({ boxes: 120, unit_price: '85.50', price_unit: 'case' })).toBe('10,260.00');
    expect(total({ boxes: 7, unit_price: '12.3456', price_unit: 'each' })).toBe('86.42');
    expect(total({ boxes: 120, weight_lb: '9999', unit_price: '1', price_unit: 'case' })).toBe('120.00');
  });

  it('rounds half-up to the cent once, at the line', () => {
    expect(total({ weight_lb: '1', unit_price: '0.0050', price_unit: 'lb' })).toBe('0.01');
    expect(total({ weight_lb: '1', unit_price: '0.0049', price_unit: 'lb' })).toBe('0.00');
    expect(total({ weight_lb: '3', unit_price: '0.3350', price_unit: 'lb' })).toBe('1.01'); // 1.005 -> 1.01
  });

  it('cannot price a line without what its unit needs', () => {
    expect(lineTotalCents({ weight_lb: null, unit_price: '2.00', price_unit: 'lb' })).toBeNull();
    expect(lineTotalCents({ boxes: null, unit_price: '2.00', price_unit: 'case' })).toBeNull();
    expect(lineTotalCents({ weight_lb: '100', unit_price: '', price_unit: 'lb' })).toBeNull();
    expect(lineTotalCents({ weight_lb: 'abc', unit_price: '1', price_unit: 'lb' })).toBeNull();
  });

  it('prices on the actual catch weight when entered, else the estimate', () => {
    expect(effectiveWeightLb({ estimated_weight_lb: '40000', actual_weight_lb: '39876.40' })).toBe('39876.40');
    expect(effectiveWeightLb({ estimated_weight_lb: '40000', actual_weight_lb: null })).toBe('40000');
    expect(effectiveWeightLb({ estimated_weight_lb: '', actual_weight_lb: '' })).toBeNull();
  });

  it('sums lines skipping the ones that cannot be priced yet', () => {
    const lines = [
      lineTotalCents({ weight_lb: '100', unit_price: '2.50', price_unit: 'lb' }),
      lineTotalCents({ boxes: 2, unit_price: '10', price_unit: 'case' }),
      lineTotalCents({ weight_lb: null, unit_price: '1', price_unit: 'lb' }),
    ];
    expect(formatCents(sumCents(lines))).toBe('270.00');
  });
});

describe('weights and money formatting', () => {
  it('converts kg entry to lb as the server does, and back for display', () => {
    expect(kgToLb('1000')).toBe('2204.62');
    expect(kgToLb('18143.7')).toBe('40000.01'); // 18143.7 / 0.45359237 = 40000.0068
    expect(lbToKg('2204.62')).toBe('1000.00');
    expect(kgToLb('100000')).toBe('220462.26'); // 100000 / 0.45359237 = 220462.262 (2.20462 lb/kg would give 220462.00)
    expect(kgToLb('')).toBeNull();
  });

  it('formats API decimals with grouping and cents', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('-12.345')).toBe('-12.35');
    expect(formatMoney(null)).toBe('—');
  });
});

describe('formatCurrency', () => {
  it('writes the currency symbol before the amount, the sign before the symbol', async () => {
    const { formatCurrency, formatMoneyIn } = await import('./money');
    expect(formatCurrency(123456n, 'USD')).toBe('$1,234.56');
    expect(formatCurrency(-500n, 'USD')).toBe('-$5.00');
    expect(formatMoneyIn('1234.5', 'CAD')).toBe('CA$1,234.50');
    expect(formatMoneyIn('12', 'EUR')).toBe('€12.00');
    expect(formatMoneyIn(null, 'USD')).toBe('—');
  });
});
