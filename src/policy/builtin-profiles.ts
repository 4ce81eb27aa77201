// The built-in policy profiles. profiles/default.yaml and profiles/cabf-tls.yaml are the same profiles as YAML, for
// people to read and copy; test/policy/builtin-profiles.test.ts keeps them equal to these objects.
//
// Sources of the defaults:
//  - keys: CA/B Forum TLS BR §6.1.5 (RSA ≥ 2048, P-256/P-384/P-521), NIST SP 800-57 Pt 1 Rev 5 §5.6 and SP 800-131A
//    Rev 2 (112-bit strength such as RSA-2048 acceptable through 2030), NIST IR 8547 (draft) for the 2030 horizon;
//    ML-DSA (FIPS 204), SLH-DSA (FIPS 205) and ML-KEM (FIPS 203) approved.
//  - hashes: SHA-1 and MD5 prohibited for signatures (SP 800-131A Rev 2 §9, CA/B Forum BR §7.1.3.2); SHA-224 deprecated.
//  - TLS: SP 800-52 Rev 2 §3.1 (TLS 1.2 and 1.3 only), RFC 8996 (TLS 1.0/1.1 deprecated), RFC 7465 (no RC4).
//  - lifetimes: TLS BR §6.3.2 as amended by ballot SC-081 (398 days, 200 from 2026-03-15, 100 from 2027-03-15, 47 from
//    2029-03-15, by notBefore); code signing BR §6.3.2 as amended by CSC-31 (39 months, 460 days from 2026-03-01);
//    S/MIME BR §6.3.2 (825 days); private TLS 398 days; client 825 days; CA 10 years; root 25 years.
import { mergeProfileData } from './merge.js';
import { PolicyProfile, type PolicyProfileFile } from './profile.js';

const PUBLIC_TLS_SCHEDULE = [
  { days: 398 },
  { from: '2026-03-15', days: 200 },
  { from: '2027-03-15', days: 100 },
  { from: '2029-03-15', days: 47 },
];

/** The `default` profile as written in profiles/default.yaml. */
export const DEFAULT_PROFILE_DATA: PolicyProfileFile = {
  name: 'default',
  description: 'A conservative baseline for any organisation: NIST SP 800-57/131A/52r2 algorithms, CA/B Forum lifetimes for public TLS.',
  algorithms: {
    keys: {
      approved: [
        { algorithm: 'RSA', minBits: 3072 },
        { algorithm: 'RSA', minBits: 2048, until: '2030-12-31', note: '112-bit strength, acceptable through 2030 (SP 800-131A Rev 2)' },
        { algorithm: 'EC', curves: ['P-256', 'P-384', 'P-521'] },
        { algorithm: 'Ed25519' },
        { algorithm: 'Ed448' },
        { algorithm: 'ML-DSA' },
        { algorithm: 'SLH-DSA' },
        { algorithm: 'ML-KEM' },
        { algorithm: 'composite', note: 'composite ML-DSA (draft-ietf-lamps-pq-composite-sigs)' },
      ],
      deprecated: [{ algorithm: 'RSA', minBits: 2048, until: '2030-12-31', note: 'sunset of 112-bit strength' }],
      prohibited: [{ algorithm: 'RSA' }, { algorithm: 'DSA' }, { algorithm: 'EC' }],
    },
    signatureHashes: {
      approved: ['SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512'],
      deprecated: [{ name: 'SHA-224', until: '2030-12-31' }],
      prohibited: ['SHA-1', 'MD5', 'MD4', 'MD2'],
    },
    tlsProtocols: {
      approved: ['TLSv1.3', 'TLSv1.2'],
      deprecated: [],
      prohibited: ['TLSv1.1', 'TLSv1', 'SSLv3', 'SSLv2'],
    },
    prohibitedCipherFragments: ['NULL', 'EXPORT', 'EXP-', 'RC4', 'RC2', 'DES', 'IDEA', 'MD5', 'anon', 'ADH', 'AECDH'],
  },
  lifetimes: {
    publicTls: PUBLIC_TLS_SCHEDULE,
    privateTls: 398,
    client: 825,
    codeSigning: [{ days: 1187 }, { from: '2026-03-01', days: 460 }],
    email: 825,
    ca: 3653,
    root: 9132,
  },
  renewal: { windowDays: 30, minRemainingFraction: 0.2 },
  cas: {
    approved: [],
    publicIssuers: [],
    requireHardwareKeys: true,
    requireAuditLogging: true,
    requireRevocation: true,
    minCrlOverlapHours: 24,
  },
  tls: { requireSct: true, requireMustStaple: false, requireForwardSecrecy: true },
  scope: { domains: [], units: [] },
  evidence: { maxAgeDays: 30, minScopeCoverage: 0.8 },
};

/** The `cabf-tls` profile as written in profiles/cabf-tls.yaml: only what differs from `default`. */
export const CABF_TLS_PROFILE_DATA: PolicyProfileFile = {
  extends: 'default',
  name: 'cabf-tls',
  description: 'Publicly trusted TLS: exactly what the CA/B Forum TLS Baseline Requirements and the Mozilla Root Store Policy allow.',
  algorithms: {
    keys: {
      approved: [
        { algorithm: 'RSA', minBits: 2048, note: 'TLS BR §6.1.5; the modulus must also be divisible by 8' },
        { algorithm: 'EC', curves: ['P-256', 'P-384'], note: 'Mozilla Root Store Policy §5.1 (P-521 is not accepted)' },
      ],
      deprecated: [],
      prohibited: [{ algorithm: '*' }],
    },
    signatureHashes: { approved: ['SHA-256', 'SHA-384', 'SHA-512'], deprecated: [], prohibited: ['SHA-1', 'MD5', 'MD4', 'MD2', 'SHA-224'] },
  },
  lifetimes: { privateTls: PUBLIC_TLS_SCHEDULE },
  tls: { requireSct: true, requireMustStaple: false, requireForwardSecrecy: true },
};

const resolveBuiltin = (data: PolicyProfileFile, parent?: PolicyProfile): PolicyProfile => {
  const { extends: _parent, ...own } = data;
  return PolicyProfile.parse(parent === undefined ? own : mergeProfileData(parent, own));
};

const DEFAULT_PROFILE = resolveBuiltin(DEFAULT_PROFILE_DATA);

/** The built-in profiles, resolved, by name. */
export const BUILTIN_PROFILES = {
  default: DEFAULT_PROFILE,
  'cabf-tls': resolveBuiltin(CABF_TLS_PROFILE_DATA, DEFAULT_PROFILE),
} as const satisfies Readonly<Record<string, PolicyProfile>>;

/** Names of the built-in profiles. */
export type BuiltinProfileName = keyof typeof BUILTIN_PROFILES;

/** The chain of each built-in profile, itself first: ["cabf-tls", "default"]. */
export const BUILTIN_CHAINS: Readonly<Record<BuiltinProfileName, readonly string[]>> = {
  default: ['default'],
  'cabf-tls': ['cabf-tls', 'default'],
};

/** The profile checks use when a scan names none. */
export const defaultPolicy: PolicyProfile = DEFAULT_PROFILE;
