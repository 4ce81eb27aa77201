import { createHash, type X509Certificate } from 'node:crypto';
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import type { PlainChannel, TlsProbe, TlsProbeOptions, TlsProbeResult } from './collector-context.js';
import { CollectError } from './define-collector.js';

/** Default longest chain the probe records; longer (or looping) issuer links are cut. */
export const MAX_CHAIN_LENGTH = 20;
/** Default most certificate bytes the probe records. OpenSSL itself refuses certificate messages above 100 KiB. */
export const MAX_CHAIN_BYTES = 100_000;
/** Longest line a STARTTLS dialogue may read. */
export const MAX_STARTTLS_LINE_BYTES = 4096;
/** Most bytes a server may send before TLS starts (greetings, capabilities, the STARTTLS reply). */
export const MAX_STARTTLS_BYTES = 65_536;
/** Cipher string offered unless the caller restricts it: everything OpenSSL has, so weak servers can be observed. */
export const DEFAULT_CIPHERS = 'DEFAULT:@SECLEVEL=0';

const MAX_BACKOFF_MS = 2000;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
/** Socket errors worth another attempt when they happen before the server said anything: resets, drops, timeouts. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

/** OpenSSL errors meaning the bytes that came back were not a TLS record at all (plain text, HTTP, garbage). */
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_RECORD_LENGTH_MISMATCH']);

type Phase = 'connect' | 'starttls' | 'handshake';

