/** Where a queued photo lives until it is sent. The picker's and the camera's files sit in the app's cache,
 * which the system (or the picker itself) clears when it likes; a capture queued without a signal may wait
 * for hours. So the queue copies the photo into the app's document directory (never cleared by the system)
 * when the capture is queued, sends that copy, and deletes it once the server has it or the user discards it.
 *
 * The web build has no file system: a photo there is a Blob the page holds (see `keepWebBlob`), for as long
 * as the tab is open. */
import { Directory, File, Paths } from 'expo-file-system';
import { Platform } from 'react-native';

import type { LocalFile } from '@/api/upload';
import { forgetWebBlob } from '@/api/upload';

export interface FileStore {
  /** A copy of `file` the app owns, named after the queue item `id`. */
  keep(file: LocalFile, id: string): Promise<LocalFile>;
  /** The copy is no longer needed (sent or discarded). */
  release(file: LocalFile): Promise<void>;
  /** Delete copies no queue item refers to any more (the app stopped between a send and its clean-up). */
  sweep(kept: LocalFile[]): Promise<void>;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? '');
}

export const QUEUED_PHOTOS = 'queued-photos';

function queuedDirectory(): Directory {
  return new Directory(Paths.document, QUEUED_PHOTOS);
}

export const deviceFileStore: FileStore = {
  async keep(file, id) {
    const directory = queuedDirectory();
    directory.create({ intermediates: true, idempotent: true });
    const source = new File(file.uri);
    if (!source.exists) throw new Error('The photo is gone from the phone: take it again.');
    const extension = /\.[A-Za-z0-9]{1,5}$/.exec(file.name)?.[0] ?? '.jpg';
    const target = new File(directory, `${id}${extension}`);
    if (target.exists) target.delete();
    await source.copy(target);
    return { ...file, uri: target.uri };
  },
  async release(file) {
    // Only ever delete our own copies (never a file of the picker or of the user's library).
    if (!file.uri.startsWith(queuedDirectory().uri)) return;
    const copy = new File(file.uri);
    if (copy.exists) copy.delete();
  },
  async sweep(kept) {
    const directory = queuedDirectory();
    if (!directory.exists) return;
    // Compared by name (the item id): a URI may be spelled differently between two runs of the app.
    const wanted = new Set(kept.map((file) => fileName(file.uri)));
    for (const entry of directory.list()) {
      if (entry instanceof File && !wanted.has(entry.name)) entry.delete();
    }
  },
};

export const webFileStore: FileStore = {
  keep: async (file) => file,
  release: async (file) => forgetWebBlob(file.uri),
  sweep: async () => undefined,
};

/** The file stays where it is (tests of the queue that are not about files). */
export const inPlaceFileStore: FileStore = {
  keep: async (file) => file,
  release: async () => undefined,
  sweep: async () => undefined,
};

export const defaultFileStore: FileStore = Platform.OS === 'web' ? webFileStore : deviceFileStore;
