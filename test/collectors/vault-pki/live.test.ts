import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import vaultPki from '../../../collectors/vault-pki/index.js';
import { assertNoSecrets } from '../../../src/ca-config/secrets.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const TOKEN = 'hvs.LIVEFIXTURETOKENnevershown0123456789';
const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/vault/api/', import.meta.url));

/** A loopback server answering like Vault for the paths of the api fixture; some paths deny or fail on purpose. */
let server: Server;
let address: string;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

const envelope = (data: unknown) => JSON.stringify({ request_id: 'live', lease_id: '', lease_duration: 0, renewable: false, data, warnings: null });

async function fixtureData(path: string): Promise<unknown> {
  const json = JSON.parse(await readFile(`${fixtures}${path}.json`, 'utf8')) as { data: unknown };
  return json.data;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(body);
      };
      if (req.headers['x-vault-token'] !== TOKEN) return send(403, '{"errors":["permission denied"]}');
      const path = url.pathname.replace(/^\/v1\//, '');
      const list = url.searchParams.get('list') === 'true';
      if (path === 'sys/mounts') return send(200, envelope(await fixtureData('sys/mounts')));
      if (path === 'sys/audit') return send(200, envelope({ 'file/': { type: 'file', path: 'file/', options: { file_path: '/var/log/audit.log' } } }));
      if (path === 'pki_int/roles' && list) return send(200, envelope({ keys: ['web-server', 'anything'] }));
      if (path === 'pki_int/issuers' && list) return send(200, envelope({ keys: ['7f1c6a0e-3c4e-4d5b-9d1a-0a1b2c3d4e5f'], key_info: { '7f1c6a0e-3c4e-4d5b-9d1a-0a1b2c3d4e5f': { issuer_name: 'issuing-2026', is_default: true } } }));
      if (path === 'pki_int/config/acme') return send(403, '{"errors":["1 error occurred:\\n\\t* permission denied\\n\\n"]}');
      if (path === 'pki_int/config/auto-tidy') return send(404, '{"errors":[]}');
      try {
        return send(200, envelope(await fixtureData(path)));
      } catch {
        return send(404, '{"errors":[]}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  vi.unstubAllEnvs();
  seen.length = 0;
});

describe('vault-pki collector: live API', () => {
  it('lists PKI mounts, reads roles, configs, issuers and keys with the token and namespace headers', async () => {
    vi.stubEnv('VAULT_ADDR', address);
    vi.stubEnv('VAULT_TOKEN', TOKEN);
    vi.stubEnv('VAULT_NAMESPACE', 'team-a');
    const ctx = fakeCollectorContext({ network: { allow: ['127.0.0.1'] } });
    await vaultPki.collect(vaultPki.config.parse({ live: {} }), ctx);

    const setups = ctx.ofKind('ca-config');
    expect(setups.map((s) => [s.name, s.source])).toEqual([['vault pki_int/', { url: address, pointer: 'mount pki_int/' }]]);
    const mount = setups[0]!;
    expect(mount.profiles.map((p) => [p.name, p.maxValiditySeconds])).toEqual([
      ['anything', 90 * 86400],
      ['web-server', 30 * 86400],
    ]);
    expect(mount.keyStorage).toEqual({ kind: 'hsm', detail: "managed key 'hsm-issuing' (pkcs11)" });
    expect(mount.audit).toEqual({ enabled: true, detail: '1 audit device enabled' });
    expect(mount.ca?.subject).toBe('CN=Fixture Issuing CA, O=pkimm-scan fixtures');
    // LIST goes as GET ?list=true; every request carries the token and namespace headers.
    expect(seen.map((s) => s.path)).toContain('/v1/pki_int/roles?list=true');
    expect(seen.every((s) => s.headers['x-vault-token'] === TOKEN && s.headers['x-vault-namespace'] === 'team-a')).toBe(true);
    expect(ctx.problems).toEqual([{ target: address, code: 'permission', message: `${address}: pki_int/: the token may not read config/acme` }]);
    expect(() => assertNoSecrets({ emitted: ctx.emitted, problems: ctx.problems }, [TOKEN])).not.toThrow();
  });

  it('uses BAO_* variables for OpenBao and names the product accordingly', async () => {
    vi.stubEnv('VAULT_ADDR', '');
    vi.stubEnv('BAO_ADDR', address);
    vi.stubEnv('BAO_TOKEN', TOKEN);
    const ctx = fakeCollectorContext({ network: { allow: ['127.0.0.1'] } });
    await vaultPki.collect(vaultPki.config.parse({ live: { mounts: ['pki_int'] } }), ctx);
    expect(ctx.ofKind('ca-config').map((s) => s.name)).toEqual(['openbao pki_int/']);
  });

  it('reports a refused token, a missing token and the network policy as one problem each, never the token', async () => {
    vi.stubEnv('VAULT_ADDR', address);
    vi.stubEnv('VAULT_TOKEN', 'hvs.WRONGTOKENwrongtokenwrongtoken0001');
    let ctx = fakeCollectorContext({ network: { allow: ['127.0.0.1'] } });
    await vaultPki.collect(vaultPki.config.parse({ live: {} }), ctx);
    expect(ctx.problems.map((p) => [p.code, p.message])).toEqual([['permission', `${address}: sys/mounts: the token may not list mounts; name the PKI mounts in live.mounts`]]);

    vi.stubEnv('VAULT_TOKEN', '');
    vi.stubEnv('BAO_TOKEN', '');
    ctx = fakeCollectorContext({ network: { allow: ['127.0.0.1'] } });
    await vaultPki.collect(vaultPki.config.parse({ live: {} }), ctx);
    expect(ctx.problems.map((p) => p.message)).toEqual([`${address}: live mode needs an address (live.address, $VAULT_ADDR or $BAO_ADDR) and a token in $VAULT_TOKEN or $BAO_TOKEN`]);

    vi.stubEnv('VAULT_TOKEN', TOKEN);
    ctx = fakeCollectorContext();
    await vaultPki.collect(vaultPki.config.parse({ live: {} }), ctx);
    expect(ctx.problems).toHaveLength(1);
    expect(ctx.problems[0]).toMatchObject({ code: 'permission', message: expect.stringContaining('refused by the network policy') as unknown });
    expect(JSON.stringify(ctx.problems)).not.toContain(TOKEN);
  });
});
