/** The outbox: everything made on this phone, oldest first, with its state; conflicts and refusals stay until
 * the user retries or discards them. */
import { useQueue } from '@/offline/QueueProvider';
import { Body, Button, Card, Row, Screen, Title } from '@/ui/kit';

import { STATE_LABELS } from './LoadScreen';

export default function QueueScreen() {
  const { items, retry, discard, clearSent, flush } = useQueue();
  return (
    <Screen testID="queue">
      <Title>Outbox</Title>
      {items.length === 0 ? <Body muted>Nothing waiting. Changes made without a signal show here.</Body> : null}
      {items.map((item) => (
        <Card key={item.id} label={`${item.label}: ${STATE_LABELS[item.state]}`}>
          <Body>{item.label}</Body>
          <Body tone={item.state === 'conflict' || item.state === 'failed' ? 'danger' : item.state === 'sent' ? 'ok' : undefined}>
            {STATE_LABELS[item.state]}
            {item.attempts > 1 && item.state !== 'sent' ? ` (tried ${item.attempts} times)` : ''}
          </Body>
          {item.error && item.state !== 'sent' ? <Body muted>{item.error}</Body> : null}
          {item.state === 'conflict' ? (
            <Body muted>Someone changed this load meanwhile. Open the load, check it, then retry or discard.</Body>
          ) : null}
          {item.state === 'conflict' || item.state === 'failed' ? (
            <Row>
              <Button label="Retry" kind="secondary" onPress={() => void retry(item.id)} />
              <Button label="Discard" kind="danger" onPress={() => void discard(item.id)} />
            </Row>
          ) : null}
        </Card>
      ))}
      <Row>
        <Button label="Send now" onPress={() => void flush()} />
        <Button label="Clear sent" kind="secondary" onPress={() => void clearSent()} />
      </Row>
    </Screen>
  );
}
