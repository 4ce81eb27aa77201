import type { Sighting } from './sighting.js';

/** Key family; 'composite' is an IETF LAMPS composite ML-DSA key (ML-DSA paired with RSA, ECDSA or EdDSA). */
export type KeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'ML-DSA' | 'SLH-DSA' | 'ML-KEM' | 'composite' | 'other';

/**
 * Weak-key signals for RSA keys, computed when the certificate is parsed (src/pki/weak-keys.ts):
 * - 'fermat': the modulus factors with Fermat's method within 100 rounds (p and q share their upper half);
 * - 'debian-weak': the modulus is on a Debian openssl-blacklist list (CVE-2008-0166), when such a list was supplied;
 * - 'small-exponent': the public exponent is below 65537 (CA/B Baseline Requirements §6.1.6 range);
 * - 'even-exponent': the public exponent is even, so the key cannot be a valid RSA key.
 */
export type RsaWeakness = 'fermat' | 'debian-weak' | 'small-exponent' | 'even-exponent';

/** One Signed Certificate Timestamp embedded in the certificate (RFC 6962 §3.3). */
export interface EmbeddedSct {
  /** 0 for v1. */
  readonly version: number;
  /** SHA-256 of the log's public key, base64 (the form CT log lists use). */
  readonly logId: string;
  /** ISO-8601 UTC time the log promised to include the certificate. */
  readonly timestamp: string;
}

/** The name constraints extension (RFC 5280 §4.2.1.10), names formatted as in subjectAltNames ("DNS:example.org", "IP:10.0.0.0/8"). */
export interface NameConstraints {
  readonly critical: boolean;
  readonly permitted: readonly string[];
  readonly excluded: readonly string[];
}

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
  /** Lowercase hex of the subjectKeyIdentifier extension. */
  readonly subjectKeyIdentifier?: string;
  /** Lowercase hex of the authorityKeyIdentifier's keyIdentifier: equals the issuer's subjectKeyIdentifier. */
  readonly authorityKeyIdentifier?: string;
  /** basicConstraints pathLenConstraint, when stated. */
  readonly pathLenConstraint?: number;
  /** The name constraints extension, when present. */
  readonly nameConstraints?: NameConstraints;
  /** Present (true) when the TLS feature extension (RFC 7633) requires OCSP stapling (status_request): "must-staple". */
  readonly mustStaple?: true;
  /** Each embedded SCT, in certificate order; present when the SCT list extension is. */
  readonly embeddedScts?: readonly EmbeddedSct[];
  /** Present (true) when the certificate carries the CT poison extension: a precertificate, never valid for TLS. */
  readonly precertificate?: true;
  /** RSA public exponent; exact up to 2^53, approximate above (rsaWeaknesses is computed from the exact value). */
  readonly rsaPublicExponent?: number;
  /** Weak-key signals of an RSA key; present only when at least one applies. */
  readonly rsaWeaknesses?: readonly RsaWeakness[];
}

/** Certificate evidence: the facts plus every place the scan saw the certificate. */
export interface CertificateData extends CertificateFacts {
  readonly sightings: readonly Sighting[];
}
