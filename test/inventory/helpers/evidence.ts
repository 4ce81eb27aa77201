// Evidence for inventory tests, from certificates the DER writer signs (so facts come from the real parser).
import { createHash } from 'node:crypto';
import type { Evidence, PrivateKeyData } from '../../../model/evidence.js';
import { toCertificateFacts } from '../../../src/pki/certificate-facts.js';
import { buildCertificate, ecKey, ext, type TestKey } from './cert-builder.js';

/** A certificate of the test PKI with its DER and key. */
export interface TestCert {
  readonly name: string;
  readonly der: Uint8Array;
  readonly key: TestKey;
  readonly subject: string;
  readonly sha256: string;
}

/** How to issue one test certificate. */
export interface IssueSpec {
  readonly subject: string;
  /** Issuing certificate; absent = self-signed. */
  readonly issuer?: TestCert;
  /** Issuer name when it differs from `issuer.subject` or no issuer certificate exists. */
  readonly issuerName?: string;
  readonly key?: TestKey;
  readonly ca?: boolean;
  readonly dnsNames?: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly serialHex?: string;
  /** Leave out the authorityKeyIdentifier (linkage by name only). */
  readonly noAki?: boolean;
  /** authorityKeyIdentifier of an issuer that is not in the test PKI. */
  readonly aki?: string;
}

/** Issues one certificate (ECDSA P-256, signed by the issuer's key, or by its own when self-signed). */
export function issue(name: string, spec: IssueSpec): TestCert {
  const key = spec.key ?? ecKey();
  const signer = spec.issuer?.key ?? (spec.issuerName === undefined ? key : ecKey());
  const aki = spec.aki ?? (spec.issuer ? spec.issuer.key.keyId : spec.issuerName === undefined ? key.keyId : undefined);
  const der = buildCertificate({
    subject: spec.subject,
    issuer: spec.issuerName ?? spec.issuer?.subject ?? spec.subject,
    serialHex: spec.serialHex ?? createHash('sha256').update(name).digest('hex').slice(0, 16),
    notBefore: new Date(spec.notBefore ?? '2026-01-01T00:00:00Z'),
    notAfter: new Date(spec.notAfter ?? '2027-01-01T00:00:00Z'),
    spki: key.spki,
    signer: signer.privateKey,
    extensions: [
      ...(spec.ca ? [ext.basicConstraints(true)] : []),
      ext.subjectKeyIdentifier(key.keyId),
      ...(spec.noAki === true || aki === undefined ? [] : [ext.authorityKeyIdentifier(aki)]),
      ...(spec.dnsNames && spec.dnsNames.length > 0 ? [ext.dnsNames(...spec.dnsNames)] : []),
    ],
  });
  return { name, der, key, subject: spec.subject, sha256: createHash('sha256').update(der).digest('hex') };
}

/** Where and when a certificate was seen. */
export interface SeenAt {
  readonly collector?: string;
  readonly target?: string;
  readonly location?: string;
  readonly observedAt?: string;
}

/** Certificate evidence for a test certificate, parsed by toCertificateFacts. */
export function certEvidence(cert: TestCert, seen: SeenAt = {}): Evidence<'certificate'> {
  const collector = seen.collector ?? 'cert-file';
  const target = seen.target ?? 'pki';
  const facts = toCertificateFacts(cert.der);
  return {
    id: `certificate:sha256:${facts.sha256}`,
    kind: 'certificate',
    collector,
    target,
    observedAt: seen.observedAt ?? '2026-11-22T00:00:00.000Z',
    data: { ...facts, sightings: [{ collector, target, location: seen.location ?? `${cert.name}.pem#0` }] },
  };
}

/** Private-key evidence (metadata only) at a location, paired with a certificate's key unless `spkiSha256` says otherwise. */
export function keyEvidence(location: string, data: Partial<PrivateKeyData> & { readonly of?: TestCert }): Evidence<'private-key'> {
  const { of, ...rest } = data;
  const spkiSha256 = of === undefined ? undefined : createHash('sha256').update(of.key.spki).digest('hex');
  return {
    id: `private-key:${location}`,
    kind: 'private-key',
    collector: 'key-file',
    target: 'keys',
    observedAt: '2026-11-22T00:00:00.000Z',
    data: { keyAlgorithm: 'EC', encrypted: false, location, ...(spkiSha256 === undefined ? {} : { spkiSha256 }), ...rest },
  };
}
