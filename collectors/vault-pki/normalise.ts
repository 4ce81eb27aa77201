import type { AllowedKeyType, CaConfigData, CaConfigObservation, CaProfile, EnrollmentProtocol, KeyStorageKind } from '../../model/evidence.js';
import { formatSeconds, parseDurationSeconds } from '../../src/ca-config/units.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { extendedKeyUsageName } from '../../src/pki/oids.js';
import { readCertificates } from '../../src/pki/pem.js';
import { isObject, type VaultDump } from './dump.js';

type Json = Record<string, unknown>;

/** Go x509.ExtKeyUsage names Vault accepts in ext_key_usage → evidence names. */
const GO_EKUS: Readonly<Record<string, string>> = {
  any: 'anyExtendedKeyUsage',
  serverauth: 'serverAuth',
  clientauth: 'clientAuth',
  codesigning: 'codeSigning',
  emailprotection: 'emailProtection',
  ipsecendsystem: 'ipsecEndSystem',
  ipsectunnel: 'ipsecTunnel',
  ipsecuser: 'ipsecUser',
  timestamping: 'timeStamping',
  ocspsigning: 'OCSPSigning',
  microsoftservergatedcrypto: 'msSGC',
  netscapeservergatedcrypto: 'nsSGC',
  microsoftcommercialcodesigning: '1.3.6.1.4.1.311.2.1.22',
  microsoftkernelcodesigning: '1.3.6.1.4.1.311.61.1.1',
};

const EC_CURVES: Readonly<Record<number, string>> = { 224: 'P-224', 256: 'P-256', 384: 'P-384', 521: 'P-521' };

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && !v.startsWith('${') ? v.trim() : undefined;
}

/** A list field: JSON array, or a comma-separated string as Vault also accepts. */
function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '' && !x.startsWith('${')).map((x) => x.trim());
  if (typeof v === 'string' && !v.startsWith('${')) return v.split(',').map((x) => x.trim()).filter((x) => x !== '');
  return undefined;
}

/** A Vault duration (seconds as a number, "72h", "1d", "3600"); undefined for absent or unresolved values. */
function seconds(v: unknown): number | undefined {
  if (typeof v === 'number') return parseDurationSeconds(v, 'vault');
  if (typeof v === 'string' && v.trim() !== '' && !v.startsWith('${')) return parseDurationSeconds(v, 'vault');
  return undefined;
}

/** Field names whose values Terraform left as expressions (var.x, local.y): the evidence cannot know them. */
function unresolved(data: Json, fields: readonly string[]): string[] {
  return fields.filter((f) => {
    const v = data[f];
    return typeof v === 'string' && v.startsWith('${');
  });
}

function keyTypes(keyType: string | undefined, keyBits: number | undefined): AllowedKeyType[] | undefined {
  if (keyType === undefined) return undefined;
  switch (keyType.toLowerCase()) {
    case 'rsa':
      return [{ algorithm: 'RSA', minBits: keyBits !== undefined && keyBits > 0 ? keyBits : 2048 }];
    case 'ec': {
      const curve = EC_CURVES[keyBits !== undefined && keyBits > 0 ? keyBits : 256];
      return [{ algorithm: 'EC', ...(curve ? { curves: [curve] } : {}) }];
    }
    case 'ed25519':
      return [{ algorithm: 'Ed25519' }];
    case 'any':
      return [{ algorithm: 'any' }];
    default:
      return [{ algorithm: keyType }];
  }
}

/** Mount-level facts the role mapping needs. */
interface MountFacts {
  readonly maxLeaseTtl?: number;
  readonly defaultLeaseTtl?: number;
  readonly crlUrls?: readonly string[];
  readonly ocspUrls?: readonly string[];
  readonly issuingUrls?: readonly string[];
  readonly acmeRoles?: 'all' | readonly string[];
}

