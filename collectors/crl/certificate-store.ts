import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { CertificateData } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { bytesEqual, type CertificateParts, readCertificateParts } from '../../src/pki/ocsp.js';
import { readCertificates } from '../../src/pki/pem.js';

/** One certificate the revocation collectors know: its facts, and its DER when it could be recovered. */
export interface KnownCertificate {
  readonly sha256: string;
  readonly facts: CertificateData;
  /** Collected by a discover collector (false for configured issuer files). */
  readonly collected: boolean;
}

/** Options for the store: where else to find issuers, and how hard to try to recover DER. */
export interface CertificateStoreOptions {
  /** Issuer certificate files (PEM or DER), relative to the scan's base directory. */
  readonly issuerFiles: readonly string[];
  /** Repeat the TLS handshake with an endpoint to recover the DER of a certificate it served. */
  readonly tlsReprobe: boolean;
  readonly timeoutMs: number;
  /** Largest certificate file read back (cert-file sightings and issuer files). */
  readonly maxFileBytes: number;
}

type DerList = readonly Uint8Array[];

const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** "host:port" or "[v6]:port" → parts. */
function splitLabel(label: string): { host: string; port: number } | undefined {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(label) ?? /^([^:[\]]+):(\d{1,5})$/.exec(label);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/**
 * The certificates an enrich collector can use: everything discovered plus configured issuer files.
 * Certificate evidence carries facts, not DER, so DER is recovered on demand from where the certificate was seen:
 * the configured issuer files, the cert-file sighting's file (read again, checked by SHA-256), or the TLS endpoint
 * that served it (one more handshake per endpoint, when `tlsReprobe`). Every recovery runs at most once.
 */
export class CertificateStore {
  private readonly bySha = new Map<string, KnownCertificate>();
  private readonly bySubject = new Map<string, KnownCertificate[]>();
  private readonly derBySha = new Map<string, Uint8Array>();
  private readonly parts = new Map<string, CertificateParts | undefined>();
  private readonly files = new Map<string, Promise<DerList>>();
  private readonly endpoints = new Map<string, Promise<DerList>>();
  private issuerFilesLoaded: Promise<void> | undefined;

  constructor(
    private readonly ctx: CollectorContext,
    private readonly options: CertificateStoreOptions,
    private readonly problemTarget: (file: string) => string,
  ) {
    for (const e of ctx.collected('certificate')) this.add({ sha256: e.data.sha256, facts: e.data, collected: true });
  }

  private add(cert: KnownCertificate): void {
    if (this.bySha.has(cert.sha256)) return;
    this.bySha.set(cert.sha256, cert);
    const list = this.bySubject.get(cert.facts.subject) ?? [];
    list.push(cert);
    this.bySubject.set(cert.facts.subject, list);
  }

  /** Collected certificate evidence (not issuer files). */
  collected(): readonly KnownCertificate[] {
    return [...this.bySha.values()].filter((c) => c.collected);
  }

  /** A known certificate by SHA-256. */
  get(sha256: string): KnownCertificate | undefined {
    return this.bySha.get(sha256);
  }

  /** Loads the configured issuer files once; unreadable files become problems. */
  loadIssuerFiles(): Promise<void> {
    this.issuerFilesLoaded ??= Promise.all(
      this.options.issuerFiles.map(async (file) => {
        try {
          const ders = await this.readFile(file);
          if (ders.length === 0) throw new CollectError('parse', `${file}: no certificate found`);
          for (const der of ders) {
            const facts = toCertificateFacts(der);
            this.derBySha.set(facts.sha256, der);
            this.add({ sha256: facts.sha256, facts: { ...facts, sightings: [] }, collected: false });
          }
        } catch (error) {
          const code = error instanceof CollectError ? error.code : 'other';
          const message = error instanceof Error ? error.message : String(error);
          this.ctx.problem(this.problemTarget(file), new CollectError(code, `issuer file ${message.startsWith(file) ? message : `${file}: ${message}`}`, { cause: error }));
        }
      }),
    ).then(() => undefined);
    return this.issuerFilesLoaded;
  }

  private readFile(file: string): Promise<DerList> {
    const abs = isAbsolute(file) ? file : resolve(this.ctx.baseDir, file);
    let pending = this.files.get(abs);
    if (!pending) {
      pending = this.ctx.fs.readFile(abs, this.options.maxFileBytes).then((bytes) => readCertificates(bytes, file).certificates.map((c) => c.der));
      this.files.set(abs, pending);
    }
    return pending;
  }

  private probeEndpoint(label: string): Promise<DerList> {
    let pending = this.endpoints.get(label);
    if (!pending) {
      const endpoint = this.ctx.collected('tls-endpoint').find((e) => e.target === label);
      const hostPort = endpoint ? { host: endpoint.data.host, port: endpoint.data.port } : splitLabel(label);
      if (!hostPort || endpoint?.data.starttls !== undefined) pending = Promise.resolve([]);
      else {
        const serverName = endpoint?.data.serverName;
        pending = this.ctx.tls
          .probe({ ...hostPort, timeoutMs: this.options.timeoutMs, ...(serverName !== undefined ? { serverName } : {}) })
          .then((r) => r.chain)
          .catch(() => []);
      }
      this.endpoints.set(label, pending);
    }
    return pending;
  }

  /** The DER of a known certificate, recovered from its sightings; undefined when no source has it any more. */
  async der(sha256: string): Promise<Uint8Array | undefined> {
    const cached = this.derBySha.get(sha256);
    if (cached) return cached;
    const cert = this.bySha.get(sha256);
    if (!cert) return undefined;
    for (const s of cert.facts.sightings) {
      let candidates: DerList = [];
      if (s.collector === 'cert-file' && s.location !== undefined) {
        const hash = s.location.lastIndexOf('#');
        const file = hash > 0 ? s.location.slice(0, hash) : s.location;
        candidates = await this.readFile(file).catch(() => []);
      } else if (s.collector === 'tls-endpoint' && this.options.tlsReprobe) {
        candidates = await this.probeEndpoint(s.target);
      }
      for (const der of candidates) {
        const sha = sha256Hex(der);
        if (this.bySha.has(sha)) this.derBySha.set(sha, der);
      }
      const found = this.derBySha.get(sha256);
      if (found) return found;
    }
    return undefined;
  }

  /** Parsed parts of a known certificate; undefined when its DER cannot be recovered or read. */
  async partsOf(sha256: string): Promise<CertificateParts | undefined> {
    if (this.parts.has(sha256)) return this.parts.get(sha256);
    const der = await this.der(sha256);
    let parts: CertificateParts | undefined;
    try {
      parts = der ? readCertificateParts(der) : undefined;
    } catch {
      parts = undefined;
    }
    this.parts.set(sha256, parts);
    return parts;
  }

  /**
   * Candidate issuers of something issued under `issuerName`: known certificates with that subject, whose subject
   * encoding equals `issuerDer` when given and whose subjectKeyIdentifier equals `authorityKeyId` when both are known.
   * Returns each with its parts (only candidates whose DER could be recovered).
   */
  async issuerCandidates(issuerName: string, issuerDer?: Uint8Array, authorityKeyId?: string): Promise<{ cert: KnownCertificate; parts: CertificateParts }[]> {
    await this.loadIssuerFiles();
    const out: { cert: KnownCertificate; parts: CertificateParts }[] = [];
    for (const cert of this.bySubject.get(issuerName) ?? []) {
      const ski = cert.facts.subjectKeyIdentifier;
      if (authorityKeyId !== undefined && ski !== undefined && ski !== authorityKeyId) continue;
      const parts = await this.partsOf(cert.sha256);
      if (!parts) continue;
      if (issuerDer && !bytesEqual(parts.subjectDer, issuerDer)) continue;
      out.push({ cert, parts });
    }
    return out;
  }
}

/** A per-key concurrency limit (e.g. per host), on top of the scan's shared limit. */
export class KeyedLimit {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly max: number) {}

  /** Runs `task` once fewer than `max` tasks with the same key are running (a finishing task hands its slot on). */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.active.get(key) ?? 0;
    if (running >= this.max) {
      await new Promise<void>((wake) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(wake);
        this.waiting.set(key, queue);
      });
    } else {
      this.active.set(key, running + 1);
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.get(key)?.shift();
      if (next) next();
      else {
        const left = (this.active.get(key) ?? 1) - 1;
        if (left > 0) this.active.set(key, left);
        else {
          this.active.delete(key);
          this.waiting.delete(key);
        }
      }
    }
  }
}

/** Host part of a URL for per-host limits ("" for unparsable URLs). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}
