/** Multipart upload with progress (fetch has no upload progress; XMLHttpRequest does, on phones and the web). */
import { Platform } from 'react-native';

import { ApiError, NetworkError, apiBaseUrl, authHeaders } from './client';

export interface LocalFile {
  uri: string;
  name: string;
  mimeType: string;
}

async function formFor(file: LocalFile, field: string, extra: Record<string, string>): Promise<FormData> {
  const form = new FormData();
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  if (Platform.OS === 'web') {
    const blob = await (await fetch(file.uri)).blob();
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
