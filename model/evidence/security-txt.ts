// security.txt evidence (RFC 9116). Owner: the security-txt collector.

/** How the fetch of a domain's security.txt ended. */
export type SecurityTxtOutcome =
  /** A text file was served with status 200 (parsed, whatever its content). */
  | 'found'
  /** The well-known location answered 404 and the legacy "/security.txt" did not answer 200. */
  | 'not-found'
  /** Status 200 with a body that is not a text file (HTML, binary). */
  | 'not-text'
  /** The HTTPS server's certificate was not valid for the name (the file was not read). */
  | 'invalid-certificate'
  /** Another HTTP status (5xx, 401, 403, ...). */
  | 'http-error';

/** One "Field: value" line as written (field name lowercase). */
export interface SecurityTxtField {
  readonly name: string;
  readonly value: string;
  /** 1-based line number in the (signed part of the) file. */
  readonly line: number;
}

/** RFC 9116 fields, parsed. Values in file order. */
export interface SecurityTxtFields {
  readonly contact: readonly string[];
  /** The Expires values as written (RFC 9116 requires exactly one). */
  readonly expires: readonly string[];
  readonly encryption: readonly string[];
  readonly acknowledgments: readonly string[];
  /** Language tags from every Preferred-Languages line, in order. */
  readonly preferredLanguages: readonly string[];
  readonly canonical: readonly string[];
  readonly policy: readonly string[];
  readonly hiring: readonly string[];
  readonly csaf: readonly string[];
}

/** A domain's security.txt as fetched and parsed; observed, not judged (expiry and contacts are checks' business). */
export interface SecurityTxtData {
  readonly domain: string;
  readonly outcome: SecurityTxtOutcome;
  /** The URL that gave the outcome (after redirects): the legacy "/security.txt" only when it answered 200 after a 404. */
  readonly url: string;
  /** Final HTTP status, when a response came. */
  readonly status?: number;
  readonly redirects: readonly string[];
  /** Whether the final response came over HTTPS from a server whose certificate chain and name verified. */
  readonly httpsVerified: boolean;
  /** The certificate error when `outcome` is `invalid-certificate` (e.g. "CERT_HAS_EXPIRED"). */
  readonly certificateError?: string;
  /** Content-Type header as served. */
  readonly contentType?: string;
  readonly sizeBytes?: number;
  /** Whether the file is an OpenPGP cleartext-signed message (RFC 4880 §7). The signature is recorded, not verified. */
  readonly signed?: boolean;
  readonly fields?: SecurityTxtFields;
  /** Lines that are neither comments, blank, nor "Field: value" (at most 20). */
  readonly invalidLines?: readonly number[];
  /** Fields not defined by RFC 9116, lowercase names, unique, sorted. */
  readonly otherFields?: readonly string[];
}
