import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import type { TlsProbe, TlsProbeOptions, TlsProbeResult } from './collector-context.js';
import { CollectError } from './define-collector.js';

/** Longest chain the probe records; longer (or looping) issuer links are cut. */
export const MAX_CHAIN_LENGTH = 20;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/**
 * Creates a TLS probe on node:tls. It never rejects a certificate (the point is to observe it), validates the chain
 * against the system roots plus configured PEMs, and accepts weak parameters (@SECLEVEL=0) so weak servers can be observed.
 *
 * Chain order: the leaf, then each `issuerCertificate` link from `getPeerX509Certificate()`. Measured on Node 20
 * (test/collectors/tls-endpoint.test.ts): the links follow the order the server sent, even when that order is wrong
 * (leaf, root, intermediate stays so), and a root taken from the trust store is never added. Unlike
 * `getPeerCertificate(true)`, which reorders by issuer and appends the store's root.
 * Returns the probe; `probe` throws CollectError ('dns', 'connect', 'timeout', 'tls-handshake').
 */
export function createTlsProbe(): TlsProbe {
  const contexts = new Map<string, tls.SecureContext>();
  const contextFor = (ca: readonly string[] | undefined): tls.SecureContext | undefined => {
    if (!ca || ca.length === 0) return undefined;
    const key = ca.join('\n');
    let context = contexts.get(key);
    if (!context) {
      context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...ca], ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1' });
      contexts.set(key, context);
    }
    return context;
  };
  return { probe: (options) => probeOnce(options, contextFor(options.ca)) };
}

function probeOnce(options: TlsProbeOptions, secureContext: tls.SecureContext | undefined): Promise<TlsProbeResult> {
  const { host, port, timeoutMs } = options;
  const target = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const serverName = options.serverName ?? (isIP(host) ? undefined : host);
  const started = performance.now();

  return new Promise<TlsProbeResult>((resolve, reject) => {
    let settled = false;
    let tcpConnected = false;
    const socket = tls.connect({
      host,
      port,
      ...(serverName !== undefined ? { servername: serverName } : {}),
      rejectUnauthorized: false,
      ...(secureContext ? { secureContext } : { ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1' as const }),
      // Name checks are done below and recorded as a fact rather than enforced.
      checkServerIdentity: () => undefined,
    });
    const finish = (error: CollectError | undefined, result?: TlsProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(() => {
      const phase = tcpConnected ? 'TLS handshake' : 'TCP connect';
      finish(new CollectError('timeout', `${target}: no ${phase} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      tcpConnected = true;
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (DNS_CODES.has(code)) finish(new CollectError('dns', `${target}: host name not resolved (${code})`, { cause: error }));
      else if (!tcpConnected) finish(new CollectError('connect', `${target}: connection failed (${code || error.message})`, { cause: error }));
      else finish(new CollectError('tls-handshake', `${target}: TLS handshake failed (${oneLine(error)})`, { cause: error }));
    });
    socket.once('close', () => finish(new CollectError(tcpConnected ? 'tls-handshake' : 'connect', `${target}: connection closed before the handshake completed`)));
    socket.once('secureConnect', () => {
      try {
        const handshakeMs = Math.round((performance.now() - started) * 100) / 100;
        const leaf = socket.getPeerX509Certificate();
        const chain = leaf ? walkChain(leaf) : [];
        const checkName = options.serverName ?? host;
        const hostnameMatches = leaf ? matchesName(leaf, checkName) : undefined;
        const authorizationError = socket.authorizationError as Error | string | null | undefined;
        const protocol = socket.getProtocol();
        const cipher = socket.getCipher()?.name;
        finish(undefined, {
          chain,
          ...(protocol ? { protocol } : {}),
          ...(cipher ? { cipher } : {}),
          authorized: socket.authorized,
          ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
          ...(hostnameMatches !== undefined ? { hostnameMatches } : {}),
          handshakeMs,
        });
      } catch (error) {
        finish(new CollectError('tls-handshake', `${target}: could not read the peer certificate (${oneLine(error)})`, { cause: error }));
      }
    });
  });
}

/** Follows issuerCertificate links from the leaf; stops at a self-issued certificate, a repeat or MAX_CHAIN_LENGTH. */
function walkChain(leaf: X509Certificate): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: X509Certificate | undefined = leaf;
  while (cert && chain.length < MAX_CHAIN_LENGTH && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function matchesName(cert: X509Certificate, name: string): boolean {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  return isIP(bare) ? cert.checkIP(bare) !== undefined : cert.checkHost(bare) !== undefined;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
