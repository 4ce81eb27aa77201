// Three scenario estates for test/scenarios/estates.test.ts, built in code from the evidence helpers: what a scan of a
// poorly run, a middling and a well-run automated PKI would collect, with the scan facts around it.
import type { AnyEvidence, CertificateData, Evidence } from '../../model/evidence.js';
import type { ScanFacts } from '../../src/engine/define-assessor.js';
import type { Waiver } from '../../src/policy/waivers.js';
import { certificateEvidence, scanFacts, tlsEndpointEvidence, type DataOverrides } from '../helpers/evidence.js';
import { caConfigEvidence, caProfile, crlEvidence, ctEntryEvidence, daysAgo, ocspEvidence, privateKeyEvidence } from '../rules/helpers.js';

const DAY = 86_400;

/** One estate: evidence, scan facts, waivers, and where its policy profile comes from. */
export interface Estate {
  readonly name: string;
  readonly evidence: readonly AnyEvidence[];
  readonly facts: ScanFacts;
  readonly waivers: readonly Waiver[];
  /** A profile file under fixtures/scenarios/, else the built-in default. */
  readonly profileFile?: string;
}

/** A leaf for `host` with overrides; the SPKI differs per host. */
function leaf(host: string, overrides: DataOverrides<CertificateData> = {}): Evidence<'certificate'> {
  return certificateEvidence({ subject: `CN=${host}`, subjectAltNames: [`DNS:${host}`], spkiSha256: `spki-${host}`, serialNumberHex: `7A3F9C0012${host.length}4E5D6C`, authorityKeyIdentifier: 'aa01', ...overrides });
}

/** An endpoint serving `cert` (and its chain). */
function serve(host: string, chain: readonly Evidence<'certificate'>[], overrides: Parameters<typeof tlsEndpointEvidence>[0] = {}): Evidence<'tls-endpoint'> {
  return tlsEndpointEvidence({ host, serverName: host, chain: chain.map((c) => c.data.sha256), ...overrides });
}

/**
 * Poorly run: manual renewal, legacy algorithms and protocols, an ADCS with escalation paths, keys lying around, no
 * inventory, one ad hoc scan of TLS endpoints only.
 */
