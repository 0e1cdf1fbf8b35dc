// Reports (and checks) the gzipped JavaScript the browser loads for the sign-in route: the entry chunk,
// its static imports, and the lazy sign-in page with its own static imports (from dist/.vite/manifest.json).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LIMIT_KB = 350;
const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8'));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const signIn = Object.keys(manifest).find((key) => key.endsWith('features/auth/SignInPage.tsx'));
if (!entry || !signIn) throw new Error('entry or sign-in chunk not found in the manifest');
let total = 0;
for (const key of closure([entry, signIn])) {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(DIST + file), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} kB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} kB  gzipped JavaScript for /sign-in (limit ${LIMIT_KB} kB)`);
if (total / 1024 > LIMIT_KB) {
  console.error('The sign-in route loads too much JavaScript: keep heavy screens behind lazy routes.');
  process.exit(1);
}
