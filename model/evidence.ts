import { z } from 'zod';

/** The kinds of evidence collectors emit. Only `data` varies by kind. */
export const EvidenceKind = z.enum(['certificate', 'tls-endpoint', 'crl', 'ocsp-response', 'ct-log-entry', 'ca-config']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export type KeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'ML-DSA' | 'SLH-DSA' | 'ML-KEM' | 'other';

/** Where a certificate was seen. One certificate may have many sightings (file, endpoint, secret...). */
export interface Sighting {
  readonly collector: string;
  /** What the user configured: "example.org:443", "pki/issuing.pem". */
  readonly target: string;
  /** Finer position inside the target: "chain[1]", "bundle.pem#2", "file.der". */
  readonly location?: string;
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
}

/** Certificate evidence: the facts plus every place the scan saw the certificate. */
export interface CertificateData extends CertificateFacts {
  readonly sightings: readonly Sighting[];
}

/** One TLS endpoint as observed during a handshake. */
export interface TlsEndpointData {
  readonly host: string;
  readonly port: number;
  /** SNI sent, if any. */
  readonly serverName?: string;
  /** "TLSv1.3", "TLSv1.2", ... */
  readonly protocol?: string;
  readonly cipher?: string;
  /** SHA-256 of each served certificate, leaf first, in the order the server sent them. */
  readonly chain: readonly string[];
  /** Whether the served chain validates against the trust anchors the probe used. */
  readonly chainTrusted: boolean;
  /** Why validation failed (OpenSSL error code, e.g. "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"). */
  readonly trustError?: string;
  /** Whether the leaf certificate matches the name the probe asked for. */
  readonly hostnameMatches?: boolean;
  readonly handshakeMs: number;
}

/** Data of evidence kinds that later collectors fill in; kept open until they are specified. */
export type GenericEvidenceData = Readonly<Record<string, unknown>>;

/** Maps each evidence kind to its facts type. */
export interface EvidenceData {
  certificate: CertificateData;
  'tls-endpoint': TlsEndpointData;
  crl: GenericEvidenceData;
  'ocsp-response': GenericEvidenceData;
  'ct-log-entry': GenericEvidenceData;
  'ca-config': GenericEvidenceData;
}

/** One observation, exactly as a collector saw it. */
export interface Evidence<K extends EvidenceKind = EvidenceKind> {
  /** Content-derived: equal input gives an equal id, e.g. "certificate:sha256:3f1c…". */
  readonly id: string;
  readonly kind: K;
  /** Collector id, e.g. "tls-endpoint". */
  readonly collector: string;
  /** What the user configured: "example.org:443", "./pki/issuing.pem". */
  readonly target: string;
  /** ISO-8601 UTC, from the injected clock. */
  readonly observedAt: string;
  readonly data: EvidenceData[K];
}

/** Any evidence item, discriminated on `kind`. */
export type AnyEvidence = { [K in EvidenceKind]: Evidence<K> }[EvidenceKind];

/** Codes for targets that could not be observed. */
export const ProblemCode = z.enum(['timeout', 'dns', 'connect', 'tls-handshake', 'http-status', 'parse', 'too-large', 'not-found', 'permission', 'other']);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** A target that could not be observed. Collection problems are data, not exceptions. */
export interface CollectionProblem {
  readonly collector: string;
  readonly target: string;
  readonly code: ProblemCode;
  /** One line, no stack. */
  readonly message: string;
}
