/** Options and labels for the schema's enums, from the generated `enumLabels` (never typed by hand). */
import { enumLabels } from './schema.gen';

export type EnumName = keyof typeof enumLabels;

export function enumOptions(name: EnumName): { value: string; label: string }[] {
  return Object.entries(enumLabels[name] as Record<string, string>).map(([value, label]) => ({ value, label }));
}

export function enumLabel(name: EnumName, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return (enumLabels[name] as Record<string, string>)[String(value)] ?? String(value);
}

/** Options for an inline (unnamed) enum of the schema, e.g. a filter's allowed values. */
export function valueOptions(values: readonly string[]): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' ') }));
}
