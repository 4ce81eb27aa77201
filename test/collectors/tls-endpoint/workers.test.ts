import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint, { AUTO_WORKERS_MIN_TARGETS } from '../../../collectors/tls-endpoint/index.js';
import type { TlsEndpointData } from '../../../model/evidence.js';
import type { TlsProbe, TlsProbeOptions } from '../../../src/engine/collector-context.js';
import { createTlsProbe } from '../../../src/engine/tls-probe.js';
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

  describe('workers: auto (the default)', () => {
    // One closed port, many SNI names: each name is its own target, and each fails fast with "connection refused".
    const manyTargets = async (count: number) => [{ host: '127.0.0.1', port: await freePort(), serverNames: Array.from({ length: count }, (_, i) => `n${i}.example.test`) }];
    const counting = (inProcess: boolean) => {
      const real = createTlsProbe();
      const probe = { calls: 0, ...(inProcess ? { inProcess: true } : {}), probe: (o: TlsProbeOptions) => (probe.calls++, real.probe(o)) };
      return probe;
    };

    it('runs a large scan in worker threads instead of the scan\'s own probe', async () => {
      const targets = await manyTargets(AUTO_WORKERS_MIN_TARGETS);
      const config = TlsEndpointConfig.parse({ targets, timeoutMs: 3000 });
      expect(config.workers).toBe('auto');
      const own = counting(true);
      const ctx = fakeCollectorContext({ tls: own });
      await tlsEndpoint.collect(config, ctx);
      expect(own.calls).toBe(0);
      expect(ctx.problems).toHaveLength(AUTO_WORKERS_MIN_TARGETS);
      expect(new Set(ctx.problems.map((p) => p.code))).toEqual(new Set(['connect']));
    });

    it('keeps smaller scans, and any probe a library caller gave, in the main thread', async () => {
      const small = counting(true);
      await tlsEndpoint.collect(TlsEndpointConfig.parse({ targets: await manyTargets(AUTO_WORKERS_MIN_TARGETS - 1), timeoutMs: 3000 }), fakeCollectorContext({ tls: small }));
      expect(small.calls).toBe(AUTO_WORKERS_MIN_TARGETS - 1);
      const given = counting(false);
      await tlsEndpoint.collect(TlsEndpointConfig.parse({ targets: await manyTargets(AUTO_WORKERS_MIN_TARGETS), timeoutMs: 3000 }), fakeCollectorContext({ tls: given }));
      expect(given.calls).toBe(AUTO_WORKERS_MIN_TARGETS);
      // One handshake at a time (scan concurrency 1) gains nothing from threads.
      const sequential = counting(true);
      const ctx = { ...fakeCollectorContext({ tls: sequential }), concurrency: 1 };
      await tlsEndpoint.collect(TlsEndpointConfig.parse({ targets: await manyTargets(AUTO_WORKERS_MIN_TARGETS), timeoutMs: 3000 }), ctx);
      expect(sequential.calls).toBe(AUTO_WORKERS_MIN_TARGETS);
      expect(ctx.problems).toHaveLength(AUTO_WORKERS_MIN_TARGETS);
    });
  });
});
