import type { AnyEvidence, Evidence } from '../../../model/evidence.js';
import { SEVERITIES } from '../../../model/finding.js';
import type { ScanReport } from '../report.js';
import { commonName, compareText } from './csv.js';
import type { Reporter } from './reporter.js';

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly unit?: string;
  readonly samples: { readonly labels: Labels; readonly value: number }[];
}

/** A label value escaped as the exposition formats require: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function escapeHelp(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

function renderFamily(f: Family): string[] {
  if (f.samples.length === 0) return [];
  const lines = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} gauge`];
  if (f.unit !== undefined) lines.push(`# UNIT ${f.name} ${f.unit}`);
  for (const s of f.samples) {
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
      .join(',');
    lines.push(`${f.name}${labels === '' ? '' : `{${labels}}`} ${formatValue(s.value)}`);
  }
  return lines;
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

/** Labels of one certificate: fingerprint prefix, subject and issuer CN, and the collectors that saw it. */
function certificateLabels(e: Evidence<'certificate'>): Labels {
  const c = e.data;
  return {
    sha256: c.sha256.slice(0, 16),
    subject_cn: commonName(c.subject) ?? '',
    issuer_cn: commonName(c.issuer) ?? '',
    source: [...new Set(c.sightings.map((s) => s.collector))].sort().join(','),
  };
}

function ofKind<K extends AnyEvidence['kind']>(report: ScanReport, kind: K): Extract<AnyEvidence, { kind: K }>[] {
  return report.evidence.filter((e): e is Extract<AnyEvidence, { kind: K }> => e.kind === kind);
}

/** Every metric family of a report, in output order. */
function families(report: ScanReport): Family[] {
  const a = report.assessment;
  const generated = seconds(report.generatedAt);
  const certificates = ofKind(report, 'certificate');
  const crls = ofKind(report, 'crl');
  const ocsp = ofKind(report, 'ocsp-response');
  const categories = Object.values(a.categories);
  const problemsByCollector = new Map<string, number>();
  for (const p of report.problems) problemsByCollector.set(p.collector, (problemsByCollector.get(p.collector) ?? 0) + 1);

  return [
    { name: 'pkimm_scan_timestamp_seconds', unit: 'seconds', help: 'Time the report was generated, in seconds since the Unix epoch.', samples: [{ labels: {}, value: generated }] },
    {
      name: 'pkimm_overall_level',
      help: 'Overall PKIMM maturity level shown (TRUNC of the raw value; 0 when not evaluated).',
      samples: [{ labels: { model: report.model.version, mode: a.mode }, value: a.overall.level }],
    },
    {
      name: 'pkimm_overall_maturity',
      help: 'Overall PKIMM maturity with full precision (absent when not evaluated).',
      samples: a.overall.raw === null ? [] : [{ labels: { model: report.model.version, mode: a.mode }, value: a.overall.raw }],
    },
    {
      name: 'pkimm_category_level',
      help: 'PKIMM maturity level shown per category (0 when not evaluated or not applicable).',
      samples: categories.map((c) => ({ labels: { category: c.id, name: c.name }, value: c.level })),
    },
    {
      name: 'pkimm_category_maturity',
      help: 'PKIMM maturity per category with full precision (absent when not evaluated).',
      samples: categories.flatMap((c) => (c.raw === null ? [] : [{ labels: { category: c.id, name: c.name }, value: c.raw }])),
    },
    {
      name: 'pkimm_findings',
      help: 'Failed checks by severity (waived ones excluded).',
      samples: SEVERITIES.map((s) => ({ labels: { severity: s }, value: report.summary.findings[s] })),
    },
    { name: 'pkimm_findings_waived', help: 'Failed checks covered by an active waiver.', samples: report.waived === undefined ? [] : [{ labels: {}, value: report.waived.length }] },
    { name: 'pkimm_conflicts', help: 'Conflicts between answers and evidence.', samples: [{ labels: {}, value: report.summary.conflicts }] },
    {
      name: 'pkimm_collection_problems',
      help: 'Targets that could not be observed, per collector.',
      samples: [...problemsByCollector].sort(([x], [y]) => compareText(x, y)).map(([collector, n]) => ({ labels: { collector }, value: n })),
    },
    { name: 'pkimm_certificates', help: 'Certificates observed.', samples: report.scan === undefined ? [] : [{ labels: {}, value: certificates.length }] },
    {
      name: 'pkimm_certificate_not_after_seconds',
      unit: 'seconds',
      help: 'End of a certificate\'s validity (notAfter), in seconds since the Unix epoch.',
      samples: certificates.map((e) => ({ labels: certificateLabels(e), value: seconds(e.data.notAfter) })),
    },
    {
      name: 'pkimm_certificate_expiry_seconds',
      unit: 'seconds',
      help: 'Seconds from the scan to a certificate\'s notAfter (negative once expired).',
      samples: certificates.map((e) => ({ labels: certificateLabels(e), value: seconds(e.data.notAfter) - generated })),
    },
    {
      // Not "_bits": the Prometheus linter asks for bytes, but key sizes are stated in bits everywhere else.
      name: 'pkimm_certificate_key_size',
      help: 'Size of a certificate\'s public key in bits (RSA modulus, EC field size).',
      samples: certificates.flatMap((e) => (e.data.keySizeBits === undefined ? [] : [{ labels: { ...certificateLabels(e), algorithm: e.data.keyAlgorithm }, value: e.data.keySizeBits }])),
    },
    {
      name: 'pkimm_crl_next_update_headroom_seconds',
      unit: 'seconds',
      help: 'Seconds from observation to a CRL\'s nextUpdate (negative once past).',
      samples: crls.flatMap((e) =>
        e.data.status !== 'fetched' || e.data.headroomSeconds === undefined
          ? []
          : [{ labels: { crl: e.data.url ?? e.data.file ?? e.target, issuer_cn: commonName(e.data.issuer) ?? '' }, value: e.data.headroomSeconds }],
      ),
    },
    {
      name: 'pkimm_ocsp_latency_seconds',
      unit: 'seconds',
      help: 'Time an OCSP responder took to answer, request to last byte.',
      samples: ocsp.flatMap((e) =>
        e.data.status !== 'response' || e.data.request === undefined
          ? []
          : [{ labels: { responder: e.data.url ?? e.target, sha256: e.data.certificate.slice(0, 16) }, value: e.data.request.latencyMs / 1000 }],
      ),
    },
  ];
}

/** Drops samples whose label set repeats (fingerprint-prefix collisions), keeping the first. */
function deduplicate(f: Family): Family {
  const seen = new Set<string>();
  return {
    ...f,
    samples: f.samples.filter((s) => {
      const key = JSON.stringify(s.labels);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}

/**
 * Prometheus / OpenMetrics text for the node exporter's textfile collector (report.prom): maturity levels, findings,
 * certificate expiry and key sizes, CRL headroom and OCSP latency. Gauges only, no timestamps, `# EOF` last.
 */
export const openmetrics: Reporter = {
  format: 'openmetrics',
  extension: 'prom',
  render(report: ScanReport): string {
    return `${[...families(report).map(deduplicate).flatMap(renderFamily), '# EOF'].join('\n')}\n`;
  },
};
