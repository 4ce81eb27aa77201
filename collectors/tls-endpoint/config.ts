import { z } from 'zod';

/** "host:port", "[v6]:port" → host and port; undefined when malformed. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: (match[1] ?? match[2])!, port };
}

/** One endpoint: "host:port" ("[::1]:443" for IPv6) or an object with an optional SNI override. */
export const TlsTarget = z.union([
  z.string().refine((s) => parseHostPort(s) !== undefined, 'expected host:port (IPv6 as [addr]:port)'),
  z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      serverName: z.string().min(1).optional(),
    })
    .strict(),
]);
/** One configured endpoint. */
export type TlsTarget = z.infer<typeof TlsTarget>;

/** Configuration of the tls-endpoint collector; defaults live here. */
export const TlsEndpointConfig = z
  .object({
    targets: z.array(TlsTarget).min(1),
    /** SNI for every target without its own serverName. */
    serverName: z.string().min(1).optional(),
    /** Hard limit for connect + handshake per target. */
    timeoutMs: z.number().int().positive().default(5000),
    /** Extra trust anchors (PEM files, relative to the base directory) besides the system roots. */
    caFiles: z.array(z.string().min(1)).default([]),
  })
  .strict();
/** Parsed tls-endpoint configuration. */
export type TlsEndpointConfig = z.infer<typeof TlsEndpointConfig>;
