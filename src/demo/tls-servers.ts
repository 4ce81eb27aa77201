import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import type { DemoLeafName, DemoPki } from './pki.js';

/** One running demo endpoint. */
export interface DemoEndpoint {
  readonly name: string;
  readonly host: '127.0.0.1';
  readonly port: number;
}

/** Running demo servers; `close` stops them all. */
export interface DemoTlsServers {
  readonly endpoints: DemoEndpoint[];
  close(): Promise<void>;
}

/** Name of the leaf whose server deliberately omits the intermediate (incomplete chain), when it is started. */
export const INCOMPLETE_CHAIN_SUFFIX = '+no-intermediate';

/**
 * Starts one node:tls server per leaf on 127.0.0.1 (ephemeral port), serving leaf + issuing CA.
 * A name ending in "+no-intermediate" (e.g. "good+no-intermediate") serves the leaf alone: an incomplete chain.
 * Returns the endpoints and a close function; throws when a certificate or key file cannot be read.
 */
export async function startDemoTlsServers(pki: DemoPki, leaves: readonly string[]): Promise<DemoTlsServers> {
  const servers: tls.Server[] = [];
  const endpoints: DemoEndpoint[] = [];
  try {
    for (const name of leaves) {
      const incomplete = name.endsWith(INCOMPLETE_CHAIN_SUFFIX);
      const leafName = (incomplete ? name.slice(0, -INCOMPLETE_CHAIN_SUFFIX.length) : name) as DemoLeafName;
      const leaf = pki.leaves[leafName] as DemoPki['leaves'][DemoLeafName] | undefined;
      if (!leaf) throw new Error(`Unknown demo leaf "${leafName}"`);
      const cert = (await readFile(leaf.certPath, 'utf8')).trimEnd() + '\n' + (incomplete ? '' : await readFile(leaf.chainPath, 'utf8'));
      const key = await readFile(leaf.keyPath, 'utf8');
      // SECLEVEL=0 so the deliberately weak demo certificates (RSA-1024, SHA-1) can be served at all.
      const server = tls.createServer({ cert, key, ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1.2' }, (socket) => {
        socket.on('error', () => undefined);
        socket.end();
      });
      server.on('tlsClientError', () => undefined);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(server);
      endpoints.push({ name, host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return { endpoints, close: () => closeAll(servers) };
}

async function closeAll(servers: readonly tls.Server[]): Promise<void> {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
}
