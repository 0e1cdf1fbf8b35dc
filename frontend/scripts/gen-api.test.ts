// @vitest-environment node
// Fails when src/api/schema.gen.ts is not what `npm run gen:api` makes from the committed openapi.json.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { generateApiTypes, OUTPUT_FILE, SCHEMA_FILE } from './gen-api.mjs';

describe('generated API types', () => {
  it('match the committed OpenAPI schema (run `npm run gen:api` after `make schema-json`)', async () => {
    const expected = (await generateApiTypes(await readFile(SCHEMA_FILE, 'utf8'))) as string;
    const committed = await readFile(OUTPUT_FILE, 'utf8');
    expect(committed === expected, 'src/api/schema.gen.ts is stale: run `npm run gen:api`').toBe(true);
  });
});
