/**
 * Writes fixtures/ct/log-list.json: a v3 CT log list with freshly generated log keys (the private halves are dropped).
 * Run with `npx tsx test/ct/tools/make-log-list.ts`; tests only read the public keys and log ids.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ct', 'log-list.json');

function publicKey(type: 'ec' | 'rsa'): { key: string; logId: string } {
  const { publicKey: pub } = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = pub.export({ type: 'spki', format: 'der' });
  return { key: der.toString('base64'), logId: createHash('sha256').update(der).digest('base64') };
}

const interval = (year: number) => ({ start_inclusive: `${year}-01-01T00:00:00Z`, end_exclusive: `${year + 1}-01-01T00:00:00Z` });
const alpha = publicKey('ec');
const beta = publicKey('rsa');
const tiled = publicKey('ec');
const mismatched = publicKey('ec');

const list = {
  version: '7.1',
  log_list_timestamp: '2026-11-01T00:00:00Z',
  operators: [
    {
      name: 'Fixture Logs Inc.',
      email: ['ct@logs.fixture.test'],
      logs: [
        { description: "Fixture 'Alpha2026' log", log_id: alpha.logId, key: alpha.key, url: 'https://alpha.logs.fixture.test/2026/', mmd: 86400, state: { usable: { timestamp: '2025-10-01T00:00:00Z' } }, temporal_interval: interval(2026) },
        { description: "Fixture 'Beta' log", log_id: beta.logId, key: beta.key, url: 'https://beta.logs.fixture.test', mmd: 86400, state: { retired: { timestamp: '2024-05-01T00:00:00Z' } } },
        { description: 'Unreadable entry', log_id: 'not base64!', key: alpha.key, url: 'https://broken.logs.fixture.test/' },
      ],
      tiled_logs: [
        { description: "Fixture 'Tile2026h2' log", log_id: tiled.logId, key: tiled.key, submission_url: 'https://tile.logs.fixture.test/2026h2/', monitoring_url: 'https://tile-mon.logs.fixture.test/2026h2/', mmd: 60, state: { qualified: { timestamp: '2026-06-01T00:00:00Z' } }, temporal_interval: interval(2026) },
      ],
    },
    {
      name: 'Second Operator',
      email: ['ct@second.fixture.test'],
      logs: [{ description: "Second 'Gamma' log (id does not match key)", log_id: alpha.logId.replace(/^./, alpha.logId.startsWith('A') ? 'B' : 'A'), key: mismatched.key, url: 'https://gamma.second.fixture.test/', mmd: 86400, state: { readonly: { timestamp: '2026-02-01T00:00:00Z', final_tree_head: { sha256_root_hash: createHash('sha256').update('gamma').digest('base64'), tree_size: 123 } } } }],
    },
  ],
};

await writeFile(OUT, `${JSON.stringify(list, null, 2)}\n`);
