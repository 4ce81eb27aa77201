// cert-manager resources → normalised `ca-config` evidence. Each Issuer / ClusterIssuer becomes one setup; the
// Certificates (and ingress-shim annotated Ingresses) that reference it become its profiles; CertificateRequests are
// counted per issuer. Defaults follow cert-manager v1.18: duration 2160h (90 days), renewBefore one third of the
// duration, private key RSA 2048 (ECDSA 256), rotationPolicy Always, usages "digital signature, key encipherment".
// Secret references (EAB keys, Vault tokens, DNS provider credentials) are recorded by presence only.
import type { AllowedKeyType, CaConfigData, CaConfigObservation, CaProfile, EnrollmentProtocol, KeyStorageKind } from '../../model/evidence.js';
import { describeAcmeServer } from '../../src/ca-config/acme.js';
import { parseDurationSeconds, SECONDS } from '../../src/ca-config/units.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { asArray, asObject, asString, describeOrigin, type KubeResource, type ResourceOrigin, resourceName } from './resources.js';
import type { TlsSecretFindings } from './tls-secrets.js';

/** cert-manager v1.18 defaults. */
export const CERT_MANAGER_DEFAULTS = {
  version: 'v1.18',
  durationSeconds: 90 * SECONDS.day,
  /** renewBefore = duration × 1/3 (renewal at two thirds of the lifetime). */
  renewBeforeFraction: 1 / 3,
  rsaBits: 2048,
  ecdsaBits: 256,
  rotationPolicy: 'Always',
  usages: ['digital signature', 'key encipherment'],
} as const;

const GROUP = 'cert-manager.io';
/** Namespace where ClusterIssuer secrets live unless cert-manager runs with --cluster-resource-namespace. */
const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';
const ISSUER_KINDS = new Set(['Issuer', 'ClusterIssuer']);

/** cert-manager usage names → extended key usage names as certificate facts spell them. */
const USAGE_EKU: Readonly<Record<string, string>> = {
  'server auth': 'serverAuth',
  'client auth': 'clientAuth',
  'code signing': 'codeSigning',
  'email protection': 'emailProtection',
  timestamping: 'timeStamping',
  'ocsp signing': 'OCSPSigning',
  'ipsec end system': 'ipsecEndSystem',
  'ipsec tunnel': 'ipsecTunnel',
  'ipsec user': 'ipsecUser',
  'microsoft sgc': 'msSGC',
  'netscape sgc': 'nsSGC',
};

/** One issuing setup found in the resources, ready to emit. */
export interface IssuerConfig {
  /** The configured target the issuer (or its first referencing Certificate) came from. */
  readonly target: string;
  readonly data: CaConfigData;
}

type Details = Record<string, string | number | boolean>;

/** An issuer reference as Certificates and CertificateRequests state it. */
interface IssuerRef {
  readonly kind: string;
  readonly name: string;
  readonly group: string;
  /** Namespace of the referencing object (Issuers are namespaced). */
  readonly namespace: string;
}

/** Everything gathered for one issuer key before the CaConfigData is built. */
interface Entry {
  readonly key: string;
  readonly ref: IssuerRef;
  issuer?: KubeResource;
  firstOrigin: ResourceOrigin;
  readonly profiles: CaProfile[];
  readonly observations: CaConfigObservation[];
  readonly requests: { total: number; approved: number; denied: number; ready: number; failed: number };
}

const isCertManager = (r: KubeResource): boolean => r.apiVersion.startsWith(`${GROUP}/`) || r.apiVersion.startsWith('certmanager.k8s.io/');

/** "ClusterIssuer/x", "Issuer/ns/x", "AWSPCAClusterIssuer.awspca.cert-manager.io/x": the key and display name of an issuer. */
function issuerKey(ref: IssuerRef): string {
  if (ref.name === '') return ref.kind;
  const kind = ref.group === GROUP ? ref.kind : `${ref.kind}.${ref.group}`;
  return ref.kind.includes('ClusterIssuer') ? `${kind}/${ref.name}` : `${kind}/${ref.namespace}/${ref.name}`;
}

