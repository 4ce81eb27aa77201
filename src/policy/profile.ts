// Policy profiles: what the organisation approves, deprecates and prohibits (algorithms, sizes, protocols), how long
// certificates of each class may live, when they must be renewed, which CAs are approved and what is in scope.
// Checks read the resolved profile through their context (`ctx.policy`); they never load it themselves.
//
// A profile file is YAML. Every field is optional in a file: what a file leaves out comes from the profile it
// `extends` (default: the built-in `default` profile). Objects merge field by field; lists replace the parent's list.
import { z } from 'zod';

const isoDate = z.iso.date();

/** A key type entry: matches a key when the algorithm is equal and every bound given holds. */
export const KeySpec = z
  .object({
    /** "RSA", "EC", "Ed25519", "Ed448", "DSA", "ML-DSA", "SLH-DSA", "ML-KEM", or "*" for any. */
    algorithm: z.string().min(1),
    /** Smallest key size in bits (RSA, DSA) or curve size (EC). */
    minBits: z.number().int().positive().optional(),
    /** Named curves (EC): "P-256", "P-384", ... */
    curves: z.array(z.string().min(1)).optional(),
    /** Approved/prohibited entries: the entry stops applying after this date. Deprecated entries: the sunset date after which assets count as prohibited. */
    until: isoDate.optional(),
    note: z.string().optional(),
  })
  .strict();
export type KeySpec = z.infer<typeof KeySpec>;

/** A named entry (hash, protocol version) with an optional end date; a bare string is shorthand for `{ name }`. */
const NameEntry = z.object({ name: z.string().min(1), until: isoDate.optional(), note: z.string().optional() }).strict();
export const NameSpec = z.union([z.string().min(1).transform((name): z.output<typeof NameEntry> => ({ name })), NameEntry]);
export type NameSpec = z.output<typeof NameSpec>;

const statusLists = <T extends z.ZodType>(entry: T) =>
  z
    .object({
      approved: z.array(entry),
      /** Still tolerated; `until` is the sunset date after which assets on it count as prohibited. */
      deprecated: z.array(entry),
      prohibited: z.array(entry),
    })
    .strict();

/** A maximum lifetime in days, either fixed or a schedule by issuance date (certificate notBefore). */
const ScheduleEntry = z.object({ from: isoDate.optional(), days: z.number().int().positive() }).strict();
export const LifetimeSchedule = z.union([
  z.number().int().positive().transform((days): z.output<typeof ScheduleEntry>[] => [{ days }]),
  z.array(ScheduleEntry).min(1),
]);
export type LifetimeSchedule = z.output<typeof LifetimeSchedule>;

/** Certificate classes with their own maximum lifetime. */
export const CERTIFICATE_CLASSES = ['publicTls', 'privateTls', 'client', 'codeSigning', 'email', 'ca', 'root'] as const;
/** One certificate class. */
export type CertificateClass = (typeof CERTIFICATE_CLASSES)[number];

/** A declared scope unit: something the organisation says should be scanned (analysis §4.1 "declared scope"). */
export const ScopeUnit = z
  .object({
    id: z.string().min(1),
    /** dns-zone: a domain and its subdomains; host: one host (optionally host:port); cidr: an IP range; path: a folder; ca: a CA setup by name; other: matched against evidence targets. */
    kind: z.enum(['dns-zone', 'host', 'cidr', 'path', 'ca', 'cluster', 'cloud-account', 'other']),
    /** The zone, host, CIDR, path prefix or name glob. */
    match: z.string().min(1),
    critical: z.boolean().default(false),
  })
  .strict();
export type ScopeUnit = z.infer<typeof ScopeUnit>;

/** A published document the organisation declares (E10 of the analysis): where it is and when it was revised. */
export const DocumentRef = z
  .object({
    url: z.string().min(1).optional(),
    /** Revision dates, any order. */
    revisions: z.array(isoDate).default([]),
  })
  .strict();
export type DocumentRef = z.infer<typeof DocumentRef>;

