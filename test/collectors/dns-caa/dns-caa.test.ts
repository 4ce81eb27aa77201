import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsCaaData } from '../../../model/evidence.js';
import { climbNames, parseIssueValue } from '../../../collectors/dns-caa/caa.js';
import { DnsCaaConfig } from '../../../collectors/dns-caa/config.js';
import collector from '../../../collectors/dns-caa/index.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { type DnsServer, startDnsServer, type Zone } from '../../helpers/dns-server.js';

const zones = new Map<string, Zone>([
  ['example.test', { caa: [[0, 'issue', 'letsencrypt.org; validationmethods=dns-01'], [0, 'issuewild', ';'], [0, 'iodef', 'mailto:security@example.test'], [128, 'tbs', 'unknown'], [0, 'contactemail', 'pki@example.test']] }],
  ['own.example.test', { caa: [[0, 'issue', 'pki.goog; accounturi=https://dv.acme-v02.api.pki.goog/account/1']] }],
  ['missing.example.test', 'nxdomain'],
  ['broken.test', 'servfail'],
  ['slow.test', 'silent'],
  ['alias.example.test', { caa: [], cname: 'cdn.provider.test' }],
  ['cdn.provider.test', { caa: [[0, 'issue', 'digicert.com']] }],
  ...[1, 2, 3, 4, 5, 6].map((i): [string, Zone] => [`d${i}.example.test`, { caa: [[0, 'issue', 'letsencrypt.org']], delayMs: 30 }]),
]);

