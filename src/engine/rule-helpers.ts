// Small pure helpers shared by checks and assessors. Nothing here reads a clock or does I/O.
import type { AnyEvidence, CertificateData, Evidence, EvidenceKind } from '../../model/evidence.js';
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';
import type { RuleResult } from '../../model/finding.js';
import type { Level, Reason, Statement } from '../../model/statement.js';
import { defaultPolicy } from '../policy/builtin-profiles.js';
import type { PolicyProfile, ScopeUnit } from '../policy/profile.js';
import { isPublicTls } from '../policy/classify.js';
import { globToRegExp } from '../policy/waivers.js';
import { statement, type Assessor, type AssessorInput } from './define-assessor.js';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Formats epoch milliseconds as ISO-8601 UTC without milliseconds ("2026-11-22T00:00:00Z"). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Formats a ratio as a percentage with one decimal ("97.5 %"). */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;

const SERVER_AUTH = new Set(['serverAuth', '1.3.6.1.5.5.7.3.1']);

/** Returns whether the certificate's extended key usage includes TLS server authentication. */
export function hasServerAuthEku(cert: CertificateData): boolean {
  return cert.extendedKeyUsage.some((eku) => SERVER_AUTH.has(eku));
}

/** Scan times (this one included), newest first, as epoch ms; ignores unparsable and future entries. */
export function scanTimes(now: Date, previous: readonly string[]): number[] {
  const nowMs = now.getTime();
  const earlier = previous.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t) && t < nowMs);
  return [nowMs, ...[...new Set(earlier)].sort((a, b) => b - a)];
}

/** Seconds in one day (CA/B Forum BR §6.3.2 counts a day as 86,400 seconds). */
export const DAY_SECONDS = 86_400;

/** Splits a distinguished name as certificate facts format it ("C=US, O=Example, CN=www") into [type, value] pairs, in order. */
export function dnAttributes(dn: string): [string, string][] {
  return dn
    .split(/(?<!\\),\s*(?=[A-Za-z][\w.-]*=)|\s\+\s(?=[A-Za-z][\w.-]*=)/)
    .map((part): [string, string] => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim().replace(/\\(.)/g, '$1')];
    })
    .filter(([type]) => type !== '');
}

/** The last common name of a distinguished name, if it has one. */
export function commonName(dn: string): string | undefined {
  return dnAttributes(dn)
    .filter(([type]) => type.toUpperCase() === 'CN' || type === '2.5.4.3')
    .map(([, value]) => value)
    .at(-1);
}

/** The DNS names among the certificate's subject alternative names. */
export const dnsNames = (cert: CertificateData): string[] => cert.subjectAltNames.filter((san) => san.startsWith('DNS:')).map((san) => san.slice(4));

/** The IP addresses among the certificate's subject alternative names. */
export const ipAddresses = (cert: CertificateData): string[] => cert.subjectAltNames.filter((san) => san.startsWith('IP:')).map((san) => san.slice(3));

/** Returns whether a certificate or key family is post-quantum or a PQ hybrid (ML-DSA, SLH-DSA, ML-KEM, composite). */
export function isPqcCertificate(cert: CertificateData): boolean {
  return ['ML-DSA', 'SLH-DSA', 'ML-KEM', 'composite'].includes(cert.keyAlgorithm) || /ML-?DSA|SLH-?DSA/i.test(cert.signatureAlgorithm);
}

/** Returns whether a certificate relies on quantum-vulnerable public-key cryptography (RSA, EC, EdDSA, DSA key or signature). */
export function isQuantumVulnerable(cert: CertificateData): boolean {
  return !isPqcCertificate(cert) && ['RSA', 'EC', 'Ed25519', 'Ed448', 'DSA'].includes(cert.keyAlgorithm);
}

/**
 * Finds the issuer of a certificate among the given certificates: by authority key identifier = subject key
 * identifier when both are known, else by issuer DN = subject DN; prefers the issuer valid longest.
 */
export function findIssuer(cert: CertificateData, certificates: readonly { readonly data: CertificateData }[]): CertificateData | undefined {
  if (cert.isSelfSigned) return undefined;
  const candidates = (groupedBy(certificates, 'subject', (c) => c.data.subject).get(cert.issuer) ?? [])
    .map((c) => c.data)
    .filter((c) => c.sha256 !== cert.sha256)
    .filter((c) => cert.authorityKeyIdentifier === undefined || c.subjectKeyIdentifier === undefined || c.subjectKeyIdentifier === cert.authorityKeyIdentifier);
  return candidates.sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
}

