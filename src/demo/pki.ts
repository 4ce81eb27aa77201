import { createHash, webcrypto } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** Key to generate for a certificate. RSA keys are bound to `hash` (WebCrypto RSASSA-PKCS1-v1_5). */
export type DemoKeySpec =
  | { readonly type: 'EC'; readonly curve: 'P-256' | 'P-384' | 'P-521' }
  | { readonly type: 'RSA'; readonly bits: number; readonly hash?: DemoHash };

/** Hashes the demo can sign with. */
export type DemoHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** A key pair plus the spec it was generated from. */
export interface DemoKeys {
  readonly spec: DemoKeySpec;
  readonly pair: CryptoKeyPair;
}

/** Everything needed to issue one certificate. Absent `issuer` means self-signed. */
export interface IssueOptions {
  /** Distinguished name, e.g. "CN=Demo Root CA, O=pkimm-scan demo". */
  readonly subject: string;
  readonly key: DemoKeySpec | DemoKeys;
  readonly issuer?: { readonly subject: string; readonly keys: DemoKeys };
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** CA certificate (basicConstraints cA=TRUE, keyCertSign|cRLSign); pathLength optional. */
  readonly ca?: boolean | { readonly pathLength: number };
  /** EKU OIDs, e.g. "1.3.6.1.5.5.7.3.1" (serverAuth). */
  readonly extendedKeyUsage?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly crlUrls?: readonly string[];
  readonly ocspUrls?: readonly string[];
  readonly caIssuerUrls?: readonly string[];
  readonly policyOids?: readonly string[];
  /** Signature hash; default SHA-256 (SHA-384 for P-384 issuers). */
  readonly signatureHash?: DemoHash;
  /** Hex serial; default derived from subject and notBefore (deterministic). */
  readonly serialNumber?: string;
}

/** One issued certificate with its keys. */
export interface IssuedCertificate {
  readonly subject: string;
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keys: DemoKeys;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** One demo certificate written to disk. Key files are PKCS#8 PEM, mode 0600, under keys/. */
export interface DemoCertificate {
  readonly name: string;
  readonly subject: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** PEM of the issuing CA certificate(s) to serve with the leaf (no root). */
  readonly chainPath: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha256: string;
  readonly purpose: string;
}

/** Names of the demo leaves. */
export const demoLeafNames = ['good', 'expiring', 'expired', 'weak-rsa', 'sha1', 'long-lived'] as const;
/** One demo leaf name. */
export type DemoLeafName = (typeof demoLeafNames)[number];

/** A demo PKI on disk: root, EC intermediate, RSA issuing CA and leaves. */
export interface DemoPki {
  readonly dir: string;
  readonly root: DemoCertificate;
  readonly intermediate: DemoCertificate;
  readonly rsaIntermediate: DemoCertificate;
  readonly leaves: Readonly<Record<DemoLeafName, DemoCertificate>>;
}

const DAY_MS = 86_400_000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

let x509Module: Promise<typeof X509> | undefined;

/** Loads @peculiar/x509 (after reflect-metadata) on first use; returns the module. */
async function loadX509(): Promise<typeof X509> {
  x509Module ??= (async () => {
    await import('reflect-metadata');
    return import('@peculiar/x509');
  })();
  return x509Module;
}

const subtle = webcrypto.subtle;
// x509's parameter is the DOM `Crypto` type, absent from this project's libs; node's webcrypto implements it.
const cryptoForX509 = webcrypto as unknown as never;

/** Generates a key pair for a spec; returns it (private key extractable so it can be written for TLS servers). */
export async function generateDemoKeys(spec: DemoKeySpec): Promise<DemoKeys> {
  const pair =
    spec.type === 'EC'
      ? await subtle.generateKey({ name: 'ECDSA', namedCurve: spec.curve }, true, ['sign', 'verify'])
      : await subtle.generateKey(
          { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.bits, publicExponent: new Uint8Array([1, 0, 1]), hash: spec.hash ?? 'SHA-256' },
          true,
          ['sign', 'verify'],
        );
  return { spec, pair };
}

/** Returns the RSA signing key bound to `hash`, re-importing it when the key was generated for another hash. */
async function rsaKeyFor(keys: DemoKeys, hash: DemoHash): Promise<CryptoKey> {
  const current = (keys.pair.privateKey.algorithm as webcrypto.RsaHashedKeyAlgorithm).hash.name;
  if (current === hash) return keys.pair.privateKey;
  const pkcs8 = await subtle.exportKey('pkcs8', keys.pair.privateKey);
  return subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}

/**
 * Issues one certificate with @peculiar/x509 (loaded lazily). Dates, serial and extensions come from `options`.
 * Returns the certificate and its keys; throws when WebCrypto rejects the key or algorithm.
 */
export async function issueCertificate(options: IssueOptions): Promise<IssuedCertificate> {
  const x509 = await loadX509();
  const keys = 'pair' in options.key ? options.key : await generateDemoKeys(options.key);
  const signer = options.issuer?.keys ?? keys;
  const issuerName = options.issuer?.subject ?? options.subject;
  const hash: DemoHash = options.signatureHash ?? (signer.spec.type === 'EC' && signer.spec.curve !== 'P-256' ? 'SHA-384' : 'SHA-256');
  const signingKey = signer.spec.type === 'RSA' ? await rsaKeyFor(signer, hash) : signer.pair.privateKey;
  const signingAlgorithm = signer.spec.type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash } : { name: 'ECDSA', hash };

