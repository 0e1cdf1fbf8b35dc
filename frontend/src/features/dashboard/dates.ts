/** Date arithmetic for drill-down links (ISO dates, local calendar). */
export function isoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function parseIso(value: string): Date {
  const [year = 1970, month = 1, day = 1] = value.split('-').map(Number);
  return new Date(year, month - 1, day);
}

export function addDays(value: string, days: number): string {
  const date = parseIso(value);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

/** The last day of the month that `firstDay` (YYYY-MM-01) starts. */
export function monthEnd(firstDay: string): string {
  const date = parseIso(firstDay);
  return isoDate(new Date(date.getFullYear(), date.getMonth() + 1, 0));
}

export function monthLabel(firstDay: string): string {
  return parseIso(firstDay).toLocaleDateString(undefined, { month: 'short', year: '2-digit' });
}

/** Due-date ranges of the aging buckets as of `asOf`, for /invoices?due_date_from=…&due_date_to=… */
export function agingBucketRange(bucket: string, asOf: string): { due_date_from?: string; due_date_to?: string } {
  switch (bucket) {
    case 'current':
      return { due_date_from: asOf };
    case 'days_1_30':
      return { due_date_from: addDays(asOf, -30), due_date_to: addDays(asOf, -1) };
    case 'days_31_60':
      return { due_date_from: addDays(asOf, -60), due_date_to: addDays(asOf, -31) };
    case 'days_61_90':
      return { due_date_from: addDays(asOf, -90), due_date_to: addDays(asOf, -61) };
    default:
      return { due_date_to: addDays(asOf, -91) };
  }
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