/** Maps a role's data to a profile (Vault defaults applied for fields Terraform leaves out). */
function roleToProfile(name: string, role: Json, mount: MountFacts, origin: string | undefined): { profile: CaProfile; observations: CaConfigObservation[] } {
  const details: Record<string, string | number | boolean> = {};
  if (origin !== undefined) details.source = origin;
  const maxTtl = seconds(role.max_ttl);
  const ttl = seconds(role.ttl);
  if (maxTtl !== undefined) details.maxTtl = maxTtl === 0 ? 'mount default' : formatSeconds(maxTtl);
  if (ttl !== undefined) details.ttl = ttl === 0 ? 'mount default' : formatSeconds(ttl);
  // Vault caps a role's max_ttl at the mount's max lease TTL; 0 means "the mount's value".
  const maxTtlUnknown = typeof role.max_ttl === 'string' && role.max_ttl.startsWith('${');
  const caps = [maxTtl !== undefined && maxTtl > 0 ? maxTtl : undefined, !maxTtlUnknown && mount.maxLeaseTtl !== undefined && mount.maxLeaseTtl > 0 ? mount.maxLeaseTtl : undefined].filter(
    (v): v is number => v !== undefined,
  );
  const maxValidity = caps.length > 0 ? Math.min(...caps) : undefined;
  const ttlUnknown = typeof role.ttl === 'string' && role.ttl.startsWith('${');
  const defaultValidity = ttl !== undefined && ttl > 0 ? ttl : !ttlUnknown && mount.defaultLeaseTtl !== undefined && mount.defaultLeaseTtl > 0 ? mount.defaultLeaseTtl : undefined;

  const flagEkus: [string, string, boolean][] = [
    ['server_flag', 'serverAuth', true],
    ['client_flag', 'clientAuth', true],
    ['code_signing_flag', 'codeSigning', false],
    ['email_protection_flag', 'emailProtection', false],
  ];
  const eku = new Set<string>();
  for (const [field, name, dflt] of flagEkus) if (bool(role[field]) ?? dflt) eku.add(name);
  for (const e of list(role.ext_key_usage) ?? []) eku.add(GO_EKUS[e.toLowerCase().replace(/[^a-z]/g, '')] ?? e);
  for (const oid of list(role.ext_key_usage_oids) ?? []) eku.add(extendedKeyUsageName(oid));

  for (const [field, detail] of [
    ['allow_subdomains', 'allowSubdomains'],
    ['allow_glob_domains', 'allowGlobDomains'],
    ['allow_bare_domains', 'allowBareDomains'],
    ['allow_localhost', 'allowLocalhost'],
    ['enforce_hostnames', 'enforceHostnames'],
    ['no_store', 'noStore'],
    ['generate_lease', 'generateLease'],
    ['require_cn', 'requireCn'],
    ['use_csr_common_name', 'useCsrCommonName'],
    ['use_csr_sans', 'useCsrSans'],
    ['use_pss', 'usePss'],
  ] as const) {
    const v = bool(role[field]);
    if (v !== undefined) details[detail] = v;
  }
  const issuerRef = str(role.issuer_ref);
  if (issuerRef !== undefined) details.issuerRef = issuerRef;
  const open = unresolved(role, ['ttl', 'max_ttl', 'key_type', 'key_bits', 'allowed_domains', 'allow_any_name']);
  if (open.length > 0) details.unresolvedTerraformExpressions = open.join(', ');

  const signatureBits = num(role.signature_bits);
  const usePss = bool(role.use_pss) === true;
  const keyType = str(role.key_type) ?? (role.key_type === undefined ? 'rsa' : undefined);
  const enrollment: EnrollmentProtocol[] = ['api'];
  if (mount.acmeRoles === 'all' || mount.acmeRoles?.includes(name)) enrollment.push('acme');

  const profile: CaProfile = {
    name,
    kind: 'role',
    ...(maxValidity === undefined ? {} : { maxValiditySeconds: maxValidity }),
    ...(defaultValidity === undefined ? {} : { defaultValiditySeconds: defaultValidity }),
    ...(keyType === undefined ? {} : { keyTypes: keyTypes(keyType, num(role.key_bits))! }),
    ...(signatureBits !== undefined && signatureBits > 0 ? { signatureAlgorithms: [`SHA-${signatureBits}${usePss ? ' with RSASSA-PSS' : ''}`] } : {}),
    extendedKeyUsage: [...eku],
    isCa: false,
    subject: {
      enrolleeSuppliesSubject: bool(role.allow_any_name) ?? false,
      ...(list(role.allowed_domains) ? { allowedDomains: list(role.allowed_domains)! } : {}),
      allowWildcards: bool(role.allow_wildcard_certificates) ?? true,
      allowIpSans: bool(role.allow_ip_sans) ?? true,
    },
    enrollment,
    ...(mount.crlUrls === undefined ? {} : { includesCrlDistributionPoint: mount.crlUrls.length > 0 }),
    ...(mount.ocspUrls === undefined ? {} : { includesOcspUrl: mount.ocspUrls.length > 0 }),
    ...(mount.issuingUrls === undefined ? {} : { includesCaIssuersUrl: mount.issuingUrls.length > 0 }),
    details,
  };
  const observations: CaConfigObservation[] = [];
  if (bool(role.no_store) === true) {
    observations.push({ code: 'vault-no-store', profile: name, message: `Role '${name}' has no_store set: issued certificates are not stored, so they cannot be listed or revoked by serial number.` });
  }
  return { profile, observations };
}

