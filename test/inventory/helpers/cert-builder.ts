// A small synchronous DER certificate writer for tests and benchmarks: any extension, any key or signature OID,
// signed with a node:crypto key (ECDSA P-256 / SHA-256) or carrying a placeholder signature.
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** Encodes one DER element; returns tag + length + content. */
export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const head: number[] = [tag];
  if (length < 0x80) head.push(length);
  else {
    const bytes: number[] = [];
    for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
    head.push(0x80 | bytes.length, ...bytes);
  }
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let pos = head.length;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** Encodes a dotted OID; returns the OBJECT IDENTIFIER element. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const bytes: number[] = [];
    let n = arc;
    do {
      bytes.unshift((n % 128) | (bytes.length > 0 ? 0x80 : 0));
      n = Math.floor(n / 128);
    } while (n > 0);
    out.push(...bytes);
  }
  return tlv(0x06, Uint8Array.from(out));
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const seq = (...parts: readonly Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/** Encodes a non-negative INTEGER from hex; returns the element. */
export function integer(hex: string): Uint8Array {
  let bytes = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

/** UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function time(date: Date): Uint8Array {
  const digits = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, text(`${digits.slice(2)}Z`)) : tlv(0x18, text(`${digits}Z`));
}

/** A Name from "CN=a, O=b" (attributes CN, O, OU, C; UTF8String, PrintableString for C), in the order given. */
export function name(dn: string): Uint8Array {
  const types: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' };
  const rdns = dn.split(/,\s*/).map((part) => {
    const eq = part.indexOf('=');
    const type = part.slice(0, eq);
    const value = part.slice(eq + 1);
    const valueTag = type === 'C' ? 0x13 : 0x0c;
    return tlv(0x31, seq(oid(types[type]!), tlv(valueTag, text(value))));
  });
  return seq(...rdns);
}

/** One extension; returns its DER. */
export function extension(extOid: string, value: Uint8Array, critical = false): Uint8Array {
  return seq(oid(extOid), ...(critical ? [tlv(0x01, Uint8Array.of(0xff))] : []), tlv(0x04, value));
}

/** Common extension values. */
export const ext = {
  basicConstraints: (ca: boolean, pathLen?: number): Uint8Array =>
    extension('2.5.29.19', seq(...(ca ? [tlv(0x01, Uint8Array.of(0xff))] : []), ...(pathLen === undefined ? [] : [integer(pathLen.toString(16))])), true),
  subjectKeyIdentifier: (hex: string): Uint8Array => extension('2.5.29.14', tlv(0x04, Buffer.from(hex, 'hex'))),
  authorityKeyIdentifier: (hex: string): Uint8Array => extension('2.5.29.35', seq(tlv(0x80, Buffer.from(hex, 'hex')))),
  dnsNames: (...names: readonly string[]): Uint8Array => extension('2.5.29.17', seq(...names.map((n) => tlv(0x82, text(n))))),
  /** keyUsage from bit numbers (0 digitalSignature, 2 keyEncipherment, 5 keyCertSign, 6 cRLSign). */
  keyUsage: (...bits: readonly number[]): Uint8Array => {
    const value = bits.reduce((v, b) => v | (0x80 >> b), 0);
    return extension('2.5.29.15', tlv(0x03, Uint8Array.of(0, value & 0xff)), true);
  },
  extKeyUsage: (...oids: readonly string[]): Uint8Array => extension('2.5.29.37', seq(...oids.map(oid))),
  /** authorityInfoAccess with an OCSP responder and a caIssuers URL. */
  aia: (ocsp: string, caIssuers: string): Uint8Array =>
    extension('1.3.6.1.5.5.7.1.1', seq(seq(oid('1.3.6.1.5.5.7.48.1'), tlv(0x86, text(ocsp))), seq(oid('1.3.6.1.5.5.7.48.2'), tlv(0x86, text(caIssuers))))),
  crlDistributionPoints: (url: string): Uint8Array => extension('2.5.29.31', seq(seq(tlv(0xa0, tlv(0xa0, tlv(0x86, text(url))))))),
  policies: (...oids: readonly string[]): Uint8Array => extension('2.5.29.32', seq(...oids.map((o) => seq(oid(o))))),
  /** TLS feature (RFC 7633) listing status_request: must-staple. */
  mustStaple: (): Uint8Array => extension('1.3.6.1.5.5.7.1.24', seq(tlv(0x02, Uint8Array.of(5)))),
  /** CT poison (RFC 6962 §3.1). */
  poison: (): Uint8Array => extension('1.3.6.1.4.1.11129.2.4.3', tlv(0x05), true),
  /** Embedded SCT list with one v1 SCT per (log id, time) pair and a placeholder signature. */
  scts: (...entries: readonly { logId: Uint8Array; timeMs: number }[]): Uint8Array => {
    const items = entries.map(({ logId, timeMs }) => {
      const sct = Buffer.alloc(2 + 49);
      sct.writeUInt16BE(49, 0);
      sct[2] = 0; // v1
      sct.set(logId, 3);
      sct.writeBigUInt64BE(BigInt(timeMs), 35);
      sct.writeUInt16BE(0, 43); // no extensions
      sct.set([4, 3, 0, 2, 0xab, 0xcd], 45); // SHA-256 / ECDSA, a 2-byte placeholder signature
      return sct;
    });
    const body = Buffer.concat(items);
    const list = Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
    return extension('1.3.6.1.4.1.11129.2.4.2', tlv(0x04, list));
  },
  /** Name constraints with permitted/excluded DNS names and IPv4 ranges ("10.0.0.0/8"). */
  nameConstraints: (permitted: readonly string[], excluded: readonly string[]): Uint8Array => {
    const subtree = (entry: string): Uint8Array => {
      const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
      if (!cidr) return seq(tlv(0x82, text(entry)));
      const mask = Number(cidr[2]);
      const maskBytes = [0, 1, 2, 3].map((k) => (0xff << (8 - Math.max(0, Math.min(8, mask - 8 * k)))) & 0xff);
      return seq(tlv(0x87, Uint8Array.from([...cidr[1]!.split('.').map(Number), ...maskBytes])));
    };
    return extension(
      '2.5.29.30',
      seq(...(permitted.length > 0 ? [tlv(0xa0, ...permitted.map(subtree))] : []), ...(excluded.length > 0 ? [tlv(0xa1, ...excluded.map(subtree))] : [])),
      true,
    );
  },
};

/** A P-256 key pair with its DER SubjectPublicKeyInfo. */
export interface TestKey {
  readonly privateKey: KeyObject;
  readonly spki: Uint8Array;
  /** SHA-1 of the public key bits, hex: the usual subjectKeyIdentifier. */
  readonly keyId: string;
}

/** Generates a P-256 key; returns it. */
export function ecKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  return { privateKey, spki, keyId: createHash('sha1').update(spki.subarray(spki.length - 65)).digest('hex') };
}

/** An RSA SubjectPublicKeyInfo built from a modulus and exponent (hex), for weak-key tests. */
export function rsaSpki(modulusHex: string, exponentHex = '010001'): Uint8Array {
  const key = seq(integer(modulusHex), integer(exponentHex));
  return seq(seq(oid('1.2.840.113549.1.1.1'), tlv(0x05)), tlv(0x03, Uint8Array.of(0), key));
}

/** An SPKI with any algorithm OID and raw key bytes (ML-DSA, composite...). */
export function rawSpki(algorithmOid: string, keyBytes: Uint8Array): Uint8Array {
  return seq(seq(oid(algorithmOid)), tlv(0x03, Uint8Array.of(0), keyBytes));
}

/** What to put into one certificate. */
export interface CertSpec {
  readonly subject: string;
  /** Defaults to the subject (self-issued). */
  readonly issuer?: string;
  readonly serialHex?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  readonly extensions?: readonly Uint8Array[];
  /** Signs with ecdsa-with-SHA256; without it the signature is a placeholder under `signatureOid`. */
  readonly signer?: KeyObject;
  readonly signatureOid?: string;
}

/** Builds a v3 certificate; returns its DER. */
export function buildCertificate(spec: CertSpec): Uint8Array {
  const sigAlg = seq(oid(spec.signer ? '1.2.840.10045.4.3.2' : (spec.signatureOid ?? '1.2.840.10045.4.3.2')));
  const extensions = spec.extensions ?? [];
  const tbs = seq(
    tlv(0xa0, integer('2')),
    integer(spec.serialHex ?? '01'),
    sigAlg,
    name(spec.issuer ?? spec.subject),
    seq(time(spec.notBefore ?? new Date('2026-01-01T00:00:00Z')), time(spec.notAfter ?? new Date('2027-01-01T00:00:00Z'))),
    name(spec.subject),
    spec.spki,
    ...(extensions.length > 0 ? [tlv(0xa3, seq(...extensions))] : []),
  );
  const signature = spec.signer ? new Uint8Array(sign('sha256', tbs, spec.signer)) : Uint8Array.of(0x00);
  return seq(tbs, sigAlg, tlv(0x03, Uint8Array.of(0), signature));
}
