/** Notifications reachable from outside React (the query client's error hooks); set by <NotifierBridge>. */
import type { NotificationInstance } from 'antd/es/notification/interface';
import { ApiError } from '@/api/errors';

let notifier: NotificationInstance | null = null;

export function setNotifier(instance: NotificationInstance | null): void {
  notifier = instance;
}

export function notifyError(error: unknown, title?: string): void {
  if (error instanceof ApiError && error.status === 401) return; // the sign-in redirect says it all
  const message = error instanceof Error ? error.message : String(error);
  const heading =
    title ?? (error instanceof ApiError && error.isForbidden ? 'Not allowed' : 'Something went wrong');
  if (notifier) notifier.error({ message: heading, description: message, placement: 'topRight' });
  else console.error(heading, message);
}

export function notifySuccess(message: string): void {
  notifier?.success({ message, placement: 'topRight', duration: 3 });
}
