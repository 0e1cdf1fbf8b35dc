/** A captured document: processing status, then the draft's key fields and warnings (polled while processing). */
import { useQuery } from '@tanstack/react-query';
import { useLocalSearchParams } from 'expo-router';

import { api, errorText } from '@/api/client';
import type { AssistantDocument } from '@/api/types';
import { Body, Card, ErrorBox, Loading, Screen, Title } from '@/ui/kit';

const KEY_FIELDS: [string, string][] = [
  ['document_type', 'Type'],
  ['document_number', 'Number'],
  ['reference_number', 'Reference'],
  ['document_date', 'Date'],
  ['ship_date', 'Ship date'],
  ['delivery_date', 'Delivery date'],
  ['carrier', 'Carrier'],
];

type Draft = Record<string, unknown>;

function valueOf(field: unknown): string | null {
  if (field && typeof field === 'object' && 'value' in field) {
    const value = (field as { value: unknown }).value;
    return value === null || value === undefined || value === '' ? null : String(value);
  }
  return null;
}

export function keyFields(extraction: Draft): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, label] of KEY_FIELDS) {
    const value = valueOf(extraction[key]);
    if (value) rows.push([label, value]);
  }
  const counterparty = extraction.counterparty as Draft | undefined;
  const name = counterparty ? valueOf(counterparty.name) : null;
  if (name) rows.push(['Company', name]);
  const lines = extraction.lines;
  if (Array.isArray(lines)) rows.push(['Lines', String(lines.length)]);
  return rows;
}

function warningText(warning: unknown): string {
  if (typeof warning === 'string') return warning;
  if (warning && typeof warning === 'object' && 'message' in warning) return String((warning as { message: unknown }).message);
  return JSON.stringify(warning);
}

const DONE = new Set(['extracted', 'failed', 'confirmed', 'discarded']);

export default function DocumentScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const query = useQuery({
    queryKey: ['document', Number(id)],
    queryFn: () => api<AssistantDocument>('GET', `/api/v1/ai-assistant/documents/${id}/`),
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 1500),
  });
  if (query.isPending) return <Loading label="Loading the document" />;
  if (query.isError)
    return (
      <Screen>
        <ErrorBox message={errorText(query.error)} onRetry={() => void query.refetch()} />
      </Screen>
    );
  const document = query.data;
  const fields = keyFields((document.extraction ?? {}) as Draft);
  const warnings = Array.isArray(document.warnings) ? document.warnings : [];
  return (
    <Screen testID="document">
      <Title>{document.original_name}</Title>
      <Body>
        Status: {document.status}
        {document.status === 'processing' ? ` (${document.progress}%)` : ''}
      </Body>
      {document.status === 'failed' ? <Body tone="danger">{document.failure_reason}</Body> : null}
      {DONE.has(document.status) && document.status !== 'failed' ? (
        <Card label="Draft">
          <Title>Draft</Title>
          {fields.length ? (
            fields.map(([label, value]) => (
              <Body key={label}>
                {label}: {value}
              </Body>
            ))
          ) : (
            <Body muted>Nothing could be read from this document.</Body>
          )}
        </Card>
      ) : null}
      {warnings.length ? (
        <Card label="Warnings">
          <Title>Warnings</Title>
          {warnings.map((warning, index) => (
            <Body key={index} tone="warning">
              {warningText(warning)}
            </Body>
          ))}
        </Card>
      ) : null}
      <Body muted>Review and confirm the draft in the web app (Assistant).</Body>
    </Screen>
  );
}