/** Certificate facts for every PEM certificate in an issuer's `certificate` and `ca_chain`; private keys are never read. */
function issuerCertificates(issuer: Json): { sha256: string; subject: string; keyAlgorithm: string; keySizeBits?: number }[] {
  const chain: unknown[] = Array.isArray(issuer.ca_chain) ? (issuer.ca_chain as unknown[]) : [];
  const pems = [issuer.certificate, ...chain].filter((p): p is string => typeof p === 'string' && p.includes('-----BEGIN CERTIFICATE-----'));
  const out: { sha256: string; subject: string; keyAlgorithm: string; keySizeBits?: number }[] = [];
  for (const pem of pems) {
    try {
      for (const { der } of readCertificates(new TextEncoder().encode(pem), 'issuer').certificates) {
        const facts = toCertificateFacts(der);
        out.push({ sha256: facts.sha256, subject: facts.subject, keyAlgorithm: facts.keyAlgorithm, ...(facts.keySizeBits === undefined ? {} : { keySizeBits: facts.keySizeBits }) });
      }
    } catch {
      // An unreadable certificate only loses the fingerprint; the rest of the issuer is still described.
    }
  }
  return out;
}

/** Where a mount's CA keys live, from issuer keys, managed-key references and Terraform generation types. */
function keyStorageOf(keys: readonly Json[], generation: readonly Json[], managedKeyTypes: ReadonlyMap<string, string>): { kind: KeyStorageKind; detail: string } | undefined {
  const managed = [...keys, ...generation].map((k) => str(k.managed_key_name) ?? str(k.managed_key_id)).filter((n): n is string => n !== undefined);
  if (managed.length > 0 || generation.some((g) => g.type === 'kms')) {
    const name = managed[0];
    const type = name === undefined ? undefined : managedKeyTypes.get(name);
    const kind: KeyStorageKind = type === undefined ? 'unknown' : /pkcs/i.test(type) ? 'hsm' : 'cloud-kms';
    return { kind, detail: `managed key${name === undefined ? '' : ` '${name}'`}${type === undefined ? ' (HSM or cloud KMS; its type is not in the export)' : ` (${type})`}` };
  }
  const types = new Set(generation.map((g) => str(g.type)).filter((t) => t !== undefined));
  if (keys.some((k) => typeof k.private_key === 'string' && k.private_key !== '')) return { kind: 'software', detail: 'the CA private key appears in a saved response (type "exported")' };
  if (types.has('imported')) return { kind: 'software', detail: 'imported from a PEM bundle: the private key existed outside Vault' };
  if (types.has('exported')) return { kind: 'software', detail: 'generated with type "exported": the private key was returned to the caller' };
  if (keys.length > 0 || types.has('internal')) return { kind: 'software', detail: "Vault-internal key (kept in Vault's encrypted storage)" };
  return undefined;
}

/** Everything the normaliser needs to know about where the dump came from. */
export interface DumpSource {
  readonly product: 'vault' | 'openbao';
  /** File or folder the dump was read from. */
  readonly path?: string;
  /** Address of the server for live reads. */
  readonly url?: string;
}