/** A probe failure that knows whether another attempt could succeed. */
class ProbeFailure extends CollectError {
  constructor(
    code: CollectError['code'],
    message: string,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * Creates a TLS probe on node:tls. It never rejects a certificate (the point is to observe it), validates the chain
 * against node's root store plus configured PEMs, and by default accepts weak parameters (@SECLEVEL=0, TLS 1.0 and up)
 * so weak servers can be observed.
 *
 * Phases: TCP connect (net.connect), the optional STARTTLS dialogue on the plain socket, then the TLS handshake
 * (tls.connect({ socket })); each has its own limit within the total `timeoutMs`. Only transient network errors are
 * retried (a reset or timeout before the server sent a byte); certificate and protocol errors never are.
 *
 * Chain order: the leaf, then each `issuerCertificate` link from `getPeerX509Certificate()`. Measured on Node 20
 * (test/collectors/tls-endpoint.test.ts): the links follow the order the server sent, even when that order is wrong
 * (leaf, root, intermediate stays so), and a root taken from the trust store is never added. Unlike
 * `getPeerCertificate(true)`, which reorders by issuer and appends the store's root.
 * Returns the probe; `probe` throws CollectError ('dns', 'connect', 'timeout', 'tls-handshake', 'too-large', 'other').
 */
export function createTlsProbe(): TlsProbe {
  const contexts = new Map<string, tls.SecureContext>();
  const caKeys = new WeakMap<readonly string[], string>();
  const contextFor = (options: TlsProbeOptions): tls.SecureContext => {
    const ca = options.ca ?? [];
    let caKey = caKeys.get(ca);
    if (caKey === undefined) {
      caKey = ca.length === 0 ? '' : createHash('sha256').update(ca.join('\n')).digest('hex');
      caKeys.set(ca, caKey);
    }
    const minVersion = options.minVersion ?? 'TLSv1';
    const maxVersion = options.maxVersion ?? 'TLSv1.3';
    const ciphers = options.ciphers ?? DEFAULT_CIPHERS;
    const key = `${caKey}|${minVersion}|${maxVersion}|${ciphers}`;
    let context = contexts.get(key);
    if (!context) {
      context = tls.createSecureContext({ ...(ca.length > 0 ? { ca: [...tls.rootCertificates, ...ca] } : {}), ciphers, minVersion, maxVersion });
      contexts.set(key, context);
    }
    return context;
  };
  return {
    inProcess: true,
    probe: async (options) => {
      let context: tls.SecureContext;
      try {
        context = contextFor(options);
      } catch (error) {
        const what = `${options.ciphers ?? DEFAULT_CIPHERS} for ${options.minVersion ?? 'TLSv1'}–${options.maxVersion ?? 'TLSv1.3'}`;
        throw new CollectError('other', `${targetOf(options)}: this scanner's TLS library cannot offer ${what} (${oneLine(error)})`, { cause: error });
      }
      return probeWithRetries(options, context);
    },
  };
}

function targetOf(options: TlsProbeOptions): string {
  return `${net.isIP(options.host) === 6 ? `[${options.host}]` : options.host}:${options.port}`;
}

async function probeWithRetries(options: TlsProbeOptions, context: tls.SecureContext): Promise<TlsProbeResult> {
  const deadline = performance.now() + options.timeoutMs;
  const maxAttempts = 1 + Math.max(0, options.retries ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await attemptOnce(options, context, deadline)), attempts: attempt };
    } catch (error) {
      const wait = Math.min((options.retryBackoffMs ?? 200) * 2 ** (attempt - 1), MAX_BACKOFF_MS);
      const transient = error instanceof ProbeFailure && error.transient;
      if (!transient || attempt >= maxAttempts || deadline - performance.now() <= wait) {
        throw error instanceof ProbeFailure ? new CollectError(error.code, error.message, { cause: error.cause }) : error;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function attemptOnce(options: TlsProbeOptions, secureContext: tls.SecureContext, deadline: number): Promise<Omit<TlsProbeResult, 'attempts'>> {
  const { host, port } = options;
  const target = targetOf(options);
  const serverName = options.serverName ?? (net.isIP(host) ? undefined : host);
  const started = performance.now();
  const phaseText: Record<Phase, string> = {
    connect: 'TCP connect',
    starttls: `STARTTLS ${options.starttls?.protocol ?? ''} exchange`,
    handshake: 'TLS handshake',
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    let phase: Phase = 'connect';
    let timer: NodeJS.Timeout | undefined;
    let secure: tls.TLSSocket | undefined;
    let serverBytesBeforeHandshake = 0;

    const raw = net.connect({ host, port });
    const finish = (error: CollectError | undefined, result?: Omit<TlsProbeResult, 'attempts'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      secure?.destroy();
      raw.destroy();
      if (error) reject(error);
      else resolve(result!);
    };
    const arm = (next: Phase, phaseMs: number): void => {
      phase = next;
      clearTimeout(timer);
      const remaining = deadline - performance.now();
      const byTotal = remaining < phaseMs;
      const limit = byTotal ? `${options.timeoutMs} ms (total limit)` : `${phaseMs} ms`;
      timer = setTimeout(() => finish(new ProbeFailure('timeout', `${target}: no ${phaseText[next]} within ${limit}`, next === 'connect')), Math.max(0, Math.min(phaseMs, remaining)));
    };
    const socketError = (error: NodeJS.ErrnoException): ProbeFailure => {
      const code = error.code ?? '';
      // A reset before the server said anything in this phase may be load shedding; after that it is the server's answer.
      const quiet = raw.bytesRead === serverBytesBeforeHandshake;
      if (DNS_CODES.has(code)) return new ProbeFailure('dns', `${target}: host name not resolved (${code})`, code === 'EAI_AGAIN', { cause: error });
      if (phase === 'connect') return new ProbeFailure('connect', `${target}: connection failed (${code || oneLine(error)})`, TRANSIENT_CODES.has(code), { cause: error });
      if (phase === 'starttls') return new ProbeFailure('tls-handshake', `${target}: STARTTLS ${options.starttls?.protocol ?? ''} failed (${oneLine(error)})`, quiet && TRANSIENT_CODES.has(code), { cause: error });
      if (/EXCESSIVE_MESSAGE_SIZE/.test(code) || /excessive message size/i.test(error.message)) {
        return new ProbeFailure('too-large', `${target}: the server sent a handshake message bigger than the TLS library accepts (certificate chain above 100 KiB?)`, false, { cause: error });
      }
      const notTls = NOT_TLS_CODES.has(code) ? ': the server did not answer with TLS' : '';
      return new ProbeFailure('tls-handshake', `${target}: TLS handshake failed (${oneLine(error)})${notTls}`, quiet && TRANSIENT_CODES.has(code), { cause: error });
    };
    const closed = (): void => {
      if (settled) return; // the normal end of a finished probe
      // Let a TLS error that explains the close (an alert, a bad record) be reported first.
      setImmediate(() => {
        if (settled) return;
        const code = phase === 'connect' ? 'connect' : 'tls-handshake';
        const during = phase === 'starttls' ? `the STARTTLS ${options.starttls?.protocol ?? ''} exchange completed` : 'the handshake completed';
        finish(new ProbeFailure(code, `${target}: connection closed before ${during}`, false));
      });
    };

    arm('connect', options.connectTimeoutMs ?? options.timeoutMs);
    raw.on('error', (error) => settled || finish(socketError(error)));
    raw.on('close', closed);
    raw.once('connect', () => {
      raw.setNoDelay(true);
      const dialogue = options.starttls;
      if (!dialogue) {
        handshake();
        return;
      }
      arm('starttls', options.starttlsTimeoutMs ?? options.timeoutMs);
      const channel = createChannel(raw, `STARTTLS ${dialogue.protocol}`);
      dialogue.run(channel, { host, ...(serverName !== undefined ? { serverName } : {}) }).then(
        () => {
          if (settled) return;
          channel.detach();
          handshake();
        },
        (error: unknown) =>
          finish(
            error instanceof CollectError
              ? new ProbeFailure(error.code, `${target}: ${error.message}`, false, { cause: error.cause ?? error })
              : new ProbeFailure('tls-handshake', `${target}: STARTTLS ${dialogue.protocol} failed (${oneLine(error)})`, false, { cause: error }),
          ),
      );
    });

    function handshake(): void {
      arm('handshake', options.handshakeTimeoutMs ?? options.timeoutMs);
      serverBytesBeforeHandshake = raw.bytesRead;
      let ocspResponse: Buffer | undefined;
      secure = tls.connect({
        socket: raw,
        secureContext,
        ...(serverName !== undefined ? { servername: serverName } : {}),
        rejectUnauthorized: false,
        // Name checks are done below and recorded as a fact rather than enforced.
        checkServerIdentity: () => undefined,
        ...(options.requestOcsp ? { requestOCSP: true } : {}),
        ...(options.alpn && options.alpn.length > 0 ? { ALPNProtocols: [...options.alpn] } : {}),
      });
      secure.on('OCSPResponse', (response: Buffer | undefined) => {
        if (response && response.length > 0) ocspResponse = response;
      });
      secure.on('error', (error: NodeJS.ErrnoException) => settled || finish(socketError(error)));
      secure.once('secureConnect', () => {
        try {
          const socket = secure!;
          const handshakeMs = Math.round((performance.now() - started) * 100) / 100;
          // Call once: node moves certificates out of the peer stack while building the issuer links.
          const leaf = socket.getPeerX509Certificate();
          const { chain, truncated } = leaf ? walkChain(leaf, options.maxChainLength ?? MAX_CHAIN_LENGTH, options.maxChainBytes ?? MAX_CHAIN_BYTES) : { chain: [], truncated: false };
          const checkName = options.serverName ?? host;
          const hostnameMatches = leaf ? matchesName(leaf, checkName) : undefined;
          const authorizationError = socket.authorizationError as Error | string | null | undefined;
          const protocol = socket.getProtocol();
          const cipher = socket.getCipher() as tls.CipherNameAndProtocol | undefined;
          const keyInfo = socket.getEphemeralKeyInfo() as { type?: string; name?: string; size?: number } | null;
          const alpn = socket.alpnProtocol;
          finish(undefined, {
            chain,
            ...(truncated ? { chainTruncated: true } : {}),
            ...(protocol ? { protocol } : {}),
            ...(cipher?.name ? { cipher: cipher.name } : {}),
            ...(cipher?.standardName ? { cipherStandardName: cipher.standardName } : {}),
            ...(keyInfo?.type
              ? { ephemeralKey: { type: keyInfo.type, ...(keyInfo.name ? { name: keyInfo.name } : {}), ...(keyInfo.size ? { size: keyInfo.size } : {}) } }
              : {}),
            ...(typeof alpn === 'string' ? { alpn } : {}),
            ...(ocspResponse ? { ocspResponse: new Uint8Array(ocspResponse) } : {}),
            authorized: socket.authorized,
            ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
            ...(hostnameMatches !== undefined ? { hostnameMatches } : {}),
            handshakeMs,
          });
        } catch (error) {
          finish(new ProbeFailure('tls-handshake', `${target}: could not read the peer certificate (${oneLine(error)})`, false, { cause: error }));
        }
      });
    }
  });
}

/** A bounded line/byte reader over the plain socket, for STARTTLS dialogues; `detach` stops reading before the upgrade. */
function createChannel(socket: net.Socket, what: string): PlainChannel & { detach(): void } {
  let buffer: Buffer = Buffer.alloc(0);
  let total = 0;
  let ended = false;
  let failure: CollectError | undefined;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer): void => {
    total += chunk.length;
    if (total > MAX_STARTTLS_BYTES) failure ??= new CollectError('too-large', `${what}: the server sent more than ${MAX_STARTTLS_BYTES} bytes before TLS`);
    else buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    wake?.();
  };
  const onEnd = (): void => {
    ended = true;
    wake?.();
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
  const take = async <T>(pick: () => T | undefined): Promise<T> => {
    for (;;) {
      const value = pick();
      if (value !== undefined) return value;
      if (failure) throw failure;
      if (ended) throw new CollectError('tls-handshake', `${what}: the server closed the connection`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };
  const consume = (count: number): Buffer => {
    const head = buffer.subarray(0, count);
    buffer = buffer.subarray(count);
    return head;
  };
  return {
    write: (data) => socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data),
    readLine: () =>
      take(() => {
        const end = buffer.indexOf(0x0a);
        if (end < 0) {
          if (buffer.length > MAX_STARTTLS_LINE_BYTES) failure ??= new CollectError('too-large', `${what}: a line longer than ${MAX_STARTTLS_LINE_BYTES} bytes`);
          return undefined;
        }
        if (end > MAX_STARTTLS_LINE_BYTES) {
          failure ??= new CollectError('too-large', `${what}: a line longer than ${MAX_STARTTLS_LINE_BYTES} bytes`);
          return undefined;
        }
        return consume(end + 1).toString('latin1').replace(/\r?\n$/, '');
      }),
    readBytes: (count) => take(() => (buffer.length >= count ? new Uint8Array(consume(count)) : undefined)),
    readChunk: () => take(() => (buffer.length > 0 ? new Uint8Array(consume(buffer.length)) : undefined)),
    detach: () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
    },
  };
}

/** Follows issuerCertificate links from the leaf; stops at a repeat, at maxLength certificates or past maxBytes (the leaf always counts). */
function walkChain(leaf: X509Certificate, maxLength: number, maxBytes: number): { chain: Uint8Array[]; truncated: boolean } {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let cert: X509Certificate | undefined = leaf;
  while (cert && !seen.has(cert.fingerprint256)) {
    const raw = cert.raw;
    if (chain.length >= maxLength || (chain.length > 0 && bytes + raw.length > maxBytes)) return { chain, truncated: true };
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(raw));
    bytes += raw.length;
    cert = cert.issuerCertificate;
  }
  return { chain, truncated: false };
}

function matchesName(cert: X509Certificate, name: string): boolean {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  return net.isIP(bare) ? cert.checkIP(bare) !== undefined : cert.checkHost(bare) !== undefined;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
