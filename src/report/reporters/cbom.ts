import { createHash } from 'node:crypto';
import type { AnyEvidence, CertificateData, Evidence, TlsKeyExchange } from '../../../model/evidence.js';
import type { ScanReport } from '../report.js';
import { commonName, compareText, sightingText } from './csv.js';
import type { Reporter } from './reporter.js';

type Primitive = 'signature' | 'pke' | 'kem' | 'key-agree' | 'combiner' | 'unknown';

/** One CycloneDX algorithm component's facts. */
interface AlgorithmFacts {
  readonly name: string;
  readonly primitive: Primitive;
  readonly oid?: string;
  readonly parameterSetIdentifier?: string;
  readonly curve?: string;
  readonly padding?: 'pkcs1v15';
  readonly cryptoFunctions?: readonly string[];
  readonly classicalSecurityLevel?: number;
  readonly nistQuantumSecurityLevel?: number;
}

/**
 * NIST PQC security category of an algorithm name: ML-KEM-512/768/1024 → 1/3/5, ML-DSA-44/65/87 → 2/3/5,
 * SLH-DSA by parameter set (128/192/256 → 1/3/5), hybrids and composites by their PQC part; 0 for RSA, ECC, EdDSA,
 * DSA and (EC)DH, which a quantum computer breaks; undefined when unknown.
 */
export function nistQuantumSecurityLevel(name: string): number | undefined {
  const kem = /ML-?KEM-?(512|768|1024)/i.exec(name);
  if (kem) return { '512': 1, '768': 3, '1024': 5 }[kem[1] as '512' | '768' | '1024'];
  const dsa = /ML-?DSA-?(44|65|87)/i.exec(name);
  if (dsa) return { '44': 2, '65': 3, '87': 5 }[dsa[1] as '44' | '65' | '87'];
  const slh = /SLH-?DSA-(?:SHA2|SHAKE)-(128|192|256)[sf]/i.exec(name);
  if (slh) return { '128': 1, '192': 3, '256': 5 }[slh[1] as '128' | '192' | '256'];
  if (/RSA|ECDSA|ECDH|^EC\b|Ed25519|Ed448|X25519|X448|DSA|prime\d+v\d|secp\d+|P-\d{3}|brainpool|ffdhe|^DH\b|GOST/i.test(name)) return 0;
  return undefined;
}

/** Classical security strength in bits (NIST SP 800-57 Pt 1 Table 2 for RSA; half the field size for ECC). */
function classicalBits(algorithm: string, sizeBits: number | undefined): number | undefined {
  const pqc = /(?:ML-?(?:DSA|KEM)-?|SLH-?DSA-(?:SHA2|SHAKE)-)(44|65|87|512|768|1024|128|192|256)/i.exec(algorithm);
  if (pqc) return { '44': 128, '65': 192, '87': 256, '512': 128, '768': 192, '1024': 256, '128': 128, '192': 192, '256': 256 }[pqc[1]!];
  if (/^Ed25519$|^X25519$/i.test(algorithm)) return 128;
  if (/^Ed448$|^X448$/i.test(algorithm)) return 224;
  if (sizeBits === undefined) return undefined;
  if (/^(RSA|DSA|DH)$/.test(algorithm)) {
    const table: readonly [number, number][] = [[15360, 256], [7680, 192], [3072, 128], [2048, 112], [1024, 80]];
    return table.find(([bits]) => sizeBits >= bits)?.[1] ?? 0;
  }
  if (algorithm === 'EC') return Math.floor(sizeBits / 2);
  return undefined;
}

const CURVE_NAMES: Readonly<Record<string, string>> = { 'P-256': 'nist/P-256', 'P-384': 'nist/P-384', 'P-521': 'nist/P-521', prime256v1: 'nist/P-256', secp384r1: 'nist/P-384', secp521r1: 'nist/P-521' };

/** A curve name as CycloneDX recommends ("nist/P-256", "brainpool/brainpoolP256r1"), or unchanged. */
function curveName(curve: string): string {
  return CURVE_NAMES[curve] ?? (curve.startsWith('brainpool') ? `brainpool/${curve}` : curve);
}

