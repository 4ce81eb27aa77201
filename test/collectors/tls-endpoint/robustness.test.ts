import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../../collectors/tls-endpoint/index.js';
import type { TlsEndpointData } from '../../../model/evidence.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';
import {
  fillerCertificates,
  freePort,
  makeTestPki,
  startHostileProxy,
  startRawServer,
  startStartTlsServer,
  startTlsServer,
  type RunningServer,
  type TestPki,
} from '../../helpers/tls-servers.js';

let pki: TestPki;
const servers: Record<string, RunningServer> = {};
let closedPort: number;
let ctx: FakeCollectorContext;

// One collection over a good endpoint and every kind of hostile one, each with its own server.
beforeAll(async () => {
  pki = await makeTestPki();
  const fillers = await fillerCertificates(25);
  const good = { cert: pki.servedPem, key: pki.leafKeyPem };
  servers.good = await startTlsServer(good);
  servers.silent = await startRawServer(() => undefined);
  servers.drip = await startHostileProxy(servers.good, { dripMs: 100 });
  servers.resetMidHandshake = await startHostileProxy(servers.good, { resetAfterBytes: 60 });
  servers.garbage = await startRawServer((s) => s.end('SSH-2.0-OpenSSH_9.2p1 Debian\r\nProtocol mismatch.\n'));
  // ~120 KB of DER (the fillers, over and over): above OpenSSL's 100 KiB certificate message limit.
  const fillerDerBytes = fillers.reduce((sum, pem) => sum + Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64').length, 0);
  servers.hugeChain = await startTlsServer({ cert: pki.servedPem + fillers.join('').repeat(Math.ceil(120_000 / fillerDerBytes)), key: pki.leafKeyPem });
  // 27 certificates, well under 100 KiB: accepted by OpenSSL, cut by maxChainLength.
  servers.longChain = await startTlsServer({ cert: pki.servedPem + fillers.join(''), key: pki.leafKeyPem });
  servers.starttlsRefused = await startStartTlsServer('smtp', { tls: good, refuse: true });
  closedPort = await freePort();
  ctx = fakeCollectorContext();
  const targets = [...Object.entries(servers).map(([name, s]) => (name === 'starttlsRefused' ? `${s.target} starttls=smtp` : s.target)), `127.0.0.1:${closedPort}`];
  await tlsEndpoint.collect(TlsEndpointConfig.parse({ targets, connectTimeoutMs: 2000, handshakeTimeoutMs: 2000, timeoutMs: 5000, retries: 1, retryBackoffMs: 50 }), ctx);
});
afterAll(() => Promise.all(Object.values(servers).map((s) => s.close())));

const problemsOf = (name: string) => ctx.problems.filter((p) => p.target === (servers[name]?.target ?? `127.0.0.1:${closedPort}`));
const endpointOf = (name: string) => ctx.emitted.find((e) => e.kind === 'tls-endpoint' && e.target === servers[name]!.target);

describe('hostile endpoints in one run', () => {
  it('still collects the good endpoint', () => {
    expect(problemsOf('good')).toEqual([]);
    expect(endpointOf('good')?.data).toMatchObject({ chain: [pki.sha256(pki.leaf), pki.sha256(pki.intermediate)], hostnameMatches: true });
  });

  it.each([
    ['silent', 'timeout', /: no TLS handshake within 2000 ms$/],
    ['drip', 'timeout', /: no TLS handshake within 2000 ms$/],
    ['resetMidHandshake', 'tls-handshake', /: TLS handshake failed \(ECONNRESET\)$/],
    ['garbage', 'tls-handshake', /: TLS handshake failed \(ERR_SSL_WRONG_VERSION_NUMBER\): the server did not answer with TLS$/],
    ['hugeChain', 'too-large', /: the server sent a handshake message bigger than the TLS library accepts/],
    ['starttlsRefused', 'tls-handshake', /: STARTTLS smtp refused: "454 /],
    ['closed', 'connect', /: connection failed \(ECONNREFUSED\)$/],
  ])('%s → exactly one %s problem and no evidence', (name, code, message) => {
    const problems = problemsOf(name);
    expect(problems).toEqual([{ target: expect.any(String), code, message: expect.stringMatching(message) }]);
    if (name !== 'closed') expect(endpointOf(name)).toBeUndefined();
  });

  it('records the head of an over-long chain, flags it, and reports it once', () => {
    expect(problemsOf('longChain')).toEqual([{ target: servers.longChain!.target, code: 'too-large', message: expect.stringMatching(/longer than 20 certificates or 100000 bytes; the first 20 are recorded/) }]);
    const data = endpointOf('longChain')!.data as TlsEndpointData;
    expect(data.chain).toHaveLength(20);
    expect(data.chainTruncated).toBe(true);
  });

  it('emits nothing else: one endpoint per observed target, each certificate once with every sighting', () => {
    const observed = [servers.good!.target, servers.longChain!.target].sort();
    expect(ctx.emitted.filter((e) => e.kind === 'tls-endpoint').map((e) => e.target).sort()).toEqual(observed);
    const certificates = ctx.ofKind('certificate');
    expect(certificates).toHaveLength(2 + 18); // leaf, intermediate and the 18 fillers that fit in maxChainLength
    const leaf = certificates.find((c) => c.sha256 === pki.sha256(pki.leaf))!;
    expect(leaf.sightings.map((s) => `${s.target} ${s.location ?? ''}`).sort()).toEqual(observed.map((t) => `${t} chain[0]`));
    for (const c of certificates) for (const s of c.sightings) expect(observed).toContain(s.target);
  });
});
