/**
 * The client's copy of the line-total formula, for LIVE display while a line is edited. The server computes
 * and stores every total (apps/core/money.py); this mirrors it exactly: Decimal arithmetic (BigInt here, never
 * floats), the quantity in the price unit (lb, cwt = 100 lb, kg = lb x 0.45359237 to the hundredth, case = boxes, each = pieces
 * or boxes) times the unit price, rounded half-up to the cent once, at the line.
 */
import type { Schemas } from '@/api/types';

export type PriceUnit = Schemas['PriceUnitEnum'];

/** A decimal as an integer and a count of decimal places: "12.34" -> {units: 1234n, scale: 2}. */
interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/;
// The international pound: exactly 0.45359237 kg, as 45359237 / 10^8.
const KG_PER_LB_UNITS = 45359237n;
const KG_PER_LB_SCALE = 100000000n;

export function parseDecimal(value: string | number | null | undefined): Dec | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const match = DECIMAL.exec(text);
  if (!match || (!match[2] && !match[3])) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const units = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

const TEN = 10n;
const pow10 = (n: number) => TEN ** BigInt(n);

/** round(numerator / denominator) to an integer, half away from zero (Python's ROUND_HALF_UP). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** Rounds num / den (num at `scale` decimal places) to `places` decimal places; returns the scaled integer. */
function roundTo(num: bigint, scale: number, den: bigint, places: number): bigint {
  return divideHalfUp(num * pow10(places), den * pow10(scale));
}

export function formatScaled(units: bigint, places: number, { grouping = true } = {}): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = places ? `.${digits.slice(digits.length - places)}` : '';
  const grouped = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}

/** Money as the API writes it ("1234.50"), or null when it cannot be computed. */
export type Cents = bigint;

export interface LineAmounts {
  /** Pounds the line is priced on: the actual (catch) weight when known, else the estimate. */
  weight_lb?: string | null;
  boxes?: number | null;
  unit_price?: string | null;
  price_unit?: PriceUnit | null;
}

/** The line weight the server prices on: actual catch weight when entered, otherwise the estimate. */
export function effectiveWeightLb(line: { estimated_weight_lb?: string | null; actual_weight_lb?: string | null }): string | null {
  if (line.actual_weight_lb !== undefined && line.actual_weight_lb !== null && line.actual_weight_lb !== '') return line.actual_weight_lb;
  if (line.estimated_weight_lb !== undefined && line.estimated_weight_lb !== null && line.estimated_weight_lb !== '') return line.estimated_weight_lb;
  return null;
}

/** The line total in cents, or null when the line lacks what its price unit needs (a weight, a box count). */
export function lineTotalCents({ weight_lb, boxes, unit_price, price_unit }: LineAmounts): Cents | null {
  const price = parseDecimal(unit_price);
  if (!price) return null;
  const unit = price_unit ?? 'lb';
  if (unit === 'case' || unit === 'each') {
    if (boxes === null || boxes === undefined || !Number.isFinite(boxes)) return null;
    return roundTo(BigInt(Math.trunc(boxes)) * price.units, price.scale, 1n, 2);
  }
  const weight = parseDecimal(weight_lb);
  if (!weight) return null;
  const product = weight.units * price.units;
  const scale = weight.scale + price.scale;
  if (unit === 'lb') return roundTo(product, scale, 1n, 2);
  if (unit === 'cwt') return roundTo(product, scale, 100n, 2);
  // kg: the kilograms to the hundredth (lb x 0.45359237, half-up, as a scale reads them) x price
  const kgHundredths = roundTo(weight.units * KG_PER_LB_UNITS, weight.scale, KG_PER_LB_SCALE, 2);
  return roundTo(kgHundredths * price.units, 2 + price.scale, 1n, 2);
}

export function sumCents(values: (Cents | null)[]): Cents {
  return values.reduce<Cents>((total, value) => total + (value ?? 0n), 0n);
}

/** "1,234.56" for display (no currency symbol; the order's currency is shown beside it). */
export function formatCents(cents: Cents | null): string {
  return cents === null ? '—' : formatScaled(cents, 2);
}

/** A money string from the API ("1234.5") as "1,234.50". */
export function formatMoney(value: string | number | null | undefined): string {
  const parsed = parseDecimal(value);
  if (!parsed) return '—';
  return formatScaled(roundTo(parsed.units, parsed.scale, 1n, 2), 2);
}

/** Pounds to 2 places with grouping: "40,123.50". */
export function formatWeight(value: string | number | null | undefined): string {
  return formatMoney(value);
}

/** Kilograms entered -> pounds as the server converts them (kg / 0.45359237, half-up to 0.01 lb). */
export function kgToLb(kg: string): string | null {
  const parsed = parseDecimal(kg);
  if (!parsed) return null;
  return formatScaled(roundTo(parsed.units * KG_PER_LB_SCALE, parsed.scale, KG_PER_LB_UNITS, 2), 2, { grouping: false });
}

/** Pounds -> kilograms for display in kg mode (lb x 0.45359237, half-up to 0.01 kg). */
export function lbToKg(lb: string): string | null {
  const parsed = parseDecimal(lb);
  if (!parsed) return null;
  return formatScaled(roundTo(parsed.units * KG_PER_LB_UNITS, parsed.scale, KG_PER_LB_SCALE, 2), 2, { grouping: false });
}

/** A cents value as the API's decimal string ("1234.50"), for payloads. */
export function centsToDecimal(cents: Cents): string {
  return formatScaled(cents, 2, { grouping: false });
}

/** A decimal string to cents (half-up), or null when it is not a number. */
export function toCents(value: string | number | null | undefined): Cents | null {
  const parsed = parseDecimal(value);
  return parsed ? roundTo(parsed.units, parsed.scale, 1n, 2) : null;
}

/** Sum of weights (lb strings) to 2 places, as a display string. */
export function sumWeights(values: (string | null | undefined)[]): string {
  return formatScaled(sumCents(values.map((value) => toCents(value ?? null))), 2);
}

const SYMBOLS = new Map<string, string>();

/** The currency's symbol as the browser's Intl data writes it in en-US ("$", "CA$", "€", "MX$"). */
export function currencySymbol(currency: string | null | undefined): string {
  const code = (currency || 'USD').toUpperCase();
  let symbol = SYMBOLS.get(code);
  if (symbol === undefined) {
    try {
      symbol =
        new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).formatToParts(0).find((part) => part.type === 'currency')?.value ?? `${code} `;
    } catch {
      symbol = `${code} `;
    }
    SYMBOLS.set(code, symbol);
  }
  return symbol;
}

/** Cents with the currency's symbol: "$1,234.56", "-$5.00", "€12.00"; "—" when unknown. */
export function formatCurrency(cents: Cents | null, currency?: string | null): string {
  if (cents === null) return '—';
  const symbol = currencySymbol(currency);
  return cents < 0n ? `-${symbol}${formatScaled(-cents, 2)}` : `${symbol}${formatScaled(cents, 2)}`;
}

/** An API money string with the currency's symbol ("1234.5", "CAD" -> "CA$1,234.50"). */
export function formatMoneyIn(value: string | number | null | undefined, currency?: string | null): string {
  return formatCurrency(toCents(value ?? null), currency);
}
