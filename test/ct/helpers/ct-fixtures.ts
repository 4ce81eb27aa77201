// Builds CT test material with node:crypto and a tiny DER writer: CA and leaf certificates (optionally with embedded
// SCTs or the poison extension), CT logs with generated keys, serialized SCTs, RFC 6962 leaves and v3 log lists.
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { derElement, type SignedEntry, sctSignedData } from '../../../src/pki/sct.js';

const SEQ = 0x30;

function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const bytes: number[] = [];
    let n = arc;
    do {
      bytes.unshift((n & 0x7f) | (bytes.length ? 0x80 : 0));
      n = Math.floor(n / 128);
    } while (n > 0);
    out.push(...bytes);
  }
  return derElement(0x06, Uint8Array.from(out));
}

function integer(hex: string): Uint8Array {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Uint8Array.of(0), bytes]);
  return derElement(0x02, bytes);
}

function time(date: Date): Uint8Array {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? derElement(0x17, Buffer.from(`${iso.slice(2)}Z`)) : derElement(0x18, Buffer.from(`${iso}Z`));
}

/** A Name with one CN (and an optional O) attribute, in that order: "CN=..., O=...". */
function name(cn: string, o?: string): Uint8Array {
  const rdn = (type: string, value: string) => derElement(0x31, derElement(SEQ, oid(type), derElement(0x0c, Buffer.from(value))));
  return derElement(SEQ, rdn('2.5.4.3', cn), ...(o === undefined ? [] : [rdn('2.5.4.10', o)]));
}

function extension(extOid: string, value: Uint8Array, critical = false): Uint8Array {
  return derElement(SEQ, oid(extOid), ...(critical ? [derElement(0x01, Uint8Array.of(0xff))] : []), derElement(0x04, value));
}

const ECDSA_SHA256 = derElement(SEQ, oid('1.2.840.10045.4.3.2'));

/** A certificate authority with a fresh P-256 key. */
export interface TestCa {
  readonly name: string;
  /** DER Name of the CA (issuer of its leaves). */
  readonly nameDer: Uint8Array;
  readonly der: Uint8Array;
  readonly privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  /** SHA-256 of the SPKI: the RFC 6962 issuer_key_hash. */
  readonly keyHash: Uint8Array;
}

function keyPair(): { privateKey: KeyObject; spki: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) };
}

function signCertificate(tbs: Uint8Array, key: KeyObject): Uint8Array {
  const signature = sign('sha256', tbs, key);
  return derElement(SEQ, tbs, ECDSA_SHA256, derElement(0x03, Uint8Array.of(0), signature));
}

function tbsCertificate(options: { serialHex: string; issuer: Uint8Array; subject: Uint8Array; notBefore: Date; notAfter: Date; spki: Uint8Array; extensions: Uint8Array[] }): Uint8Array {
  return derElement(
    SEQ,
    derElement(0xa0, integer('02')),
    integer(options.serialHex),
    ECDSA_SHA256,
    options.issuer,
    derElement(SEQ, time(options.notBefore), time(options.notAfter)),
    options.subject,
    options.spki,
    ...(options.extensions.length ? [derElement(0xa3, derElement(SEQ, ...options.extensions))] : []),
  );
}

/** Issues a self-signed CA certificate named "CN=<cn>, O=CT fixtures" valid 2020..2040. */
export function makeCa(cn: string): TestCa {
  const { privateKey, spki } = keyPair();
  const subject = name(cn, 'CT fixtures');
  const tbs = tbsCertificate({
    serialHex: createHash('sha256').update(cn).digest('hex').slice(0, 16),
    issuer: subject,
    subject,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
    spki,
    extensions: [extension('2.5.29.19', derElement(SEQ, derElement(0x01, Uint8Array.of(0xff))), true)],
  });
  return { name: `CN=${cn}, O=CT fixtures`, nameDer: subject, der: signCertificate(tbs, privateKey), privateKey, spki, keyHash: new Uint8Array(createHash('sha256').update(spki).digest()) };
}

/** Issues a Precertificate Signing Certificate under `ca` (CA, EKU 1.3.6.1.4.1.11129.2.4.4, RFC 6962 §3.1); returns its DER. */
export function makePrecertSigner(ca: TestCa): Uint8Array {
  const { spki } = keyPair();
  const tbs = tbsCertificate({
    serialHex: '7e57',
    issuer: ca.nameDer,
    subject: name(`${ca.name.slice(3).split(',')[0]!} Precertificate Signing`, 'CT fixtures'),
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
    spki,
    extensions: [
      extension('2.5.29.19', derElement(SEQ, derElement(0x01, Uint8Array.of(0xff))), true),
      extension('2.5.29.37', derElement(SEQ, oid('1.3.6.1.4.1.11129.2.4.4'))),
    ],
  });
  return signCertificate(tbs, ca.privateKey);
}

/** A CT log with a fresh P-256 key. */
export interface TestLog {
  readonly privateKey: KeyObject;
  readonly spki: Uint8Array;
  /** Base64 SHA-256 of the SPKI. */
  readonly logId: string;
}

/** Creates a CT log key pair. */
export function makeLog(): TestLog {
  const { privateKey, spki } = keyPair();
  return { privateKey, spki, logId: createHash('sha256').update(spki).digest('base64') };
}