export function poorEstate(): Estate {
  const issuer = { issuer: 'CN=Corp Issuing CA,DC=corp,DC=test', policyOids: [], ocspUrls: [], caIssuerUrls: [] };
  const certs = [
    leaf('intranet.corp.test', { ...issuer, keySizeBits: 1024, validitySeconds: 825 * DAY, notBefore: '2025-01-01T00:00:00Z', notAfter: '2027-04-05T00:00:00Z' }),
    leaf('hr.corp.test', { ...issuer, signatureHash: 'SHA-1', signatureAlgorithm: 'sha1WithRSAEncryption', notBefore: '2024-06-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z', validitySeconds: 1095 * DAY }),
    leaf('mail.corp.test', { ...issuer, notBefore: '2025-10-01T00:00:00Z', notAfter: '2026-10-01T00:00:00Z' }),
    leaf('wiki.corp.test', { ...issuer, crlUrls: [], notBefore: '2025-11-01T00:00:00Z', notAfter: '2026-11-01T00:00:00Z' }),
    leaf('legacy.corp.test', { ...issuer, isSelfSigned: true, issuer: 'CN=legacy.corp.test', crlUrls: [], authorityKeyIdentifier: undefined, serialNumberHex: '01' }),
    leaf('vpn.corp.test', { ...issuer, keySizeBits: 1024, spkiSha256: 'spki-shared' }),
    leaf('sso.corp.test', { ...issuer, spkiSha256: 'spki-shared' }),
    leaf('app.corp.test', { ...issuer, crlUrls: [] }),
  ];
  const endpoints = [
    serve('intranet.corp.test', [certs[0]!], { protocol: 'TLSv1', cipher: 'DES-CBC3-SHA', forwardSecrecy: false, chainTrusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }),
    serve('hr.corp.test', [certs[1]!], { protocol: 'TLSv1.2', cipher: 'AES128-SHA', forwardSecrecy: false }),
    serve('mail.corp.test', [certs[2]!], { protocol: 'TLSv1.1', cipher: 'ECDHE-RSA-AES128-SHA' }),
    serve('legacy.corp.test', [certs[4]!], { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', chainTrusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatches: false }),
    serve('vpn.corp.test', [certs[5]!], { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' }),
  ];
  const adcs = caConfigEvidence({
    product: 'adcs',
    name: 'CORP-CA',
    ca: { subject: 'CN=Corp Issuing CA,DC=corp,DC=test', keyAlgorithm: 'RSA', keySizeBits: 2048 },
    profiles: [
      caProfile({ name: 'WebServer', kind: 'template', maxValiditySeconds: 730 * DAY, defaultValiditySeconds: 730 * DAY, keyTypes: [{ algorithm: 'RSA', minBits: 1024 }], signatureAlgorithms: ['SHA1WithRSA'], enrollment: ['proprietary'], renewBeforeSeconds: undefined, autoRenewal: false, includesOcspUrl: false }),
      caProfile({ name: 'User', kind: 'template', extendedKeyUsage: ['clientAuth'], subject: { enrolleeSuppliesSubject: true }, enrollment: ['proprietary'], autoRenewal: false, renewBeforeSeconds: undefined }),
    ],
    enrollment: ['proprietary', 'manual'],
    revocation: { crl: { enabled: false }, ocsp: { enabled: false } },
    keyStorage: { kind: 'software', detail: 'Microsoft Software Key Storage Provider' },
    audit: { enabled: false, detail: 'AuditFilter 0' },
    observations: [
      { code: 'adcs-esc1', profile: 'User', message: "Template 'User' matches ESC1: client authentication, the enrollee supplies the subject, no approval; Domain Users may enroll." },
      { code: 'adcs-esc6', message: 'EDITF_ATTRIBUTESUBJECTALTNAME2 is set on the CA.' },
    ],
  });
  const keys = [
    privateKeyEvidence({ location: 'srv/web/server.key', fileMode: '0644', spkiSha256: 'spki-intranet.corp.test', keySizeBits: 1024 }),
    privateKeyEvidence({ location: 'home/admin/old.key', fileMode: '0666', spkiSha256: 'spki-gone' }),
  ];
  return {
    name: 'poor',
    evidence: [...certs, ...endpoints, adcs, ...keys],
    facts: scanFacts({ sourceTypes: ['tls-endpoint'], targets: { 'tls-endpoint': { configured: 5, observed: 5 } }, previousScans: [] }),
    waivers: [],
  };
}

/**
 * Middling: mostly sound algorithms, half the certificates renewed by certbot, a Vault CA with an HSM but local audit
 * logs and CRLs only, a partial inventory, monthly scans of endpoints and files.
 */
export function middlingEstate(): Estate {
  const issuer = { issuer: 'CN=Example Issuing CA,O=Example', policyOids: ['1.3.6.1.4.1.55555.1.1'], ocspUrls: [], notBefore: '2026-06-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z', validitySeconds: 365 * DAY };
  const certbot = (host: string) => leaf(host, { ...issuer, sightings: [{ collector: 'certbot', target: `/etc/letsencrypt/renewal/${host}.conf`, attributes: { managedBy: 'certbot', lineage: host } }, { collector: 'tls-endpoint', target: `${host}:443` }] });
  const manual = (host: string, overrides: DataOverrides<CertificateData> = {}) => leaf(host, { ...issuer, ...overrides });
  const certs = [
    ...['www', 'api', 'shop', 'blog', 'docs'].map((h) => certbot(`${h}.example.net`)),
    ...['crm', 'erp', 'git', 'ci'].map((h) => manual(`${h}.example.net`)),
    manual('old.example.net', { notBefore: '2025-11-01T00:00:00Z', notAfter: '2026-11-15T00:00:00Z' }),
  ];
  const endpoints = certs.slice(0, 9).map((c, i) =>
    serve(c.data.subject.slice(3), [c], i === 8 ? { protocolVersions: { TLSv1: { outcome: 'accepted' }, 'TLSv1.2': { outcome: 'accepted' } }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' } : { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' }),
  );
  const vault = caConfigEvidence({
    ca: { subject: 'CN=Example Issuing CA,O=Example', keyAlgorithm: 'RSA', keySizeBits: 3072 },
    profiles: [caProfile({ maxValiditySeconds: 365 * DAY, defaultValiditySeconds: 365 * DAY, keyTypes: [{ algorithm: 'RSA', minBits: 2048 }], renewBeforeSeconds: 30 * DAY, includesOcspUrl: false })],
    revocation: { crl: { enabled: true, intervalSeconds: 3 * DAY, overlapSeconds: 12 * 3600, urls: ['http://crl.example.net/issuing.crl'] }, ocsp: { enabled: false } },
    audit: { enabled: true, detail: 'file audit device /var/log/vault/audit.log' },
  });
  const certbotClient = caConfigEvidence({ product: 'certbot', role: 'client', name: 'certbot', ca: { url: 'https://acme-v02.api.letsencrypt.org/directory', staging: false }, profiles: [caProfile({ kind: 'lineage', maxValiditySeconds: undefined, defaultValiditySeconds: 90 * DAY })], automation: { autoRenewal: true, schedulerPresent: true, mechanism: 'certbot.timer' }, enrollment: ['acme'], keyStorage: undefined, audit: undefined, revocation: undefined });
  const keys = certs.slice(0, 5).map((c) => privateKeyEvidence({ location: `/etc/letsencrypt/live/${c.data.subject.slice(3)}/privkey.pem`, spkiSha256: c.data.spkiSha256 }));
  const known = certs.slice(0, 8).map((c) => c.data.sha256);
  return {
    name: 'middling',
    evidence: [...certs, ...endpoints, vault, certbotClient, ...keys, crlEvidence({ url: 'http://crl.example.net/issuing.crl', issuer: 'CN=Example Issuing CA,O=Example' })],
    facts: scanFacts({
      sourceTypes: ['cert-file', 'certbot', 'crl', 'tls-endpoint', 'vault-pki'],
      targets: { 'tls-endpoint': { configured: 10, observed: 9 }, 'cert-file': { configured: 2, observed: 2 }, certbot: { configured: 1, observed: 1 }, 'vault-pki': { configured: 1, observed: 1 }, crl: { configured: 1, observed: 1 } },
      previousScans: [daysAgo(28), daysAgo(56)],
      declaredInventory: { source: 'cmdb.csv', records: 8, sha256: new Set(known), issuerSerial: new Set<string>(), attributeCompleteness: 0.7 },
      attestations: { 'discovery-process-documented': true },
    }),
    waivers: [{ id: 'EX-12', rule: 'tls-protocol-no-legacy', target: 'ci.example.net:*', owner: 'Build team', reason: 'legacy build agents need TLS 1.0 until Q2', expires: '2027-03-31' }],
  };
}

/**
 * Well-run and automated: short-lived ECDSA certificates renewed by cert-manager, hybrid PQC key exchange, an HSM-backed
 * Vault CA with forwarded audit logs, redundant revocation, a complete inventory, daily scans over five source types
 * including CT, a declared scope, its own reviewed policy profile and the attestations a person confirmed.
 */
export function wellRunEstate(): Estate {
  const issuer = {
    issuer: 'CN=Example Issuing CA,O=Example',
    keyAlgorithm: 'EC' as const,
    keySizeBits: 256,
    curve: 'P-256',
    signatureAlgorithm: 'ecdsa-with-SHA256',
    signatureHash: 'SHA-256',
    keyUsage: ['digitalSignature'],
    policyOids: ['1.3.6.1.4.1.55555.1.1'],
    crlUrls: ['http://crl.example.org/issuing.crl'],
    ocspUrls: ['http://ocsp.example.org'],
    caIssuerUrls: ['http://pki.example.org/issuing.cer'],
    notBefore: '2026-11-01T00:00:00Z',
    notAfter: '2027-01-30T00:00:00Z',
    validitySeconds: 90 * DAY,
  };
  const hosts = ['www', 'api', 'shop', 'auth', 'cdn', 'docs', 'status', 'mail', 'vpn', 'git', 'ci', 'wiki'].map((h) => `${h}.example.org`);
  const certs = hosts.map((host) =>
    leaf(host, { ...issuer, sightings: [{ collector: 'kubernetes', target: `cluster/prod secret web/${host}`, attributes: { managedBy: 'cert-manager' } }, { collector: 'tls-endpoint', target: `${host}:443` }] }),
  );
  const issuing = certificateEvidence({ subject: 'CN=Example Issuing CA,O=Example', issuer: 'CN=Example Root CA,O=Example', isCa: true, keyAlgorithm: 'EC', keySizeBits: 384, curve: 'P-384', keyUsage: ['keyCertSign', 'cRLSign'], extendedKeyUsage: [], subjectAltNames: [], policyOids: ['1.3.6.1.4.1.55555.1.1'], notBefore: '2026-01-01T00:00:00Z', notAfter: '2030-12-31T00:00:00Z', validitySeconds: 1825 * DAY, subjectKeyIdentifier: 'aa01', authorityKeyIdentifier: 'bb01', serialNumberHex: '4C1D2E3F5A6B7C8D9E', spkiSha256: 'spki-issuing', crlUrls: ['http://crl.example.org/root.crl'], ocspUrls: [], caIssuerUrls: ['http://pki.example.org/root.cer'], sightings: [{ collector: 'tls-endpoint', target: 'www.example.org:443', location: 'chain[1]' }] });
  const pqcRoot = certificateEvidence({ subject: 'CN=Example PQC Test Root,O=Example', issuer: 'CN=Example PQC Test Root,O=Example', isCa: true, isSelfSigned: true, keyAlgorithm: 'ML-DSA', keyAlgorithmName: 'ML-DSA-65', keySizeBits: undefined, signatureAlgorithm: 'ML-DSA-65', signatureHash: undefined, keyUsage: ['keyCertSign', 'cRLSign'], extendedKeyUsage: [], subjectAltNames: [], policyOids: [], notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z', validitySeconds: 1826 * DAY, subjectKeyIdentifier: 'cc01', spkiSha256: 'spki-pqc-root', crlUrls: [], ocspUrls: [], caIssuerUrls: [], sightings: [{ collector: 'cert-file', target: 'pki/test/pqc-root.pem' }] });
  const endpoints = certs.map((c) => serve(c.data.subject.slice(3), [c, issuing], { keyExchange: { type: 'ECDH', group: 'X25519MLKEM768', sizeBits: 253 }, forwardSecrecy: true, ocspStapled: true, protocolVersions: { TLSv1: { outcome: 'rejected' }, 'TLSv1.1': { outcome: 'rejected' }, 'TLSv1.2': { outcome: 'accepted' }, 'TLSv1.3': { outcome: 'accepted' } } }));
  const vault = caConfigEvidence({
    name: 'vault pki_int/',
    source: { url: 'https://vault.example.org:8200' },
    ca: { subject: 'CN=Example Issuing CA,O=Example', keyAlgorithm: 'EC', keySizeBits: 384, certificateSha256: [issuing.data.sha256] },
    profiles: [caProfile({ keyTypes: [{ algorithm: 'EC', curves: ['P-256', 'P-384'] }, { algorithm: 'ML-DSA' }], signatureAlgorithms: ['ecdsa-with-SHA384'] })],
    enrollment: ['acme', 'api'],
    revocation: { crl: { enabled: true, intervalSeconds: DAY, overlapSeconds: 2 * DAY, urls: ['http://crl.example.org/issuing.crl', 'http://crl2.example.org/issuing.crl'] }, ocsp: { enabled: true, urls: ['http://ocsp.example.org'] } },
    keyStorage: { kind: 'pkcs11', detail: 'Vault managed key on a FIPS 140-3 HSM' },
    audit: { enabled: true, detail: 'syslog audit device forwarded to the SIEM' },
    issued: { valid: 400, revoked: 3, expired: 900 },
  });
  const certManager = caConfigEvidence({ product: 'cert-manager', role: 'client', name: 'ClusterIssuer/vault-acme', source: { pointer: 'cluster/prod' }, ca: { url: 'https://vault.example.org/v1/pki_int/acme/directory', staging: false }, profiles: hosts.map((h) => caProfile({ name: `Certificate/${h}`, kind: 'certificate', renewBeforeSeconds: 30 * DAY })), automation: { autoRenewal: true, mechanism: 'cert-manager', schedulerPresent: true }, enrollment: ['acme'], keyStorage: undefined, audit: undefined, revocation: undefined });
  const ct = hosts.slice(0, 4).map((h, i) => ctEntryEvidence({ dnsNames: [h], serialNumberHex: certs[i]!.data.serialNumberHex, issuer: 'CN=Example Issuing CA,O=Example', matchedDomains: ['example.org'], sha256: certs[i]!.data.sha256, loggedAt: daysAgo(2) }));
  const revocation = [
    crlEvidence({ url: 'http://crl.example.org/issuing.crl', issuer: 'CN=Example Issuing CA,O=Example' }),
    crlEvidence({ url: 'http://crl2.example.org/issuing.crl', issuer: 'CN=Example Issuing CA,O=Example', sha256: 'b'.repeat(64) }),
    ...certs.slice(0, 3).map((c) => ocspEvidence({ certificate: c.data.sha256, serialNumberHex: c.data.serialNumberHex })),
  ];
  const all = [...certs, issuing, pqcRoot];
  return {
    name: 'well-run',
    evidence: [...all, ...endpoints, vault, certManager, ...ct, ...revocation],
    facts: scanFacts({
      sourceTypes: ['cert-file', 'crl', 'crtsh', 'kubernetes', 'ocsp', 'tls-endpoint', 'vault-pki'],
      targets: {
        'tls-endpoint': { configured: 12, observed: 12 },
        'cert-file': { configured: 1, observed: 1 },
        kubernetes: { configured: 1, observed: 1 },
        crtsh: { configured: 1, observed: 1 },
        'vault-pki': { configured: 1, observed: 1 },
        crl: { configured: 2, observed: 2 },
        ocsp: { configured: 3, observed: 3 },
      },
      previousScans: Array.from({ length: 10 }, (_, i) => daysAgo(i + 1)),
      declaredInventory: { source: 'clm-export.json', records: all.length, sha256: new Set(all.map((c) => c.data.sha256)), issuerSerial: new Set<string>(), attributeCompleteness: 1 },
      inventoryAdopted: false,
      attestations: {
        'inventory-is-system-of-record': true,
        'discovery-process-documented': true,
        'cbom-consumed-downstream': true,
        'cbom-exported': true,
        'expiry-monitoring': true,
        'automation-monitoring': true,
        'ca-health-monitoring': true,
        'hsm-monitoring': true,
        'critical-alerting': true,
      },
    }),
    waivers: [],
    profileFile: 'well-run/policy.yaml',
  };
}

