/** How the collector came to fetch a CRL. */
export type CrlSource = 'cdp' | 'configured-url' | 'file';

/** A collected certificate the CRL lists as revoked. */
export interface CrlRevokedCertificate {
  /** SHA-256 of the certificate (its certificate evidence id is "certificate:sha256:<this>"). */
  readonly sha256: string;
  readonly serialNumberHex: string;
  /** ISO-8601 UTC revocation date from the CRL entry. */
  readonly revokedAt: string;
  /** reasonCode name ("keyCompromise", ...), when the entry has one. */
  readonly reason?: string;
  /** invalidityDate entry extension, ISO-8601 UTC, when present. */
  readonly invalidityDate?: string;
}

/** How the CRL was downloaded (absent for files). */
export interface CrlFetchFacts {
  readonly httpStatus: number;
  /** Milliseconds from request to last body byte, redirects included (a 304 counts as fetched). */
  readonly latencyMs: number;
  /** The server answered 304 Not Modified and the body came from the on-disk cache. */
  readonly fromCache: boolean;
  readonly redirects: number;
  /** URL of the final response when redirected. */
  readonly finalUrl?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Content-Type header as sent. */
  readonly contentType?: string;
}

/** Scope flags of an issuingDistributionPoint extension (RFC 5280 §5.2.5). */
export interface CrlIssuingDistributionPoint {
  readonly urls: readonly string[];
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlyContainsAttributeCerts: boolean;
  /** onlySomeReasons is present: the CRL covers only some revocation reasons. */
  readonly onlySomeReasons: boolean;
  readonly indirectCrl: boolean;
}

/** A CRL that was read (fetched from a URL or read from a file) and parsed. */
export interface CrlFetchedData {
  readonly status: 'fetched';
  readonly source: CrlSource;
  /** Distribution point or configured URL (sources cdp and configured-url). */
  readonly url?: string;
  /** Configured file, as written in the configuration (source file). */
  readonly file?: string;
  readonly fetch?: CrlFetchFacts;
  /** Encoding the bytes came in. */
  readonly format: 'DER' | 'PEM';
  readonly sizeBytes: number;
  /** SHA-256 of the DER encoding, lowercase hex. */
  readonly sha256: string;
  /** Issuer name, formatted like CertificateFacts.issuer. */
  readonly issuer: string;
  /** ISO-8601 UTC. */
  readonly thisUpdate: string;
  /** ISO-8601 UTC; absent when the CRL has none (hasNextUpdate false). */
  readonly nextUpdate?: string;
  readonly hasNextUpdate: boolean;
  /** Seconds from observation to nextUpdate (negative once past); absent without nextUpdate. */
  readonly headroomSeconds?: number;
  /** CRL number, uppercase hex. Rules compare it with the previous report's value for the same URL. */
  readonly crlNumber?: string;
  readonly isDelta: boolean;
  /** Base CRL number of a delta CRL, uppercase hex. */
  readonly deltaCrlIndicator?: string;
  /** freshestCRL extension: where delta CRLs are published. */
  readonly freshestCrlUrls: readonly string[];
  readonly issuingDistributionPoint?: CrlIssuingDistributionPoint;
  /** authorityKeyIdentifier keyIdentifier, lowercase hex. */
  readonly authorityKeyId?: string;
  readonly entryCount: number;
  /** Entries per reasonCode name; entries without a reasonCode are not counted. */
  readonly reasonCounts: Readonly<Record<string, number>>;
  readonly signatureAlgorithm: string;
  readonly signatureAlgorithmOid: string;
  /**
   * valid / invalid: checked with the key of the issuer certificate (found among collected certificates or configured
   * issuer files by name and key identifier); issuer-unknown: no candidate issuer certificate was available.
   */
  readonly signature: 'valid' | 'invalid' | 'issuer-unknown';
  /** SHA-256 of the certificate whose key verified the signature. */
  readonly issuerCertificate?: string;
  /** SHA-256 of each collected certificate whose CRL distribution points name this URL. */
  readonly sourceCertificates: readonly string[];
  /** Collected certificates this CRL covers (same issuer and key identifier, in the distribution point's scope) that were looked up. */
  readonly checkedCertificates: number;
  /** Collected certificates the CRL lists as revoked (not the whole CRL). */
  readonly revokedCertificates: readonly CrlRevokedCertificate[];
}

/** A distribution point seen but not fetched (LDAP and other non-HTTP schemes). */
export interface CrlNotFetchedData {
  readonly status: 'not-fetched';
  readonly source: 'cdp';
  readonly url: string;
  /** URL scheme without the colon: "ldap", "ldaps", "ftp", ... */
  readonly scheme: string;
  readonly reason: 'unsupported-scheme';
  readonly sourceCertificates: readonly string[];
}

/** A certificate revocation list, or a distribution point that was seen but not fetched. Owner: the CRL collector. */
export type CrlData = CrlFetchedData | CrlNotFetchedData;
