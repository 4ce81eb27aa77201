/**
 * One issuing setup, read from a CA or automation product's configuration and normalised so that rules never care
 * which product it came from. Durations are whole seconds (converted in src/ca-config/units.ts). Secrets that appear in
 * the source (tokens, EAB keys, passwords, private keys) are never copied here.
 */

/** Products the CA-configuration collectors read. */
export type CaProduct =
  | 'cert-manager'
  | 'step-ca'
  | 'vault'
  | 'openbao'
  | 'ejbca'
  | 'adcs'
  | 'certbot'
  | 'openssl-ca'
  | 'cfssl'
  | 'aws-pca'
  | 'aws-acm';

/** How certificates are requested from the setup. */
export type EnrollmentProtocol = 'acme' | 'est' | 'scep' | 'cmp' | 'jwk' | 'oidc' | 'x5c' | 'k8s' | 'api' | 'manual' | 'proprietary' | 'other';

/** Where the CA's signing key lives. */
export type KeyStorageKind = 'software' | 'pkcs11' | 'hsm' | 'cloud-kms' | 'tpm' | 'unknown';

/** A key type a profile allows. */
export interface AllowedKeyType {
  /** "RSA", "EC", "Ed25519", "any", ... */
  readonly algorithm: string;
  /** Smallest allowed size in bits (RSA) or curve size (EC), when the profile bounds it. */
  readonly minBits?: number;
  /** Explicitly allowed sizes in bits, when listed. */
  readonly bits?: readonly number[];
  /** Allowed named curves, e.g. ["P-256", "P-384"]. */
  readonly curves?: readonly string[];
}

/** A profile, role, template, provisioner, Certificate resource or renewal lineage: one way to get a certificate. */
export interface CaProfile {
  readonly name: string;
  readonly kind: 'profile' | 'role' | 'template' | 'provisioner' | 'certificate' | 'lineage' | 'default';
  readonly maxValiditySeconds?: number;
  readonly defaultValiditySeconds?: number;
  readonly keyTypes?: readonly AllowedKeyType[];
  /** Signature algorithms or hashes the profile signs with or allows: "SHA256WithRSA", "SHA-1", "ecdsa-with-SHA384". */
  readonly signatureAlgorithms?: readonly string[];
  /** Extended key usages the profile issues, as names where known ("serverAuth") or dotted OIDs. */
  readonly extendedKeyUsage?: readonly string[];
  readonly isCa?: boolean;
  /** Subject and SAN controls. */
  readonly subject?: {
    /** The requester may put any subject/SAN in the request (ADCS ENROLLEE_SUPPLIES_SUBJECT, Vault allow_any_name). */
    readonly enrolleeSuppliesSubject?: boolean;
    readonly allowedDomains?: readonly string[];
    readonly allowWildcards?: boolean;
    readonly allowIpSans?: boolean;
  };
  readonly enrollment?: readonly EnrollmentProtocol[];
  /** A person must approve issuance (ADCS manager approval, EJBCA approval profile). */
  readonly approvalRequired?: boolean;
  /** Number of authorised signatures required (ADCS). */
  readonly authorizedSignatures?: number;
  /** Renewal reuses the same key pair (certbot reuse_key, cert-manager rotationPolicy Never). */
  readonly reusesKey?: boolean;
  readonly autoRenewal?: boolean;
  readonly renewBeforeSeconds?: number;
  /** Issued certificates carry these pointers. */
  readonly includesCrlDistributionPoint?: boolean;
  readonly includesOcspUrl?: boolean;
  readonly includesCaIssuersUrl?: boolean;
  /** Product-specific values worth showing, already free of secrets: {"server": "https://acme-v02.api.letsencrypt.org/directory"}. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** A pattern the collector recognised in the configuration (ADCS ESC1, EDITF_ATTRIBUTESUBJECTALTNAME2, ACME staging...). */
export interface CaConfigObservation {
  /** Stable code, e.g. "adcs-esc1", "adcs-editf-attributesubjectaltname2", "acme-staging-endpoint". */
  readonly code: string;
  readonly message: string;
  /** Profile or template name it concerns, if any. */
  readonly profile?: string;
}

/** Normalised configuration of one issuing setup. */
export interface CaConfigData {
  readonly product: CaProduct;
  /** "ca": the setup is a CA (step-ca, Vault mount, EJBCA, ADCS, openssl ca, cfssl, AWS PCA). "client": it obtains certificates from one (cert-manager issuer, certbot, ACM). */
  readonly role: 'ca' | 'client';
  /** Human name: "ClusterIssuer/letsencrypt-prod", "step-ca (ca.json)", "vault pki_int/". */
  readonly name: string;
  /** Where it was read from. */
  readonly source: {
    readonly path?: string;
    /** Position inside the source: a JSON pointer, "line 12", a resource name. */
    readonly pointer?: string;
    readonly url?: string;
  };
  /** The CA this setup is or uses. */
  readonly ca?: {
    readonly subject?: string;
    /** SHA-256 of CA certificates found in or referenced by the configuration; links to inventory certificates. */
    readonly certificateSha256?: readonly string[];
    /** For clients: the CA's endpoint (ACME directory URL, Vault address). */
    readonly url?: string;
    /** The endpoint is a known staging / test endpoint. */
    readonly staging?: boolean;
    readonly keyAlgorithm?: string;
    readonly keySizeBits?: number;
  };
  readonly profiles: readonly CaProfile[];
  readonly enrollment: readonly EnrollmentProtocol[];
  readonly automation?: {
    readonly autoRenewal?: boolean;
    readonly renewBeforeSeconds?: number;
    /** "cert-manager", "certbot systemd timer", "step-ca renew daemon"... */
    readonly mechanism?: string;
    /** A scheduler that runs renewals was found (systemd timer, cron entry). */
    readonly schedulerPresent?: boolean;
  };
  readonly revocation?: {
    readonly crl?: { readonly enabled: boolean; readonly intervalSeconds?: number; readonly overlapSeconds?: number; readonly deltaIntervalSeconds?: number; readonly urls?: readonly string[] };
    readonly ocsp?: { readonly enabled: boolean; readonly urls?: readonly string[] };
  };
  readonly keyStorage?: { readonly kind: KeyStorageKind; readonly detail?: string };
  readonly audit?: { readonly enabled: boolean; readonly detail?: string };
  /** Counts from a CA database (openssl index.txt, EJBCA statistics). */
  readonly issued?: { readonly valid?: number; readonly revoked?: number; readonly expired?: number };
  readonly observations: readonly CaConfigObservation[];
  /** Product-specific facts about the whole setup, already free of secrets: {"issuerType": "acme", "db": "badgerv2"}. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}