/** Hybrid and pure ML-KEM TLS key-exchange groups (IANA TLS Supported Groups: 0x11EB, 0x11EC, 0x11ED, 0x0200–0x0202). */
export const PQC_TLS_GROUPS: ReadonlySet<string> = new Set(['x25519mlkem768', 'secp256r1mlkem768', 'secp384r1mlkem1024', 'mlkem512', 'mlkem768', 'mlkem1024']);

/** The obsolete pre-standard hybrid group (0x6399), to be replaced by X25519MLKEM768. */
export const OBSOLETE_PQC_TLS_GROUPS: ReadonlySet<string> = new Set(['x25519kyber768draft00', 'x25519kyber768']);

/** Normalises a TLS group name for comparison ("X25519MLKEM768", "x25519_mlkem768" → "x25519mlkem768"). */
export const tlsGroupKey = (group: string): string => group.toLowerCase().replace(/[-_\s]/g, '');

/** Formats a key for messages: "RSA-1024", "EC secp256k1", "DSA". */
export function describeKey(algorithm: string, bits?: number, curve?: string): string {
  if (curve !== undefined) return `${algorithm} ${curve}`;
  return bits === undefined ? algorithm : `${algorithm}-${bits}`;
}

/** Security strength in bits of a classical key (NIST SP 800-57 Pt 1 Rev 5 Table 2); undefined when not RSA, DSA or EC. */
export function securityBits(key: { readonly keyAlgorithm: string; readonly keySizeBits?: number }): number | undefined {
  const bits = key.keySizeBits;
  if (bits === undefined) return undefined;
  if (key.keyAlgorithm === 'RSA' || key.keyAlgorithm === 'DSA') return bits >= 15_360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112 : 80;
  if (key.keyAlgorithm === 'EC') return Math.floor(bits / 2);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Assessor helpers: freshness, declared-scope coverage, the evidence-sufficiency gate (analysis §4.1), failed checks
// and a small builder for cap/support statements with their reasons.

/** The policy profile an assessor judges against: the scan's, else the built-in default. */
export const policyOf = (input: AssessorInput): PolicyProfile => input.policy ?? defaultPolicy;

/** Whether an evidence item is recent enough to count (observed at most `evidence.maxAgeDays` before the scan). */
export function isFresh(item: Pick<AnyEvidence, 'observedAt'>, input: AssessorInput): boolean {
  const observed = Date.parse(item.observedAt);
  return !Number.isNaN(observed) && input.facts.now.getTime() - observed <= policyOf(input).evidence.maxAgeDays * DAY_MS;
}

/** Fresh evidence of one kind, de-duplicated by id. */
export function freshItems<K extends EvidenceKind>(input: AssessorInput, kind: K): Evidence<K>[] {
  const seen = new Set<string>();
  const out: Evidence<K>[] = [];
  for (const item of input.evidence) {
    if (item.kind !== kind || seen.has(item.id) || !isFresh(item, input)) continue;
    seen.add(item.id);
    out.push(item as Evidence<K>);
  }
  return out;
}

/** How much of the declared scope the scan covered. */
export interface ScopeCoverage {
  /** `units`: the profile's declared scope units; `targets`: configured collector targets; `none`: nothing to measure against. */
  readonly basis: 'units' | 'targets' | 'none';
  readonly total: number;
  readonly covered: number;
  /** covered / total; undefined when total is 0. */
  readonly ratio: number | undefined;
  /** Declared units (ids) or collectors not covered, for the reasons. */
  readonly missing: readonly string[];
  /** Units marked critical that were covered, and all critical units. */
  readonly critical: { readonly covered: number; readonly total: number };
}

function ipv4ToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (m === null) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? undefined : parts.reduce((acc, p) => acc * 256 + p, 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const addr = ipv4ToNumber(ip);
  const net = base === undefined ? undefined : ipv4ToNumber(base);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (addr === undefined || net === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(addr / size) === Math.floor(net / size);
}

/** The host of a URL or "host:port" target ("http://crl.example.org/a.crl" → "crl.example.org"). */
function hostOfTarget(target: string): string {
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return new URL(target).hostname;
  } catch {
    // Not a URL after all: fall through to host:port.
  }
  return target.replace(/:\d+$/, '');
}

/** The host names and addresses an evidence item speaks about (endpoint host, SNI, certificate DNS names and sightings, URL hosts). */
function hostsOf(item: AnyEvidence): string[] {
  if (item.kind === 'tls-endpoint') return [item.data.host, ...(item.data.serverName === undefined ? [] : [item.data.serverName])];
  if (item.kind === 'certificate') return [...dnsNames(item.data), ...item.data.sightings.map((s) => hostOfTarget(s.target))];
  if (item.kind === 'ct-log-entry') return [...item.data.dnsNames];
  if (item.kind === 'ct-query') return item.data.source === 'crtsh' ? [item.data.domain] : [...item.data.domains];
  if (item.kind === 'ca-config') return [item.data.source.url, item.data.ca?.url].flatMap((u) => (u === undefined ? [] : [hostOfTarget(u)]));
  return [hostOfTarget(item.target)];
}

/** Targets an item was seen at: its own, and for certificates every sighting's; for CA configurations the source pointer and path too. */
function targetsOf(item: AnyEvidence): string[] {
  if (item.kind === 'certificate') return [item.target, ...item.data.sightings.map((s) => s.target)];
  if (item.kind === 'ca-config') return [item.target, ...[item.data.source.pointer, item.data.source.path].filter((t): t is string => t !== undefined)];
  return [item.target];
}

/** Whether one evidence item covers one declared scope unit. */
export function coversUnit(item: AnyEvidence, unit: ScopeUnit): boolean {
  const match = unit.match.toLowerCase();
  switch (unit.kind) {
    case 'dns-zone':
      return hostsOf(item).some((h) => {
        const host = h.toLowerCase().replace(/^\*\./, '');
        return host === match || host.endsWith(`.${match}`);
      });
    case 'host':
      return item.kind === 'tls-endpoint' && globToRegExp(match).test(`${item.data.host}:${item.data.port}`.toLowerCase()) ? true : hostsOf(item).some((h) => globToRegExp(match).test(h.toLowerCase()));
    case 'cidr':
      return hostsOf(item).some((h) => inCidr(h, match));
    case 'path':
      return targetsOf(item).some((t) => t.toLowerCase().startsWith(match));
    case 'ca':
      return item.kind === 'ca-config' && (globToRegExp(match).test(item.data.name.toLowerCase()) || globToRegExp(match).test(item.target.toLowerCase()));
    default:
      return targetsOf(item).some((t) => globToRegExp(match).test(t.toLowerCase())) || item.collector === match;
  }
}

/** Coverage of the declared scope: the profile's scope units when declared, else the configured collector targets. */
export function scopeCoverage(input: AssessorInput): ScopeCoverage {
  const units = policyOf(input).scope.units;
  if (units.length > 0) {
    const fresh = input.evidence.filter((e) => isFresh(e, input));
    const coveredUnits = units.filter((unit) => fresh.some((item) => coversUnit(item, unit)));
    const critical = units.filter((u) => u.critical);
    return {
      basis: 'units',
      total: units.length,
      covered: coveredUnits.length,
      ratio: coveredUnits.length / units.length,
      missing: units.filter((u) => !coveredUnits.includes(u)).map((u) => u.id),
      critical: { covered: critical.filter((u) => coveredUnits.includes(u)).length, total: critical.length },
    };
  }
  const targets = Object.entries(input.facts.targets);
  const total = targets.reduce((sum, [, t]) => sum + t.configured, 0);
  const covered = targets.reduce((sum, [, t]) => sum + Math.min(t.observed, t.configured), 0);
  return {
    basis: total === 0 ? 'none' : 'targets',
    total,
    covered,
    ratio: total === 0 ? undefined : covered / total,
    missing: targets.filter(([, t]) => t.observed < t.configured).map(([id]) => id),
    critical: { covered: 0, total: 0 },
  };
}

/** A reason describing scope coverage, with the cov_scope metric. */
export function coverageReason(coverage: ScopeCoverage, threshold?: number): Reason {
  const text =
    coverage.basis === 'none'
      ? 'No declared scope units and no configured targets: scope coverage cannot be measured.'
      : coverage.basis === 'units'
        ? `${coverage.covered} of ${coverage.total} declared scope units were covered by fresh evidence (cov_scope ${percent(coverage.ratio ?? 0)})${coverage.missing.length > 0 ? `; not covered: ${coverage.missing.slice(0, 10).join(', ')}` : ''}.`
        : `${coverage.covered} of ${coverage.total} configured targets were observed (cov_scope ${percent(coverage.ratio ?? 0)}); no scope units are declared in the policy profile.`;
  return coverage.ratio === undefined ? { text } : { text, metric: { name: 'cov_scope', value: coverage.ratio, ...(threshold === undefined ? {} : { threshold }) } };
}

/** An `insufficient` statement with one reason. */
export function insufficient(assessor: Assessor, text: string, extra: readonly Reason[] = []): Statement {
  return statement(assessor, 'insufficient', undefined, [{ text: `Insufficient evidence: ${text}` }, ...extra]);
}

/** What an assessor needs before it may cap or support (analysis §4.1 evidence-sufficiency gate). */
export interface GateNeeds {
  /** Evidence kinds that carry the signals; at least `min` fresh items of them in total. */
  readonly kinds: readonly EvidenceKind[];
  /** Human description of what is missing: "CA configurations", "TLS endpoints". */
  readonly describe: string;
  /** Fewest fresh items needed (default 1). */
  readonly min?: number;
  /** Skip the scope-coverage part (for signals that do not depend on scanned scope, e.g. declared documents). */
  readonly ignoreScope?: boolean;
}

/**
 * The evidence-sufficiency gate: returns an `insufficient` statement when there are fewer than `min` fresh items of
 * the needed kinds (stale ones are named), or when declared-scope coverage is below `evidence.minScopeCoverage`;
 * undefined when the assessor may go on.
 */
export function evidenceGate(assessor: Assessor, input: AssessorInput, needs: GateNeeds): Statement | undefined {
  const policy = policyOf(input);
  const all = input.evidence.filter((e) => needs.kinds.includes(e.kind));
  const fresh = all.filter((e) => isFresh(e, input));
  const min = needs.min ?? 1;
  if (fresh.length < min) {
    const stale = all.length - fresh.length;
    const why =
      all.length === 0
        ? `no ${needs.describe} were observed`
        : `${fresh.length} fresh ${needs.describe} (need ${min}); ${stale} item(s) are older than ${policy.evidence.maxAgeDays} days`;
    return insufficient(assessor, `${why}.`, [{ text: `Fresh ${needs.describe}: ${fresh.length}.`, metric: { name: 'fresh_items', value: fresh.length, threshold: min } }]);
  }
  if (needs.ignoreScope === true) return undefined;
  const coverage = scopeCoverage(input);
  if (coverage.ratio !== undefined && coverage.ratio < policy.evidence.minScopeCoverage) {
    return insufficient(assessor, `declared scope coverage ${percent(coverage.ratio)} is below the ${percent(policy.evidence.minScopeCoverage)} the policy profile requires.`, [
      coverageReason(coverage, policy.evidence.minScopeCoverage),
    ]);
  }
  return undefined;
}

/** Failed results of the given checks; waived failures are left out unless `includeWaived`. */
export function failedResults(input: AssessorInput, ruleIds: readonly string[], includeWaived = false): RuleResult[] {
  const byRule = groupedBy(input.results, 'rule', (r) => r.ruleId);
  return [...new Set(ruleIds)].flatMap((id) => (byRule.get(id) ?? []).filter((r) => r.status === 'fail' && (includeWaived || input.waived?.has(`${r.ruleId}|${r.evidenceId ?? ''}`) !== true)));
}

/** Evidence ids with at least one failed result of the given checks. */
export function failedIds(input: AssessorInput, ruleIds: readonly string[], includeWaived = false): Set<string> {
  return new Set(failedResults(input, ruleIds, includeWaived).flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId])));
}

