import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import type { TlsEndpointData } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { parseHostPort, TlsEndpointConfig, type TlsTarget } from './config.js';

const ID = 'tls-endpoint';
const MAX_CA_FILE_BYTES = 5_000_000;

/** Connects to TLS endpoints and records the handshake and every served certificate. */
export default defineCollector({
  id: ID,
  title: 'TLS endpoints',
  description: 'Performs a TLS handshake with each endpoint and records protocol, cipher, the served chain and whether it is trusted.',
  config: TlsEndpointConfig,
  produces: ['tls-endpoint', 'certificate'],
  countTargets: (config) => config.targets.length,
  async collect(config, ctx) {
    const ca = await loadTrustAnchors(config.caFiles, ctx);
    await Promise.all(config.targets.map((target) => ctx.limit(() => probeTarget(target, config, ca, ctx))));
  },
});

/** Canonical "host:port" label of a target ("[::1]:443" for IPv6). */
export function targetLabel(target: TlsTarget): string {
  const parsed = typeof target === 'string' ? parseHostPort(target) : target;
  if (!parsed) return typeof target === 'string' ? target : JSON.stringify(target);
  return `${isIP(parsed.host) === 6 ? `[${parsed.host}]` : parsed.host}:${parsed.port}`;
}

async function loadTrustAnchors(files: readonly string[], ctx: CollectorContext): Promise<string[]> {
  const pems: string[] = [];
  for (const file of files) {
    const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
    try {
      const bytes = await ctx.fs.readFile(abs, MAX_CA_FILE_BYTES);
      const { certificates } = readCertificates(bytes, file);
      if (certificates.length === 0) throw new CollectError('parse', `${file}: no certificate found`);
      for (const { der } of certificates) {
        const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
        pems.push(`-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`);
      }
    } catch (error) {
      const code = error instanceof CollectError ? error.code : 'other';
      const message = (error instanceof Error ? error.message : String(error)).split(abs).join(file);
      ctx.problem(`caFiles:${file}`, new CollectError(code, `CA file ${message}`, { cause: error }));
    }
  }
  return pems;
}

async function probeTarget(target: TlsTarget, config: TlsEndpointConfig, ca: readonly string[], ctx: CollectorContext): Promise<void> {
  const label = targetLabel(target);
  const parsed = typeof target === 'string' ? parseHostPort(target) : target;
  if (!parsed) {
    ctx.problem(label, new CollectError('other', `${label}: expected host:port`));
    return;
  }
  const serverName = (typeof target === 'object' ? target.serverName : undefined) ?? config.serverName;
  try {
    const result = await ctx.tls.probe({
      host: parsed.host,
      port: parsed.port,
      timeoutMs: config.timeoutMs,
      ...(serverName !== undefined ? { serverName } : {}),
      ...(ca.length > 0 ? { ca } : {}),
    });
    const chain: string[] = [];
    result.chain.forEach((der, i) => {
      try {
        const facts = toCertificateFacts(der);
        chain.push(facts.sha256);
        ctx.emit('certificate', label, { ...facts, sightings: [{ collector: ID, target: label, location: `chain[${i}]` }] });
      } catch (error) {
        ctx.problem(label, new CollectError('parse', `${label}: chain[${i}]: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
    const sni = serverName ?? (isIP(parsed.host) ? undefined : parsed.host);
    const data: TlsEndpointData = {
      host: parsed.host,
      port: parsed.port,
      ...(sni !== undefined ? { serverName: sni } : {}),
      ...(result.protocol !== undefined ? { protocol: result.protocol } : {}),
      ...(result.cipher !== undefined ? { cipher: result.cipher } : {}),
      chain,
      chainTrusted: result.authorized,
      ...(result.authorizationError !== undefined ? { trustError: result.authorizationError } : {}),
      ...(result.hostnameMatches !== undefined ? { hostnameMatches: result.hostnameMatches } : {}),
      handshakeMs: result.handshakeMs,
    };
    ctx.emit('tls-endpoint', label, data);
  } catch (error) {
    ctx.problem(label, error);
  }
}
