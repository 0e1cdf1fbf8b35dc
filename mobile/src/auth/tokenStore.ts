/** Where the session lives: expo-secure-store (Keychain / Keystore) on a phone, never plain storage. The web
 * build has no secure store, so there the session is kept in memory only (gone when the tab closes). */
import * as SecureStore from 'expo-secure-store';
import { Platform } from 'react-native';

const KEY = 'projectmeats.session';
const memory = new Map<string, string>();

export interface StoredSession {
  token: string;
  tenantId: number | null;
  pushDeviceId?: number | null;
}

export async function readSession(): Promise<StoredSession | null> {
  const raw = Platform.OS === 'web' ? (memory.get(KEY) ?? null) : await SecureStore.getItemAsync(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredSession;
  } catch {
    return null;
  }
}

export async function writeSession(session: StoredSession | null): Promise<void> {
  if (Platform.OS === 'web') {
    if (session) memory.set(KEY, JSON.stringify(session));
    else memory.delete(KEY);
    return;
  }
  if (session) await SecureStore.setItemAsync(KEY, JSON.stringify(session));
  else await SecureStore.deleteItemAsync(KEY);
}
