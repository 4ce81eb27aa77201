import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../../collectors/tls-endpoint/index.js';
import type { TlsEndpointData } from '../../../model/evidence.js';
import type { TlsProbe } from '../../../src/engine/collector-context.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { freePort, makeTestPki, startStartTlsServer, startTlsServer, type RunningServer, type TestPki } from '../../helpers/tls-servers.js';

let pki: TestPki;
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await makeTestPki();
  servers.push(await startTlsServer({ cert: pki.servedPem, key: pki.leafKeyPem, ALPNProtocols: ['h2'] }));
  servers.push(await startStartTlsServer('smtp', { tls: { cert: pki.servedPem, key: pki.leafKeyPem } }));
  servers.push(await startStartTlsServer('imap', { tls: { cert: pki.servedPem, key: pki.leafKeyPem }, refuse: true }));
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

const stable = (data: TlsEndpointData) => ({ ...data, handshakeMs: 0 });

describe('worker threads', () => {
  it('collect the same evidence and problems as the main thread, and never touch the injected probe', async () => {
    const closed = await freePort();
    const targets = [servers[0]!.target, `${servers[1]!.target} starttls=smtp`, `${servers[2]!.target} starttls=imap`, `127.0.0.1:${closed}`];
    const config = (workers: number) => TlsEndpointConfig.parse({ targets, workers, timeoutMs: 3000, probeVersions: true });
    const inThread = fakeCollectorContext();
    await tlsEndpoint.collect(config(0), inThread);
    const untouchable: TlsProbe = { probe: () => Promise.reject(new Error('the injected probe must not be used with workers')) };
    const inWorkers = fakeCollectorContext({ tls: untouchable });
    await tlsEndpoint.collect(config(2), inWorkers);

    const byTarget = <T extends { target: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.target.localeCompare(b.target));
    expect(byTarget(inWorkers.problems)).toEqual(byTarget(inThread.problems));
    expect(inThread.problems.map((p) => p.code).sort()).toEqual(['connect', 'tls-handshake']);
    const endpoints = (ctx: typeof inThread) => byTarget(ctx.emitted.filter((e) => e.kind === 'tls-endpoint')).map((e) => stable(e.data as TlsEndpointData));
    expect(endpoints(inWorkers)).toEqual(endpoints(inThread));
    expect(endpoints(inWorkers)).toHaveLength(2);
    expect(endpoints(inWorkers)[0]!.protocolVersions?.['TLSv1.3']?.outcome).toBe('accepted');
  });
});
