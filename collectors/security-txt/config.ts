import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A web host whose security.txt is fetched: a DNS name, optionally with a port ("Example.ORG." → "example.org", "example.org:8443"). */
export const WebDomain = z.string().transform((value, ctx) => {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  const name = (match?.[1] ?? '').replace(/\.$/, '');
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (name.length === 0 || name.length > 253 || !name.split('.').every((l) => LABEL.test(l)) || (port !== undefined && (port < 1 || port > 65_535))) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a host name such as example.org (optionally with a port: example.org:8443)` });
    return z.NEVER;
  }
  return port === undefined || port === 443 ? name : `${name}:${port}`;
});

/** Configuration of the security-txt collector; defaults live here. */
export const SecurityTxtConfig = z
  .object({
    /** Domains whose https://<domain>/.well-known/security.txt is fetched; each is one target. */
    domains: z.array(WebDomain).default([]),
    /** Also fetch the security.txt of the policy profile's domains in scope (`scope.domains` and dns-zone scope units). */
    policyDomains: z.boolean().default(true),
    /** Per request (each of the two locations), redirects and body included. */
    timeoutMs: durationMs({ min: 100, max: 120_000 }).default(10_000),
    /** Larger files are not read (RFC 9116 files are a few hundred bytes). */
    maxBytes: byteSize({ max: 1024 * 1024 }).default(32 * 1024),
    /** Redirects followed at most (never more than the scan's `network.maxRedirects`). */
    maxRedirects: z.number().int().min(0).max(10).default(3),
  })
  .strict();
/** Parsed security-txt configuration. */
export type SecurityTxtConfig = z.infer<typeof SecurityTxtConfig>;
