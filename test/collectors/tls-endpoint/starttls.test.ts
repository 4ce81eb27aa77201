import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartTlsProtocol } from '../../../model/evidence.js';
import { TlsEndpointConfig } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../../collectors/tls-endpoint/index.js';
import { ldapResultCode, ldapStartTlsRequest } from '../../../collectors/tls-endpoint/starttls.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { makeTestPki, startRawServer, startStartTlsServer, type RunningServer, type TestPki } from '../../helpers/tls-servers.js';

const PROTOCOLS: StartTlsProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'ldap', 'xmpp', 'postgres'];

let pki: TestPki;
let dir: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await makeTestPki();
  dir = await mkdtemp(join(tmpdir(), 'pkimm-starttls-'));
  await writeFile(join(dir, 'root.pem'), pki.root.pem);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function serve(start: Promise<RunningServer>): Promise<RunningServer> {
  const server = await start;
  servers.push(server);
  return server;
}

async function run(config: Record<string, unknown>) {
  const ctx = fakeCollectorContext({ baseDir: dir });
  await tlsEndpoint.collect(TlsEndpointConfig.parse({ caFiles: ['root.pem'], timeoutMs: 3000, ...config }), ctx);
  return ctx;
}

describe('STARTTLS', () => {
  it.each(PROTOCOLS)('%s: upgrades, then records the handshake and the served chain', async (protocol) => {
    const server = await serve(startStartTlsServer(protocol, { tls: { cert: pki.servedPem, key: pki.leafKeyPem } }));
    const ctx = await run({ targets: [{ host: '127.0.0.1', port: server.port, starttls: protocol, serverName: 'test.example' }] });
    expect(ctx.problems).toEqual([]);
    const [endpoint] = ctx.ofKind('tls-endpoint');
    expect(endpoint).toMatchObject({ starttls: protocol, chainTrusted: true, hostnameMatches: true, chain: [pki.sha256(pki.leaf), pki.sha256(pki.intermediate)] });
    // ALPN (h2, http/1.1) is only offered on direct TLS.
    expect(endpoint!.alpn).toBeUndefined();
  });

  it.each(PROTOCOLS)('%s: a server that refuses STARTTLS is one clear problem', async (protocol) => {
    const server = await serve(startStartTlsServer(protocol, { tls: { cert: pki.servedPem, key: pki.leafKeyPem }, refuse: true }));
    const ctx = await run({ targets: [`${server.target} starttls=${protocol}`] });
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toEqual([{ target: server.target, code: 'tls-handshake', message: expect.stringMatching(new RegExp(`^${server.target}: STARTTLS ${protocol} refused: `)) }]);
  });

  it('quotes what a refusing server said, printable and one line', async () => {
    const server = await serve(startStartTlsServer('smtp', { tls: { cert: pki.servedPem, key: pki.leafKeyPem }, refuse: true }));
    const ctx = await run({ targets: [`${server.target} starttls=smtp`] });
    expect(ctx.problems[0]!.message).toBe(`${server.target}: STARTTLS smtp refused: "454 4.7.0 TLS not available due to temporary reason"`);
  });

  it('gives up on a greeting that drips in within the STARTTLS limit', async () => {
    const server = await serve(startStartTlsServer('smtp', { tls: { cert: pki.servedPem, key: pki.leafKeyPem }, dripMs: 50 }));
    const ctx = await run({ targets: [`${server.target} starttls=smtp`], starttlsTimeoutMs: 300 });
    expect(ctx.problems).toEqual([{ target: server.target, code: 'timeout', message: `${server.target}: no STARTTLS smtp exchange within 300 ms` }]);
  });

  it('bounds the greeting: an endless line and an endless reply are refused as too large', async () => {
    const endlessLine = await serve(startRawServer((s) => s.write('220 ' + 'x'.repeat(10_000))));
    const endlessReply = await serve(startRawServer((s) => s.write(`220-${'h'.repeat(1000)}\r\n`.repeat(100))));
    const ctx = await run({ targets: [`${endlessLine.target} starttls=smtp`, `${endlessReply.target} starttls=smtp`] });
    expect(ctx.problems).toHaveLength(2);
    expect(ctx.problems).toEqual(
      expect.arrayContaining([
        { target: endlessLine.target, code: 'too-large', message: `${endlessLine.target}: STARTTLS smtp: a line longer than 4096 bytes` },
        { target: endlessReply.target, code: 'too-large', message: `${endlessReply.target}: STARTTLS smtp: the server sent more than 65536 bytes before TLS` },
      ]),
    );
  });

  it('says so when the server does not speak the protocol', async () => {
    const http = await serve(startRawServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const messages = await Promise.all(
      (['smtp', 'imap', 'postgres'] as const).map(async (protocol) => (await run({ targets: [`${http.target} starttls=${protocol}`] })).problems.map((p) => p.message)),
    );
    expect(messages).toEqual([
      [`${http.target}: STARTTLS smtp: not a smtp server (first line "HTTP/1.1 400 Bad Request")`],
      [`${http.target}: STARTTLS imap: not a imap server (greeting "HTTP/1.1 400 Bad Request")`],
      [`${http.target}: STARTTLS postgres: not a postgres server (SSLRequest answered 0x48)`],
    ]);
  });
});

describe('LDAP StartTLS encoding', () => {
  it('encodes the extended request and reads result codes', () => {
    expect(Buffer.from(ldapStartTlsRequest()).toString('hex')).toBe('301d02010177188016' + Buffer.from('1.3.6.1.4.1.1466.20037').toString('hex'));
    expect(ldapResultCode(Buffer.from('300c02010178070a010004000400', 'hex'))).toBe(0);
    // Long-form lengths, as Active Directory sends them: resultCode 53 (unwillingToPerform).
    expect(ldapResultCode(Buffer.from('30840000001002010178840000000' + '70a01350400' + '0400', 'hex'))).toBe(53);
    expect(() => ldapResultCode(Buffer.from('300602010165010a', 'hex'))).toThrow(/not an ExtendedResponse/);
  });
});