describe('dns-caa collector', () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer(zones);
  });
  afterAll(async () => {
    await server.close();
  });

  const run = async (config: Record<string, unknown>, collected: Parameters<typeof fakeCollectorContext>[0] = {}) => {
    const ctx = fakeCollectorContext(collected);
    await collector.collect(DnsCaaConfig.parse({ servers: [server.address], timeoutMs: 200, tries: 1, ...config }), ctx);
    const byDomain = new Map(ctx.ofKind('dns-caa').map((d): [string, DnsCaaData] => [d.domain, d]));
    return { ctx, byDomain };
  };

  it('records the RRset at the domain itself, every tag kept and issue values parsed', async () => {
    const { byDomain, ctx } = await run({ domains: ['Example.TEST.'] });
    expect(ctx.problems).toEqual([]);
    const data = byDomain.get('example.test')!;
    expect(data).toMatchObject({ outcome: 'found', foundAt: 'example.test', source: 'configured', lookups: [{ name: 'example.test', result: 'records' }] });
    expect(data.records.map((r) => `${r.flags} ${r.tag} ${r.value}`)).toEqual(['0 contactemail pki@example.test', '0 iodef mailto:security@example.test', '0 issue letsencrypt.org; validationmethods=dns-01', '0 issuewild ;', '128 tbs unknown']);
    expect(data.issuers).toEqual([
      { tag: 'issue', domain: 'letsencrypt.org', parameters: [{ key: 'validationmethods', value: 'dns-01' }] },
      { tag: 'issuewild', parameters: [] },
    ]);
    expect(data.iodef).toEqual(['mailto:security@example.test']);
    expect(data.contactEmails).toEqual(['pki@example.test']);
  });

  it('climbs past NXDOMAIN and no-data names to the closest ancestor with CAA', async () => {
    const { byDomain } = await run({ domains: ['a.missing.example.test', 'www.example.test', 'own.example.test'] });
    expect(byDomain.get('a.missing.example.test')).toMatchObject({
      outcome: 'found',
      foundAt: 'example.test',
      lookups: [
        { name: 'a.missing.example.test', result: 'nxdomain' },
        { name: 'missing.example.test', result: 'nxdomain' },
        { name: 'example.test', result: 'records' },
      ],
    });
    expect(byDomain.get('www.example.test')).toMatchObject({ foundAt: 'example.test', lookups: [{ name: 'www.example.test', result: 'no-data' }, { name: 'example.test', result: 'records' }] });
    expect(byDomain.get('own.example.test')?.issuers).toEqual([{ tag: 'issue', domain: 'pki.goog', parameters: [{ key: 'accounturi', value: 'https://dv.acme-v02.api.pki.goog/account/1' }] }]);
  });

  it('asks each name once per scan, however many climbs pass it', async () => {
    const before = server.queries.length;
    await run({ domains: ['x.example.test', 'y.example.test', 'example.test'] });
    expect(server.queries.slice(before).sort()).toEqual(['example.test', 'x.example.test', 'y.example.test']);
  });

  it('takes the records a CNAME leads to as the resolver returns them', async () => {
    const { byDomain } = await run({ domains: ['alias.example.test'] });
    expect(byDomain.get('alias.example.test')).toMatchObject({ outcome: 'found', foundAt: 'alias.example.test', issuers: [{ tag: 'issue', domain: 'digicert.com', parameters: [] }] });
  });

  it('records "none" when no name up to the top-level domain has CAA records', async () => {
    const { byDomain } = await run({ domains: ['nocaa.invalid-tld'] });
    expect(byDomain.get('nocaa.invalid-tld')).toMatchObject({ outcome: 'none', records: [], issuers: [], lookups: [{ name: 'nocaa.invalid-tld', result: 'no-data' }, { name: 'invalid-tld', result: 'no-data' }] });
  });

  it('turns SERVFAIL and a silent server into problems, never into "no CAA"', async () => {
    const { byDomain, ctx } = await run({ domains: ['www.broken.test', 'slow.test', 'example.test'] });
    expect([...byDomain.keys()]).toEqual(['example.test']);
    expect(ctx.problems).toEqual([
      { target: 'www.broken.test', code: 'dns', message: 'CAA broken.test: the server answered SERVFAIL (ESERVFAIL)' },
      { target: 'slow.test', code: 'timeout', message: 'CAA slow.test: no answer within the timeout (ETIMEOUT)' },
    ]);
  });

  it('looks up the names of collected public TLS certificates only when asked, wildcards as their base name', async () => {
    const publicCert = certificateEvidence({ subjectAltNames: ['DNS:*.own.example.test', 'DNS:intranet'] });
    const privateCert = certificateEvidence({ subjectAltNames: ['DNS:private.example.test'], policyOids: [] });
    const off = await run({ domains: ['example.test'] }, { collected: [publicCert, privateCert] });
    expect([...off.byDomain.keys()]).toEqual(['example.test']);
    const on = await run({ domains: ['example.test'], fromCertificates: true }, { collected: [publicCert, privateCert] });
    expect([...on.byDomain.values()].map((d) => `${d.domain} ${d.source} ${d.foundAt ?? '-'}`).sort()).toEqual(['example.test configured example.test', 'own.example.test certificate-san own.example.test']);
  });

  it('resolves at most `concurrency` domains at a time', async () => {
    const { byDomain } = await run({ domains: [1, 2, 3, 4, 5, 6].map((i) => `d${i}.example.test`), concurrency: 2, timeoutMs: 2000 });
    expect(byDomain.size).toBe(6);
    expect(server.maxInFlight()).toBe(2);
  });

  it('bounds the number of domains and queries', async () => {
    const domains = await run({ domains: ['a.example.test', 'b.example.test', 'c.example.test'], maxDomains: 2 });
    expect(domains.byDomain.size).toBe(2);
    expect(domains.ctx.problems).toEqual([{ target: 'dns-caa', code: 'too-large', message: '3 domains to look up; 1 beyond maxDomains (2) not looked up' }]);
    const queries = await run({ domains: ['a.b.c.example.test'], maxQueries: 2 });
    expect(queries.byDomain.size).toBe(0);
    expect(queries.ctx.problems).toEqual([{ target: 'a.b.c.example.test', code: 'too-large', message: 'CAA c.example.test: maxQueries (2) reached, not asked' }]);
  });

  it('accepts servers with ports and rejects host names', () => {
    expect(DnsCaaConfig.safeParse({ servers: ['192.0.2.53', '192.0.2.53:5353', '[2001:db8::53]:53', '2001:db8::53'] }).success).toBe(true);
    expect(DnsCaaConfig.safeParse({ servers: ['dns.example.test'] }).success).toBe(false);
    expect(DnsCaaConfig.safeParse({ servers: ['192.0.2.53:70000'] }).success).toBe(false);
    expect(DnsCaaConfig.parse({ timeoutMs: '2s' }).timeoutMs).toBe(2000);
  });
});

describe('CAA value parsing', () => {
  it.each([
    ['letsencrypt.org', { tag: 'issue', domain: 'letsencrypt.org', parameters: [] }],
    [' DigiCert.COM ; cansignhttpexchanges=yes', { tag: 'issue', domain: 'digicert.com', parameters: [{ key: 'cansignhttpexchanges', value: 'yes' }] }],
    [';', { tag: 'issue', parameters: [] }],
    ['ca.example; a=1; broken; b = 2', { tag: 'issue', domain: 'ca.example', parameters: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }],
    ['not a domain!', { tag: 'issue', parameters: [] }],
  ])('parses issue "%s"', (value, expected) => {
    expect(parseIssueValue('issue', value)).toEqual(expected);
  });

  it('parses any value into a lowercase domain or none, and well-formed parameters only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const parsed = parseIssueValue('issue', value);
        if (parsed.domain !== undefined) expect(parsed.domain).toMatch(/^[a-z0-9.-]+$/);
        for (const p of parsed.parameters) expect(p.key).toMatch(/^[a-z0-9]+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('climbs to the top-level domain, not the root', () => {
    expect(climbNames('a.b.example')).toEqual(['a.b.example', 'b.example', 'example']);
  });
});
