/** Multipart upload with progress (fetch has no upload progress; XMLHttpRequest does, on phones and the web). */
import { Platform } from 'react-native';

import { ApiError, NetworkError, apiBaseUrl, authHeaders } from './client';

export interface LocalFile {
  uri: string;
  name: string;
  mimeType: string;
}

/** Photos on the web build: the picker and the rotation hand out blob: URLs. The page's Content-Security-Policy
 * lets scripts connect to its own origin only (connect-src 'self'), so `fetch(blob:…)` is refused — rightly;
 * the app keeps the Blob itself instead, keyed by its URL, for as long as the tab is open. */
const webBlobs = new Map<string, Blob>();

export function keepWebBlob(uri: string, blob: Blob): void {
  webBlobs.set(uri, blob);
}

export function forgetWebBlob(uri: string): void {
  webBlobs.delete(uri);
}

/** A JPEG / PNG from base64 (what the rotation returns on the web), without fetching a data: URL. */
export function blobFromBase64(base64: string, mimeType: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: mimeType });
}

export class FileGone extends Error {
  constructor() {
    super('The photo is no longer available (the page was reloaded): take it again.');
    this.name = 'FileGone';
  }
}

async function formFor(file: LocalFile, field: string, extra: Record<string, string>): Promise<FormData> {
  const form = new FormData();
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  if (Platform.OS === 'web') {
    const blob = webBlobs.get(file.uri);
    if (!blob) throw new FileGone();
    form.append(field, blob, file.name);
  } else {
    // React Native's FormData takes a file reference by uri.
    form.append(field, { uri: file.uri, name: file.name, type: file.mimeType } as unknown as Blob);
  }
  return form;
}

export async function uploadFile<T>(
  path: string,
  file: LocalFile,
  options: {
    method?: string;
    field?: string;
    extra?: Record<string, string>;
    idempotencyKey?: string;
    onProgress?: (fraction: number) => void;
  } = {},
): Promise<T> {
  const form = await formFor(file, options.field ?? 'file', options.extra ?? {});
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', apiBaseUrl() + path);
    for (const [key, value] of Object.entries(authHeaders(options.idempotencyKey))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) options.onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.ontimeout = () => reject(new NetworkError('The upload timed out.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = { detail: xhr.responseText.slice(0, 200) };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(data as T);
      } else reject(new ApiError(xhr.status, data));
    };
    xhr.send(form);
  });
}