const u = (value: number, size: number): Uint8Array => {
  const out = new Uint8Array(size);
  let n = value;
  for (let k = size - 1; k >= 0; k--) {
    out[k] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
};

/** Signs `entry` as `log` at `timestampMs` and returns the serialized v1 SCT (ECDSA P-256 / SHA-256). */
export function signSct(log: TestLog, entry: SignedEntry, timestampMs: number): Uint8Array {
  const signature = sign('sha256', sctSignedData({ version: 0, timestampMs, extensionsHex: '' }, entry), log.privateKey);
  return Buffer.concat([Uint8Array.of(0), Buffer.from(log.logId, 'base64'), u(timestampMs, 8), u(0, 2), Uint8Array.of(4, 3), u(signature.length, 2), signature]);
}

/** Returns the SCT list extension's value (OCTET STRING around the TLS list) for serialized SCTs. */
export function sctListExtensionValue(serialized: readonly Uint8Array[]): Uint8Array {
  const items = Buffer.concat(serialized.map((s) => Buffer.concat([u(s.length, 2), s])));
  return derElement(0x04, Buffer.concat([u(items.length, 2), items]));
}

/** Options for a leaf certificate. */
export interface LeafOptions {
  readonly cn: string;
  readonly dnsNames: readonly string[];
  readonly serialHex: string;
  readonly issuer: TestCa;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Logs that sign embedded SCTs at `sctTimeMs`. */
  readonly logs?: readonly TestLog[];
  readonly sctTimeMs?: number;
  /** Make a precertificate (poison extension, no SCTs). */
  readonly poison?: boolean;
}

/** A leaf certificate and the precertificate TBS its embedded SCTs sign. */
export interface TestLeaf {
  readonly der: Uint8Array;
  /** TBSCertificate without SCT list or poison: what a precert_entry logs. */
  readonly precertTbs: Uint8Array;
}

/** Issues a leaf with SAN dNSNames, optionally embedding SCTs from `logs` or marked as a precertificate. */
export function makeLeaf(options: LeafOptions): TestLeaf {
  const { spki } = keyPair();
  const san = extension('2.5.29.17', derElement(SEQ, ...options.dnsNames.map((n) => derElement(0x82, Buffer.from(n)))));
  const base = {
    serialHex: options.serialHex,
    issuer: options.issuer.nameDer,
    subject: name(options.cn),
    notBefore: options.notBefore ?? new Date('2026-10-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2026-12-30T00:00:00Z'),
    spki,
  };
  const precertTbs = tbsCertificate({ ...base, extensions: [san] });
  const extra: Uint8Array[] = [];
  if (options.poison) extra.push(extension('1.3.6.1.4.1.11129.2.4.3', derElement(0x05, new Uint8Array(0)), true));
  if (options.logs?.length) {
    const entry: SignedEntry = { type: 'precert', issuerKeyHash: options.issuer.keyHash, tbsCertificate: precertTbs };
    const scts = options.logs.map((log) => signSct(log, entry, options.sctTimeMs ?? Date.parse('2026-10-01T00:05:00Z')));
    extra.push(extension('1.3.6.1.4.1.11129.2.4.2', sctListExtensionValue(scts)));
  }
  const tbs = extra.length ? tbsCertificate({ ...base, extensions: [san, ...extra] }) : precertTbs;
  return { der: signCertificate(tbs, options.issuer.privateKey), precertTbs };
}

const asn1Cert = (der: Uint8Array): Buffer => Buffer.concat([u(der.length, 3), der]);

/** Encodes an RFC 6962 MerkleTreeLeaf (timestamped_entry) for an x509 or precert entry. */
export function leafInput(timestampMs: number, entry: SignedEntry): Uint8Array {
  const signed = entry.type === 'x509' ? [u(0, 2), asn1Cert(entry.certificate)] : [u(1, 2), entry.issuerKeyHash, asn1Cert(entry.tbsCertificate)];
  return Buffer.concat([Uint8Array.of(0, 0), u(timestampMs, 8), ...signed, u(0, 2)]);
}

/** Encodes get-entries extra_data: the chain for an x509 entry, or the precertificate plus its chain. */
export function extraData(entry: { type: 'x509'; chain: readonly Uint8Array[] } | { type: 'precert'; precertificate: Uint8Array; chain: readonly Uint8Array[] }): Uint8Array {
  const chain = Buffer.concat(entry.chain.map(asn1Cert));
  const list = Buffer.concat([u(chain.length, 3), chain]);
  return entry.type === 'x509' ? list : Buffer.concat([asn1Cert(entry.precertificate), list]);
}

/** A v3 log list (the schema of Google's log_list.json) naming the given logs under one operator. */
export function logListJson(logs: readonly { log: TestLog; description: string; url: string }[], operator = 'Fixture Operator'): string {
  return JSON.stringify({
    version: '1.0',
    log_list_timestamp: '2026-11-01T00:00:00Z',
    operators: [
      {
        name: operator,
        email: ['ct@fixture.test'],
        logs: logs.map(({ log, description, url }) => ({
          description,
          log_id: log.logId,
          key: Buffer.from(log.spki).toString('base64'),
          url,
          mmd: 86400,
          state: { usable: { timestamp: '2026-01-01T00:00:00Z' } },
          temporal_interval: { start_inclusive: '2026-01-01T00:00:00Z', end_exclusive: '2027-01-01T00:00:00Z' },
        })),
      },
    ],
  });
}

/** Signs a tree head as `log` and returns the get-sth JSON body (root hash derived from `treeSize`). */
export function sthJson(log: TestLog, treeSize: number, timestampMs: number): string {
  const rootHash = createHash('sha256').update(`root ${treeSize}`).digest();
  const signed = Buffer.concat([Uint8Array.of(0, 1), u(timestampMs, 8), u(treeSize, 8), rootHash]);
  const signature = sign('sha256', signed, log.privateKey);
  const treeHeadSignature = Buffer.concat([Uint8Array.of(4, 3), u(signature.length, 2), signature]);
  return JSON.stringify({ tree_size: treeSize, timestamp: timestampMs, sha256_root_hash: rootHash.toString('base64'), tree_head_signature: treeHeadSignature.toString('base64') });
}