  const extensions: X509.Extension[] = [];
  const isCa = options.ca !== undefined && options.ca !== false;
  const pathLength = typeof options.ca === 'object' ? options.ca.pathLength : undefined;
  extensions.push(new x509.BasicConstraintsExtension(isCa, pathLength, true));
  const usage = isCa
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
    : keys.spec.type === 'RSA'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature;
  // KeyUsageFlags is a bit-flag enum: OR-ing members yields a plain number, which the constructor expects.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
  extensions.push(new x509.KeyUsagesExtension(usage, true));
  if (options.extendedKeyUsage?.length) extensions.push(new x509.ExtendedKeyUsageExtension([...options.extendedKeyUsage]));
  const names = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  if (options.crlUrls?.length) extensions.push(new x509.CRLDistributionPointsExtension([...options.crlUrls]));
  if (options.ocspUrls?.length || options.caIssuerUrls?.length) {
    extensions.push(
      new x509.AuthorityInfoAccessExtension({
        ...(options.ocspUrls?.length ? { ocsp: [...options.ocspUrls] } : {}),
        ...(options.caIssuerUrls?.length ? { caIssuers: [...options.caIssuerUrls] } : {}),
      }),
    );
  }
  if (options.policyOids?.length) extensions.push(new x509.CertificatePolicyExtension([...options.policyOids]));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.pair.publicKey, false, cryptoForX509));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(signer.pair.publicKey, false, cryptoForX509));

  const serialNumber =
    options.serialNumber ??
    `01${createHash('sha256').update(`${options.subject}|${issuerName}|${options.notBefore.toISOString()}`).digest('hex').slice(0, 30)}`;
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber,
      subject: options.subject,
      issuer: issuerName,
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      publicKey: keys.pair.publicKey,
      signingKey,
      signingAlgorithm,
      extensions,
    },
    cryptoForX509,
  );
  return {
    subject: options.subject,
    der: new Uint8Array(cert.rawData),
    pem: cert.toString('pem'),
    keys,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
  };
}

