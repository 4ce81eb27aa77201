/**
 * SSRF guard for every URL the scan fetches.
 *
 * By default only public unicast addresses may be contacted. Loopback, private (RFC 1918, fc00::/7), link-local
 * (including 169.254.169.254, the cloud metadata address), CGNAT, multicast, unspecified and reserved addresses are
 * refused, after DNS resolution: the guard resolves the name, checks every address, and hands exactly the checked
 * addresses to the socket (a custom `lookup`), so no second resolution can swap in another address.
 * Exceptions come only from the scan configuration's `network.allow` list (host names, IP addresses, CIDR blocks).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { CollectError } from './define-collector.js';

/** What kind of address an IP is, as far as the guard is concerned. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'cgnat' | 'multicast' | 'unspecified' | 'reserved';

/** One resolved address. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has (injected in tests; default: the system resolver). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (getaddrinfo, in the order it returns). */
export const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Thrown when the network policy forbids a fetch; `code` is always 'permission'. */
export class NetPolicyError extends CollectError {
  override name = 'NetPolicyError';
  constructor(message: string) {
    super('permission', message);
  }
}

interface Cidr {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** Parses an IPv4 or IPv6 literal (IPv6 zone ids ignored) into 4 or 16 bytes; undefined when it is not one. */
export function parseIp(text: string): Uint8Array | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zoneless = bare.split('%')[0]!;
  const version = isIP(zoneless);
  if (version === 4) return Uint8Array.from(zoneless.split('.').map(Number));
  if (version !== 6) return undefined;
  let head = zoneless;
  let v4Tail: number[] = [];
  const lastColon = head.lastIndexOf(':');
  if (head.slice(lastColon + 1).includes('.')) {
    v4Tail = head.slice(lastColon + 1).split('.').map(Number);
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  const left = halves[0]!;
  const right = halves[1];
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const fill = right === undefined ? 0 : 8 - leftGroups.length - rightGroups.length;
  const groups = [...leftGroups, ...new Array<string>(fill).fill('0'), ...rightGroups].map((g) => Number.parseInt(g, 16));
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (v4Tail.length === 4) out.set(v4Tail, 12);
  return out;
}

function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (slash >= 0 && !/^\d+$/.test(text.slice(slash + 1)))) return undefined;
  return { bytes, prefix };
}

function inCidr(ip: Uint8Array, cidr: Cidr): boolean {
  if (ip.length !== cidr.bytes.length) return false;
  const full = cidr.prefix >> 3;
  for (let i = 0; i < full; i++) if (ip[i] !== cidr.bytes[i]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (ip[full]! & mask) === (cidr.bytes[full]! & mask);
}

const table = (rows: readonly (readonly [string, AddressClass])[]): readonly (readonly [Cidr, AddressClass])[] =>
  rows.map(([cidr, cls]) => [parseCidr(cidr)!, cls] as const);

/** IPv4 special-purpose blocks (IANA registry, RFC 6890 and successors). */
const V4 = table([
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
]);

/** IPv6 special-purpose blocks; anything outside 2000::/3 that is not listed is reserved too. */
const V6 = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'private'],
  ['100::/64', 'reserved'],
  ['2001::/23', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['3fff::/20', 'reserved'],
  ['5f00::/16', 'reserved'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
]);
const GLOBAL_UNICAST_V6 = parseCidr('2000::/3')!;
/** Prefixes whose addresses embed an IPv4 address that decides the class: mapped, NAT64 well-known, 6to4. */
const V4_MAPPED = parseCidr('::ffff:0:0/96')!;
const NAT64 = parseCidr('64:ff9b::/96')!;
const SIX_TO_FOUR = parseCidr('2002::/16')!;
const V4_COMPATIBLE = parseCidr('::/96')!;