function refOf(value: unknown, namespace: string): IssuerRef | undefined {
  const ref = asObject(value);
  const name = asString(ref?.name);
  if (name === undefined || name === '') return undefined;
  const group = asString(ref?.group);
  return { kind: asString(ref?.kind) ?? 'Issuer', name, group: group === undefined || group === '' ? GROUP : group, namespace };
}

function sourceOf(origin: ResourceOrigin, resource?: KubeResource): CaConfigData['source'] {
  if (origin.url !== undefined) return { url: origin.url };
  const where = origin.file === undefined ? '' : describeOrigin(origin).slice(origin.file.length).trim();
  const named = resource ? resourceName(resource) : undefined;
  const pointer = [where, named].filter((p) => p !== undefined && p !== '').join(': ');
  return { ...(origin.file !== undefined ? { path: origin.file } : {}), ...(pointer !== '' ? { pointer } : {}) };
}

function conditionStatus(body: Readonly<Record<string, unknown>>, type: string): string | undefined {
  const conditions = asArray(asObject(body.status)?.conditions);
  for (const c of conditions) {
    const condition = asObject(c);
    if (asString(condition?.type) === type) return asString(condition?.status);
  }
  return undefined;
}

/** SHA-256 and subject of the certificates in a base64 PEM bundle (Vault/ACME caBundle); empty for placeholders. */
function caBundleFacts(value: unknown): { sha256: string[]; subject?: string } {
  const text = asString(value);
  if (text === undefined || !/^[A-Za-z0-9+/=\s]+$/.test(text)) return { sha256: [] };
  try {
    const { certificates } = readCertificates(new Uint8Array(Buffer.from(text, 'base64')), 'caBundle');
    const facts = certificates.map((c) => toCertificateFacts(c.der));
    return { sha256: facts.map((f) => f.sha256), ...(facts[0] ? { subject: facts[0].subject } : {}) };
  } catch {
    return { sha256: [] };
  }
}

function solverSummary(solver: Record<string, unknown>): { text: string; type: string } {
  const http01 = asObject(solver.http01);
  if (http01) {
    const ingress = asObject(http01.ingress);
    if (ingress) {
      const cls = asString(ingress.ingressClassName) ?? asString(ingress.class) ?? asString(ingress.name);
      return { text: cls === undefined ? 'http01(ingress)' : `http01(ingress ${cls})`, type: 'http01' };
    }
    return { text: asObject(http01.gatewayHTTPRoute) ? 'http01(gatewayHTTPRoute)' : 'http01', type: 'http01' };
  }
  const dns01 = asObject(solver.dns01);
  if (dns01) {
    const webhook = asObject(dns01.webhook);
    if (webhook) return { text: `dns01(webhook ${asString(webhook.groupName) ?? '?'}/${asString(webhook.solverName) ?? '?'})`, type: 'dns01' };
    const providers = Object.keys(dns01).filter((k) => k !== 'cnameStrategy');
    return { text: `dns01(${providers.join(',') || '?'})`, type: 'dns01' };
  }
  return { text: 'unknown', type: 'unknown' };
}

/** Setup-level facts of an issuer resource, depending on its type. */
interface IssuerFacts {
  role: CaConfigData['role'];
  enrollment: EnrollmentProtocol[];
  details: Details;
  observations: CaConfigObservation[];
  ca?: NonNullable<CaConfigData['ca']>;
  revocation?: NonNullable<CaConfigData['revocation']>;
  keyStorage?: { kind: KeyStorageKind; detail?: string };
  /** Pointers the issuer puts into certificates it signs itself (CA / SelfSigned issuers). */
  pointers?: Pick<CaProfile, 'includesCrlDistributionPoint' | 'includesOcspUrl' | 'includesCaIssuersUrl'>;
}

function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

