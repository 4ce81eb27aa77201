// Certificate Transparency evidence. Owner: the CT collectors (crtsh, ct-log).
import type { CertificateFacts } from './certificate.js';

/** Where CT evidence came from: the crt.sh search service or an RFC 6962 log read directly. */
export type CtSource = 'crtsh' | 'ct-log';

/** Result of checking one SCT signature: no log key at hand is 'unknown-log', no issuer key is 'unverified'. */
export type CtSctStatus = 'valid' | 'invalid' | 'unknown-log' | 'unsupported-algorithm' | 'unverified';

/** One SCT embedded in a logged certificate, with the log named from the configured log list when known. */
export interface CtSct {
  /** Base64 SHA-256 of the log key. */
  readonly logId: string;
  /** Log description from the log list, e.g. "Example 'Argon2026' log". */
  readonly logName?: string;
  readonly logOperator?: string;
  /** ISO-8601 UTC with milliseconds. */
  readonly timestamp: string;
  readonly status: CtSctStatus;
}

/**
 * One certificate seen in Certificate Transparency: an RFC 6962 log entry (ct-log) or a de-duplicated crt.sh result
 * (crtsh, where a precertificate and its final certificate are one entry). Observed, not judged.
 */
export interface CtLogEntryData {
  readonly source: CtSource;
  /** The log read (ct-log) or the search service ("https://crt.sh"). */
  readonly logUrl: string;
  /** Log description from the log list or the configuration (ct-log). */
  readonly logName?: string;
  /** Leaf index in the log (ct-log). */
  readonly index?: number;
  /** crt.sh certificate ids merged into this entry, ascending (crtsh). */
  readonly crtshIds?: readonly number[];
  /** crt.sh issuer CA id (crtsh). */
  readonly issuerCaId?: number;
  /** RFC 6962 entry type (ct-log; crtsh when a downloaded certificate shows it). */
  readonly entryType?: 'x509' | 'precert';
  /** When the log recorded the entry: the leaf timestamp (ct-log) or crt.sh's earliest entry_timestamp. ISO-8601 UTC. */
  readonly loggedAt?: string;
  /** Issuer DN as "C=.., O=.., CN=.." in certificate order. */
  readonly issuer: string;
  /** Uppercase hex, as in certificate facts. */
  readonly serialNumberHex: string;
  readonly subject?: string;
  readonly commonName?: string;
  /** DNS names the certificate covers (SAN dNSNames and the CN), lowercase, sorted, unique. */
  readonly dnsNames: readonly string[];
  /** ISO-8601 UTC. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** SHA-256 of the final certificate's DER, when it was seen (x509 entries, downloaded certificates). */
  readonly sha256?: string;
  /** SHA-256 of the issuing CA certificate, when the log's chain included it (ct-log). */
  readonly issuerSha256?: string;
  /** RFC 6962 issuer_key_hash (hex SHA-256 of the issuer's SubjectPublicKeyInfo), for precert entries. */
  readonly issuerKeyHash?: string;
  /** Full facts of the final certificate, when its DER was available. */
  readonly certificate?: CertificateFacts;
  /** SCTs embedded in the final certificate, when its DER was available. */
  readonly embeddedScts?: readonly CtSct[];
  /** The configured domains this entry matched (exact name or a sub-domain), sorted. */
  readonly matchedDomains: readonly string[];
}

/** One request a CT query made, as it ended. */
export interface CtRequest {
  /** What was asked: the crt.sh identity ("%.example.com") or the log range ("entries 0-255"). */
  readonly query: string;
  readonly outcome: 'ok' | 'failed' | 'split' | 'skipped';
  /** Rows or entries the request returned. */
  readonly rows?: number;
  /** Problem code when it failed (a CollectionProblem code) or why it was skipped ("budget"). */
  readonly reason?: string;
  /** Attempts made (1 + retries). */
  readonly attempts?: number;
}

/** A crt.sh identity search for one configured domain as a whole. */
export interface CtCrtshQueryData {
  readonly source: 'crtsh';
  /** The configured domain. */
  readonly domain: string;
  readonly baseUrl: string;
  readonly includeSubdomains: boolean;
  readonly excludeExpired: boolean;
  /** crt.sh match mode sent, when configured ("=", "ILIKE", "LIKE", "single", "any", "FTS"). */
  readonly match?: string;
  readonly requests: readonly CtRequest[];
  /** Rows crt.sh returned in total (precertificates and certificates, before de-duplication). */
  readonly rowsReturned: number;
  /** Distinct certificates (issuer + serial) after merging precertificate/certificate pairs. */
  readonly entries: number;
  /** Entries emitted as ct-log-entry evidence for this domain (bounded by maxEntriesPerDomain; shared entries count once, for the first domain). */
  readonly entriesEmitted: number;
  /** Full certificates downloaded from crt.sh. */
  readonly certificatesDownloaded: number;
  /** Identities that could not be fetched, with the reason. Empty when the search is complete. */
  readonly unfetched: readonly { readonly query: string; readonly reason: string }[];
  /** Every request succeeded and nothing was cut by a bound. */
  readonly complete: boolean;
}

/** A window of an RFC 6962 log read as a whole. */
export interface CtLogQueryData {
  readonly source: 'ct-log';
  readonly logUrl: string;
  readonly logName?: string;
  /** Base64 log id, when the log key is known. */
  readonly logId?: string;
  /** The latest signed tree head. */
  readonly treeSize?: number;
  readonly sthTimestamp?: string;
  /** STH signature check; absent when no log key is known. */
  readonly sthSignature?: 'valid' | 'invalid' | 'unsupported-algorithm';
  /** The window asked for, inclusive; end is capped at treeSize - 1. */
  readonly window?: { readonly start: number; readonly end: number };
  /** Where the window's start came from. */
  readonly startFrom?: 'config' | 'stored-position' | 'tail';
  /** Entries read and decoded. */
  readonly entriesRead: number;
  /** Entries that could not be decoded. */
  readonly entriesUndecodable: number;
  /** Entries matching the configured domains (emitted as ct-log-entry evidence up to the bound). */
  readonly entriesMatched: number;
  readonly entriesEmitted: number;
  /** get-entries answers shorter than asked (the read continued from where the log stopped). */
  readonly shortReads: number;
  /** Index the next read should start at: one past the last entry read. */
  readonly nextIndex?: number;
  /** Accepted roots, when get-roots was asked for. */
  readonly roots?: number;
  readonly requests: readonly CtRequest[];
  readonly domains: readonly string[];
  /** The whole window was read. */
  readonly complete: boolean;
}

/** One CT search or log window as a whole: what was asked, how much came back, what could not be fetched. */
export type CtQueryData = CtCrtshQueryData | CtLogQueryData;
