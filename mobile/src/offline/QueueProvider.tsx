/** The app's one offline queue: persisted, flushed when the network comes back and when a backoff is due. */
import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

import { defaultFileStore } from './files';
import { OfflineQueue, type QueueItem, type QueuePayload } from './queue';
import { sendItem } from './send';

interface QueueValue {
  items: QueueItem[];
  enqueue(entry: { label: string; loadId: number | null; payload: QueuePayload }): Promise<QueueItem>;
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
  clearSent(): Promise<void>;
  flush(): Promise<void>;
}

const QueueContext = createContext<QueueValue | null>(null);

export function QueueProvider({ children, queue: given }: { children: ReactNode; queue?: OfflineQueue }) {
  const queryClient = useQueryClient();
  const queue = useMemo(() => given ?? new OfflineQueue(AsyncStorage, sendItem, Date.now, defaultFileStore), [given]);
  const [items, setItems] = useState<QueueItem[]>(queue.list());
  // Sends what is due and sets the timer for the next retry (its backoff). Every path that flushes goes through
  // it: a capture queued without a signal is retried on time even when no connection event ever comes.
  const flushAndSchedule = useRef<() => Promise<void>>(() => queue.flush());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (timer) clearTimeout(timer);
      const due = queue.nextDue();
      if (due !== null) timer = setTimeout(() => void queue.flush().then(schedule), Math.max(500, due - Date.now()));
    };
    let sentBefore = new Set(queue.list().filter((i) => i.state === 'sent').map((i) => i.id));
    const unsubscribe = queue.subscribe((next) => {
      setItems(next);
      const sent = next.filter((i) => i.state === 'sent' && !sentBefore.has(i.id));
      if (sent.length) {
        sentBefore = new Set(next.filter((i) => i.state === 'sent').map((i) => i.id));
        for (const item of sent) {
          if (item.loadId != null) void queryClient.invalidateQueries({ queryKey: ['load', item.loadId] });
        }
        void queryClient.invalidateQueries({ queryKey: ['loads'] });
      }
    });
    flushAndSchedule.current = () => queue.flush().then(schedule);
    void queue.load().then(() => flushAndSchedule.current());
    const stopNet = NetInfo.addEventListener((state) => {
      if (state.isConnected) void queue.flush().then(schedule);
    });
    return () => {
      unsubscribe();
      stopNet();
      if (timer) clearTimeout(timer);
    };
  }, [queue, queryClient]);

  const value = useMemo<QueueValue>(
    () => ({
      items,
      enqueue: async (entry) => {
        const item = await queue.enqueue(entry);
        void flushAndSchedule.current();
        return item;
      },
      retry: async (id) => {
        await queue.retry(id);
        await flushAndSchedule.current();
      },
      discard: (id) => queue.discard(id),
      clearSent: () => queue.clearSent(),
      flush: () => flushAndSchedule.current(),
    }),
    [items, queue],
  );
  return <QueueContext.Provider value={value}>{children}</QueueContext.Provider>;
}

export function useQueue(): QueueValue {
  const value = useContext(QueueContext);
  if (!value) throw new Error('useQueue outside QueueProvider');
  return value;
}