function revocationOf(spec: Record<string, unknown>): Pick<IssuerFacts, 'revocation' | 'pointers'> {
  const crl = strings(spec.crlDistributionPoints);
  const ocsp = strings(spec.ocspServers);
  const aia = strings(spec.issuingCertificateURLs);
  return {
    revocation: { crl: { enabled: crl.length > 0, ...(crl.length > 0 ? { urls: crl } : {}) }, ocsp: { enabled: ocsp.length > 0, ...(ocsp.length > 0 ? { urls: ocsp } : {}) } },
    pointers: { includesCrlDistributionPoint: crl.length > 0, includesOcspUrl: ocsp.length > 0, includesCaIssuersUrl: aia.length > 0 },
  };
}

function describeIssuer(issuer: KubeResource, secrets: ReadonlyMap<string, TlsSecretFindings>): IssuerFacts {
  const spec = asObject(issuer.body.spec) ?? {};
  const observations: CaConfigObservation[] = [];
  const ready = conditionStatus(issuer.body, 'Ready');
  const base: Details = ready === undefined ? {} : { ready };
  const acme = asObject(spec.acme);
  if (acme) {
    const server = asString(acme.server);
    const info = server === undefined ? { staging: false } : describeAcmeServer(server);
    const solvers = asArray(acme.solvers).map((s) => solverSummary(asObject(s) ?? {}));
    const eab = asObject(acme.externalAccountBinding);
    const details: Details = { ...base, issuerType: 'acme' };
    if (solvers.length > 0) {
      details.solvers = solvers.map((s) => s.text).join('; ');
      details.challengeTypes = [...new Set(solvers.map((s) => s.type))].sort().join(',');
    }
    details.externalAccountBinding = eab !== undefined;
    const eabAlgorithm = asString(eab?.keyAlgorithm);
    if (eabAlgorithm !== undefined) details.externalAccountBindingAlgorithm = eabAlgorithm;
    if (info.operator !== undefined) details.acmeOperator = info.operator;
    for (const [field, key] of [['profile', 'acmeProfile'], ['preferredChain', 'preferredChain']] as const) {
      const value = asString(acme[field]);
      if (value !== undefined && value !== '') details[key] = value;
    }
    if (acme.skipTLSVerify === true) {
      details.skipTLSVerify = true;
      observations.push({ code: 'acme-skip-tls-verify', message: 'the ACME server’s TLS certificate is not verified (skipTLSVerify: true)' });
    }
    if (acme.enableDurationFeature === true) details.enableDurationFeature = true;
    if (server === undefined) observations.push({ code: 'acme-server-missing', message: 'the ACME issuer names no server URL' });
    if (info.staging) observations.push({ code: 'acme-staging-endpoint', message: `ACME server ${server ?? ''} is a staging/test endpoint${info.operator ? ` (${info.operator})` : ''}: its certificates are not publicly trusted` });
    const bundle = caBundleFacts(acme.caBundle);
    return {
      role: 'client',
      enrollment: ['acme'],
      details,
      observations,
      ca: { ...(server !== undefined ? { url: server } : {}), staging: info.staging, ...(bundle.sha256.length > 0 ? { certificateSha256: bundle.sha256 } : {}) },
    };
  }
  const ca = asObject(spec.ca);
  if (ca) {
    const secretName = asString(ca.secretName);
    const namespace = issuer.kind === 'ClusterIssuer' ? CLUSTER_RESOURCE_NAMESPACE : (issuer.namespace ?? 'default');
    let found = secretName === undefined ? undefined : secrets.get(`${namespace}/${secretName}`);
    if (!found && secretName !== undefined) {
      const byName = [...secrets].filter(([k]) => k.endsWith(`/${secretName}`));
      if (byName.length === 1) found = byName[0]![1];
    }
    const details: Details = { ...base, issuerType: 'ca' };
    const caCerts = found?.tlsSha256 ?? [];
    return {
      role: 'ca',
      enrollment: ['k8s'],
      details,
      observations,
      ...(caCerts.length > 0 || found?.subject !== undefined ? { ca: { ...(found?.subject !== undefined ? { subject: found.subject } : {}), ...(caCerts.length > 0 ? { certificateSha256: caCerts } : {}) } } : {}),
      keyStorage: { kind: 'software', detail: `Kubernetes Secret ${namespace}/${secretName ?? '?'}` },
      ...revocationOf(ca),
    };
  }
  if (spec.selfSigned !== undefined) {
    observations.push({ code: 'cert-manager-self-signed', message: 'SelfSigned issuer: every certificate is signed with its own key (no chain of trust)' });
    return {
      role: 'ca',
      enrollment: ['k8s'],
      details: { ...base, issuerType: 'selfSigned' },
      observations,
      keyStorage: { kind: 'software', detail: 'each Certificate’s own key (Kubernetes Secret)' },
      ...revocationOf(asObject(spec.selfSigned) ?? {}),
    };
  }
  const vault = asObject(spec.vault);
  if (vault) {
    const server = asString(vault.server);
    const path = asString(vault.path);
    const auth = asObject(vault.auth) ?? {};
    const method = ['tokenSecretRef', 'appRole', 'kubernetes', 'clientCertificate'].find((k) => auth[k] !== undefined);
    const details: Details = { ...base, issuerType: 'vault' };
    if (path !== undefined) details.vaultPath = path;
    const namespace = asString(vault.namespace);
    if (namespace !== undefined) details.vaultNamespace = namespace;
    if (method !== undefined) details.vaultAuth = method === 'tokenSecretRef' ? 'token' : method;
    const bundle = caBundleFacts(vault.caBundle);
    return {
      role: 'client',
      enrollment: ['api'],
      details,
      observations,
      ca: { ...(server !== undefined ? { url: server } : {}), ...(bundle.sha256.length > 0 ? { certificateSha256: bundle.sha256 } : {}) },
    };
  }
  const venafi = asObject(spec.venafi);
  if (venafi) {
    const tpp = asObject(venafi.tpp);
    const cloud = asObject(venafi.cloud);
    const url = asString(tpp?.url) ?? asString(cloud?.url) ?? (cloud ? 'https://api.venafi.cloud/v1' : undefined);
    const details: Details = { ...base, issuerType: 'venafi', venafiPlatform: tpp ? 'tpp' : cloud ? 'cloud' : 'unknown' };
    const zone = asString(venafi.zone);
    if (zone !== undefined) details.venafiZone = zone;
    return { role: 'client', enrollment: ['api'], details, observations, ...(url !== undefined ? { ca: { url } } : {}) };
  }
  observations.push({ code: 'cert-manager-issuer-type-unknown', message: `the issuer’s spec names none of acme, ca, selfSigned, vault, venafi (${Object.keys(spec).join(', ') || 'empty'})` });
  return { role: 'client', enrollment: ['other'], details: { ...base, issuerType: 'unknown' }, observations };
}

