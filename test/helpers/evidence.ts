import { createHash } from 'node:crypto';
import type { AnyEvidence, CertificateData, Evidence, TlsEndpointData } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { ScanFacts } from '../../src/engine/define-assessor.js';
import type { AnyRule } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';

/** The "now" rule and assessor tests pin. */
export const NOW = new Date('2026-11-22T00:00:00Z');

/** Envelope fields a test may override (everything but kind and data). */
export type EnvelopeOverrides = Partial<Pick<Evidence, 'id' | 'collector' | 'target' | 'observedAt'>>;

/** Overrides for a data type; an explicit `undefined` removes an optional field (e.g. `{ keySizeBits: undefined }`). */
export type DataOverrides<T> = { [K in keyof T]?: T[K] | undefined };

const sha256Of = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Returns a copy without the keys whose value is undefined. */
function withoutUndefined<T extends object>(value: DataOverrides<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Builds certificate evidence: a valid RSA-2048 / SHA-256 TLS server certificate (2026-01-01 .. 2026-12-31,
 * 365 days) unless overridden. The fingerprint and id derive from the other data, so distinct overrides give
 * distinct certificates. Returns the evidence item.
 */
export function certificateEvidence(overrides: DataOverrides<CertificateData> = {}, envelope: EnvelopeOverrides = {}): Evidence<'certificate'> {
  const base: Omit<CertificateData, 'sha256'> = {
    subject: 'CN=www.example.test',
    issuer: 'CN=Example Issuing CA,O=Example',
    serialNumberHex: '0A1B2C3D',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-12-31T23:59:59Z',
    validitySeconds: 365 * 86_400,
    isCa: false,
    isSelfSigned: false,
    keyAlgorithm: 'RSA',
    keyAlgorithmOid: '1.2.840.113549.1.1.1',
    keySizeBits: 2048,
    signatureAlgorithmOid: '1.2.840.113549.1.1.11',
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureHash: 'SHA-256',
    subjectAltNames: ['DNS:www.example.test'],
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['serverAuth'],
    ocspUrls: ['http://ocsp.example.test'],
    caIssuerUrls: ['http://ca.example.test/issuing.cer'],
    crlUrls: ['http://crl.example.test/issuing.crl'],
    policyOids: ['2.23.140.1.2.1'],
    embeddedSctCount: 0,
    spkiSha256: sha256Of('spki'),
    sightings: [{ collector: 'tls-endpoint', target: 'www.example.test:443', location: 'chain[0]' }],
  };
  const { sha256, ...rest } = overrides;
  const merged = withoutUndefined<Omit<CertificateData, 'sha256'>>({ ...base, ...rest });
  const data: CertificateData = { ...merged, sha256: sha256 ?? sha256Of(merged) };
  return {
    id: `certificate:sha256:${data.sha256}`,
    kind: 'certificate',
    collector: 'tls-endpoint',
    target: 'www.example.test:443',
    observedAt: '2026-11-22T00:00:00Z',
    ...envelope,
    data,
  };
}

/** Builds TLS endpoint evidence: www.example.test:443 on TLS 1.3 with a trusted one-certificate chain unless overridden. */
export function tlsEndpointEvidence(overrides: DataOverrides<TlsEndpointData> = {}, envelope: EnvelopeOverrides = {}): Evidence<'tls-endpoint'> {
  const data = withoutUndefined<TlsEndpointData>({
    host: 'www.example.test',
    port: 443,
    serverName: 'www.example.test',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    chain: [sha256Of('leaf')],
    chainTrusted: true,
    hostnameMatches: true,
    handshakeMs: 12,
    ...overrides,
  });
  return {
    id: `tls-endpoint:${data.host}:${data.port}`,
    kind: 'tls-endpoint',
    collector: 'tls-endpoint',
    target: `${data.host}:${data.port}`,
    observedAt: '2026-11-22T00:00:00Z',
    ...envelope,
    data,
  };
}

/** Builds scan facts for assessor tests: one collector, nothing declared, no history, unless overridden. */
export function scanFacts(overrides: Partial<ScanFacts> = {}): ScanFacts {
  return {
    now: NOW,
    sourceTypes: ['tls-endpoint'],
    targets: { 'tls-endpoint': { configured: 1, observed: 1 } },
    inventoryAdopted: false,
    previousScans: [],
    attestations: {},
    ...overrides,
  };
}

/** Runs one rule over one evidence item through the engine (so rendering and applicability are the real ones); returns its single result. */
export function evaluateOne(rule: AnyRule, item: AnyEvidence, options: { now?: Date; ruleOptions?: Record<string, unknown> } = {}): RuleResult | undefined {
  const results = evaluate([item], {
    rules: [rule],
    now: options.now ?? NOW,
    ...(options.ruleOptions === undefined ? {} : { ruleOptions: { [rule.id]: options.ruleOptions } }),
  });
  return results[0];
}
