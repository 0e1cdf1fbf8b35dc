/** The phone's file system for the tests (the device edge): `expo-file-system`'s File / Directory / Paths with
 * the calls the app uses, on Node's fs in a temp directory. Used as `jest.mock('expo-file-system', () =>
 * require('./phoneFs'))`. */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';

const root = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'pm-phone-'));
const pathOf = (part: string | { uri: string }) => (typeof part === 'string' ? part : part.uri).replace(/^file:\/\//, '');
class Entry {
  readonly uri: string;
  constructor(...parts: (string | { uri: string })[]) {
    this.uri = `file://${nodePath.join(...parts.map(pathOf))}`;
  }
  get name(): string {
    return nodePath.basename(pathOf(this.uri));
  }
  get exists(): boolean {
    return fs.existsSync(pathOf(this.uri));
  }
  delete(): void {
    fs.rmSync(pathOf(this.uri), { recursive: true });
  }
}
class File extends Entry {
  async copy(destination: { uri: string }): Promise<void> {
    fs.copyFileSync(pathOf(this.uri), pathOf(destination.uri));
  }
}
class Directory extends Entry {
  list(): Entry[] {
    return fs
      .readdirSync(pathOf(this.uri), { withFileTypes: true })
      .map((entry: { name: string; isDirectory(): boolean }) =>
        entry.isDirectory() ? new Directory(this.uri, entry.name) : new File(this.uri, entry.name),
      );
  }
  create(options: { intermediates?: boolean; idempotent?: boolean } = {}): void {
    if (this.exists && !options.idempotent) throw new Error(`${this.uri} exists`);
    fs.mkdirSync(pathOf(this.uri), { recursive: !!options.intermediates });
  }
}
const Paths = { document: new Directory(root, 'Documents'), cache: new Directory(root, 'Caches') };
fs.mkdirSync(pathOf(Paths.document.uri));

export { Directory, File, Paths };