function keyTypesOf(privateKey: Record<string, unknown>): AllowedKeyType[] {
  const algorithm = (asString(privateKey.algorithm) ?? 'RSA').toUpperCase();
  const size = typeof privateKey.size === 'number' ? privateKey.size : undefined;
  if (algorithm === 'ECDSA') {
    const bits = size ?? CERT_MANAGER_DEFAULTS.ecdsaBits;
    return [{ algorithm: 'EC', bits: [bits], curves: [`P-${bits}`] }];
  }
  if (algorithm === 'ED25519') return [{ algorithm: 'Ed25519' }];
  if (algorithm === 'RSA') return [{ algorithm: 'RSA', bits: [size ?? CERT_MANAGER_DEFAULTS.rsaBits] }];
  return [{ algorithm }];
}

function listDetail(values: readonly string[], max = 10): string {
  return values.length > max ? `${values.slice(0, max).join(', ')} (+${values.length - max} more)` : values.join(', ');
}

/** Builds the profile of a Certificate spec; returns it with observations about values it could not read. */
function certificateProfile(name: string, spec: Record<string, unknown>, status: Record<string, unknown> | undefined, extra: Details): { profile: CaProfile; observations: CaConfigObservation[] } {
  const observations: CaConfigObservation[] = [];
  const details: Details = { ...extra };
  const durationText = asString(spec.duration);
  const duration = durationText === undefined ? CERT_MANAGER_DEFAULTS.durationSeconds : parseDurationSeconds(durationText, 'go');
  if (durationText !== undefined && duration === undefined) {
    observations.push({ code: 'cert-manager-invalid-duration', message: `duration ${JSON.stringify(durationText.slice(0, 40))} is not a Go duration; cert-manager rejects it`, profile: name });
  }
  details.duration = durationText ?? `default (${CERT_MANAGER_DEFAULTS.durationSeconds / SECONDS.hour}h)`;
  let renewBefore: number | undefined;
  const renewBeforeText = asString(spec.renewBefore);
  if (renewBeforeText !== undefined) {
    renewBefore = parseDurationSeconds(renewBeforeText, 'go');
    details.renewBeforeSource = 'renewBefore';
    if (renewBefore === undefined) observations.push({ code: 'cert-manager-invalid-duration', message: `renewBefore ${JSON.stringify(renewBeforeText.slice(0, 40))} is not a Go duration`, profile: name });
  } else if (typeof spec.renewBeforePercentage === 'number' && duration !== undefined) {
    renewBefore = Math.round((duration * spec.renewBeforePercentage) / 100);
    details.renewBeforeSource = 'renewBeforePercentage';
    details.renewBeforePercentage = spec.renewBeforePercentage;
  } else if (duration !== undefined) {
    renewBefore = Math.round(duration * CERT_MANAGER_DEFAULTS.renewBeforeFraction);
    details.renewBeforeSource = 'default';
  }
  const privateKey = asObject(spec.privateKey) ?? {};
  const rotationPolicy = asString(privateKey.rotationPolicy) ?? CERT_MANAGER_DEFAULTS.rotationPolicy;
  details.rotationPolicy = rotationPolicy;
  details.privateKeyEncoding = asString(privateKey.encoding) ?? 'PKCS1';
  const usages = spec.usages === undefined ? [...CERT_MANAGER_DEFAULTS.usages] : strings(spec.usages).map((u) => u.toLowerCase());
  const eku = usages.map((u) => USAGE_EKU[u]).filter((u): u is string => u !== undefined);
  const keyUsages = usages.filter((u) => USAGE_EKU[u] === undefined);
  if (keyUsages.length > 0) details.keyUsages = keyUsages.join(', ');
  const secretName = asString(spec.secretName);
  if (secretName !== undefined) details.secretName = secretName;
  const commonName = asString(spec.commonName);
  if (commonName !== undefined) details.commonName = commonName;
  const dnsNames = strings(spec.dnsNames);
  if (dnsNames.length > 0) details.dnsNames = listDetail(dnsNames);
  const ips = strings(spec.ipAddresses);
  if (ips.length > 0) details.ipAddresses = listDetail(ips);
  for (const [field, key] of [['notAfter', 'notAfter'], ['renewalTime', 'renewalTime']] as const) {
    const value = asString(status?.[field]);
    if (value !== undefined) details[key] = value;
  }
  const profile: CaProfile = {
    name,
    kind: 'certificate',
    ...(duration !== undefined ? { defaultValiditySeconds: duration } : {}),
    ...(renewBefore !== undefined ? { renewBeforeSeconds: renewBefore } : {}),
    keyTypes: keyTypesOf(privateKey),
    ...(eku.length > 0 ? { extendedKeyUsage: eku } : {}),
    isCa: spec.isCA === true,
    reusesKey: rotationPolicy === 'Never',
    autoRenewal: true,
    details,
  };
  return { profile, observations };
}