/** Evidence ids with a pass or fail (i.e. applicable) result of any of the given checks. */
export function judgedIds(input: AssessorInput, ruleIds: readonly string[]): Set<string> {
  const byRule = groupedBy(input.results, 'rule', (r) => r.ruleId);
  const out = new Set<string>();
  for (const id of new Set(ruleIds)) for (const r of byRule.get(id) ?? []) if ((r.status === 'pass' || r.status === 'fail') && r.evidenceId !== undefined) out.add(r.evidenceId);
  return out;
}

/** Whether num / den ≥ ratio (false when den is 0), robust to floating-point at the boundary. */
export const ratioAtLeast = (num: number, den: number, ratio: number): boolean => den > 0 && num * 1000 >= Math.round(ratio * 1000) * den;

/** The first N ids, sorted, for statement evidence lists. */
export const someIds = (ids: Iterable<string>, max = 50): string[] => [...new Set(ids)].sort().slice(0, max);

/** Collects cap and support statements with their reasons; `build()` adds shared context reasons to each. */
export class StatementBuilder {
  private readonly out: { kind: 'cap' | 'support'; level: Level; reasons: Reason[]; ids: readonly string[] }[] = [];

  constructor(private readonly assessor: Assessor) {}

  /** Evidence rules out anything above `level`. */
  cap(level: Level, reason: Reason, ids: Iterable<string> = []): this {
    this.out.push({ kind: 'cap', level, reasons: [reason], ids: someIds(ids) });
    return this;
  }

