// TLS access as collectors see it. Owner of changes: the TLS probe (src/engine/tls-probe.ts).
import type { TlsVersionName } from '../../model/evidence/tls-endpoint.js';

/** A plain (pre-TLS) byte stream a STARTTLS dialogue reads and writes; every read is bounded by the probe. */
export interface PlainChannel {
  /** Sends text (as latin1 bytes) or bytes. */
  write(data: string | Uint8Array): void;
  /** Next line without its CR LF; throws CollectError ('too-large') past the line cap, ('tls-handshake') when the peer closes. */
  readLine(): Promise<string>;
  /** Exactly `count` bytes; throws like readLine. */
  readBytes(count: number): Promise<Uint8Array>;
  /** Whatever arrives next (at least one byte); throws like readLine. */
  readChunk(): Promise<Uint8Array>;
}

/** A STARTTLS dialogue: the plain-text exchange after which the server expects a TLS ClientHello. */
export interface StartTlsDialogue {
  /** Protocol name, e.g. "smtp". */
  readonly protocol: string;
  /** Runs the exchange; throws CollectError when the server refuses or misbehaves. */
  run(channel: PlainChannel, peer: { readonly host: string; readonly serverName?: string }): Promise<void>;
}

/** Options for one TLS probe. */
export interface TlsProbeOptions {
  readonly host: string;
  readonly port: number;
  /** SNI to send; none is sent for IP addresses unless given. */
  readonly serverName?: string;
  /** Hard limit for the whole probe: every phase and every retry. */
  readonly timeoutMs: number;
  /** Limit for the TCP connect (default: timeoutMs). */
  readonly connectTimeoutMs?: number;
  /** Limit for the STARTTLS dialogue (default: timeoutMs). */
  readonly starttlsTimeoutMs?: number;
  /** Limit for the TLS handshake (default: timeoutMs). */
  readonly handshakeTimeoutMs?: number;
  /** Further attempts after a transient network error (reset or timeout before the server said anything); default 0. */
  readonly retries?: number;
  /** Wait before the first retry, doubled for each further one (default 200). */
  readonly retryBackoffMs?: number;
  /** Extra trust anchors (PEM) besides the system store. */
  readonly ca?: readonly string[];
  /** Plain-text dialogue to run before the handshake. */
  readonly starttls?: StartTlsDialogue;
  /** Offer only versions in this range (default TLSv1 … TLSv1.3). */
  readonly minVersion?: TlsVersionName;
  readonly maxVersion?: TlsVersionName;
  /** OpenSSL cipher string to offer (default "DEFAULT:@SECLEVEL=0", so weak servers can still be observed). */
  readonly ciphers?: string;
  /** Ask for a stapled OCSP response (default false). */
  readonly requestOcsp?: boolean;
  /** ALPN protocols to offer, e.g. ["h2", "http/1.1"] (default none). */
  readonly alpn?: readonly string[];
  /** Longest chain recorded (default 20); longer chains are cut and flagged. */
  readonly maxChainLength?: number;
  /** Most certificate bytes recorded (default 100,000); bigger chains are cut and flagged. */
  readonly maxChainBytes?: number;
}

/** What a TLS probe saw. */
export interface TlsProbeResult {
  /** DER of each certificate the server sent, leaf first, in order. */
  readonly chain: readonly Uint8Array[];
  /** True when the chain was cut at maxChainLength or maxChainBytes. */
  readonly chainTruncated?: boolean;
  readonly protocol?: string;
  /** OpenSSL name of the negotiated suite. */
  readonly cipher?: string;
  /** IANA name of the negotiated suite. */
  readonly cipherStandardName?: string;
  /** getEphemeralKeyInfo(); absent when the suite has no ephemeral key exchange. */
  readonly ephemeralKey?: { readonly type: string; readonly name?: string; readonly size?: number };
  /** ALPN protocol the server selected. */
  readonly alpn?: string;
  /** Stapled OCSP response (DER), when one was requested and sent. */
  readonly ocspResponse?: Uint8Array;
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly hostnameMatches?: boolean;
  /** Connection attempts made (1 without retries). */
  readonly attempts: number;
  readonly handshakeMs: number;
}

/** TLS access for collectors. */
export interface TlsProbe {
  /**
   * Connects, runs the STARTTLS dialogue if any, completes a handshake and returns what was served.
   * Throws CollectError ('dns', 'connect', 'timeout', 'tls-handshake', 'too-large'); its `cause` keeps the
   * socket or OpenSSL error (with its `code`), so callers can tell a refusal from a local limitation.
   */
  probe(options: TlsProbeOptions): Promise<TlsProbeResult>;
  /** True for the scan's own node:tls probe (createTlsProbe): the tls-endpoint collector may move its work to worker threads. */
  readonly inProcess?: boolean;
}
