import { isIP } from 'node:net';
import type { StartTlsProtocol } from '../../model/evidence.js';

/** STARTTLS protocols the collector speaks. */
export const STARTTLS_PROTOCOLS = ['smtp', 'imap', 'pop3', 'ftp', 'ldap', 'xmpp', 'postgres'] as const satisfies readonly StartTlsProtocol[];

/** Well-known plain-text ports whose TLS starts with STARTTLS (used when a target's starttls is "auto"). */
export const STARTTLS_PORTS: Readonly<Record<number, StartTlsProtocol>> = {
  21: 'ftp',
  25: 'smtp',
  110: 'pop3',
  143: 'imap',
  389: 'ldap',
  587: 'smtp',
  5222: 'xmpp',
  5432: 'postgres',
};

/** How a target chooses its STARTTLS dialogue: a protocol, "none" (direct TLS) or "auto" (by well-known port). */
export type StartTlsSetting = StartTlsProtocol | 'none' | 'auto';

/** A target as written in the configuration or a targets file, before expansion. */
export interface TargetSpec {
  /** Host name, IP address or CIDR range ("10.0.0.0/24", "2001:db8::/120"). */
  readonly host: string;
  readonly ports: readonly number[];
  /** SNI names; one probe per name. Empty: the default (the host name; none for IP addresses). */
  readonly serverNames: readonly string[];
  readonly starttls?: StartTlsSetting;
}

/** One probe to run: a single address or name, one port, at most one SNI name. */
export interface ExpandedTarget {
  /** Lowercase host name, dotted IPv4 or compressed lowercase IPv6. */
  readonly host: string;
  readonly port: number;
  /** SNI to send when configured; absent means the default (the host name, none for IP addresses). */
  readonly serverName?: string;
  /** Resolved dialogue; absent means direct TLS. */
  readonly starttls?: StartTlsProtocol;
  /** "host:port" ("[v6]:port"), plus "#name" when a configured SNI differs from the host. */
  readonly label: string;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const HOST_PORT = /^(?:\[([0-9A-Fa-f:.]+(?:\/\d{1,3})?)\]|([^\s:[\]]+)):(\d{1,5}(?:,\d{1,5})*)$/;

/** "host:port", "[v6]:port" → host and port; undefined when malformed. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const spec = parseTargetLine(text);
  if (typeof spec === 'string' || spec.ports.length !== 1 || spec.host.includes('/') || spec.serverNames.length > 0 || spec.starttls !== undefined) return undefined;
  return { host: spec.host, port: spec.ports[0]! };
}

/**
 * Parses one target line: `host:port[,port…]` (IPv6 and IPv6 ranges in brackets, CIDR ranges allowed) followed by
 * optional `sni=name[,name…]` and `starttls=<protocol|none|auto>` words. Returns the spec, or a reason string when malformed.
 */
export function parseTargetLine(line: string): TargetSpec | string {
  const [hostPort = '', ...words] = line.trim().split(/\s+/);
  const match = HOST_PORT.exec(hostPort);
  if (!match) return `"${hostPort}": expected host:port (IPv6 as [addr]:port, several ports as host:443,8443)`;
  const host = (match[1] ?? match[2])!;
  const ports = match[3]!.split(',').map(Number);
  let serverNames: string[] = [];
  let starttls: StartTlsSetting | undefined;
  for (const word of words) {
    const [key, value = ''] = word.split('=', 2) as [string, string?];
    if (key === 'sni' && value) serverNames = value.split(',').filter((n) => n.length > 0);
    else if (key === 'starttls' && isStartTlsSetting(value)) starttls = value;
    else return `"${word}": expected sni=name[,name…] or starttls=${[...STARTTLS_PROTOCOLS, 'none', 'auto'].join('|')}`;
  }
  const problem = checkSpec({ host, ports, serverNames });
  if (problem) return problem;
  return { host, ports, serverNames, ...(starttls ? { starttls } : {}) };
}

/** Whether a word names a STARTTLS setting. */
export function isStartTlsSetting(value: string): value is StartTlsSetting {
  return value === 'none' || value === 'auto' || (STARTTLS_PROTOCOLS as readonly string[]).includes(value);
}

/** Checks host (name, IP or CIDR), ports and SNI names; returns a reason, or undefined when valid. */
export function checkSpec(spec: Pick<TargetSpec, 'host' | 'ports' | 'serverNames'>): string | undefined {
  if (spec.ports.length === 0) return `${spec.host}: no port`;
  for (const port of spec.ports) if (!Number.isInteger(port) || port < 1 || port > 65535) return `${spec.host}: port ${port} is outside 1–65535`;
  for (const name of spec.serverNames) if (!HOST_NAME.test(name)) return `"${name}": not a DNS name for SNI`;
  if (spec.host.includes('/')) return cidrSize(spec.host) === undefined ? `"${spec.host}": not a CIDR range` : undefined;
  if (isIP(spec.host) || HOST_NAME.test(spec.host)) return undefined;
  return `"${spec.host}": not a host name or IP address`;
}

/** Number of addresses in a CIDR range (bigint, IPv6 ranges can be huge); undefined when malformed. */
export function cidrSize(cidr: string): bigint | undefined {
  const range = parseCidr(cidr);
  return range ? 1n << BigInt(range.bits - range.prefix) : undefined;
}

/** Number of probes a spec expands to before de-duplication (addresses × ports × names). */
export function specSize(spec: TargetSpec): bigint {
  const addresses = spec.host.includes('/') ? (cidrSize(spec.host) ?? 0n) : 1n;
  return addresses * BigInt(spec.ports.length) * BigInt(Math.max(1, spec.serverNames.length));
}

/**
 * Expands specs in order (CIDR addresses ascending, then ports as listed, then SNI names as listed), de-duplicating on
 * (host, port, effective SNI); the first occurrence wins. `defaults` apply where a spec sets nothing.
 * Returns the targets; throws RangeError when the expansion passes `maxTargets` (callers check specSize first).
 */
export function expandTargets(
  specs: readonly TargetSpec[],
  defaults: { readonly serverName?: string; readonly starttls: StartTlsSetting },
  maxTargets: number,
): ExpandedTarget[] {
  const seen = new Set<string>();
  const out: ExpandedTarget[] = [];
  for (const spec of specs) {
    const names = spec.serverNames.length > 0 ? spec.serverNames : defaults.serverName !== undefined ? [defaults.serverName] : [undefined];
    for (const host of hostsOf(spec.host)) {
      for (const port of spec.ports) {
        for (const rawName of names) {
          const serverName = rawName?.toLowerCase().replace(/\.$/, '');
          const effective = serverName ?? (isIP(host) ? '' : host);
          const key = `${host}|${port}|${effective}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (out.length >= maxTargets) throw new RangeError(`more than ${maxTargets} targets`);
          const setting = spec.starttls ?? defaults.starttls;
          const starttls = setting === 'auto' ? STARTTLS_PORTS[port] : setting === 'none' ? undefined : setting;
          const hostPort = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
          out.push({
            host,
            port,
            ...(serverName !== undefined ? { serverName } : {}),
            ...(starttls !== undefined ? { starttls } : {}),
            label: serverName !== undefined && serverName !== host ? `${hostPort}#${serverName}` : hostPort,
          });
        }
      }
    }
  }
  return out;
}