/** Turns ingress-shim annotations on an Ingress into the Certificate spec cert-manager would create per TLS entry. */
function ingressCertificates(ingress: KubeResource): { secretName: string; spec: Record<string, unknown>; ref: IssuerRef }[] {
  const a = ingress.annotations;
  const namespace = ingress.namespace ?? 'default';
  const clusterIssuer = a['cert-manager.io/cluster-issuer'];
  const issuer = a['cert-manager.io/issuer'];
  const name = clusterIssuer ?? issuer;
  if (name === undefined) return [];
  const kind = clusterIssuer !== undefined ? 'ClusterIssuer' : (a['cert-manager.io/issuer-kind'] ?? 'Issuer');
  const ref: IssuerRef = { kind, name, group: a['cert-manager.io/issuer-group'] ?? GROUP, namespace };
  const privateKey: Record<string, unknown> = {};
  if (a['cert-manager.io/private-key-algorithm'] !== undefined) privateKey.algorithm = a['cert-manager.io/private-key-algorithm'];
  if (a['cert-manager.io/private-key-size'] !== undefined) privateKey.size = Number(a['cert-manager.io/private-key-size']);
  if (a['cert-manager.io/private-key-rotation-policy'] !== undefined) privateKey.rotationPolicy = a['cert-manager.io/private-key-rotation-policy'];
  const out: { secretName: string; spec: Record<string, unknown>; ref: IssuerRef }[] = [];
  for (const entry of asArray(asObject(ingress.body.spec)?.tls)) {
    const tls = asObject(entry);
    const secretName = asString(tls?.secretName);
    if (secretName === undefined) continue;
    const spec: Record<string, unknown> = { secretName, dnsNames: strings(tls?.hosts), privateKey };
    if (a['cert-manager.io/duration'] !== undefined) spec.duration = a['cert-manager.io/duration'];
    if (a['cert-manager.io/renew-before'] !== undefined) spec.renewBefore = a['cert-manager.io/renew-before'];
    if (a['cert-manager.io/usages'] !== undefined) spec.usages = a['cert-manager.io/usages'].split(',').map((u) => u.trim());
    if (a['cert-manager.io/common-name'] !== undefined) spec.commonName = a['cert-manager.io/common-name'];
    out.push({ secretName, spec, ref });
  }
  return out;
}

