/** Dates and times the way field staff read them (local time). */
export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function weekEnd(date: Date): Date {
  const end = new Date(date);
  end.setDate(date.getDate() + ((7 - date.getDay()) % 7)); // through Sunday
  return end;
}

export function when(value: string | null | undefined): string {
  if (!value) return 'no appointment';
  const date = new Date(value);
  return date.toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const STATUS_LABELS: Record<string, string> = {
  tendered: 'Tendered',
  accepted: 'Accepted',
  picked_up: 'Picked up',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};