/** Splits a targets file: one target line each, `#` starts a comment, blank lines are skipped. Returns specs and per-line problems. */
export function parseTargetsFile(text: string): { specs: TargetSpec[]; problems: { line: number; reason: string }[] } {
  const specs: TargetSpec[] = [];
  const problems: { line: number; reason: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const spec = parseTargetLine(line);
    if (typeof spec === 'string') problems.push({ line: i + 1, reason: spec });
    else specs.push(spec);
  });
  return { specs, problems };
}

function* hostsOf(host: string): Generator<string> {
  if (!host.includes('/')) {
    yield canonicalHost(host);
    return;
  }
  const range = parseCidr(host)!;
  const count = 1n << BigInt(range.bits - range.prefix);
  for (let i = 0n; i < count; i++) yield formatAddress(range.base + i, range.bits);
}

/** Lowercase name without a trailing dot, or the canonical form of an IP address. */
export function canonicalHost(host: string): string {
  const family = isIP(host);
  if (family === 4) return host;
  if (family === 6) return formatAddress(parseIpv6(host)!, 128);
  return host.toLowerCase().replace(/\.$/, '');
}

function parseCidr(cidr: string): { base: bigint; prefix: number; bits: 32 | 128 } | undefined {
  const [address = '', prefixText = ''] = cidr.split('/');
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const family = isIP(address);
  const bits = family === 4 ? 32 : family === 6 ? 128 : undefined;
  if (bits === undefined || prefix > bits) return undefined;
  const value = bits === 32 ? parseIpv4(address) : parseIpv6(address)!;
  const hostBits = BigInt(bits - prefix);
  // Host bits set in the address ("10.0.0.7/24") are cleared: the range is the network the address belongs to.
  return { base: (value >> hostBits) << hostBits, prefix, bits };
}

function parseIpv4(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(address: string): bigint | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIpv4(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string?];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function formatAddress(value: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups (the first one on a tie).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
