/** Where an OCSP response came from: asked for by the collector, or stapled in a TLS handshake. */
export type OcspSource = 'fetched' | 'stapled';

/** How the request was made (fetched responses). */
export interface OcspRequestFacts {
  readonly method: 'GET' | 'POST';
  readonly hashAlgorithm: 'SHA-1' | 'SHA-256';
  readonly nonce: boolean;
  readonly httpStatus: number;
  /** Milliseconds from request to last body byte, redirects included. */
  readonly latencyMs: number;
  readonly redirects: number;
  readonly contentType?: string;
}

/** A delegated responder certificate included in the response and what was checked about it. */
export interface OcspResponderFacts {
  /** SHA-256 of the responder certificate. */
  readonly certificate: string;
  readonly subject: string;
  readonly hasOcspSigningEku: boolean;
  /** Issued by the CA the response is about (names chain and the CA's key verifies it). */
  readonly issuedByCa: boolean;
  readonly validAtProducedAt: boolean;
  readonly validAtObservation: boolean;
  /** id-pkix-ocsp-nocheck present. */
  readonly noCheck: boolean;
}

/** An OCSP response as observed and checked. */
export interface OcspObservedData {
  readonly status: 'response';
  readonly source: OcspSource;
  /** Responder URL (fetched). */
  readonly url?: string;
  /** "host:port" of the TLS endpoint that stapled it (stapled). */
  readonly endpoint?: string;
  /** SHA-256 of the certificate the response is about. */
  readonly certificate: string;
  readonly serialNumberHex: string;
  /** SHA-256 of the issuer certificate used for the CertID and the checks. */
  readonly issuerCertificate?: string;
  /** The certificate carries the TLS feature status_request (must staple). */
  readonly mustStaple: boolean;
  readonly request?: OcspRequestFacts;
  readonly sizeBytes: number;
  /** successful, malformedRequest, internalError, tryLater, sigRequired, unauthorized or unknown(N); only successful carries what follows. */
  readonly responseStatus: string;
  /** ISO-8601 UTC. */
  readonly producedAt?: string;
  /** "byName:<name>" or "byKey:<sha1 hex>". */
  readonly responderId?: string;
  /** Status of the certificate; absent when the response has no SingleResponse for it (certIdMatches false). */
  readonly certStatus?: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: string;
  readonly revocationReason?: string;
  readonly thisUpdate?: string;
  readonly nextUpdate?: string;
  /** Seconds from observation to nextUpdate (negative once past). */
  readonly headroomSeconds?: number;
  /** thisUpdate is not in the future and nextUpdate (when present) not past at observation (5 minutes of clock skew allowed). */
  readonly current?: boolean;
  /** A SingleResponse identifies the certificate (issuer name and key hashes, serial). */
  readonly certIdMatches?: boolean;
  /** CertID hash algorithm of the matching SingleResponse: "SHA-1", "SHA-256". */
  readonly certIdHashAlgorithm?: string;
  readonly singleResponseCount?: number;
  readonly signatureAlgorithm?: string;
  /** signer-not-found: neither the CA nor an included certificate fits the responderID. */
  readonly signature?: 'valid' | 'invalid' | 'signer-not-found';
  readonly signer?: 'issuer' | 'delegated';
  /** Signed by the CA, or by a delegate with the OCSPSigning EKU, issued by the CA and valid at producedAt. */
  readonly signerAuthorized?: boolean;
  readonly responder?: OcspResponderFacts;
  readonly nonce?: 'echoed' | 'mismatch' | 'absent' | 'not-sent';
  /** The DEFAULT version was encoded explicitly (strict DER parsers reject such responses). */
  readonly explicitDefaultVersion?: boolean;
}

/** A TLS endpoint served a must-staple certificate without a stapled response. */
export interface OcspMissingStapleData {
  readonly status: 'missing-staple';
  readonly source: 'stapled';
  readonly endpoint: string;
  readonly certificate: string;
  readonly mustStaple: true;
}

/** An OCSP response (fetched or stapled), or a missing staple. Owner: the OCSP collector. */
export type OcspResponseData = OcspObservedData | OcspMissingStapleData;
