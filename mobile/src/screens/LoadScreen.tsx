/** One load: stops, carrier and driver contact, lines with catch weights, the workflow steps the server allows,
 * notes and documents. Weights and steps go through the offline queue (sent now when there is a signal). */
import { useQuery } from '@tanstack/react-query';
import { router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { Linking } from 'react-native';

import { api, errorText } from '@/api/client';
import type { AllowedAction, Load, LoadDocument, LoadLine } from '@/api/types';
import { STATUS_LABELS, when } from '@/format';
import { useQueue } from '@/offline/QueueProvider';
import type { QueueItem } from '@/offline/queue';
import { Body, Button, Card, ErrorBox, Field, Loading, Row, Screen, Title } from '@/ui/kit';

export const STATE_LABELS: Record<QueueItem['state'], string> = {
  queued: 'Waiting to send',
  sending: 'Sending…',
  waiting: 'No signal: will retry',
  sent: 'Sent',
  conflict: 'Conflict: the load changed',
  failed: 'Not accepted',
};

interface Entry {
  weight: string;
  unit: 'lb' | 'kg';
  boxes: string;
}

export default function LoadScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const loadId = Number(id);
  const { items, enqueue } = useQueue();
  const load = useQuery({ queryKey: ['load', loadId], queryFn: () => api<Load>('GET', `/api/v1/loads/${loadId}/`) });
  const lines = useQuery({
    queryKey: ['load', loadId, 'lines'],
    queryFn: () => api<LoadLine[]>('GET', `/api/v1/loads/${loadId}/lines/`),
  });
  const documents = useQuery({
    queryKey: ['load', loadId, 'documents'],
    queryFn: () => api<LoadDocument[]>('GET', `/api/v1/loads/${loadId}/documents/`),
  });
  const [entries, setEntries] = useState<Record<number, Entry>>({});
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  if (load.isPending) return <Loading label="Loading the load" />;
  if (load.isError)
    return (
      <Screen>
        <ErrorBox message={errorText(load.error)} onRetry={() => void load.refetch()} />
      </Screen>
    );
  const data = load.data;
  const mine = items.filter((item) => item.loadId === loadId);

  const entry = (line: LoadLine): Entry => entries[line.id] ?? { weight: '', unit: 'lb', boxes: '' };
  const setEntry = (line: LoadLine, change: Partial<Entry>) =>
    setEntries((current) => ({ ...current, [line.id]: { ...entry(line), ...change } }));

  const saveWeights = async () => {
    const changed: { id: number; actual_weight?: string; weight_unit: string; boxes?: number }[] = [];
    for (const line of lines.data ?? []) {
      const value = entries[line.id];
      if (!value || (!value.weight.trim() && !value.boxes.trim())) continue;
      const weight = value.weight.trim().replace(',', '.');
      if (weight && !/^\d+(\.\d{1,2})?$/.test(weight)) {
        setFormError(`Line ${line.line_number}: enter the weight as a number, e.g. 1187.5`);
        return;
      }
      if (value.boxes.trim() && !/^\d+$/.test(value.boxes.trim())) {
        setFormError(`Line ${line.line_number}: boxes must be a whole number.`);
        return;
      }
      changed.push({
        id: line.id,
        weight_unit: value.unit,
        ...(weight ? { actual_weight: weight } : {}),
        ...(value.boxes.trim() ? { boxes: Number(value.boxes.trim()) } : {}),
      });
    }
    if (!changed.length) {
      setFormError('Enter an actual weight or a box count first.');
      return;
    }
    setFormError(null);
    await enqueue({
      label: `Weights for ${data.number} (${changed.length} line${changed.length > 1 ? 's' : ''})`,
      loadId,
      payload: { type: 'request', method: 'POST', path: `/api/v1/loads/${loadId}/catch-weights/`, body: { lines: changed } },
    });
    setEntries({});
  };

  const step = async (action: AllowedAction) => {
    if (action.requires_reason && !reason.trim()) {
      setFormError(`Give a reason to ${action.label.toLowerCase()}.`);
      return;
    }
    setFormError(null);
    await enqueue({
      label: `${action.label}: ${data.number}`,
      loadId,
      payload: {
        type: 'request',
        method: 'POST',
        path: `/api/v1/loads/${loadId}/${action.name}/`,
        body: action.requires_reason ? { reason: reason.trim() } : undefined,
      },
    });
    setReason('');
  };

  const call = (phone: string) => void Linking.openURL(`tel:${phone.replace(/[^\d+]/g, '')}`);
  const actions = data.allowed_actions;

  return (
    <Screen testID="load">
      <Title>{data.number}</Title>
      <Body>Status: {STATUS_LABELS[data.status] ?? data.status}</Body>
      <Card label="Carrier and driver">
        <Body>Carrier: {data.carrier_name}</Body>
        {data.carrier_phone ? <Button kind="secondary" label={`Call carrier ${data.carrier_phone}`} onPress={() => call(data.carrier_phone)} /> : null}
        <Body>Driver: {data.driver_name || 'not set'}</Body>
        {data.driver_phone ? <Button kind="secondary" label={`Call driver ${data.driver_phone}`} onPress={() => call(data.driver_phone ?? '')} /> : null}
        <Body muted>
          Trailer {data.trailer_number || '–'} · Seal {data.seal_number || '–'} · Reefer {data.temperature_setpoint_f ?? '–'} °F
        </Body>
      </Card>
      <Card label="Stops">
        <Body>Pick up: {when(data.pickup_appointment_at)}</Body>
        {data.stops.map((stop) => (
          <Body key={stop.stop_number} muted>
            Stop {stop.stop_number}: {stop.purchase_order_number} at {stop.pickup_plant ?? 'plant not set'}
          </Body>
        ))}
        <Body>
          Deliver to: {data.delivery_location || 'not set'} · {when(data.delivery_appointment_at)}
        </Body>
      </Card>

      <Title>Lines and catch weights</Title>
      {lines.isPending ? <Loading label="Loading lines" /> : null}
      {lines.isError ? <ErrorBox message={errorText(lines.error)} onRetry={() => void lines.refetch()} /> : null}
      {(lines.data ?? []).map((line) => {
        const value = entry(line);
        return (
          <Card key={line.id} label={`Line ${line.line_number} of ${line.purchase_order_number}`}>
            <Body>
              {line.purchase_order_number} #{line.line_number}: {line.description}
            </Body>
            <Body muted>
              Estimated {line.estimated_weight_lb ?? '–'} lb · Actual {line.actual_weight_lb ?? '–'} lb · Boxes {line.boxes ?? '–'}
            </Body>
            <Field
              label={`Actual weight (${value.unit}), line ${line.line_number}`}
              keyboardType="decimal-pad"
              value={value.weight}
              onChangeText={(text) => setEntry(line, { weight: text })}
            />
            <Row>
              <Button
                label={value.unit === 'lb' ? 'Unit: lb' : 'Unit: kg'}
                hint="Switches between pounds and kilograms"
                kind="secondary"
                onPress={() => setEntry(line, { unit: value.unit === 'lb' ? 'kg' : 'lb' })}
              />
            </Row>
            <Field
              label={`Boxes, line ${line.line_number}`}
              keyboardType="number-pad"
              value={value.boxes}
              onChangeText={(text) => setEntry(line, { boxes: text })}
            />
          </Card>
        );
      })}
      {formError ? <Body tone="danger">{formError}</Body> : null}
      {lines.data?.length ? <Button label="Save weights" onPress={() => void saveWeights()} /> : null}

      <Title>Workflow</Title>
      {actions === undefined ? (
        <Body muted>The server does not list the steps for this load yet.</Body>
      ) : actions.length === 0 ? (
        <Body muted>No steps are open to you on this load.</Body>
      ) : (
        <>
          {actions.some((action) => action.requires_reason) ? (
            <Field label="Reason (for steps that need one)" value={reason} onChangeText={setReason} />
          ) : null}
          {actions.map((action) => (
            <Button
              key={action.name}
              label={action.label}
              kind={action.destructive ? 'danger' : 'primary'}
              onPress={() => void step(action)}
            />
          ))}
        </>
      )}

      {mine.length ? (
        <Card label="Sent from this phone">
          {mine.map((item) => (
            <Body key={item.id} tone={item.state === 'conflict' || item.state === 'failed' ? 'danger' : undefined}>
              {item.label}: {STATE_LABELS[item.state]}
              {item.error && item.state !== 'sent' ? ` — ${item.error}` : ''}
            </Body>
          ))}
        </Card>
      ) : null}

      <Title>Notes</Title>
      <Body muted>{data.notes || 'No notes.'}</Body>

      <Title>Documents</Title>
      {(documents.data ?? []).map((link) => (
        <Button
          key={link.id}
          kind="secondary"
          label={`${link.kind.toUpperCase()}: ${link.original_name} (${link.document_status})`}
          onPress={() => router.push(`/documents/${link.document}`)}
        />
      ))}
      {documents.data?.length === 0 ? <Body muted>No documents yet.</Body> : null}
      <Button label="Capture a document" hint="Photograph a BOL, POD or scale ticket" onPress={() => router.push(`/capture/${loadId}`)} />
    </Screen>
  );
}
