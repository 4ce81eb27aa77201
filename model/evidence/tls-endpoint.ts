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
