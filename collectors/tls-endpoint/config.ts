import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';
import { checkSpec, parseTargetLine, specSize, STARTTLS_PROTOCOLS, type TargetSpec } from './targets.js';

export { parseHostPort } from './targets.js';

const StartTls = z.enum([...STARTTLS_PROTOCOLS, 'none', 'auto']);

/**
 * One target: "host:port" ("[::1]:443" for IPv6; "host:443,8443" for several ports; "10.0.0.0/24:443" for a range,
 * optionally followed by "sni=a,b" and "starttls=smtp"), or an object.
 */
export const TlsTarget = z.union([
  z.string().superRefine((s, ctx) => {
    const spec = parseTargetLine(s);
    if (typeof spec === 'string') ctx.addIssue({ code: 'custom', message: spec });
  }),
  z
    .object({
      /** Host name, IP address or CIDR range. */
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).optional(),
      ports: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
      /** SNI to send (and name to check). */
      serverName: z.string().min(1).optional(),
      /** Several SNI names: one probe per name. */
      serverNames: z.array(z.string().min(1)).min(1).optional(),
      starttls: StartTls.optional(),
    })
    .strict()
    .superRefine((t, ctx) => {
      const ports = [...(t.port !== undefined ? [t.port] : []), ...(t.ports ?? [])];
      const problem = ports.length === 0 ? 'set port or ports' : checkSpec({ host: t.host, ports, serverNames: [...(t.serverName ? [t.serverName] : []), ...(t.serverNames ?? [])] });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
]);
/** One configured target. */
export type TlsTarget = z.infer<typeof TlsTarget>;

/** Configuration of the tls-endpoint collector; defaults live here. */
export const TlsEndpointConfig = z
  .object({
    targets: z.array(TlsTarget).default([]),
    /** Files with one target line each (same syntax as a target string; `#` comments), relative to the base directory. */
    targetsFiles: z.array(z.string().min(1)).default([]),
    /** SNI for every target without its own serverName(s). */
    serverName: z.string().min(1).optional(),
    /** STARTTLS for targets that set none: "auto" infers it from well-known ports (25/587 smtp, 143 imap, …). */
    starttls: StartTls.default('auto'),
    /** Hard limit per target for the main handshake: connect + STARTTLS + handshake, retries included. */
    timeoutMs: durationMs().default(10_000),
    connectTimeoutMs: durationMs().default(3000),
    starttlsTimeoutMs: durationMs().default(5000),
    handshakeTimeoutMs: durationMs().default(5000),
    /** Further attempts after a transient network error (reset or timeout before the server said anything). */
    retries: z.number().int().min(0).max(5).default(1),
    retryBackoffMs: durationMs({ min: 0, max: 10_000 }).default(250),
    /** Extra trust anchors (PEM files, relative to the base directory) besides node's root store. */
    caFiles: z.array(z.string().min(1)).default([]),
    /** Most probes one scan may expand to (CIDR ranges × ports × SNI names); more is a configuration error. */
    maxTargets: z.number().int().positive().max(16_777_216).default(65_536),
    /** Longest served chain recorded; longer chains are cut, flagged and reported. */
    maxChainLength: z.number().int().min(1).max(100).default(20),
    /** Most served-certificate bytes recorded; bigger chains are cut, flagged and reported. */
    maxChainBytes: byteSize({ min: 1024, max: 100_000 }).default(100_000),
    /** Also offer each protocol version alone (TLS 1.0–1.3): four more handshakes per target. */
    probeVersions: z.boolean().default(false),
    /** Also offer each weak suite family alone (TLS 1.2 and below): up to six more handshakes per target. */
    probeWeakSuites: z.boolean().default(false),
    /**
     * Worker threads for handshakes: "auto" = one per CPU core when there are at least 512 targets and the scan runs
     * more than one task at a time (otherwise the main thread), 0 = always the main thread, or a number of workers.
     */
    workers: z.union([z.literal('auto'), z.number().int().min(0).max(64)]).default('auto'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.targets.length === 0 && config.targetsFiles.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'set targets or targetsFiles' });
      return;
    }
    const size = config.targets.reduce((sum, t) => {
      const spec = toSpec(t);
      return sum + (spec ? specSize(spec) : 0n);
    }, 0n);
    if (size > BigInt(config.maxTargets)) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: `expand to ${size} probes; the limit is maxTargets (${config.maxTargets})` });
    }
  });
/** Parsed tls-endpoint configuration. */
export type TlsEndpointConfig = z.infer<typeof TlsEndpointConfig>;

/** Normalises a configured target to a spec; undefined when it is malformed (the schema has already said why). */
export function toSpec(target: TlsTarget): TargetSpec | undefined {
  if (typeof target === 'string') {
    const spec = parseTargetLine(target);
    return typeof spec === 'string' ? undefined : spec;
  }
  const ports = [...(target.port !== undefined ? [target.port] : []), ...(target.ports ?? [])];
  const serverNames = [...(target.serverName ? [target.serverName] : []), ...(target.serverNames ?? [])];
  return { host: target.host, ports, serverNames, ...(target.starttls ? { starttls: target.starttls } : {}) };
}
