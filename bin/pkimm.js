#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}src/cli/bin.ts`)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/bin.ts');
} else {
  await import('../dist/src/cli/bin.js');
}
