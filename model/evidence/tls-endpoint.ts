/** STARTTLS dialogues the tls-endpoint collector speaks before the TLS handshake. */
export type StartTlsProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'ldap' | 'xmpp' | 'postgres';

/** TLS protocol versions as node:tls names them. */
export type TlsVersionName = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** Families of weak TLS 1.2 (and older) cipher suites the optional suite probe offers one family at a time. */
export type WeakSuiteFamily = 'RC4' | '3DES' | 'CBC-SHA1' | 'RSA-KX' | 'NULL' | 'EXPORT';

/**
 * What happened when the probe offered only one protocol version or one suite family:
 * `accepted` (a handshake completed), `rejected` (the server refused), `untestable` (this scanner's TLS library cannot
 * offer it, so nothing is known), `error` (the network failed, so nothing is known).
 */
export type TlsOfferOutcome = 'accepted' | 'rejected' | 'untestable' | 'error';

/** The result of one restricted handshake (one version or one suite family). */
export interface TlsOfferResult {
  readonly outcome: TlsOfferOutcome;
  /** Negotiated protocol when accepted. */
  readonly protocol?: string;
  /** Negotiated cipher (OpenSSL name) when accepted. */
  readonly cipher?: string;
  /** Why it was rejected, untestable or failed: an OpenSSL or socket error code, or a short reason. */
  readonly detail?: string;
}

/** The ephemeral key exchange of a handshake, as node's getEphemeralKeyInfo() reports it. */
export interface TlsKeyExchange {
  /** "ECDH" or "DH". */
  readonly type: string;
  /** Group name, e.g. "X25519", "prime256v1"; a hybrid such as "X25519MLKEM768" once a runtime negotiates one. */
  readonly group?: string;
  /** Key size in bits as OpenSSL reports it (253 for X25519). */
  readonly sizeBits?: number;
}

/** One TLS endpoint as observed during a handshake. */
export interface TlsEndpointData {
  readonly host: string;
  readonly port: number;
  /** SNI sent, if any. */
  readonly serverName?: string;
  /** STARTTLS dialogue spoken before the handshake; absent for direct TLS. */
  readonly starttls?: StartTlsProtocol;
  /** "TLSv1.3", "TLSv1.2", ... */
  readonly protocol?: string;
  /** Negotiated cipher suite, OpenSSL name ("ECDHE-RSA-AES128-GCM-SHA256"; TLS 1.3 names are the IANA ones). */
  readonly cipher?: string;
  /** Negotiated cipher suite, IANA name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"). */
  readonly cipherIana?: string;
  /** Ephemeral key exchange; absent when the suite has none (static RSA key transport). */
  readonly keyExchange?: TlsKeyExchange;
  /** Whether the negotiated key exchange is ephemeral (TLS 1.3, or ECDHE/DHE suites). */
  readonly forwardSecrecy?: boolean;
  /** ALPN protocol the server selected ("h2", "http/1.1"); absent when none was selected or none offered. */
  readonly alpn?: string;
  /** SHA-256 of each served certificate, leaf first, in the order the server sent them. */
  readonly chain: readonly string[];
  /** True when the served chain was longer or bigger than the configured caps and only its head is listed. */
  readonly chainTruncated?: boolean;
  /** Whether the served chain validates against the trust anchors the probe used. */
  readonly chainTrusted: boolean;
  /** Why validation failed (OpenSSL error code, e.g. "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"). */
  readonly trustError?: string;
  /** Whether the leaf certificate matches the name the probe asked for. */
  readonly hostnameMatches?: boolean;
  /** Whether the server stapled an OCSP response (the probe always asks for one). */
  readonly ocspStapled?: boolean;
  /** The stapled OCSP response, DER as base64, unverified. */
  readonly ocspResponseBase64?: string;
  /** Optional version probe: what the endpoint did when offered only that version. */
  readonly protocolVersions?: Readonly<Partial<Record<TlsVersionName, TlsOfferResult>>>;
  /** Optional weak-suite probe: what the endpoint did when offered only that family (TLS 1.2 and below). */
  readonly weakSuites?: Readonly<Partial<Record<WeakSuiteFamily, TlsOfferResult>>>;
  /** Connection attempts the main handshake needed (retries happen only after transient network errors). */
  readonly attempts?: number;
  readonly handshakeMs: number;
}
