import { createHash } from 'node:crypto';
import type { AnyEvidence, Sighting } from '../../../model/evidence.js';
import type { Severity } from '../../../model/finding.js';
import type { Finding, RuleInfo, ScanReport, WaivedFinding } from '../report.js';
import { compareText } from './csv.js';
import type { Reporter } from './reporter.js';

/** SARIF result level of a severity: critical/high → error, medium → warning, low/info → note. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** GitHub's `security-severity` (0.0–10.0) per severity; info findings carry none. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };

const MAX_RELATED_LOCATIONS = 10;
/** A certificate served by thousands of endpoints names the first ones; the rest are counted in `moreLocations`. */
const MAX_LOGICAL_LOCATIONS = 20;
const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The file a sighting names, when the sighting is a file: cert-file locations ("dir/a.pem#2"), step-ca `file`, Kubernetes manifests. */
function sightingFile(s: Sighting): string | undefined {
  if (s.attributes?.file !== undefined) return s.attributes.file;
  if (s.collector === 'cert-file' && s.location !== undefined) return beforeHash(s.location);
  const source = s.attributes?.source;
  if (s.collector === 'kubernetes' && source !== undefined && /\.(ya?ml|json)$/i.test(source)) return source;
  return undefined;
}

function beforeHash(location: string): string {
  const hash = location.indexOf('#');
  return hash > 0 ? location.slice(0, hash) : location;
}

const isUrl = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

/**
 * Files (relative to the scan configuration's folder, as collectors record them) where an evidence item was read:
 * certificate files and manifests from sightings, key files, CA configuration files, CRL files. Empty for network
 * observations (endpoints, fetched CRLs and OCSP responses, CT, cloud APIs).
 */
export function evidenceFiles(e: AnyEvidence): string[] {
  switch (e.kind) {
    case 'certificate':
      return unique(e.data.sightings.flatMap((s) => sightingFile(s) ?? []));
    case 'private-key':
      return e.collector === 'cert-file' ? [beforeHash(e.data.location)] : [];
    case 'ca-config':
      return e.data.source.path !== undefined && !isUrl(e.data.source.path) ? [e.data.source.path] : [];
    case 'crl':
      return e.data.status === 'fetched' && e.data.file !== undefined ? [e.data.file] : [];
    default:
      return [];
  }
}

interface LogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: string;
}

/** Named things an evidence item is about that are not files: endpoints, Secrets, cloud ARNs, URLs, the certificate itself. */
function logicalLocations(e: AnyEvidence): LogicalLocation[] {
  const resource = (name: string, qualifier: string): LogicalLocation => ({ name, fullyQualifiedName: `${qualifier}/${name}`, kind: 'resource' });
  switch (e.kind) {
    case 'certificate': {
      const places = e.data.sightings
        .filter((s) => sightingFile(s) === undefined)
        .map((s) => ({ name: s.target, fullyQualifiedName: `${s.collector}/${s.target}${s.location === undefined ? '' : `#${s.location}`}`, kind: 'resource' }));
      return [...places, { name: e.data.subject || e.data.sha256, fullyQualifiedName: e.id, kind: 'object' }];
    }
    case 'tls-endpoint':
      return [resource(e.target, 'tls-endpoint')];
    case 'crl':
      return e.data.url === undefined ? [] : [resource(e.data.url, 'crl')];
    case 'ocsp-response':
      return [resource(e.data.status === 'response' ? (e.data.url ?? e.data.endpoint ?? e.target) : e.data.endpoint, 'ocsp')];
    case 'ct-log-entry':
      return [resource(e.data.logUrl, 'ct')];
    case 'ca-config':
      return [resource(e.data.name, `ca-config/${e.data.product}`)];
    case 'private-key':
      return e.collector === 'cert-file' ? [] : [resource(e.data.location, e.collector)];
    default:
      return [resource(e.target, e.collector)];
  }
}

/** A relative URI for a relative file path: each segment percent-encoded, so "a b/c:d.pem" stays one valid reference. */
function fileUri(path: string): string {
  return path.replaceAll('\\', '/').split('/').map(encodeURIComponent).join('/');
}

/** A stable placeholder path for a finding without a file: code scanning needs a repository-relative location on every result. */
function placeholderUri(e: AnyEvidence | undefined, finding: Finding): string {
  if (e === undefined) return finding.evidenceId === undefined ? 'pkimm/scan' : `pkimm/evidence/${encodeURIComponent(finding.target ?? finding.evidenceId)}`;
  return `pkimm/${e.kind}/${encodeURIComponent(e.target)}`;
}

/** "cert-not-expired" → "CertNotExpired". */
function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** A link for a reference when it has a well-known home: URLs, RFCs (with section), CVEs. */
export function referenceUri(reference: string): string | undefined {
  const url = /https?:\/\/\S+/.exec(reference);
  if (url) return url[0];
  const rfc = /^RFC\s*(\d+)(?:\s*§\s*([\d.]+\d))?/i.exec(reference);
  if (rfc) return `https://www.rfc-editor.org/rfc/rfc${rfc[1]}${rfc[2] === undefined ? '' : `#section-${rfc[2]}`}`;
  const cve = /\bCVE-\d{4}-\d{4,}\b/.exec(reference);
  if (cve) return `https://www.cve.org/CVERecord?id=${cve[0]}`;
  return undefined;
}

/** Category "id name" for a 1.1.0 requirement ref, from the report's own model. */
export function categoryOf(report: ScanReport, ref110: string): { readonly id: string; readonly name: string } {
  const id110 = ref110.split('.')[0] ?? ref110;
  const category = Object.values(report.assessment.categories).find((c) => c.id110 === id110);
  return category === undefined ? { id: id110, name: `Category ${id110}` } : { id: category.id, name: category.name };
}

function ruleDescriptor(rule: RuleInfo, report: ScanReport): Record<string, unknown> {
  const references = rule.references ?? [];
  const helpUri = references.map(referenceUri).find((u) => u !== undefined);
  const categories = unique(rule.pkimm.map((ref) => categoryOf(report, ref).name));
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  const refsText = references.length === 0 ? '' : `\n\nReferences: ${references.join('; ')}`;
  const refsMarkdown = references.length === 0 ? '' : `\n\n**References**\n\n${references.map((r) => `- ${referenceUri(r) === undefined ? r : `[${r}](${referenceUri(r)!})`}`).join('\n')}`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description ?? rule.title },
    ...(helpUri === undefined ? {} : { helpUri }),
    help: {
      text: `${rule.remediation}${refsText}\n\nPKIMM requirements: ${rule.pkimm.join(', ')}`,
      markdown: `${rule.remediation}${refsMarkdown}\n\n**PKIMM requirements:** ${rule.pkimm.join(', ')}`,
    },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ['security', 'pki', ...rule.pkimm.map((ref) => `PKIMM ${ref}`), ...categories],
      precision: 'very-high',
      ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }),
      severity: rule.severity,
      pkimm: rule.pkimm,
    },
  };
}