  /** Evidence is consistent with `level`, pending a person's confirmation. */
  support(level: Level, reason: Reason, ids: Iterable<string> = []): this {
    this.out.push({ kind: 'support', level, reasons: [reason], ids: someIds(ids) });
    return this;
  }

  /** Whether any cap at or below `level` was stated. */
  hasCapAtMost(level: Level): boolean {
    return this.out.some((s) => s.kind === 'cap' && s.level <= level);
  }

  /**
   * The statements, in the order stated, each with the context reasons appended. When nothing was stated, one
   * `insufficient` statement says that the evidence neither rules out a level nor reaches a support threshold.
   */
  build(context: readonly Reason[] = []): Statement[] {
    if (this.out.length === 0) {
      return [statement(this.assessor, 'insufficient', undefined, [{ text: 'No cap or support: the evidence rules out no level and reaches no support threshold; a person decides.' }, ...context])];
    }
    return this.out.map((s) => statement(this.assessor, s.kind, s.level, [...s.reasons, ...context], s.ids));
  }
}

/** A sighting attribute value of a certificate, from any sighting. */
const attribute = (cert: CertificateData, key: string): string[] => cert.sightings.flatMap((s) => (s.attributes?.[key] === undefined ? [] : [s.attributes[key]]));

/**
 * How a certificate is renewed automatically, if it is: cert-manager or certbot management, ACM managed renewal,
 * Key Vault auto-renew, Google-managed certificates. Undefined when no automated renewal path is observed.
 */
