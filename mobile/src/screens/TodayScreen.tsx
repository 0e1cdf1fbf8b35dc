/** Today / this week: the loads picking up or delivering, optionally only those assigned to me. */
import { useQuery } from '@tanstack/react-query';
import { router } from 'expo-router';
import { useState } from 'react';
import { FlatList, Pressable, RefreshControl, View } from 'react-native';

import { api, errorText } from '@/api/client';
import type { Load, Page } from '@/api/types';
import { useSession } from '@/auth/session';
import { STATUS_LABELS, isoDay, weekEnd, when } from '@/format';
import { useQueue } from '@/offline/QueueProvider';
import { Body, Button, Card, ErrorBox, Loading, Row, Title, useTheme } from '@/ui/kit';

type Range = 'today' | 'week';

export function loadsQuery(range: Range, mine: boolean, today = new Date()) {
  const from = isoDay(today);
  const to = range === 'today' ? from : isoDay(weekEnd(today));
  return {
    queryKey: ['loads', range, mine, from],
    queryFn: () =>
      api<Page<Load>>('GET', '/api/v1/loads/', {
        query: {
          day_from: from,
          day_to: to,
          assigned_to: mine ? 'me' : undefined,
          status: undefined,
          ordering: 'pickup_date',
          page_size: 100,
        },
      }),
  };
}

export default function TodayScreen() {
  const theme = useTheme();
  const { me } = useSession();
  const { items } = useQueue();
  const [range, setRange] = useState<Range>('today');
  const [mine, setMine] = useState(false);
  const query = useQuery(loadsQuery(range, mine));
  const pending = items.filter((item) => item.state !== 'sent').length;

  const header = (
    <View style={{ gap: 8, marginBottom: 8 }}>
      <Title>{range === 'today' ? "Today's loads" : "This week's loads"}</Title>
      {me?.current_tenant ? <Body muted>{me.current_tenant.name}</Body> : null}
      <Row>
        <Button label="Today" kind={range === 'today' ? 'primary' : 'secondary'} onPress={() => setRange('today')} />
        <Button label="This week" kind={range === 'week' ? 'primary' : 'secondary'} onPress={() => setRange('week')} />
        <Button
          label={mine ? 'Assigned to me: on' : 'Assigned to me: off'}
          hint="Show only the loads assigned to you"
          kind={mine ? 'primary' : 'secondary'}
          onPress={() => setMine(!mine)}
        />
      </Row>
      <Row>
        <Button label={`Outbox (${pending})`} kind="secondary" onPress={() => router.push('/queue')} />
        <Button label="Notifications" kind="secondary" onPress={() => router.push('/notifications')} />
        <Button label="Account" kind="secondary" onPress={() => router.push('/account')} />
      </Row>
      {query.isError ? <ErrorBox message={errorText(query.error)} onRetry={() => void query.refetch()} /> : null}
    </View>
  );

  return (
    <FlatList
      testID="today"
      style={{ flex: 1, backgroundColor: theme.background }}
      contentContainerStyle={{ padding: 16, gap: 10 }}
      data={query.data?.results ?? []}
      keyExtractor={(load) => String(load.id)}
      ListHeaderComponent={header}
      ListEmptyComponent={
        query.isPending ? (
          <Loading label="Loading loads" />
        ) : query.isError ? null : (
          <Body muted>{range === 'today' ? 'No loads pick up or deliver today.' : 'No loads pick up or deliver this week.'}</Body>
        )
      }
      refreshControl={<RefreshControl refreshing={query.isRefetching} onRefresh={() => void query.refetch()} />}
      renderItem={({ item: load }) => <LoadRow load={load} />}
    />
  );
}

function LoadRow({ load }: { load: Load }) {
  const plants = [...new Set(load.stops.map((stop) => stop.pickup_plant).filter(Boolean))].join(', ');
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={`Load ${load.number}, ${STATUS_LABELS[load.status] ?? load.status}`}
      accessibilityHint="Opens the load"
      onPress={() => router.push(`/loads/${load.id}`)}
      style={{ minHeight: 48 }}
    >
      <Card>
        <Body>
          {load.number} · {STATUS_LABELS[load.status] ?? load.status}
        </Body>
        <Body muted>Pick up: {plants || 'plant not set'} · {when(load.pickup_appointment_at)}</Body>
        <Body muted>Deliver to: {load.delivery_location || 'not set'} · {when(load.delivery_appointment_at)}</Body>
        <Body muted>Carrier: {load.carrier_name}</Body>
      </Card>
    </Pressable>
  );
}