/** Returns the private key of `keys` as PKCS#8 PEM. Callers write it only into a keys/ folder with mode 0600. */
export async function privateKeyPem(keys: DemoKeys): Promise<string> {
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.pair.privateKey)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`;
}

/**
 * Generates the demo PKI into `dir`: root CA (P-384, 10 years), EC intermediate (P-256), RSA issuing CA and six leaves
 * (good, expiring, expired, weak-rsa, sha1, long-lived). Dates derive from `options.now` only.
 * Returns paths and metadata; throws on file-system or crypto errors.
 */
export async function buildDemoPki(dir: string, options: { now: Date }): Promise<DemoPki> {
  const now = options.now.getTime();
  const at = (days: number): Date => new Date(now + days * DAY_MS);
  const keysDir = join(dir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });

  const write = async (name: string, purpose: string, issued: IssuedCertificate, chainPath: string): Promise<DemoCertificate> => {
    const certPath = join(dir, `${name}.pem`);
    const keyPath = join(keysDir, `${name}.key.pem`);
    await writeFile(certPath, issued.pem.endsWith('\n') ? issued.pem : `${issued.pem}\n`);
    await writeFile(keyPath, await privateKeyPem(issued.keys), { mode: 0o600 });
    await chmod(keyPath, 0o600);
    return {
      name,
      subject: issued.subject,
      certPath,
      keyPath,
      chainPath,
      notBefore: issued.notBefore.toISOString(),
      notAfter: issued.notAfter.toISOString(),
      sha256: createHash('sha256').update(issued.der).digest('hex'),
      purpose,
    };
  };

  const O = 'O=pkimm-scan demo';
  const rootIssued = await issueCertificate({
    subject: `CN=Demo Root CA, ${O}`,
    key: { type: 'EC', curve: 'P-384' },
    notBefore: at(-1),
    notAfter: at(3652),
    ca: true,
  });
  const rootIssuer = { subject: rootIssued.subject, keys: rootIssued.keys };
  const intIssued = await issueCertificate({
    subject: `CN=Demo Issuing CA EC, ${O}`,
    key: { type: 'EC', curve: 'P-256' },
    issuer: rootIssuer,
    notBefore: at(-1),
    notAfter: at(1826),
    ca: { pathLength: 0 },
  });
  const rsaIssued = await issueCertificate({
    subject: `CN=Demo Issuing CA RSA, ${O}`,
    key: { type: 'RSA', bits: 2048 },
    issuer: rootIssuer,
    notBefore: at(-1),
    notAfter: at(1826),
    ca: { pathLength: 0 },
  });
  const rootPath = join(dir, 'root.pem');
  const chainPath = join(dir, 'chain.pem');
  const rsaChainPath = join(dir, 'chain-rsa.pem');
  const root = await write('root', 'Trust anchor (EC P-384, 10 years)', rootIssued, rootPath);
  const intermediate = await write('intermediate', 'Issuing CA (EC P-256)', intIssued, rootPath);
  const rsaIntermediate = await write('intermediate-rsa', 'Issuing CA (RSA-2048) for the SHA-1 leaf', rsaIssued, rootPath);
  await writeFile(chainPath, intIssued.pem.trimEnd() + '\n');
  await writeFile(rsaChainPath, rsaIssued.pem.trimEnd() + '\n');

  const ecIssuer = { subject: intIssued.subject, keys: intIssued.keys };
  const rsaIssuer = { subject: rsaIssued.subject, keys: rsaIssued.keys };
  const leaf = (name: DemoLeafName): Pick<IssueOptions, 'subject' | 'dnsNames' | 'ipAddresses' | 'extendedKeyUsage'> => ({
    subject: `CN=${name}.demo.test, ${O}`,
    dnsNames: [`${name}.demo.test`],
    ipAddresses: ['127.0.0.1'],
    extendedKeyUsage: [SERVER_AUTH],
  });
  const specs: Record<DemoLeafName, { purpose: string; options: IssueOptions; chain: string }> = {
    good: {
      purpose: 'Healthy leaf: EC P-256, 90 days, serverAuth, CRL DP and OCSP URLs',
      chain: chainPath,
      options: {
        ...leaf('good'),
        key: { type: 'EC', curve: 'P-256' },
        issuer: ecIssuer,
        notBefore: at(-1),
        notAfter: new Date(at(89).getTime() - 1000),
        crlUrls: ['http://127.0.0.1/demo/issuing-ec.crl'],
        ocspUrls: ['http://127.0.0.1/demo/ocsp'],
        caIssuerUrls: ['http://127.0.0.1/demo/issuing-ec.cer'],
        policyOids: ['2.23.140.1.2.1'],
      },
    },
    expiring: {
      purpose: 'Expires in 10 days',
      chain: chainPath,
      options: { ...leaf('expiring'), key: { type: 'EC', curve: 'P-256' }, issuer: ecIssuer, notBefore: at(-80), notAfter: at(10) },
    },
    expired: {
      purpose: 'Expired 5 days ago',
      chain: chainPath,
      options: { ...leaf('expired'), key: { type: 'EC', curve: 'P-256' }, issuer: ecIssuer, notBefore: at(-95), notAfter: at(-5) },
    },
    'weak-rsa': {
      purpose: 'RSA-1024 key (below 2048 bits)',
      chain: chainPath,
      options: { ...leaf('weak-rsa'), key: { type: 'RSA', bits: 1024 }, issuer: ecIssuer, notBefore: at(-1), notAfter: at(89) },
    },
    sha1: {
      purpose: 'sha1WithRSAEncryption signature from the RSA issuing CA',
      chain: rsaChainPath,
      options: {
        ...leaf('sha1'),
        key: { type: 'RSA', bits: 2048 },
        issuer: rsaIssuer,
        signatureHash: 'SHA-1',
        notBefore: at(-1),
        notAfter: at(89),
      },
    },
    'long-lived': {
      purpose: 'Validity of 825 days',
      chain: chainPath,
      options: {
        ...leaf('long-lived'),
        key: { type: 'EC', curve: 'P-256' },
        issuer: ecIssuer,
        notBefore: at(-1),
        notAfter: new Date(at(-1).getTime() + 825 * DAY_MS - 1000),
      },
    },
  };
  const leaves = {} as Record<DemoLeafName, DemoCertificate>;
  for (const name of demoLeafNames) {
    const spec = specs[name];
    leaves[name] = await write(name, spec.purpose, await issueCertificate(spec.options), spec.chain);
  }
  return { dir, root, intermediate, rsaIntermediate, leaves };
}