/**
 * Normalises the cert-manager resources of one scope (all files, or one cluster context). `secrets` maps
 * "<namespace>/<name>" to what the scope's TLS Secrets hold, so CA issuers link to their CA certificate.
 * Returns one IssuerConfig per issuer that exists or is referenced.
 */
export function certManagerConfigs(resources: readonly KubeResource[], secrets: ReadonlyMap<string, TlsSecretFindings>): IssuerConfig[] {
  const entries = new Map<string, Entry>();
  const entryFor = (ref: IssuerRef, origin: ResourceOrigin): Entry => {
    let key = issuerKey(ref);
    if (!entries.has(key) && ref.kind === 'Issuer' && ref.group === GROUP) {
      // A manifest without namespaces: match an Issuer of the same name when it is the only one.
      const sameName = [...entries.values()].filter((e) => e.ref.kind === 'Issuer' && e.ref.name === ref.name && e.issuer !== undefined);
      if (sameName.length === 1) key = sameName[0]!.key;
    }
    let entry = entries.get(key);
    if (!entry) {
      entry = { key, ref, firstOrigin: origin, profiles: [], observations: [], requests: { total: 0, approved: 0, denied: 0, ready: 0, failed: 0 } };
      entries.set(key, entry);
    }
    return entry;
  };

  for (const r of resources) {
    if (!ISSUER_KINDS.has(r.kind) || !isCertManager(r)) continue;
    const entry = entryFor({ kind: r.kind, name: r.name, group: GROUP, namespace: r.namespace ?? '' }, r.origin);
    entry.issuer = r;
    entry.firstOrigin = r.origin;
  }
  const noRef: IssuerRef = { kind: '(no issuerRef)', name: '', group: GROUP, namespace: '' };
  for (const r of resources) {
    const namespace = r.namespace ?? 'default';
    if (r.kind === 'Certificate' && isCertManager(r)) {
      const spec = asObject(r.body.spec) ?? {};
      const ref = refOf(spec.issuerRef, namespace);
      const entry = entryFor(ref ?? noRef, r.origin);
      const ready = conditionStatus(r.body, 'Ready');
      const { profile, observations } = certificateProfile(resourceName(r), spec, asObject(r.body.status), {
        namespace,
        ...(ref ? { issuerRef: `${ref.kind}/${ref.name}` } : {}),
        ...(ready !== undefined ? { ready } : {}),
      });
      entry.profiles.push(profile);
      entry.observations.push(...observations);
    } else if (r.kind === 'Ingress') {
      for (const { secretName, spec, ref } of ingressCertificates(r)) {
        const entry = entryFor(ref, r.origin);
        const { profile, observations } = certificateProfile(`${resourceName(r)}#${secretName}`, spec, undefined, { namespace, issuerRef: `${ref.kind}/${ref.name}`, ingressShim: true });
        entry.profiles.push(profile);
        entry.observations.push(...observations);
      }
    } else if (r.kind === 'CertificateRequest' && isCertManager(r)) {
      const ref = refOf(asObject(r.body.spec)?.issuerRef, namespace);
      const counts = entryFor(ref ?? noRef, r.origin).requests;
      counts.total++;
      if (conditionStatus(r.body, 'Approved') === 'True') counts.approved++;
      if (conditionStatus(r.body, 'Denied') === 'True') counts.denied++;
      const ready = conditionStatus(r.body, 'Ready');
      if (ready === 'True') counts.ready++;
      else if (ready === 'False' && asArray(asObject(r.body.status)?.conditions).some((c) => asString(asObject(c)?.reason) === 'Failed')) counts.failed++;
    }
  }

  return [...entries.values()].map((entry) => buildConfig(entry, secrets));
}

