import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import { classifyAddress, NetGuard, NetPolicyError, parseIp, type Resolver } from '../../src/engine/net-guard.js';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['2002:0808:0808::1', 'public'],
    ['::127.0.0.1', 'reserved'],
    ['4000::1', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('parses IPv6 with embedded IPv4 and compressed zeros', () => {
    expect([...parseIp('::ffff:1.2.3.4')!]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
    expect([...parseIp('1::2')!]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(parseIp('1.2.3')).toBeUndefined();
  });
});

describe('NetGuard', () => {
  it('refuses non-public addresses by default and names the way to allow them', () => {
    const guard = new NetGuard();
    expect(() => guard.checkUrl('http://127.0.0.1:8080/ca.crl')).toThrow(NetPolicyError);
    expect(() => guard.checkUrl('http://[::1]/')).toThrow(/loopback address; add it to network.allow/);
    expect(() => guard.checkUrl('http://169.254.169.254/latest/meta-data/')).toThrow(/link-local/);
    expect(() => guard.checkUrl('http://8.8.8.8/')).not.toThrow();
    expect(() => guard.checkUrl('http://crl.example.com/x.crl')).not.toThrow(); // names are checked after resolution
  });

  it('refuses schemes other than http(s) and URLs with credentials', () => {
    const guard = new NetGuard();
    expect(() => guard.checkUrl('ldap://ldap.example.com/cn=CA?certificateRevocationList')).toThrow(/scheme ldap: is not fetched/);
    expect(() => guard.checkUrl('file:///etc/passwd')).toThrow(NetPolicyError);
    expect(() => guard.checkUrl('http://user:secret@crl.example.com/')).toThrow(/credentials/);
    expect(() => guard.checkUrl('http://user:secret@crl.example.com/')).not.toThrow(/secret/);
    expect(() => guard.checkUrl('not a url')).toThrow(NetPolicyError);
  });

  it('errors are CollectErrors with code permission', () => {
    try {
      new NetGuard().checkUrl('http://10.0.0.1/');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CollectError);
      expect((error as CollectError).code).toBe('permission');
    }
  });

  it.each([
    [['127.0.0.1'], 'localhost', '127.0.0.1', true],
    [['127.0.0.1'], 'x', '127.0.0.2', false],
    [['127.0.0.0/8'], 'x', '127.0.0.2', true],
    [['10.0.0.0/8'], 'x', '::ffff:10.9.9.9', true],
    [['fd00::/8'], 'x', 'fd00::5', true],
    [['crl.corp.example'], 'CRL.corp.example.', '10.1.1.1', true],
    [['crl.corp.example'], 'other.corp.example', '10.1.1.1', false],
    [['*.corp.example'], 'a.b.corp.example', '192.168.3.3', true],
    [['*.corp.example'], 'corp.example', '192.168.3.3', false],
    [[], 'public.example', '8.8.4.4', true],
  ])('allow %j: %s at %s → %s', (allow, host, address, allowed) => {
    expect(new NetGuard(allow).addressAllowed(host, address)).toBe(allowed);
  });

  it('rejects allow entries that are neither host, IP nor CIDR', () => {
    expect(() => new NetGuard(['10.0.0.0/33'])).toThrow(/network.allow/);
    expect(() => new NetGuard(['http://x/'])).toThrow(/network.allow/);
  });

  describe('lookup', () => {
    const run = (guard: NetGuard, resolver: Resolver, host: string, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((resolve) => {
        guard.lookup(resolver)(host, { all }, (error, address) => resolve({ error, address }));
      });

    it('refuses a host name that resolves to a private address', async () => {
      const { error } = await run(new NetGuard(), async () => [{ address: '10.0.0.7', family: 4 }], 'crl.example.com', false);
      expect(error).toBeInstanceOf(NetPolicyError);
      expect(error?.message).toContain('crl.example.com (10.0.0.7)');
    });

    it('refuses when any of several addresses is not allowed, and passes exactly the checked addresses otherwise', async () => {
      const mixed: Resolver = async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ];
      expect((await run(new NetGuard(), mixed, 'rebind.example', true)).error).toBeInstanceOf(NetPolicyError);
      const ok = await run(new NetGuard(['127.0.0.1']), mixed, 'rebind.example', true);
      expect(ok.error).toBeNull();
      expect(ok.address).toEqual([
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
      const single = await run(new NetGuard(), async () => [{ address: '2606:4700::1', family: 6 }], 'v6.example', false);
      expect(single).toEqual({ error: null, address: '2606:4700::1' });
    });

    it('passes resolver failures through and reports names without addresses', async () => {
      const dnsError: NodeJS.ErrnoException = Object.assign(new Error('getaddrinfo ENOTFOUND nx.example'), { code: 'ENOTFOUND' });
      expect((await run(new NetGuard(), async () => Promise.reject(dnsError), 'nx.example', false)).error?.code).toBe('ENOTFOUND');
      expect((await run(new NetGuard(), async () => [], 'empty.example', false)).error?.code).toBe('ENOTFOUND');
    });
  });
});

describe('scan configuration network section', () => {
  it('defaults to public addresses only, 3 redirects and 30 s', () => {
    expect(ScanConfig.parse({}).network).toEqual({ allow: [], maxRedirects: 3, timeoutMs: 30_000 });
  });

  it('accepts hosts, wildcards, IPs and CIDRs and rejects anything else before any I/O', () => {
    expect(ScanConfig.parse({ network: { allow: ['crl.corp.example', '*.corp.example', '10.0.0.0/8', '::1'] } }).network.allow).toHaveLength(4);
    const bad = ScanConfig.safeParse({ network: { allow: ['10.0.0.0/33'] } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('CIDR');
    expect(ScanConfig.safeParse({ network: { maxRedirects: 11 } }).success).toBe(false);
  });
});
