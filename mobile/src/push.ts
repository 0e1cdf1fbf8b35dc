/** Expo push registration: ask permission, get this phone's Expo push token, register it for the tenant. */
import * as Device from 'expo-device';
import Constants from 'expo-constants';
import { Platform } from 'react-native';

import { api } from '@/api/client';

export async function registerForPush(): Promise<{ id: number } | { error: string }> {
  if (Platform.OS === 'web' || !Device.isDevice) return { error: 'Push notifications need a real phone.' };
  const Notifications = await import('expo-notifications'); // loaded only when asked (not in Expo Go start-up)
  const current = await Notifications.getPermissionsAsync();
  const permission = current.granted ? current : await Notifications.requestPermissionsAsync();
  if (!permission.granted) return { error: 'Notifications are not allowed for this app in the phone settings.' };
  const projectId = Constants.expoConfig?.extra?.eas?.projectId as string | undefined;
  if (!projectId) return { error: 'This build has no EAS project id, so Expo cannot issue a push token.' };
  const token = await Notifications.getExpoPushTokenAsync({ projectId });
  const device = await api<{ id: number }>('POST', '/api/v1/push-devices/', {
    body: {
      token: token.data,
      platform: Platform.OS === 'ios' ? 'ios' : 'android',
      device_name: Device.deviceName ?? Device.modelName ?? '',
    },
  });
  return { id: device.id };
}