/** Maps every PKI mount of a dump to one normalised setup. Returns the setups in mount order. */
export function dumpToConfigs(dump: VaultDump, mounts: readonly string[], source: DumpSource): CaConfigData[] {
  const sysMounts = dump.entries.get('sys/mounts');
  const audit = dump.entries.get('sys/audit');
  const managedKeyTypes = new Map<string, string>();
  for (const [path, data] of dump.entries) {
    const m = /^sys\/managed-keys\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) managedKeyTypes.set(m[2]!, str(data.type) ?? m[1]!);
  }
  return mounts.map((mount) => {
    const entry = (suffix: string): Json | undefined => dump.entries.get(`${mount}/${suffix}`);
    const below = (prefix: string): [string, Json][] => [...dump.entries].filter(([p]) => p.startsWith(`${mount}/${prefix}`)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const mountInfo = sysMounts ? (sysMounts[`${mount}/`] ?? sysMounts[mount]) : undefined;
    const tune = dump.entries.get(`sys/mounts/${mount}/tune`);
    const mountConfig = isObject(mountInfo) && isObject(mountInfo.config) ? mountInfo.config : (tune ?? (isObject(mountInfo) ? mountInfo : undefined));
    const maxLeaseTtl = mountConfig ? seconds(mountConfig.max_lease_ttl) : undefined;
    const defaultLeaseTtl = mountConfig ? seconds(mountConfig.default_lease_ttl) : undefined;

    const urls = entry('config/urls');
    const crl = entry('config/crl');
    const tidy = entry('config/auto-tidy');
    const acme = entry('config/acme');
    const issuers = below('issuer/').map(([, v]) => v);
    const keys = below('key/').map(([, v]) => v);
    const generation = below('terraform/').map(([, v]) => v);

    const issuerUrls = (field: string): string[] => issuers.flatMap((i) => list(i[field]) ?? []);
    const withIssuer = (field: string): string[] | undefined => {
      const mountLevel = urls ? (list(urls[field]) ?? []) : undefined;
      const fromIssuers = issuerUrls(field);
      return mountLevel === undefined && fromIssuers.length === 0 ? undefined : [...new Set([...(mountLevel ?? []), ...fromIssuers])];
    };
    const crlUrls = withIssuer('crl_distribution_points');
    const ocspUrls = withIssuer('ocsp_servers');
    const issuingUrls = withIssuer('issuing_certificates');
    const acmeEnabled = acme ? bool(acme.enabled) === true : false;
    const acmeRoles = !acmeEnabled ? undefined : (list(acme!.allowed_roles) ?? ['*']).includes('*') ? ('all' as const) : list(acme!.allowed_roles)!;
    const facts: MountFacts = {
      ...(maxLeaseTtl === undefined ? {} : { maxLeaseTtl }),
      ...(defaultLeaseTtl === undefined ? {} : { defaultLeaseTtl }),
      ...(crlUrls === undefined ? {} : { crlUrls }),
      ...(ocspUrls === undefined ? {} : { ocspUrls }),
      ...(issuingUrls === undefined ? {} : { issuingUrls }),
      ...(acmeRoles === undefined ? {} : { acmeRoles }),
    };

    const profiles: CaProfile[] = [];
    const observations: CaConfigObservation[] = [];
    for (const [path, role] of below('roles/')) {
      const name = path.slice(`${mount}/roles/`.length);
      const mapped = roleToProfile(name, role, facts, dump.origins.get(path));
      profiles.push(mapped.profile);
      observations.push(...mapped.observations);
    }
    for (const [path, g] of below('terraform/')) {
      const address = path.slice(`${mount}/terraform/`.length);
      if (g.kind === 'import') {
        observations.push({ code: 'vault-imported-ca-key', message: `The CA key is imported with a pem_bundle (${address}): the private key existed outside Vault and is kept in Terraform state.` });
        continue;
      }
      if (g.issues !== true && g.issues !== undefined) continue;
      const ttl = seconds(g.ttl);
      const keyType = str(g.key_type);
      profiles.push({
        name: `${g.kind === 'root' ? 'root CA' : 'intermediate CA'} (${address})`,
        kind: 'certificate',
        ...(ttl === undefined ? {} : { maxValiditySeconds: ttl }),
        ...(keyType === undefined ? {} : { keyTypes: keyTypes(keyType, num(g.key_bits))! }),
        isCa: true,
        details: { ...(dump.origins.has(path) ? { source: dump.origins.get(path)! } : {}), ...(str(g.type) === undefined ? {} : { type: str(g.type)! }) },
      });
      if (g.type === 'exported') {
        observations.push({ code: 'vault-exported-ca-key', message: `The CA key of ${address} is generated with type "exported": Vault returns the private key to the caller (and Terraform keeps it in its state).` });
      }
    }

    const certs = issuers.flatMap(issuerCertificates);
    const defaultIssuerId = str(entry('config/issuers')?.default);
    const defaultIssuer = issuers.find((i) => str(i.issuer_id) === defaultIssuerId) ?? issuers[0];
    const defaultCert = defaultIssuer ? issuerCertificates(defaultIssuer)[0] : undefined;
    const generated = generation.find((g) => str(g.key_type) !== undefined);
    const generatedKey = generated ? keyTypes(str(generated.key_type), num(generated.key_bits))?.[0] : undefined;
    const generatedBits = generatedKey?.minBits ?? (generatedKey?.curves?.[0] === undefined ? undefined : Number(generatedKey.curves[0].slice(2)));
    const commonName = generated ? str(generated.common_name) : undefined;
    const ca = defaultCert
      ? {
          subject: defaultCert.subject,
          certificateSha256: [...new Set(certs.map((c) => c.sha256))],
          keyAlgorithm: defaultCert.keyAlgorithm,
          ...(defaultCert.keySizeBits === undefined ? {} : { keySizeBits: defaultCert.keySizeBits }),
        }
      : generatedKey
        ? {
            ...(commonName === undefined ? {} : { subject: `CN=${commonName}` }),
            keyAlgorithm: generatedKey.algorithm,
            ...(generatedBits === undefined || Number.isNaN(generatedBits) ? {} : { keySizeBits: generatedBits }),
          }
        : undefined;

    const crlEnabled = crl ? bool(crl.disable) !== true : crlUrls && crlUrls.length > 0 ? true : undefined;
    const crlExpiry = crl ? seconds(crl.expiry) : undefined;
    const autoRebuild = crl ? bool(crl.auto_rebuild) === true : false;
    const grace = autoRebuild ? seconds(crl!.auto_rebuild_grace_period) : undefined;
    const delta = crl && bool(crl.enable_delta) === true ? seconds(crl.delta_rebuild_interval) : undefined;
    const ocspEnabled = crl ? bool(crl.ocsp_disable) !== true : ocspUrls && ocspUrls.length > 0 ? true : undefined;

    if (tidy) {
      const enabled = bool(tidy.enabled) === true;
      const interval = seconds(tidy.interval_duration);
      const what = [['tidy_cert_store', 'certificate store'], ['tidy_revoked_certs', 'revoked certificates'], ['tidy_expired_issuers', 'expired issuers']]
        .filter(([f]) => bool(tidy[f!]) === true)
        .map(([, label]) => label);
      observations.push(
        enabled
          ? { code: 'vault-auto-tidy', message: `Auto-tidy runs${interval === undefined ? '' : ` every ${formatSeconds(interval)}`}${what.length > 0 ? ` on ${what.join(', ')}` : ''}.` }
          : { code: 'vault-auto-tidy-disabled', message: 'Auto-tidy is configured but disabled: expired certificates stay in storage and in the CRL until tidied by hand.' },
      );
    }
    if (acmeEnabled) {
      const eab = str(acme!.eab_policy) ?? 'not-required';
      const policy = str(acme!.default_directory_policy) ?? 'sign-verbatim';
      if (eab === 'not-required') observations.push({ code: 'vault-acme-eab-not-required', message: 'ACME is enabled without external account binding (eab_policy not-required): any client that reaches the mount can register an account.' });
      if (policy === 'sign-verbatim') observations.push({ code: 'vault-acme-sign-verbatim', message: 'The default ACME directory signs verbatim (default_directory_policy sign-verbatim): certificates are issued without a role restricting names, key types or validity.' });
    }

    if (issuers.some((i) => typeof i.private_key === 'string' && i.private_key !== '')) {
      observations.push({ code: 'vault-exported-ca-key', message: 'A saved issuer response holds the CA private key (generated or imported with type "exported"): the key exists outside Vault.' });
    }
    const enrollment: EnrollmentProtocol[] = ['api'];
    if (acmeEnabled) enrollment.push('acme');
    const auditDevices = audit ? Object.keys(audit).length : undefined;
    const keyStorage = keyStorageOf([...keys, ...issuers.filter((i) => typeof i.private_key === 'string')], generation, managedKeyTypes);

    return {
      product: source.product,
      role: 'ca',
      name: `${source.product} ${mount}/`,
      source: { ...(source.path === undefined ? {} : { path: source.path }), ...(source.url === undefined ? {} : { url: source.url }), pointer: `mount ${mount}/` },
      ...(ca ? { ca } : {}),
      profiles,
      enrollment,
      ...(crlEnabled === undefined && ocspEnabled === undefined
        ? {}
        : {
            revocation: {
              ...(crlEnabled === undefined
                ? {}
                : {
                    crl: {
                      enabled: crlEnabled,
                      ...(crlExpiry === undefined ? {} : { intervalSeconds: crlExpiry }),
                      ...(grace === undefined ? {} : { overlapSeconds: grace }),
                      ...(delta === undefined ? {} : { deltaIntervalSeconds: delta }),
                      ...(crlUrls && crlUrls.length > 0 ? { urls: crlUrls } : {}),
                    },
                  }),
              ...(ocspEnabled === undefined ? {} : { ocsp: { enabled: ocspEnabled, ...(ocspUrls && ocspUrls.length > 0 ? { urls: ocspUrls } : {}) } }),
            },
          }),
      ...(keyStorage ? { keyStorage } : {}),
      ...(auditDevices === undefined ? {} : { audit: { enabled: auditDevices > 0, detail: `${auditDevices} audit device${auditDevices === 1 ? '' : 's'} enabled` } }),
      observations,
    };
  });
}