function keyPrimitive(family: string): Primitive {
  switch (family) {
    case 'RSA':
      return 'pke';
    case 'ML-KEM':
      return 'kem';
    case 'other':
    case 'unknown':
      return 'unknown';
    default:
      return 'signature';
  }
}

/** The key algorithm of a certificate or private key: "RSA-2048", "EC-P-256", "Ed25519", "ML-DSA-65". */
function keyAlgorithm(k: { readonly keyAlgorithm: string; readonly keyAlgorithmName?: string; readonly keySizeBits?: number; readonly curve?: string; readonly keyAlgorithmOid?: string }): AlgorithmFacts {
  const family = k.keyAlgorithm;
  const pqcName = family === 'ML-DSA' || family === 'SLH-DSA' || family === 'ML-KEM' || family === 'composite' ? k.keyAlgorithmName : undefined;
  const name =
    pqcName ??
    (family === 'EC' ? `EC${k.curve === undefined ? '' : `-${k.curve}`}` : family === 'RSA' || family === 'DSA' ? `${family}${k.keySizeBits === undefined ? '' : `-${k.keySizeBits}`}` : (k.keyAlgorithmName ?? family));
  const parameterSet = /(?:ML-?(?:DSA|KEM)-?)(\d+)|SLH-DSA-((?:SHA2|SHAKE)-\d+[sf])/i.exec(name);
  const classical = classicalBits(pqcName ?? family, k.keySizeBits);
  const quantum = nistQuantumSecurityLevel(name);
  return {
    name,
    primitive: family === 'composite' ? 'signature' : keyPrimitive(family),
    ...(family === 'RSA' || family === 'DSA' ? (k.keySizeBits === undefined ? {} : { parameterSetIdentifier: String(k.keySizeBits) }) : {}),
    ...(parameterSet ? { parameterSetIdentifier: parameterSet[1] ?? parameterSet[2]! } : {}),
    ...(k.curve === undefined ? {} : { curve: curveName(k.curve) }),
    ...(k.keyAlgorithmOid === undefined || family === 'RSA' || family === 'EC' ? {} : { oid: k.keyAlgorithmOid }),
    cryptoFunctions: family === 'ML-KEM' ? ['encapsulate', 'decapsulate'] : family === 'RSA' ? ['sign', 'verify', 'encrypt', 'decrypt'] : ['sign', 'verify'],
    ...(classical === undefined ? {} : { classicalSecurityLevel: classical }),
    ...(quantum === undefined ? {} : { nistQuantumSecurityLevel: quantum }),
  };
}

/** The signature algorithm of a certificate: "sha256WithRSAEncryption", "ecdsa-with-SHA384", "ML-DSA-65". */
function signatureAlgorithm(c: CertificateData): AlgorithmFacts {
  const name = c.signatureAlgorithm;
  const parameterSet = /(?:ML-?DSA-?)(44|65|87)|SLH-DSA-((?:SHA2|SHAKE)-\d+[sf])/i.exec(name);
  const quantum = nistQuantumSecurityLevel(name);
  return {
    name,
    primitive: /^(MLDSA|ML-DSA)\d*.*-(RSA|ECDSA|Ed)/i.test(name) ? 'combiner' : 'signature',
    oid: c.signatureAlgorithmOid,
    ...(parameterSet ? { parameterSetIdentifier: parameterSet[1] ?? parameterSet[2]! } : {}),
    ...(/WithRSAEncryption$/i.test(name) ? { padding: 'pkcs1v15' as const } : {}),
    cryptoFunctions: ['sign', 'verify'],
    ...(quantum === undefined ? {} : { nistQuantumSecurityLevel: quantum }),
  };
}