/** A fully resolved policy profile: every field present. */
export const PolicyProfile = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    algorithms: z
      .object({
        keys: statusLists(KeySpec),
        /** Signature hashes: "SHA-256", "SHA-1", "MD5", ... */
        signatureHashes: statusLists(NameSpec),
        /** TLS protocol versions as the probe names them: "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3". */
        tlsProtocols: statusLists(NameSpec),
        /** Case-insensitive fragments of cipher-suite names (OpenSSL or IANA) that are prohibited: "RC4", "3DES", "NULL". */
        prohibitedCipherFragments: z.array(z.string().min(1)),
      })
      .strict(),
    /** Maximum lifetime in days per certificate class. */
    lifetimes: z.object(Object.fromEntries(CERTIFICATE_CLASSES.map((c) => [c, LifetimeSchedule])) as Record<CertificateClass, typeof LifetimeSchedule>).strict(),
    renewal: z
      .object({
        /** A valid certificate closer than this to its notAfter is overdue for renewal. */
        windowDays: z.number().min(0),
        /** Renewal should start with at least this share of the lifetime remaining (0..1). */
        minRemainingFraction: z.number().min(0).max(1),
      })
      .strict(),
    cas: z
      .object({
        /** Approved issuing CAs: issuer-DN globs ("CN=Example Issuing CA*") or CA certificate SHA-256 fingerprints. Empty: no register. */
        approved: z.array(z.string().min(1)),
        /** Issuer-DN globs of publicly trusted CAs, used (besides CA/B Forum policy OIDs) to class TLS certificates as public. */
        publicIssuers: z.array(z.string().min(1)),
        /** CA signing keys must be in an HSM, PKCS#11 token, TPM or cloud KMS. */
        requireHardwareKeys: z.boolean(),
        /** CAs must have audit logging enabled. */
        requireAuditLogging: z.boolean(),
        /** CAs must publish revocation information (CRL or OCSP). */
        requireRevocation: z.boolean(),
        /** CRLs must stay valid at least this many hours past the next scheduled publication (overlap), to survive an outage. */
        minCrlOverlapHours: z.number().min(0),
      })
      .strict(),
    tls: z
      .object({
        /** Public TLS certificates must carry embedded SCTs (Chrome/Apple CT policy). */
        requireSct: z.boolean(),
        /** Public TLS certificates must carry the TLS Feature (must-staple) extension. */
        requireMustStaple: z.boolean(),
        /** Negotiated suites must provide forward secrecy. */
        requireForwardSecrecy: z.boolean(),
      })
      .strict(),
    scope: z
      .object({
        /** Domains in scope: "example.org" covers the domain and its subdomains. Empty: no domain scope declared. */
        domains: z.array(z.string().min(1)),
        units: z.array(ScopeUnit),
      })
      .strict(),
    /** When the organisation last reviewed this profile (its approved-algorithm list). */
    reviewed: isoDate.optional(),
    /** The organisation's published policy documents and problem-reporting contact (declared, not fetched). */
    documents: z
      .object({
        cp: DocumentRef.optional(),
        cps: DocumentRef.optional(),
        /** PKI disclosure statement (qualified certificates). */
        pds: DocumentRef.optional(),
        /** Where relying parties report problems (CPS §1.5.2, security.txt, CAA iodef). */
        contact: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    /** Evidence sufficiency gate for assessors (analysis §4.1). */
    evidence: z
      .object({
        /** Evidence older than this many days does not count. */
        maxAgeDays: z.number().positive(),
        /** Share of declared scope units (0..1) that must have been scanned. */
        minScopeCoverage: z.number().min(0).max(1),
      })
      .strict(),
  })
  .strict();
/** A resolved policy profile. */
export type PolicyProfile = z.output<typeof PolicyProfile>;

/** Recursively optional input shape (what a profile file may contain besides `extends`). */
type DeepPartial<T> = T extends readonly (infer _U)[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A profile file: any subset of a profile, plus what it extends. */
export type PolicyProfileFile = DeepPartial<z.input<typeof PolicyProfile>> & { readonly extends?: string };

/** zod schema of a profile file: structural checks only (unknown keys are rejected); completeness is checked after merging. */
export const PolicyProfileFileSchema: z.ZodType<PolicyProfileFile> = z
  .looseObject({ extends: z.string().min(1).optional() })
  .superRefine((value, ctx) => {
    const known = new Set(['extends', ...Object.keys(PolicyProfile.shape)]);
    for (const key of Object.keys(value)) if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown field "${key}"` });
  }) as unknown as z.ZodType<PolicyProfileFile>;