function buildConfig(entry: Entry, secrets: ReadonlyMap<string, TlsSecretFindings>): IssuerConfig {
  const observations = [...entry.observations];
  let facts: IssuerFacts;
  if (entry.issuer) facts = describeIssuer(entry.issuer, secrets);
  else if (entry.ref.kind === '(no issuerRef)') {
    facts = { role: 'client', enrollment: [], details: { issuerType: 'unknown' }, observations: [{ code: 'cert-manager-missing-issuer-ref', message: `${entry.profiles.length} Certificates name no issuerRef` }] };
  } else if (entry.ref.group !== GROUP) {
    facts = {
      role: 'client',
      enrollment: ['api'],
      details: { issuerType: 'external', issuerGroup: entry.ref.group, issuerKind: entry.ref.kind },
      observations: [{ code: 'cert-manager-external-issuer', message: `external issuer ${entry.ref.kind} of API group ${entry.ref.group}` }],
    };
  } else {
    facts = {
      role: 'client',
      enrollment: [],
      details: { issuerType: 'unknown' },
      observations: [{ code: 'cert-manager-issuer-not-found', message: `${entry.key} is referenced but not among the scanned resources` }],
    };
  }
  observations.unshift(...facts.observations);
  const placeholders = entry.firstOrigin.placeholderLines ?? [];
  if (placeholders.length > 0) {
    observations.push({ code: 'config-placeholders-ignored', message: `line${placeholders.length > 1 ? 's' : ''} ${placeholders.slice(0, 10).join(', ')} held only a "..." placeholder (a documentation snippet) and were ignored` });
  }
  const details: Details = { ...facts.details, certificates: entry.profiles.length };
  const r = entry.requests;
  if (r.total > 0) Object.assign(details, { certificateRequests: r.total, certificateRequestsApproved: r.approved, certificateRequestsDenied: r.denied, certificateRequestsReady: r.ready, certificateRequestsFailed: r.failed });
  const profiles = entry.profiles
    .map((p) => ({ ...p, enrollment: facts.enrollment, ...(facts.pointers ?? {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const data: CaConfigData = {
    product: 'cert-manager',
    role: facts.role,
    name: entry.key,
    source: sourceOf(entry.firstOrigin, entry.issuer),
    ...(facts.ca ? { ca: facts.ca } : {}),
    profiles,
    enrollment: facts.enrollment,
    automation: { autoRenewal: true, mechanism: `cert-manager (defaults as of ${CERT_MANAGER_DEFAULTS.version})` },
    ...(facts.revocation ? { revocation: facts.revocation } : {}),
    ...(facts.keyStorage ? { keyStorage: facts.keyStorage } : {}),
    observations,
    details,
  };
  return { target: `${entry.firstOrigin.target}#${entry.key}`, data };
}