/** Classifies raw address bytes (4 or 16). */
function classifyBytes(ip: Uint8Array): AddressClass {
  if (ip.length === 4) {
    for (const [cidr, cls] of V4) if (inCidr(ip, cidr)) return cls;
    return 'public';
  }
  if (inCidr(ip, V4_MAPPED) || inCidr(ip, NAT64)) return classifyBytes(ip.subarray(12, 16));
  if (inCidr(ip, SIX_TO_FOUR)) return classifyBytes(ip.subarray(2, 6));
  for (const [cidr, cls] of V6) if (inCidr(ip, cidr)) return cls;
  if (inCidr(ip, V4_COMPATIBLE)) return 'reserved';
  return inCidr(ip, GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
}

/** Classifies an IP literal; anything that is not an IP address is 'reserved'. */
export function classifyAddress(ip: string): AddressClass {
  const bytes = parseIp(ip);
  return bytes ? classifyBytes(bytes) : 'reserved';
}

const CLASS_TEXT: Record<AddressClass, string> = {
  public: 'public',
  loopback: 'loopback',
  private: 'private',
  'link-local': 'link-local',
  cgnat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  reserved: 'reserved',
};

/** Normalises a host name for comparison: lowercase, no trailing dot, no IPv6 brackets. */
function normalizeHost(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** Schemes the guard lets through; everything else (ldap:, file:, ftp:, ...) is refused. */
export const FETCHABLE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * The network policy of one scan: which hosts and addresses may be fetched besides public ones.
 * Allow entries: an exact host name ("crl.corp.example"), a wildcard suffix ("*.corp.example", any depth),
 * an IP address ("10.1.2.3", "::1") or a CIDR block ("10.0.0.0/8", "fd00::/8").
 */
export class NetGuard {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly blocks: Cidr[] = [];

  /** Builds the guard; throws a plain Error naming the first allow entry that is neither a host, an IP nor a CIDR. */
  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = normalizeHost(raw.trim());
      const cidr = parseCidr(entry);
      if (cidr) this.blocks.push(cidr);
      else if (entry.startsWith('*.') && /^[a-z0-9.-]+$/.test(entry.slice(2))) this.suffixes.push(entry.slice(1));
      else if (/^[a-z0-9_.-]+$/.test(entry) && !entry.includes('/')) this.hosts.add(entry);
      else throw new Error(`network.allow: "${raw}" is neither a host name, an IP address nor a CIDR block`);
    }
  }

  /** Whether the host name itself is on the allow list (then every address it resolves to is allowed). */
  hostAllowed(host: string): boolean {
    const h = normalizeHost(host);
    return this.hosts.has(h) || this.suffixes.some((s) => h.endsWith(s));
  }

  /** Whether an address may be contacted for `host`: public, or allowed by host name or by an address block. */
  addressAllowed(host: string, address: string): boolean {
    const bytes = parseIp(address);
    if (!bytes) return false;
    if (classifyBytes(bytes) === 'public') return true;
    if (this.hostAllowed(host)) return true;
    const v4 = bytes.length === 16 && inCidr(bytes, V4_MAPPED) ? bytes.subarray(12, 16) : undefined;
    return this.blocks.some((b) => inCidr(bytes, b) || (v4 !== undefined && inCidr(v4, b)));
  }

  /** Throws NetPolicyError unless the address may be contacted for `host`. */
  checkAddress(host: string, address: string): void {
    if (this.addressAllowed(host, address)) return;
    const cls = classifyAddress(address);
    const via = normalizeHost(host) === normalizeHost(address) ? address : `${host} (${address})`;
    throw new NetPolicyError(`${via}: refused by the network policy: ${CLASS_TEXT[cls]} address; add it to network.allow to permit it`);
  }

  /**
   * Checks a URL before any connection: the scheme must be http or https, and an IP-literal host must be allowed
   * (names are checked after resolution, in `lookup`). Returns the parsed URL; throws NetPolicyError otherwise.
   */
  checkUrl(url: string | URL): URL {
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url;
    } catch {
      throw new NetPolicyError(`${String(url)}: not a valid URL`);
    }
    if (!FETCHABLE_SCHEMES.has(parsed.protocol)) throw new NetPolicyError(`${parsed.href}: scheme ${parsed.protocol} is not fetched (only http and https)`);
    if (parsed.username !== '' || parsed.password !== '') throw new NetPolicyError(`${parsed.protocol}//${parsed.host}${parsed.pathname}: URLs with credentials are not fetched`);
    const host = normalizeHost(parsed.hostname);
    if (isIP(host)) this.checkAddress(host, host);
    return parsed;
  }

  /**
   * Returns a `lookup` for http(s) agents: resolves with `resolver`, refuses the connection unless every address is
   * allowed, and passes only the checked addresses on, so the socket connects to an address that was checked.
   */
  lookup(resolver: Resolver = systemResolver): LookupFunction {
    return (hostname, options, callback) => {
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      const literal = isIP(normalizeHost(hostname));
      const resolved: Promise<readonly ResolvedAddress[]> = literal ? Promise.resolve([{ address: normalizeHost(hostname), family: literal === 6 ? 6 : 4 }]) : resolver(hostname);
      resolved.then(
        (addresses) => {
          try {
            const usable = addresses.filter((a) => wanted === undefined || a.family === wanted);
            if (usable.length === 0) {
              const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
              error.code = 'ENOTFOUND';
              throw error;
            }
            for (const a of addresses) this.checkAddress(hostname, a.address);
            if (options.all === true) callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
            else callback(null, usable[0]!.address, usable[0]!.family);
          } catch (error) {
            callback(error as NodeJS.ErrnoException, '', 0);
          }
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };
  }
}
