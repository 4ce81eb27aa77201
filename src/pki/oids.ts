import type { KeyAlgorithm } from '../../model/evidence.js';

/** What the tool knows about one signature algorithm OID. */
export interface SignatureAlgorithmInfo {
  readonly name: string;
  /** Hash the algorithm uses, when it names one ("SHA-1", "SHA-256", ...). */
  readonly hash?: string;
}

/** What the tool knows about one subject public key algorithm OID. */
export interface KeyAlgorithmInfo {
  readonly name: string;
  readonly family: KeyAlgorithm;
}

const sig = (name: string, hash?: string): SignatureAlgorithmInfo => (hash === undefined ? { name } : { name, hash });

/**
 * Composite ML-DSA algorithms of draft-ietf-lamps-pq-composite-sigs (IANA-assigned arc id-alg 1.3.6.1.5.5.7.6.37–54):
 * one OID names both the public key and the signature algorithm. Returns [oid, name, pre-hash] triples.
 */
function compositeAlgorithms(): ReadonlyArray<readonly [string, string, string]> {
  const names: ReadonlyArray<readonly [string, string]> = [
    ['MLDSA44-RSA2048-PSS-SHA256', 'SHA-256'],
    ['MLDSA44-RSA2048-PKCS15-SHA256', 'SHA-256'],
    ['MLDSA44-Ed25519-SHA512', 'SHA-512'],
    ['MLDSA44-ECDSA-P256-SHA256', 'SHA-256'],
    ['MLDSA65-RSA3072-PSS-SHA512', 'SHA-512'],
    ['MLDSA65-RSA3072-PKCS15-SHA512', 'SHA-512'],
    ['MLDSA65-RSA4096-PSS-SHA512', 'SHA-512'],
    ['MLDSA65-RSA4096-PKCS15-SHA512', 'SHA-512'],
    ['MLDSA65-ECDSA-P256-SHA512', 'SHA-512'],
    ['MLDSA65-ECDSA-P384-SHA512', 'SHA-512'],
    ['MLDSA65-ECDSA-brainpoolP256r1-SHA512', 'SHA-512'],
    ['MLDSA65-Ed25519-SHA512', 'SHA-512'],
    ['MLDSA87-ECDSA-P384-SHA512', 'SHA-512'],
    ['MLDSA87-ECDSA-brainpoolP384r1-SHA512', 'SHA-512'],
    ['MLDSA87-Ed448-SHAKE256', 'SHAKE256'],
    ['MLDSA87-RSA3072-PSS-SHA512', 'SHA-512'],
    ['MLDSA87-RSA4096-PSS-SHA512', 'SHA-512'],
    ['MLDSA87-ECDSA-P521-SHA512', 'SHA-512'],
  ];
  return names.map(([name, hash], k) => [`1.3.6.1.5.5.7.6.${37 + k}`, `id-${name}`, hash] as const);
}

/** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410, FIPS 204/205 via NIST CSOR, LAMPS composites) → name and hash. */
export const signatureAlgorithms: ReadonlyMap<string, SignatureAlgorithmInfo> = new Map([
  ['1.2.840.113549.1.1.2', sig('md2WithRSAEncryption', 'MD2')],
  ['1.2.840.113549.1.1.3', sig('md4WithRSAEncryption', 'MD4')],
  ['1.2.840.113549.1.1.4', sig('md5WithRSAEncryption', 'MD5')],
  ['1.2.840.113549.1.1.5', sig('sha1WithRSAEncryption', 'SHA-1')],
  ['1.3.14.3.2.29', sig('sha1WithRSASignature', 'SHA-1')],
  ['1.2.840.113549.1.1.14', sig('sha224WithRSAEncryption', 'SHA-224')],
  ['1.2.840.113549.1.1.11', sig('sha256WithRSAEncryption', 'SHA-256')],
  ['1.2.840.113549.1.1.12', sig('sha384WithRSAEncryption', 'SHA-384')],
  ['1.2.840.113549.1.1.13', sig('sha512WithRSAEncryption', 'SHA-512')],
  ['1.2.840.113549.1.1.10', sig('RSASSA-PSS')],
  ['1.2.840.10045.4.1', sig('ecdsa-with-SHA1', 'SHA-1')],
  ['1.2.840.10045.4.3.1', sig('ecdsa-with-SHA224', 'SHA-224')],
  ['1.2.840.10045.4.3.2', sig('ecdsa-with-SHA256', 'SHA-256')],
  ['1.2.840.10045.4.3.3', sig('ecdsa-with-SHA384', 'SHA-384')],
  ['1.2.840.10045.4.3.4', sig('ecdsa-with-SHA512', 'SHA-512')],
  ['1.2.840.10040.4.3', sig('dsa-with-SHA1', 'SHA-1')],
  ['2.16.840.1.101.3.4.3.2', sig('dsa-with-SHA256', 'SHA-256')],
  ['1.3.101.112', sig('Ed25519')],
  ['1.3.101.113', sig('Ed448')],
  ['2.16.840.1.101.3.4.3.17', sig('ML-DSA-44')],
  ['2.16.840.1.101.3.4.3.18', sig('ML-DSA-65')],
  ['2.16.840.1.101.3.4.3.19', sig('ML-DSA-87')],
  ['2.16.840.1.101.3.4.3.20', sig('SLH-DSA-SHA2-128s', 'SHA-256')],
  ['2.16.840.1.101.3.4.3.21', sig('SLH-DSA-SHA2-128f', 'SHA-256')],
  ['2.16.840.1.101.3.4.3.22', sig('SLH-DSA-SHA2-192s', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.23', sig('SLH-DSA-SHA2-192f', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.24', sig('SLH-DSA-SHA2-256s', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.25', sig('SLH-DSA-SHA2-256f', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.26', sig('SLH-DSA-SHAKE-128s', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.27', sig('SLH-DSA-SHAKE-128f', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.28', sig('SLH-DSA-SHAKE-192s', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.29', sig('SLH-DSA-SHAKE-192f', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.30', sig('SLH-DSA-SHAKE-256s', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.31', sig('SLH-DSA-SHAKE-256f', 'SHAKE256')],
  // Pre-hash variants (FIPS 204 §5.4, FIPS 205 §10.2), NIST CSOR sigAlgs arc.
  ['2.16.840.1.101.3.4.3.32', sig('HashML-DSA-44-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.33', sig('HashML-DSA-65-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.34', sig('HashML-DSA-87-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.35', sig('HashSLH-DSA-SHA2-128s-with-SHA256', 'SHA-256')],
  ['2.16.840.1.101.3.4.3.36', sig('HashSLH-DSA-SHA2-128f-with-SHA256', 'SHA-256')],
  ['2.16.840.1.101.3.4.3.37', sig('HashSLH-DSA-SHA2-192s-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.38', sig('HashSLH-DSA-SHA2-192f-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.39', sig('HashSLH-DSA-SHA2-256s-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.40', sig('HashSLH-DSA-SHA2-256f-with-SHA512', 'SHA-512')],
  ['2.16.840.1.101.3.4.3.41', sig('HashSLH-DSA-SHAKE-128s-with-SHAKE128', 'SHAKE128')],
  ['2.16.840.1.101.3.4.3.42', sig('HashSLH-DSA-SHAKE-128f-with-SHAKE128', 'SHAKE128')],
  ['2.16.840.1.101.3.4.3.43', sig('HashSLH-DSA-SHAKE-192s-with-SHAKE256', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.44', sig('HashSLH-DSA-SHAKE-192f-with-SHAKE256', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.45', sig('HashSLH-DSA-SHAKE-256s-with-SHAKE256', 'SHAKE256')],
  ['2.16.840.1.101.3.4.3.46', sig('HashSLH-DSA-SHAKE-256f-with-SHAKE256', 'SHAKE256')],
  ...compositeAlgorithms().map(([oid, name, hash]) => [oid, sig(name, hash)] as const),
  ['1.2.643.7.1.1.3.2', sig('GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)', 'GOST R 34.11-2012-256')],
  ['1.2.643.7.1.1.3.3', sig('GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)', 'GOST R 34.11-2012-512')],
  ['1.2.643.2.2.3', sig('GOST R 34.11-94 with GOST R 34.10-2001', 'GOST R 34.11-94')],
]);

/** Hash algorithm OIDs (used inside RSASSA-PSS parameters). */
export const hashAlgorithms: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.2.5', 'MD5'],
  ['1.3.14.3.2.26', 'SHA-1'],
  ['2.16.840.1.101.3.4.2.4', 'SHA-224'],
  ['2.16.840.1.101.3.4.2.1', 'SHA-256'],
  ['2.16.840.1.101.3.4.2.2', 'SHA-384'],
  ['2.16.840.1.101.3.4.2.3', 'SHA-512'],
  ['2.16.840.1.101.3.4.2.8', 'SHA3-256'],
  ['2.16.840.1.101.3.4.2.9', 'SHA3-384'],
  ['2.16.840.1.101.3.4.2.10', 'SHA3-512'],
]);

const key = (name: string, family: KeyAlgorithm): KeyAlgorithmInfo => ({ name, family });

/** Subject public key algorithm OIDs → name and family (FIPS 203/204/205 OIDs for ML-KEM, ML-DSA, SLH-DSA). */
export const keyAlgorithms: ReadonlyMap<string, KeyAlgorithmInfo> = new Map<string, KeyAlgorithmInfo>([
  ['1.2.840.113549.1.1.1', key('rsaEncryption', 'RSA')],
  ['1.2.840.113549.1.1.10', key('RSASSA-PSS', 'RSA')],
  ['1.2.840.113549.1.1.7', key('RSAES-OAEP', 'RSA')],
  ['1.2.840.10045.2.1', key('id-ecPublicKey', 'EC')],
  ['1.3.132.1.12', key('id-ecDH', 'EC')],
  ['1.2.840.10040.4.1', key('DSA', 'DSA')],
  ['1.3.101.110', key('X25519', 'other')],
  ['1.3.101.111', key('X448', 'other')],
  ['1.3.101.112', key('Ed25519', 'Ed25519')],
  ['1.3.101.113', key('Ed448', 'Ed448')],
  ['2.16.840.1.101.3.4.3.17', key('ML-DSA-44', 'ML-DSA')],
  ['2.16.840.1.101.3.4.3.18', key('ML-DSA-65', 'ML-DSA')],
  ['2.16.840.1.101.3.4.3.19', key('ML-DSA-87', 'ML-DSA')],
  ...[...signatureAlgorithms.entries()]
    .filter(([, info]) => info.name.startsWith('SLH-DSA-'))
    .map(([oid, info]) => [oid, key(info.name, 'SLH-DSA')] as const),
  ...compositeAlgorithms().map(([oid, name]) => [oid, key(name, 'composite')] as const),
  ['2.16.840.1.101.3.4.4.1', key('ML-KEM-512', 'ML-KEM')],
  ['2.16.840.1.101.3.4.4.2', key('ML-KEM-768', 'ML-KEM')],
  ['2.16.840.1.101.3.4.4.3', key('ML-KEM-1024', 'ML-KEM')],
  ['1.2.643.7.1.1.1.1', key('GOST R 34.10-2012 (256 bit)', 'other')],
  ['1.2.643.7.1.1.1.2', key('GOST R 34.10-2012 (512 bit)', 'other')],
  ['1.2.643.2.2.19', key('GOST R 34.10-2001', 'other')],
]);

/** Named elliptic curves → name and field size in bits. */
export const namedCurves: ReadonlyMap<string, { readonly name: string; readonly bits: number }> = new Map([
  ['1.2.840.10045.3.1.7', { name: 'P-256', bits: 256 }],
  ['1.3.132.0.34', { name: 'P-384', bits: 384 }],
  ['1.3.132.0.35', { name: 'P-521', bits: 521 }],
  ['1.2.840.10045.3.1.1', { name: 'P-192', bits: 192 }],
  ['1.3.132.0.33', { name: 'P-224', bits: 224 }],
  ['1.3.132.0.10', { name: 'secp256k1', bits: 256 }],
  ['1.3.36.3.3.2.8.1.1.7', { name: 'brainpoolP256r1', bits: 256 }],
  ['1.3.36.3.3.2.8.1.1.11', { name: 'brainpoolP384r1', bits: 384 }],
  ['1.3.36.3.3.2.8.1.1.13', { name: 'brainpoolP512r1', bits: 512 }],
]);

/** Extended key usage OIDs → names used in facts. */
export const extendedKeyUsages: ReadonlyMap<string, string> = new Map([
  ['2.5.29.37.0', 'anyExtendedKeyUsage'],
  ['1.3.6.1.5.5.7.3.1', 'serverAuth'],
  ['1.3.6.1.5.5.7.3.2', 'clientAuth'],
  ['1.3.6.1.5.5.7.3.3', 'codeSigning'],
  ['1.3.6.1.5.5.7.3.4', 'emailProtection'],
  ['1.3.6.1.5.5.7.3.8', 'timeStamping'],
  ['1.3.6.1.5.5.7.3.9', 'OCSPSigning'],
  ['1.3.6.1.4.1.311.10.3.3', 'msSGC'],
  ['2.16.840.1.113730.4.1', 'nsSGC'],
  ['1.3.6.1.4.1.11129.2.4.4', 'certificateTransparency'],
]);

/** Key usage bit names in bit order (RFC 5280 §4.2.1.3). */
export const keyUsageBits: readonly string[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** Extension and access-method OIDs the certificate walker reads. */
export const Oid = {
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  nameConstraints: '2.5.29.30',
  tlsFeature: '1.3.6.1.5.5.7.1.24',
  embeddedSctList: '1.3.6.1.4.1.11129.2.4.2',
  ctPoison: '1.3.6.1.4.1.11129.2.4.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  pkcs7SignedData: '1.2.840.113549.1.7.2',
  pkcs7Data: '1.2.840.113549.1.7.1',
} as const;

/** Returns a readable name for a signature algorithm OID, or the OID itself when unknown. */
export function signatureAlgorithmName(oid: string): string {
  return signatureAlgorithms.get(oid)?.name ?? oid;
}

/** Returns the name of an extended key usage OID, or the OID itself when unknown. */
export function extendedKeyUsageName(oid: string): string {
  return extendedKeyUsages.get(oid) ?? oid;
}
