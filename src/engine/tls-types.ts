// TLS access as collectors see it. Owner of changes: the TLS probe (src/engine/tls-probe.ts).

/** Options for one TLS probe. */
export interface TlsProbeOptions {
  readonly host: string;
  readonly port: number;
  /** SNI to send; none is sent for IP addresses unless given. */
  readonly serverName?: string;
  readonly timeoutMs: number;
  /** Extra trust anchors (PEM) besides the system store. */
  readonly ca?: readonly string[];
}

/** What a TLS probe saw. */
export interface TlsProbeResult {
  /** DER of each certificate the server sent, leaf first, in order. */
  readonly chain: readonly Uint8Array[];
  readonly protocol?: string;
  readonly cipher?: string;
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly hostnameMatches?: boolean;
  readonly handshakeMs: number;
}

/** TLS access for collectors. */
export interface TlsProbe {
  /** Connects, completes a handshake and returns the served chain; throws CollectError on failure. */
  probe(options: TlsProbeOptions): Promise<TlsProbeResult>;
}