/** The key exchange group of a TLS handshake: "X25519", "prime256v1", "X25519MLKEM768". */
function keyExchangeAlgorithm(kx: TlsKeyExchange): AlgorithmFacts {
  const name = kx.group ?? `${kx.type}${kx.sizeBits === undefined ? '' : `-${kx.sizeBits}`}`;
  const hybrid = /MLKEM/i.test(name);
  const quantum = nistQuantumSecurityLevel(name);
  const curve = kx.group === undefined ? undefined : CURVE_NAMES[kx.group];
  const classical = hybrid ? undefined : /^X25519$|^X448$/i.test(name) ? classicalBits(name, undefined) : classicalBits(kx.type === 'DH' ? 'DH' : 'EC', kx.sizeBits);
  return {
    name,
    primitive: hybrid ? 'kem' : 'key-agree',
    ...(curve === undefined ? {} : { curve }),
    ...(hybrid ? { cryptoFunctions: ['encapsulate', 'decapsulate'] } : {}),
    ...(classical === undefined ? {} : { classicalSecurityLevel: classical }),
    ...(quantum === undefined ? {} : { nistQuantumSecurityLevel: quantum }),
  };
}

const refSafe = (text: string): string => text.replace(/[^A-Za-z0-9._:@/+-]/g, '_');

/** A component for an algorithm; its bom-ref is "crypto/algorithm/<kind>/<name>". */
function algorithmComponent(kind: 'signature' | 'key' | 'key-exchange', a: AlgorithmFacts): Record<string, unknown> {
  return {
    type: 'cryptographic-asset',
    'bom-ref': `crypto/algorithm/${kind}/${refSafe(a.name)}`,
    name: a.name,
    cryptoProperties: {
      assetType: 'algorithm',
      algorithmProperties: {
        primitive: a.primitive,
        ...(a.parameterSetIdentifier === undefined ? {} : { parameterSetIdentifier: a.parameterSetIdentifier }),
        ...(a.curve === undefined ? {} : { curve: a.curve }),
        ...(a.padding === undefined ? {} : { padding: a.padding }),
        ...(a.cryptoFunctions === undefined ? {} : { cryptoFunctions: a.cryptoFunctions }),
        ...(a.classicalSecurityLevel === undefined ? {} : { classicalSecurityLevel: a.classicalSecurityLevel }),
        ...(a.nistQuantumSecurityLevel === undefined ? {} : { nistQuantumSecurityLevel: a.nistQuantumSecurityLevel }),
      },
      ...(a.oid === undefined ? {} : { oid: a.oid }),
    },
  };
}

const certificateRef = (sha256: string): string => `crypto/certificate/${sha256}`;
const publicKeyRef = (spkiSha256: string): string => `crypto/key/public/${spkiSha256}`;