export function automationOf(cert: CertificateData): string | undefined {
  const managedBy = attribute(cert, 'managedBy');
  for (const m of managedBy) if (['cert-manager', 'certbot', 'google', 'google-private-ca'].includes(m)) return m;
  if (attribute(cert, 'renewalEligibility').includes('ELIGIBLE')) return 'aws-acm';
  if (attribute(cert, 'autoRenew').includes('true') || attribute(cert, 'autoRenewal').includes('true')) return 'managed renewal';
  return undefined;
}

/** Valid (not expired at `now`) end-entity certificates: the population automation and lifecycle metrics count. */
export function validLeaves(certs: readonly Evidence<'certificate'>[], now: Date): Evidence<'certificate'>[] {
  return certs.filter((c) => !c.data.isCa && Date.parse(c.data.notAfter) >= now.getTime());
}

/** auto_cov: automated valid leaves / valid leaves (undefined without valid leaves), with the automated ids. */
export function automationCoverage(certs: readonly Evidence<'certificate'>[], now: Date): { ratio: number | undefined; automated: string[]; manual: string[]; total: number } {
  const leaves = validLeaves(certs, now);
  const automated = leaves.filter((c) => automationOf(c.data) !== undefined).map((c) => c.id);
  const manual = leaves.filter((c) => automationOf(c.data) === undefined).map((c) => c.id);
  return { ratio: leaves.length === 0 ? undefined : automated.length / leaves.length, automated, manual, total: leaves.length };
}

/** Median of numbers (undefined when empty). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Checks whose failure makes an asset `weak` (analysis §4.2: prohibited algorithms or parameters, weak protocols and suites, compromised keys). */
export const WEAK_CHECKS: readonly string[] = [
  'cert-key-not-prohibited',
  'cert-rsa-key-min-2048',
  'cert-ec-curve-approved',
  'cert-key-algorithm-not-dsa',
  'cert-signature-no-sha1',
  'cert-rsa-exponent-valid',
  'cert-key-not-fermat-factorable',
  'cert-key-not-debian-weak',
  'key-algorithm-not-prohibited',
  'ca-key-strength-approved',
  'tls-protocol-no-legacy',
  'tls-cipher-not-weak',
  'tls-forward-secrecy',
];

