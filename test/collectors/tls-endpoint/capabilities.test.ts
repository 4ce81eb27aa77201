import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../../collectors/tls-endpoint/index.js';
import type { TlsEndpointData } from '../../../model/evidence.js';
import { issueCertificate, privateKeyPem } from '../../../src/demo/pki.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { hasOpenSsl, makeTestPki, startOpenSslServer, startTlsServer, type RunningServer, type TestPki } from '../../helpers/tls-servers.js';

let pki: TestPki;
let rsa: { certPem: string; keyPem: string };
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await makeTestPki();
  const now = Date.now();
  const leaf = await issueCertificate({
    subject: 'CN=rsa.test.example',
    key: { type: 'RSA', bits: 2048 },
    issuer: { subject: pki.intermediate.subject, keys: pki.intermediate.keys },
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 86_400_000),
    dnsNames: ['rsa.test.example'],
    ipAddresses: ['127.0.0.1'],
  });
  rsa = { certPem: leaf.pem, keyPem: await privateKeyPem(leaf.keys) };
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function collectOne(target: string, extra: Record<string, unknown> = {}): Promise<TlsEndpointData> {
  const ctx = fakeCollectorContext();
  await tlsEndpoint.collect(TlsEndpointConfig.parse({ targets: [target], timeoutMs: 3000, ...extra }), ctx);
  expect(ctx.problems).toEqual([]);
  return ctx.ofKind('tls-endpoint')[0]!;
}

describe('handshake facts', () => {
  it('records a static-RSA suite as without forward secrecy and without a key-exchange group', async () => {
    const server = await startTlsServer({ cert: rsa.certPem, key: rsa.keyPem, ciphers: 'AES128-GCM-SHA256', maxVersion: 'TLSv1.2' });
    servers.push(server);
    const data = await collectOne(server.target);
    expect(data).toMatchObject({ protocol: 'TLSv1.2', cipher: 'AES128-GCM-SHA256', cipherIana: 'TLS_RSA_WITH_AES_128_GCM_SHA256', forwardSecrecy: false, ocspStapled: false });
    expect(data.keyExchange).toBeUndefined();
  });

  it('records TLS 1.3 with its group, forward secrecy, the ALPN choice and no staple', async () => {
    const server = await startTlsServer({ cert: pki.servedPem, key: pki.leafKeyPem, ALPNProtocols: ['http/1.1'] });
    servers.push(server);
    const data = await collectOne(server.target);
    expect(data).toMatchObject({ protocol: 'TLSv1.3', keyExchange: { type: 'ECDH', group: 'X25519', sizeBits: 253 }, forwardSecrecy: true, alpn: 'http/1.1', ocspStapled: false, attempts: 1 });
    expect(data.protocolVersions).toBeUndefined();
    expect(data.weakSuites).toBeUndefined();
  });

  it('probes versions and weak suites against a node server: refusals, acceptances and what OpenSSL 3.0 cannot offer', async () => {
    const server = await startTlsServer({ cert: pki.servedPem, key: pki.leafKeyPem, minVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA' });
    servers.push(server);
    const data = await collectOne(server.target, { probeVersions: true, probeWeakSuites: true });
    expect(data.protocolVersions).toEqual({
      TLSv1: { outcome: 'rejected', detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
      'TLSv1.1': { outcome: 'rejected', detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
      'TLSv1.2': { outcome: 'accepted', protocol: 'TLSv1.2', cipher: expect.stringMatching(/^ECDHE-ECDSA-AES128-/) },
      'TLSv1.3': { outcome: 'accepted', protocol: 'TLSv1.3', cipher: expect.stringMatching(/^TLS_/) },
    });
    expect(data.weakSuites).toEqual({
      RC4: { outcome: 'untestable', detail: 'ERR_SSL_NO_CIPHER_MATCH' },
      '3DES': { outcome: 'untestable', detail: 'ERR_SSL_NO_CIPHER_MATCH' },
      'CBC-SHA1': { outcome: 'accepted', protocol: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-SHA' },
      'RSA-KX': { outcome: 'rejected', detail: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
      NULL: { outcome: 'rejected', detail: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
      EXPORT: { outcome: 'untestable', detail: 'ERR_SSL_NO_CIPHER_MATCH' },
    });
  });
});

describe.runIf(hasOpenSsl())('against openssl s_server', () => {
  it('TLS 1.2 only with static RSA and CBC-SHA1 suites, a stapled OCSP response and ALPN h2', async () => {
    const ocsp = Buffer.from('30030a0101', 'hex');
    const server = await startOpenSslServer({
      certPem: rsa.certPem,
      keyPem: rsa.keyPem,
      chainPem: pki.intermediate.pem,
      files: { 'ocsp.der': ocsp },
      args: ['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:@SECLEVEL=0', '-status_file', 'ocsp.der', '-alpn', 'h2,http/1.1'],
    });
    servers.push(server);
    const data = await collectOne(server.target, { probeVersions: true, probeWeakSuites: true, serverName: 'rsa.test.example' });
    expect(data).toMatchObject({
      serverName: 'rsa.test.example',
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
      forwardSecrecy: true,
      alpn: 'h2',
      ocspStapled: true,
      ocspResponseBase64: ocsp.toString('base64'),
      hostnameMatches: true,
      chain: [expect.any(String), pki.sha256(pki.intermediate)],
    });
    expect(Object.fromEntries(Object.entries(data.protocolVersions ?? {}).map(([v, r]) => [v, r.outcome]))).toEqual({ TLSv1: 'rejected', 'TLSv1.1': 'rejected', 'TLSv1.2': 'accepted', 'TLSv1.3': 'rejected' });
    expect(data.weakSuites).toMatchObject({
      'CBC-SHA1': { outcome: 'accepted', cipher: 'AES128-SHA' },
      'RSA-KX': { outcome: 'accepted', cipher: 'AES128-SHA' },
      NULL: { outcome: 'rejected' },
      RC4: { outcome: 'untestable' },
    });
  });

  it('TLS 1.0 only: the main handshake still observes it, and the version probe says exactly that', async () => {
    const server = await startOpenSslServer({ certPem: pki.leaf.pem, keyPem: pki.leafKeyPem, chainPem: pki.intermediate.pem, args: ['-tls1', '-cipher', 'DEFAULT:@SECLEVEL=0'] });
    servers.push(server);
    const data = await collectOne(server.target, { probeVersions: true });
    expect(data.protocol).toBe('TLSv1');
    expect(Object.fromEntries(Object.entries(data.protocolVersions ?? {}).map(([v, r]) => [v, r.outcome]))).toEqual({ TLSv1: 'accepted', 'TLSv1.1': 'rejected', 'TLSv1.2': 'rejected', 'TLSv1.3': 'rejected' });
  });
});