/** A deterministic urn:uuid from the report: time, tool and evidence ids (version nibble 8: RFC 9562 custom). */
function serialNumber(report: ScanReport): string {
  const hex = createHash('sha256').update(`${report.tool.version}\n${report.generatedAt}\n${report.evidence.map((e) => e.id).join('\n')}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const property = (name: string, value: string | number | boolean): { name: string; value: string } => ({ name: `pkimm:${name}`, value: String(value) });

class Bom {
  readonly components = new Map<string, Record<string, unknown>>();
  readonly dependencies = new Map<string, Set<string>>();

  add(component: Record<string, unknown>): string {
    const ref = component['bom-ref'] as string;
    if (!this.components.has(ref)) this.components.set(ref, component);
    return ref;
  }

  depend(ref: string, on: string): void {
    if (ref === on) return;
    const set = this.dependencies.get(ref) ?? new Set<string>();
    set.add(on);
    this.dependencies.set(ref, set);
  }
}

/** The issuer of a certificate among the collected ones: same name, and key identifiers that agree when both exist. */
function findIssuer(c: CertificateData, bySubject: ReadonlyMap<string, readonly CertificateData[]>): CertificateData | undefined {
  if (c.isSelfSigned) return undefined;
  const candidates = (bySubject.get(c.issuer) ?? []).filter((i) => i.sha256 !== c.sha256);
  return candidates.find((i) => c.authorityKeyIdentifier !== undefined && i.subjectKeyIdentifier === c.authorityKeyIdentifier) ?? candidates.find((i) => c.authorityKeyIdentifier === undefined || i.subjectKeyIdentifier === undefined);
}

function addCertificate(bom: Bom, e: Evidence<'certificate'>, bySubject: ReadonlyMap<string, readonly CertificateData[]>): void {
  const c = e.data;
  const ref = certificateRef(c.sha256);
  const sigRef = bom.add(algorithmComponent('signature', signatureAlgorithm(c)));
  const keyAlgRef = bom.add(algorithmComponent('key', keyAlgorithm(c)));
  const keyRef = bom.add({
    type: 'cryptographic-asset',
    'bom-ref': publicKeyRef(c.spkiSha256),
    name: `${keyAlgorithm(c).name} public key ${c.spkiSha256.slice(0, 16)}`,
    cryptoProperties: {
      assetType: 'related-crypto-material',
      relatedCryptoMaterialProperties: {
        type: 'public-key',
        id: c.spkiSha256,
        algorithmRef: keyAlgRef,
        ...(c.keySizeBits === undefined ? {} : { size: c.keySizeBits }),
        format: 'SubjectPublicKeyInfo',
      },
    },
  });
  bom.depend(keyRef, keyAlgRef);
  bom.add({
    type: 'cryptographic-asset',
    'bom-ref': ref,
    name: commonName(c.subject) ?? (c.subject || c.sha256),
    hashes: [{ alg: 'SHA-256', content: c.sha256 }],
    cryptoProperties: {
      assetType: 'certificate',
      certificateProperties: {
        subjectName: c.subject,
        issuerName: c.issuer,
        notValidBefore: c.notBefore,
        notValidAfter: c.notAfter,
        signatureAlgorithmRef: sigRef,
        subjectPublicKeyRef: keyRef,
        certificateFormat: 'X.509',
      },
    },
    properties: [
      property('serialNumber', c.serialNumberHex),
      property('ca', c.isCa),
      property('selfSigned', c.isSelfSigned),
      ...c.subjectAltNames.map((san) => property('subjectAltName', san)),
      ...c.sightings.map((s) => property('sighting', sightingText(s))),
    ],
  });
  bom.depend(ref, sigRef);
  bom.depend(ref, keyRef);
  const issuer = findIssuer(c, bySubject);
  if (issuer !== undefined) bom.depend(ref, certificateRef(issuer.sha256));
}

function addPrivateKey(bom: Bom, e: Evidence<'private-key'>): void {
  const k = e.data;
  const known = k.keyAlgorithm !== 'unknown';
  const algRef = known ? bom.add(algorithmComponent('key', keyAlgorithm(k))) : undefined;
  const ref = bom.add({
    type: 'cryptographic-asset',
    'bom-ref': `crypto/key/private/${refSafe(e.id)}`,
    name: `${known ? keyAlgorithm(k).name : 'encrypted'} private key at ${k.location}`,
    cryptoProperties: {
      assetType: 'related-crypto-material',
      relatedCryptoMaterialProperties: {
        type: 'private-key',
        ...(k.spkiSha256 === undefined ? {} : { id: k.spkiSha256 }),
        ...(algRef === undefined ? {} : { algorithmRef: algRef }),
        ...(k.keySizeBits === undefined ? {} : { size: k.keySizeBits }),
        ...(k.format === undefined ? {} : { format: k.format }),
        securedBy: { mechanism: k.encrypted ? (k.encryption ?? 'passphrase') : 'none' },
      },
    },
    properties: [property('location', k.location), property('encrypted', k.encrypted), ...(k.fileMode === undefined ? [] : [property('fileMode', k.fileMode)])],
  });
  if (algRef !== undefined) bom.depend(ref, algRef);
  if (k.spkiSha256 !== undefined && bom.components.has(publicKeyRef(k.spkiSha256))) bom.depend(ref, publicKeyRef(k.spkiSha256));
}

function addEndpoint(bom: Bom, e: Evidence<'tls-endpoint'>): void {
  const d = e.data;
  const kxRef = d.keyExchange === undefined ? undefined : bom.add(algorithmComponent('key-exchange', keyExchangeAlgorithm(d.keyExchange)));
  const suite = d.cipherIana ?? d.cipher;
  const accepted = Object.entries(d.protocolVersions ?? {})
    .filter(([, r]) => r.outcome === 'accepted')
    .map(([v]) => v)
    .sort();
  const weak = Object.entries(d.weakSuites ?? {})
    .filter(([, r]) => r.outcome === 'accepted')
    .map(([family]) => family)
    .sort();
  const ref = bom.add({
    type: 'cryptographic-asset',
    'bom-ref': `crypto/protocol/tls/${refSafe(e.target)}${d.serverName === undefined || d.serverName === d.host ? '' : `/${refSafe(d.serverName)}`}`,
    name: `TLS ${e.target}`,
    cryptoProperties: {
      assetType: 'protocol',
      protocolProperties: {
        type: 'tls',
        ...(d.protocol === undefined ? {} : { version: d.protocol.replace(/^TLSv/, '') }),
        ...(suite === undefined ? {} : { cipherSuites: [{ name: suite, ...(kxRef === undefined ? {} : { algorithms: [kxRef] }) }] }),
      },
    },
    properties: [
      ...(d.serverName === undefined ? [] : [property('serverName', d.serverName)]),
      ...accepted.map((v) => property('acceptedVersion', v)),
      ...weak.map((f) => property('acceptedWeakSuiteFamily', f)),
      property('chainTrusted', d.chainTrusted),
    ],
  });
  for (const sha of d.chain) if (bom.components.has(certificateRef(sha))) bom.depend(ref, certificateRef(sha));
  if (kxRef !== undefined) bom.depend(ref, kxRef);
}

/** The CycloneDX 1.6 BOM of a report as an object: certificates, keys, algorithms, TLS protocols and how they depend on each other. */
export function toCbom(report: ScanReport): Record<string, unknown> {
  const bom = new Bom();
  const ofKind = <K extends AnyEvidence['kind']>(kind: K): Extract<AnyEvidence, { kind: K }>[] => report.evidence.filter((e): e is Extract<AnyEvidence, { kind: K }> => e.kind === kind);
  const certificates = ofKind('certificate');
  const bySubject = new Map<string, CertificateData[]>();
  for (const { data } of certificates) {
    const same = bySubject.get(data.subject);
    if (same === undefined) bySubject.set(data.subject, [data]);
    else same.push(data);
  }
  for (const e of certificates) addCertificate(bom, e, bySubject);
  for (const e of ofKind('private-key')) addPrivateKey(bom, e);
  for (const e of ofKind('tls-endpoint')) addEndpoint(bom, e);
  const components = [...bom.components.values()].sort((a, b) => compareText(a['bom-ref'] as string, b['bom-ref'] as string));
  const dependencies = [...bom.dependencies]
    .sort(([a], [b]) => compareText(a, b))
    .map(([ref, on]) => ({ ref, dependsOn: [...on].sort() }));
  const overall = report.assessment.overall;
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialNumber(report),
    version: 1,
    metadata: {
      timestamp: report.generatedAt,
      lifecycles: [{ phase: 'operations' }],
      tools: { components: [{ type: 'application', name: report.tool.name, version: report.tool.version }] },
      properties: [
        property('model', report.model.version),
        property('overallLevel', overall.level),
        ...(overall.raw === null ? [] : [property('overallMaturity', overall.raw)]),
        property('certificates', certificates.length),
      ],
    },
    components,
    dependencies,
  };
}

/** CycloneDX 1.6 cryptography BOM (CBOM) as JSON (report.cdx.json). */
export const cbom: Reporter = {
  format: 'cbom',
  extension: 'cdx.json',
  render(report: ScanReport): string {
    return `${JSON.stringify(toCbom(report), null, 2)}\n`;
  },
};
