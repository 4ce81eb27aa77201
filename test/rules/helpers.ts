// Helpers for check and assessor tests: builders for the evidence kinds test/helpers/evidence.ts does not cover, and a
// runner that evaluates one check over several items with a chosen policy.
import { createHash } from 'node:crypto';
import type { AnyEvidence, CaConfigData, CaProfile, CrlFetchedData, CtLogEntryData, Evidence, OcspObservedData, PrivateKeyData } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { AnyRule } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { defaultPolicy } from '../../src/policy/builtin-profiles.js';
import { mergeProfileData } from '../../src/policy/merge.js';
import { PolicyProfile, type PolicyProfileFile } from '../../src/policy/profile.js';
import { NOW } from '../helpers/evidence.js';

const sha256Of = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Returns a copy without the keys whose value is undefined (so an override can remove an optional field). */
function withoutUndefined<T>(value: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The default profile with some fields overridden (objects merge, lists replace). */
export function policyWith(overrides: Omit<PolicyProfileFile, 'extends'>): PolicyProfile {
  return PolicyProfile.parse(mergeProfileData(defaultPolicy, overrides));
}

/** Options of one run. */
export interface RunOptions {
  readonly now?: Date;
  readonly policy?: PolicyProfile;
  readonly options?: Record<string, unknown>;
}

/** Evaluates one check over the items (all of them are in its context); returns every result. */
export function runRule(rule: AnyRule, items: readonly AnyEvidence[], opts: RunOptions = {}): RuleResult[] {
  return evaluate(items, {
    rules: [rule],
    now: opts.now ?? NOW,
    ...(opts.policy === undefined ? {} : { policy: opts.policy }),
    ...(opts.options === undefined ? {} : { ruleOptions: { [rule.id]: opts.options } }),
  });
}

/** Evaluates one check with `item` and context `others`; returns the result for `item` (or the set result). */
export function resultFor(rule: AnyRule, item: AnyEvidence | undefined, others: readonly AnyEvidence[] = [], opts: RunOptions = {}): RuleResult {
  const results = runRule(rule, item === undefined ? others : [item, ...others], opts);
  const found = rule.scope === 'set' ? results[0] : results.find((r) => r.evidenceId === item?.id);
  if (found === undefined) throw new Error(`no result for ${item?.id ?? 'the set'}`);
  return found;
}

/** Builds private-key evidence: an unencrypted RSA-2048 key file with mode 0600 unless overridden. */
export function privateKeyEvidence(overrides: { [K in keyof PrivateKeyData]?: PrivateKeyData[K] | undefined } = {}): Evidence<'private-key'> {
  const data = withoutUndefined<PrivateKeyData>({ keyAlgorithm: 'RSA', keySizeBits: 2048, encrypted: false, location: 'keys/server.key', fileMode: '0600', format: 'pkcs8', ...overrides });
  return { id: `private-key:${sha256Of(data)}`, kind: 'private-key', collector: 'cert-file', target: data.location, observedAt: NOW.toISOString(), data };
}

/** A CA profile: a TLS server role with RSA-2048+ keys, 90-day certificates and revocation pointers, unless overridden. */
export function caProfile(overrides: { [K in keyof CaProfile]?: CaProfile[K] | undefined } = {}): CaProfile {
  return withoutUndefined({
    name: 'web-server',
    kind: 'role',
    maxValiditySeconds: 90 * 86_400,
    defaultValiditySeconds: 90 * 86_400,
    keyTypes: [{ algorithm: 'RSA', minBits: 2048 }, { algorithm: 'EC', curves: ['P-256', 'P-384'] }],
    signatureAlgorithms: ['SHA256WithRSA'],
    extendedKeyUsage: ['serverAuth'],
    isCa: false,
    subject: { enrolleeSuppliesSubject: false, allowedDomains: ['example.test'] },
    enrollment: ['acme'],
    reusesKey: false,
    autoRenewal: true,
    renewBeforeSeconds: 30 * 86_400,
    includesCrlDistributionPoint: true,
    includesOcspUrl: true,
    ...overrides,
  });
}

/** Builds CA-configuration evidence: a Vault PKI issuing CA with an HSM key, audit on, CRL and OCSP on, unless overridden. */
export function caConfigEvidence(overrides: { [K in keyof CaConfigData]?: CaConfigData[K] | undefined } = {}, id?: string): Evidence<'ca-config'> {
  const data: CaConfigData = withoutUndefined({
    product: 'vault',
    role: 'ca',
    name: 'vault pki_int/',
    source: { url: 'https://vault.example.test:8200' },
    ca: { subject: 'CN=Example Issuing CA,O=Example', keyAlgorithm: 'EC', keySizeBits: 384 },
    profiles: [caProfile()],
    enrollment: ['api', 'acme'],
    revocation: { crl: { enabled: true, intervalSeconds: 86_400, overlapSeconds: 2 * 86_400 }, ocsp: { enabled: true } },
    keyStorage: { kind: 'pkcs11', detail: 'managed key on an HSM' },
    audit: { enabled: true, detail: 'file audit device' },
    observations: [],
    ...overrides,
  });
  return { id: id ?? `ca-config:${sha256Of(data)}`, kind: 'ca-config', collector: data.product, target: data.name, observedAt: NOW.toISOString(), data };
}

/** Builds a CT log entry for www.example.test from the example issuing CA unless overridden. */
export function ctEntryEvidence(overrides: Partial<CtLogEntryData> = {}): Evidence<'ct-log-entry'> {
  const data: CtLogEntryData = {
    source: 'crtsh',
    logUrl: 'https://crt.sh',
    issuer: 'CN=Example Issuing CA,O=Example',
    serialNumberHex: '0A1B2C3D',
    dnsNames: ['www.example.test'],
    notBefore: '2026-09-01T00:00:00Z',
    notAfter: '2026-11-30T00:00:00Z',
    matchedDomains: ['example.test'],
    ...overrides,
  };
  return { id: `ct-log-entry:${sha256Of(data)}`, kind: 'ct-log-entry', collector: 'crtsh', target: 'example.test', observedAt: NOW.toISOString(), data };
}

/** Builds fetched-CRL evidence for the example issuing CA, valid at NOW unless overridden. */
export function crlEvidence(overrides: { [K in keyof CrlFetchedData]?: CrlFetchedData[K] | undefined } = {}, envelope: { observedAt?: string } = {}): Evidence<'crl'> {
  const data: CrlFetchedData = withoutUndefined({
    status: 'fetched',
    source: 'cdp',
    url: 'http://crl.example.test/issuing.crl',
    fetch: { httpStatus: 200, latencyMs: 20, fromCache: false, redirects: 0 },
    format: 'DER',
    sizeBytes: 600,
    sha256: sha256Of(overrides),
    issuer: 'CN=Example Issuing CA,O=Example',
    thisUpdate: '2026-11-21T00:00:00Z',
    nextUpdate: '2026-11-28T00:00:00Z',
    hasNextUpdate: true,
    isDelta: false,
    freshestCrlUrls: [],
    entryCount: 0,
    reasonCounts: {},
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureAlgorithmOid: '1.2.840.113549.1.1.11',
    signature: 'valid',
    sourceCertificates: [],
    checkedCertificates: 0,
    revokedCertificates: [],
    ...overrides,
  });
  return { id: `crl:${sha256Of(data)}`, kind: 'crl', collector: 'crl', target: data.url ?? 'crl', observedAt: envelope.observedAt ?? NOW.toISOString(), data };
}

/** Builds a successful, current OCSP response ("good") for a certificate unless overridden. */
export function ocspEvidence(overrides: { [K in keyof OcspObservedData]?: OcspObservedData[K] | undefined } = {}): Evidence<'ocsp-response'> {
  const data: OcspObservedData = withoutUndefined({
    status: 'response',
    source: 'fetched',
    url: 'http://ocsp.example.test',
    certificate: 'ab'.repeat(32),
    serialNumberHex: '0A1B2C3D',
    mustStaple: false,
    sizeBytes: 500,
    responseStatus: 'successful',
    certStatus: 'good',
    thisUpdate: '2026-11-21T00:00:00Z',
    nextUpdate: '2026-11-25T00:00:00Z',
    current: true,
    signature: 'valid',
    signer: 'issuer',
    signerAuthorized: true,
    ...overrides,
  });
  return { id: `ocsp-response:${sha256Of(data)}`, kind: 'ocsp-response', collector: 'ocsp', target: data.url ?? 'ocsp', observedAt: NOW.toISOString(), data };
}

/** ISO time `days` days before NOW. */
export const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