/** Checks whose failure makes an asset non-conforming to the policy profile (`conform`): weak, deprecated or unlisted. */
export const POLICY_CHECKS: readonly string[] = [...WEAK_CHECKS, 'cert-key-not-deprecated', 'cert-key-on-approved-list', 'cert-signature-hash-policy-approved', 'tls-key-exchange-min-strength'];

/** The `weak` and `conform` metrics over the assets the algorithm checks judged. */
export interface AlgorithmMetrics {
  /** Evidence ids judged by any policy check. */
  readonly assets: number;
  /** Assets failing a weak check (waived or not), and those without a waiver. */
  readonly weak: readonly string[];
  readonly weakUnwaived: readonly string[];
  /** Assets failing any policy check without a waiver. */
  readonly nonConforming: readonly string[];
  /** Failed results covered by waivers (registered exceptions). */
  readonly waivedDeviations: number;
}

/** Computes `weak` and `conform` from the check results (analysis §4.2), optionally limited to some evidence kinds. */
export function algorithmMetrics(input: AssessorInput, kinds?: readonly EvidenceKind[]): AlgorithmMetrics {
  const kindOf = new Map(input.evidence.map((e) => [e.id, e.kind]));
  const keep = (id: string): boolean => kinds === undefined || kinds.includes(kindOf.get(id) ?? 'certificate');
  const assets = [...judgedIds(input, POLICY_CHECKS)].filter(keep);
  return {
    assets: assets.length,
    weak: [...failedIds(input, WEAK_CHECKS, true)].filter(keep),
    weakUnwaived: [...failedIds(input, WEAK_CHECKS)].filter(keep),
    nonConforming: [...failedIds(input, POLICY_CHECKS)].filter(keep),
    waivedDeviations: failedResults(input, POLICY_CHECKS, true).filter((r) => r.evidenceId !== undefined && keep(r.evidenceId) && input.waived?.has(`${r.ruleId}|${r.evidenceId}`) === true).length,
  };
}

/** Collector ids grouped into the source types of the analysis (E1–E9). */
export function sourceClass(collector: string): 'network' | 'file' | 'kubernetes' | 'cloud' | 'ct' | 'ca-config' | 'revocation' | 'other' {
  if (collector === 'tls-endpoint') return 'network';
  if (collector === 'cert-file') return 'file';
  if (collector === 'kubernetes') return 'kubernetes';
  if (['aws-acm', 'azure-key-vault', 'gcp-certificate-manager'].includes(collector)) return 'cloud';
  if (collector === 'crtsh' || collector === 'ct-log') return 'ct';
  if (['adcs', 'ejbca', 'cfssl', 'vault-pki', 'step-ca', 'certbot', 'aws-pca', 'openssl-ca'].includes(collector)) return 'ca-config';
  if (collector === 'crl' || collector === 'ocsp') return 'revocation';
  return 'other';
}

/** Recurring-scan facts from the scan history: runs in windows and the largest gap between scans. */
export function cadence(input: AssessorInput): { runs30: number; runs90: number; runs180: number; maxGapDays90: number | undefined; previousAgeDays: number | undefined } {
  const times = scanTimes(input.facts.now, input.facts.previousScans);
  const nowMs = input.facts.now.getTime();
  const within = (days: number): number[] => times.filter((t) => nowMs - t <= days * DAY_MS);
  const in90 = within(90);
  let maxGap: number | undefined;
  for (let i = 1; i < in90.length; i++) maxGap = Math.max(maxGap ?? 0, (in90[i - 1]! - in90[i]!) / DAY_MS);
  return {
    runs30: within(30).length,
    runs90: in90.length,
    runs180: within(180).length,
    maxGapDays90: maxGap,
    previousAgeDays: times[1] === undefined ? undefined : (nowMs - times[1]) / DAY_MS,
  };
}

/**
 * Revocation-service availability seen by this scan's probes: successful CRL downloads (HTTP 2xx or a 304 served from
 * cache) and successful OCSP answers, over every attempt including the CRL and OCSP collectors' collection problems.
 * A snapshot, not the 30/90-day series the analysis describes: history accumulates it across scans.
 */
