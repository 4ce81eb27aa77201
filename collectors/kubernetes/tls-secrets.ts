// TLS Secrets: certificates in `tls.crt` / `ca.crt` and private-key metadata for `tls.key`. Key bytes are decoded
// only to be described by src/pki/private-key.ts and are never kept; messages name the Secret and entry, not content.
import type { CertificateData, CertificateFacts, PrivateKeyData, Sighting } from '../../model/evidence.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates, readPemBlocks } from '../../src/pki/pem.js';
import { describeDerPrivateKey, describePemPrivateKey, PRIVATE_KEY_LABELS, type PrivateKeyFacts } from '../../src/pki/private-key.js';
import { asObject, asString, type KubeResource } from './resources.js';

/** Secret entries holding certificates, in the order they are read. */
const CERTIFICATE_ENTRIES = ['tls.crt', 'ca.crt'] as const;
const KEY_ENTRY = 'tls.key';

/** What one TLS Secret holds. */
export interface TlsSecretFindings {
  readonly certificates: CertificateData[];
  readonly privateKeys: PrivateKeyData[];
  /** SHA-256 of the certificates in `tls.crt` and `ca.crt`, for linking CA issuers to their certificates. */
  readonly tlsSha256: string[];
  readonly caSha256: string[];
  /** The subject of the first `tls.crt` certificate. */
  readonly subject?: string;
  /** One line each; they name entries, never content. */
  readonly problems: string[];
}

/** Returns whether a Secret holds TLS material: type kubernetes.io/tls, or any Secret with a `tls.crt` or `ca.crt` entry. */
export function isTlsSecret(resource: KubeResource): boolean {
  if (resource.kind !== 'Secret') return false;
  if (resource.body.type === 'kubernetes.io/tls') return true;
  return CERTIFICATE_ENTRIES.some((entry) => entryValue(resource, entry) !== undefined);
}

/** "secret <namespace>/<name>": the sighting target of a Secret. */
export function secretTarget(resource: KubeResource): string {
  return `secret ${resource.namespace ?? 'default'}/${resource.name}`;
}

/** Sighting attributes from the Secret's type and cert-manager annotations. */
function sightingAttributes(resource: KubeResource, source: string): Record<string, string> {
  const a = resource.annotations;
  const attributes: Record<string, string> = { namespace: resource.namespace ?? 'default', secret: resource.name, source };
  const type = asString(resource.body.type);
  if (type !== undefined) attributes.secretType = type;
  const issuerName = a['cert-manager.io/issuer-name'];
  const certificateName = a['cert-manager.io/certificate-name'];
  if (issuerName !== undefined || certificateName !== undefined) attributes.managedBy = 'cert-manager';
  if (issuerName !== undefined) attributes.issuer = `${a['cert-manager.io/issuer-kind'] ?? 'Issuer'}/${issuerName}`;
  const group = a['cert-manager.io/issuer-group'];
  if (group !== undefined && group !== '' && group !== 'cert-manager.io') attributes.issuerGroup = group;
  if (certificateName !== undefined) attributes.certificate = certificateName;
  return attributes;
}

/** The bytes of one entry: base64 `data` or plain `stringData`; undefined when absent, 'invalid' when not base64. */
function entryValue(resource: KubeResource, entry: string): Uint8Array | 'invalid' | undefined {
  const data = asObject(resource.body.data)?.[entry];
  if (typeof data === 'string') {
    const b64 = data.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) return 'invalid';
    return new Uint8Array(Buffer.from(b64, 'base64'));
  }
  const plain = asObject(resource.body.stringData)?.[entry];
  if (typeof plain === 'string') return new Uint8Array(Buffer.from(plain, 'utf8'));
  return undefined;
}

/** Reads the private-key entry; returns its facts, undefined for an empty entry, or a problem text. */
function describeKey(bytes: Uint8Array): PrivateKeyFacts | string | undefined {
  if (bytes.length === 0) return undefined;
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN ')) {
    const { blocks } = readPemBlocks(text, KEY_ENTRY);
    const block = blocks.find((b) => PRIVATE_KEY_LABELS.has(b.label));
    if (!block) return `${KEY_ENTRY} holds no private-key PEM block`;
    const der = block.decode();
    if (!der) return `${KEY_ENTRY}: the ${block.label} block has invalid base64`;
    try {
      return describePemPrivateKey(block.label, block.headers, der);
    } catch (error) {
      return `${KEY_ENTRY}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return describeDerPrivateKey(bytes) ?? `${KEY_ENTRY} is neither a PEM nor a DER private key`;
}

/**
 * Reads a TLS Secret: every certificate of `tls.crt` and `ca.crt` (sighting target "secret <ns>/<name>", location
 * "tls.crt", "tls.crt#1", ... with the Secret's cert-manager annotations as attributes) and, when `privateKeys`, the
 * metadata of `tls.key` (location "secret <ns>/<name>#tls.key"). `cache` shares parsed certificates between Secrets.
 * Returns findings and one-line problems.
 */
export function readTlsSecret(resource: KubeResource, collector: string, source: string, options: { privateKeys: boolean; cache?: Map<string, CertificateFacts> }): TlsSecretFindings {
  const target = secretTarget(resource);
  const attributes = sightingAttributes(resource, source);
  const certificates: CertificateData[] = [];
  const privateKeys: PrivateKeyData[] = [];
  const problems: string[] = [];
  const tlsSha256: string[] = [];
  const caSha256: string[] = [];
  let subject: string | undefined;
  for (const entry of CERTIFICATE_ENTRIES) {
    const bytes = entryValue(resource, entry);
    if (bytes === undefined || (bytes !== 'invalid' && bytes.length === 0)) continue;
    if (bytes === 'invalid') {
      problems.push(`${entry} is not base64 (a placeholder?)`);
      continue;
    }
    let found;
    try {
      found = readCertificates(bytes, entry);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    problems.push(...found.problems.map((p) => `${entry}: ${p}`));
    if (found.certificates.length === 0 && found.problems.length === 0) problems.push(`${entry} holds no certificate`);
    for (const { der, index } of found.certificates) {
      try {
        // Chains repeat across Secrets (the same intermediate and root in every tls.crt / ca.crt): parse each once.
        const key = Buffer.from(der.buffer, der.byteOffset, der.length).toString('base64');
        const facts = options.cache?.get(key) ?? toCertificateFacts(der);
        options.cache?.set(key, facts);
        const sighting: Sighting = { collector, target, location: index === 0 ? entry : `${entry}#${index}`, attributes };
        certificates.push({ ...facts, sightings: [sighting] });
        (entry === 'ca.crt' ? caSha256 : tlsSha256).push(facts.sha256);
        if (entry === 'tls.crt' && index === 0) subject = facts.subject;
      } catch (error) {
        problems.push(`${entry} certificate #${index}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (options.privateKeys) {
    const bytes = entryValue(resource, KEY_ENTRY);
    if (bytes === 'invalid') problems.push(`${KEY_ENTRY} is not base64 (a placeholder?)`);
    else if (bytes !== undefined) {
      const described = describeKey(bytes);
      bytes.fill(0);
      if (typeof described === 'string') problems.push(described);
      else if (described !== undefined) privateKeys.push({ ...described, location: `${target}#${KEY_ENTRY}` });
    }
  }
  return { certificates, privateKeys, tlsSha256, caSha256, ...(subject !== undefined ? { subject } : {}), problems };
}
