import { z } from 'zod';
import type { CaConfigData } from './evidence/ca-config.js';
import type { CertificateData } from './evidence/certificate.js';
import type { CrlData } from './evidence/crl.js';
import type { CtLogEntryData, CtQueryData } from './evidence/ct.js';
import type { DnsCaaData } from './evidence/dns-caa.js';
import type { OcspResponseData } from './evidence/ocsp.js';
import type { PlatformData } from './evidence/platform.js';
import type { PrivateKeyData } from './evidence/private-key.js';
import type { SecurityTxtData } from './evidence/security-txt.js';
import type { TlsEndpointData } from './evidence/tls-endpoint.js';

// The data shape of each kind lives in model/evidence/<kind>.ts; this file is the envelope.
export type * from './evidence/ca-config.js';
export type * from './evidence/certificate.js';
export type * from './evidence/crl.js';
export type * from './evidence/ct.js';
export type * from './evidence/dns-caa.js';
export type * from './evidence/ocsp.js';
export type * from './evidence/platform.js';
export type * from './evidence/private-key.js';
export type * from './evidence/security-txt.js';
export type * from './evidence/sighting.js';
export type * from './evidence/tls-endpoint.js';

/** The kinds of evidence collectors emit. Only `data` varies by kind. */
export const EvidenceKind = z.enum(['certificate', 'tls-endpoint', 'private-key', 'crl', 'ocsp-response', 'ct-log-entry', 'ct-query', 'ca-config', 'dns-caa', 'security-txt', 'platform']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Maps each evidence kind to its facts type. */
export interface EvidenceData {
  certificate: CertificateData;
  'tls-endpoint': TlsEndpointData;
  'private-key': PrivateKeyData;
  crl: CrlData;
  'ocsp-response': OcspResponseData;
  'ct-log-entry': CtLogEntryData;
  'ct-query': CtQueryData;
  'ca-config': CaConfigData;
  'dns-caa': DnsCaaData;
  'security-txt': SecurityTxtData;
  platform: PlatformData;
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