export function revocationAvailability(input: AssessorInput): { attempts: number; successes: number; ratio: number | undefined; failedTargets: string[] } {
  let attempts = 0;
  let successes = 0;
  const failedTargets: string[] = [];
  for (const item of input.evidence) {
    if (!isFresh(item, input)) continue;
    if (item.kind === 'crl' && item.data.status === 'fetched' && item.data.fetch !== undefined) {
      attempts++;
      const ok = (item.data.fetch.httpStatus >= 200 && item.data.fetch.httpStatus < 300) || item.data.fetch.fromCache;
      if (ok) successes++;
      else failedTargets.push(item.target);
    } else if (item.kind === 'ocsp-response' && item.data.status === 'response' && item.data.source === 'fetched') {
      attempts++;
      if (item.data.responseStatus === 'successful') successes++;
      else failedTargets.push(item.target);
    }
  }
  for (const problem of input.problems) {
    if (problem.collector !== 'crl' && problem.collector !== 'ocsp') continue;
    attempts++;
    failedTargets.push(problem.target);
  }
  return { attempts, successes, ratio: attempts === 0 ? undefined : successes / attempts, failedTargets };
}

/** Certificates in use (seen on an endpoint, in a file, secret or cloud store: any sighting) that had expired at `now`. */
export function expiredInUse(certs: readonly Evidence<'certificate'>[], now: Date): { expired: string[]; total: number } {
  const inUse = certs.filter((c) => c.data.sightings.length > 0 && !(c.data.isCa && c.data.isSelfSigned));
  return { expired: inUse.filter((c) => Date.parse(c.data.notAfter) < now.getTime()).map((c) => c.id), total: inUse.length };
}

/** Days since the newest of the dates (ISO dates), undefined when there are none. */
export function daysSinceNewest(dates: readonly string[], now: Date): number | undefined {
  const times = dates.map((d) => Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d)).filter((t) => !Number.isNaN(t));
  return times.length === 0 ? undefined : (now.getTime() - Math.max(...times)) / DAY_MS;
}

/** Certificates issued by the organisation's own PKI: not public TLS (by CA/B Forum OID or a listed public issuer) and not self-signed roots. */
export function organisationIssued(certs: readonly Evidence<'certificate'>[], policy: PolicyProfile): Evidence<'certificate'>[] {
  return certs.filter((c) => !(c.data.isCa && c.data.isSelfSigned) && !isPublicTls(c.data, policy));
}

const KEY_FAMILIES: Readonly<Record<string, string>> = { rsa: 'RSA', ec: 'EC', ecdsa: 'EC', ed25519: 'EdDSA', ed448: 'EdDSA', 'ml-dsa': 'PQC', 'slh-dsa': 'PQC', composite: 'PQC', any: 'any' };

/** Technical agility signals shared by 5.6, 9.4 and the PQC extension (computed the same way for all three). */
export interface AgilitySignals {
  readonly autoCov: ReturnType<typeof automationCoverage>;
  readonly medianLifetimeDays: number | undefined;
  /** CA setups (role ca) read, and those able to issue a second key family. */
  readonly cas: readonly string[];
  readonly multiFamilyCas: readonly string[];
}

/** Computes auto_cov, the median lifetime of valid leaves and multi-family CA capability. */
export function agilitySignals(input: AssessorInput): AgilitySignals {
  const certs = freshItems(input, 'certificate');
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca');
  const multi = cas.filter((c) => {
    const families = new Set(c.data.profiles.flatMap((p) => (p.keyTypes ?? []).map((k) => KEY_FAMILIES[k.algorithm.toLowerCase()] ?? 'other')));
    return families.has('any') || families.size >= 2;
  });
  return {
    autoCov: automationCoverage(certs, input.facts.now),
    medianLifetimeDays: median(validLeaves(certs, input.facts.now).map((c) => c.data.validitySeconds / DAY_SECONDS)),
    cas: cas.map((c) => c.id),
    multiFamilyCas: multi.map((c) => c.id),
  };
}

/**
 * Caps and supports from the agility signals, shared by 5.6 and 9.4 (M.9.4 reuses the G.5.6 thresholds). For
 * `crypto-agility` (5.6): auto_cov < 30 % caps at 2 and no multi-family CA caps at 3; for `agility-requirements` (9.4):
 * auto_cov < 30 % together with no multi-family CA caps at 2. Supports: auto_cov ≥ 70 % and median lifetime ≤ 398 days
 * → 3; auto_cov ≥ 90 % and median lifetime ≤ 100 days → 4.
 */
