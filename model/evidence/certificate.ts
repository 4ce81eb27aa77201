import type { Sighting } from './sighting.js';

export type KeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'ML-DSA' | 'SLH-DSA' | 'ML-KEM' | 'other';

/** Everything rules may know about one certificate. Plain JSON: safe to snapshot, diff and report. */
export interface CertificateFacts {
  /** Lowercase hex SHA-256 of the DER encoding. */
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  /** Uppercase hex, no leading zero byte unless needed for the sign. */
  readonly serialNumberHex: string;
  /** ISO-8601 UTC. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** Whole seconds between notBefore and notAfter, inclusive of the last second (RFC 5280 §4.1.2.5). */
  readonly validitySeconds: number;
  readonly isCa: boolean;
  readonly isSelfSigned: boolean;
  readonly keyAlgorithm: KeyAlgorithm;
  /** Dotted OID of the subject public key algorithm. */
  readonly keyAlgorithmOid: string;
  /** Readable name of the subject public key algorithm when known: "rsaEncryption", "id-ecPublicKey", "ML-DSA-65". */
  readonly keyAlgorithmName?: string;
  readonly keySizeBits?: number;
  /** Named curve for EC keys, e.g. "P-256". */
  readonly curve?: string;
  /** Dotted OID of the signature algorithm. */
  readonly signatureAlgorithmOid: string;
  /** Readable name, e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256". */
  readonly signatureAlgorithm: string;
  /** Hash used by the signature algorithm, when it has one: "SHA-1", "SHA-256", ... */
  readonly signatureHash?: string;
  /** "DNS:example.org", "IP:192.0.2.1", "email:...", "URI:...". */
  readonly subjectAltNames: readonly string[];
  readonly keyUsage: readonly string[];
  /** Extended key usages as names where known ("serverAuth"), else dotted OIDs. */
  readonly extendedKeyUsage: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly caIssuerUrls: readonly string[];
  readonly crlUrls: readonly string[];
  readonly policyOids: readonly string[];
  readonly embeddedSctCount: number;
  /** SHA-256 (hex) of the SubjectPublicKeyInfo: equal keys have equal values across certificates. */
  readonly spkiSha256: string;
}

/** Certificate evidence: the facts plus every place the scan saw the certificate. */
export interface CertificateData extends CertificateFacts {
  readonly sightings: readonly Sighting[];
}