/** Stable identity of a finding across runs: rule id and evidence id. */
export function findingFingerprint(finding: Pick<Finding, 'ruleId' | 'evidenceId'>): string {
  return createHash('sha256').update(`${finding.ruleId}|${finding.evidenceId ?? ''}`).digest('hex');
}

function result(finding: Finding | WaivedFinding, report: ScanReport, ruleIndex: ReadonlyMap<string, number>, byId: ReadonlyMap<string, AnyEvidence>): Record<string, unknown> {
  const e = finding.evidenceId === undefined ? undefined : byId.get(finding.evidenceId);
  const files = e === undefined ? [] : evidenceFiles(e);
  const allLogical = e === undefined ? [] : logicalLocations(e);
  const logical = allLogical.length > MAX_LOGICAL_LOCATIONS ? [...allLogical.slice(0, MAX_LOGICAL_LOCATIONS - 1), allLogical.at(-1)!] : allLogical;
  const primaryUri = files[0] === undefined ? placeholderUri(e, finding) : fileUri(files[0]);
  const primary = {
    physicalLocation: { artifactLocation: { uri: primaryUri }, region: { startLine: 1 } },
    ...(logical.length === 0 ? {} : { logicalLocations: logical }),
  };
  const related = files.slice(1, 1 + MAX_RELATED_LOCATIONS).map((file, id) => ({ id, physicalLocation: { artifactLocation: { uri: fileUri(file) } } }));
  const index = ruleIndex.get(finding.ruleId);
  const waiver = 'waiver' in finding ? finding.waiver : undefined;
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    kind: 'fail',
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [primary],
    ...(related.length === 0 ? {} : { relatedLocations: related }),
    partialFingerprints: { 'pkimmFinding/v1': findingFingerprint(finding) },
    ...(waiver === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${waiver.reason} (waiver ${waiver.label}, owner ${waiver.owner}, expires ${waiver.expires})`,
              properties: { waiver: waiver.label, owner: waiver.owner, expires: waiver.expires },
            },
          ],
        }),
    properties: {
      severity: finding.severity,
      ...(finding.evidenceId === undefined ? {} : { evidenceId: finding.evidenceId }),
      ...(finding.target === undefined ? {} : { target: finding.target }),
      ...(files.length > 1 + MAX_RELATED_LOCATIONS ? { moreFiles: files.length - 1 - MAX_RELATED_LOCATIONS } : {}),
      ...(allLogical.length > logical.length ? { moreLocations: allLogical.length - logical.length } : {}),
    },
  };
}

const byFinding = (a: Finding, b: Finding): number => compareText(a.ruleId, b.ruleId) || compareText(a.evidenceId ?? '', b.evidenceId ?? '');

/** The SARIF 2.1.0 log of a report (one run): every check as a rule, every failed check as a result, waived ones suppressed. */
export function toSarif(report: ScanReport): Record<string, unknown> {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const byId = new Map(report.evidence.map((e) => [e.id, e]));
  const findings: (Finding | WaivedFinding)[] = [...report.findings, ...(report.waived ?? [])].sort(byFinding);
  const overall = report.assessment.overall;
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map((r) => ruleDescriptor(r, report)),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.scan?.startedAt ?? report.generatedAt,
            endTimeUtc: report.scan?.finishedAt ?? report.generatedAt,
            toolExecutionNotifications: report.problems.map((p) => ({
              level: 'warning',
              message: { text: `${p.collector} ${p.target}: ${p.code}: ${p.message}` },
              properties: { collector: p.collector, target: p.target, code: p.code },
            })),
          },
        ],
        results: findings.map((f) => result(f, report, ruleIndex, byId)),
        properties: {
          pkimm: { model: report.model.version, mode: report.scoring.mode, overall: overall.raw, level: overall.level, label: overall.label },
        },
      },
    ],
  };
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export const sarif: Reporter = {
  format: 'sarif',
  extension: 'sarif',
  render(report: ScanReport): string {
    return `${JSON.stringify(toSarif(report), null, 2)}\n`;
  },
};