export function agilityStatements(assessor: Assessor, signals: AgilitySignals, requirement: 'crypto-agility' | 'agility-requirements'): Statement[] {
  const capWhenSingleFamily = requirement === 'crypto-agility' ? 3 : 2;
  const { autoCov: auto, medianLifetimeDays: medianDays, cas, multiFamilyCas } = signals;
  const ratio = auto.ratio ?? 0;
  const out = new StatementBuilder(assessor);
  const singleFamily = cas.length > 0 && multiFamilyCas.length === 0;
  if (auto.total > 0 && ratio < 0.3 && (capWhenSingleFamily === 3 || singleFamily || cas.length === 0)) {
    out.cap(2, { text: `Only ${percent(ratio)} of valid end-entity certificates have an observed automated renewal path${capWhenSingleFamily === 2 ? ' and no CA can issue a second key family' : ''}.`, metric: { name: 'auto_cov', value: ratio, threshold: 0.3 } }, auto.manual);
  }
  if (capWhenSingleFamily === 3 && singleFamily) out.cap(3, { text: `None of the ${cas.length} CA configuration(s) can issue a second key family.` }, cas);
  if (auto.total > 0 && medianDays !== undefined) {
    if (ratio >= 0.9 && medianDays <= 100) out.support(4, { text: `auto_cov ${percent(ratio)} and a median lifetime of ${medianDays.toFixed(0)} days: the fleet is replaced automatically at least every ~3 months.`, metric: { name: 'auto_cov', value: ratio, threshold: 0.9 } }, auto.automated);
    else if (ratio >= 0.7 && medianDays <= 398) out.support(3, { text: `auto_cov ${percent(ratio)} and a median lifetime of ${medianDays.toFixed(0)} days.`, metric: { name: 'auto_cov', value: ratio, threshold: 0.7 } }, auto.automated);
  }
  return out.build([
    { text: `${auto.automated.length} of ${auto.total} valid end-entity certificates renew automatically (auto_cov ${percent(ratio)}); ${multiFamilyCas.length} of ${cas.length} CA(s) can issue a second key family.`, metric: { name: 'auto_cov', value: ratio } },
    ...(medianDays === undefined ? [] : [{ text: `Median certificate lifetime: ${medianDays.toFixed(0)} days.`, metric: { name: 'median_lifetime_days', value: medianDays, threshold: 398 } }]),
  ]);
}

/**
 * inv_match: valid observed certificates named by the declared inventory / valid observed certificates. From the
 * inventory reconciliation when the scan made one, else computed from the declared fingerprints and issuer + serial
 * keys; undefined without a declared inventory or without valid certificates.
 */
export function inventoryMatch(input: AssessorInput): number | undefined {
  const { declaredInventory, reconciliation } = input.facts;
  if (reconciliation !== undefined && reconciliation.invMatch !== null) return reconciliation.invMatch;
  if (declaredInventory === undefined) return undefined;
  const valid = freshItems(input, 'certificate').filter((c) => Date.parse(c.data.notAfter) >= input.facts.now.getTime());
  if (valid.length === 0) return undefined;
  const fingerprints = new Set([...declaredInventory.sha256].map((s) => normaliseSha256(s) ?? s));
  const known = valid.filter((c) => fingerprints.has(normaliseSha256(c.data.sha256) ?? c.data.sha256) || declaredInventory.issuerSerial.has(issuerSerialKey(c.data.issuer, c.data.serialNumberHex)));
  return known.length / valid.length;
}

const memo = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes a value once per owner object (an evidence list of one evaluation) and name: lets item checks and assessors
 * share an index (by subject, by key) instead of scanning every item for every item. Pure: the value depends only on
 * the owner, which evaluations never change.
 */
export function cached<T>(owner: object, name: string, compute: () => T): T {
  let entries = memo.get(owner);
  if (entries === undefined) {
    entries = new Map();
    memo.set(owner, entries);
  }
  if (entries.has(name)) return entries.get(name) as T;
  const value = compute();
  entries.set(name, value);
  return value;
}

/** Groups items by a key, once per list (see cached). */
export function groupedBy<T extends object>(items: readonly T[], name: string, key: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  return cached(items, `group:${name}`, () => {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      const list = groups.get(k);
      if (list === undefined) groups.set(k, [item]);
      else list.push(item);
    }
    return groups;
  });
}
