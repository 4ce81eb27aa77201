import type { AnyEvidence } from '../../../model/evidence.js';
import type { RuleResult } from '../../../model/finding.js';
import type { ScanReport, WaivedFinding } from '../report.js';
import { commonName, compareText } from './csv.js';
import type { Reporter } from './reporter.js';
import { categoryOf } from './sarif.js';

/** One gate condition as a JUnit test case (the gate's condition results have this shape). */
export interface GateCase {
  /** Option-like id: "min-overall", "max-findings", ... */
  readonly id: string;
  /** What was required, e.g. "overall maturity at least 2.5". */
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed: one line each. */
  readonly messages: readonly string[];
}

// XML 1.0 allows tab, LF, CR and the ranges below; everything else (other C0 controls, lone surrogates, U+FFFE/U+FFFF) goes.
const TEXT_SPECIAL = /[&<>]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ATTR_SPECIAL = /[&<>"\t\n\r]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
const entity = (ch: string): string => ENTITIES[ch] ?? '';

/** Text content for XML: characters XML cannot carry removed, markup escaped. */
export function xmlText(text: string): string {
  return text.replace(TEXT_SPECIAL, entity);
}

/** An attribute value for XML (double-quoted): as xmlText, plus quotes, and tab/CR/LF as references so parsers keep them. */
export function xmlAttr(text: string): string {
  return text.replace(ATTR_SPECIAL, entity);
}

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: { readonly kind: 'pass' } | { readonly kind: 'failure' | 'error' | 'skipped'; readonly message: string; readonly type?: string; readonly text?: string };
}

interface Suite {
  readonly name: string;
  readonly sortKey: string;
  readonly properties: readonly (readonly [string, string])[];
  readonly cases: Case[];
}

/** "pki [Demo Root CA 30a373798674]" for items that share a target; the target alone otherwise. */
function itemLabel(e: AnyEvidence | undefined): string {
  if (e === undefined) return '';
  if (e.kind === 'certificate') return `${commonName(e.data.subject) ?? e.data.subject} ${e.data.sha256.slice(0, 12)}`;
  return e.id;
}

const PASS: Case['outcome'] = { kind: 'pass' };
const NOT_APPLICABLE: Case['outcome'] = { kind: 'skipped', message: 'not applicable' };

function caseOf(r: RuleResult, e: AnyEvidence | undefined, waived: WaivedFinding | undefined, remediation: string | undefined): Case['outcome'] {
  if (r.status === 'pass') return PASS;
  if (r.status === 'not-applicable') return NOT_APPLICABLE;
  const details = [`severity: ${r.severity}`, r.evidenceId === undefined ? 'scope: all evidence' : `evidence: ${r.evidenceId}`, e === undefined ? undefined : `target: ${e.target}`, remediation === undefined ? undefined : `remediation: ${remediation}`]
    .filter((x) => x !== undefined)
    .join('\n');
  if (r.status === 'error') return { kind: 'error', message: r.detail ?? 'the check failed to run', type: 'error', text: details };
  const message = r.message ?? r.ruleId;
  if (waived !== undefined) {
    const w = waived.waiver;
    return { kind: 'skipped', message: `waived by ${w.label} (owner ${w.owner}, until ${w.expires}): ${w.reason}; ${message}` };
  }
  return { kind: 'failure', message, type: r.severity, text: `${message}\n${details}` };
}

/** The suite of a check: its first PKIMM requirement's category. */
function suiteOf(report: ScanReport, pkimm: readonly string[] | undefined): Suite {
  const ref = pkimm?.[0];
  if (ref === undefined) return { name: 'Uncategorised checks', sortKey: '~', properties: [], cases: [] };
  const category = categoryOf(report, ref);
  return { name: `${category.id} ${category.name}`, sortKey: (ref.split('.')[0] ?? '').padStart(3, '0'), properties: [['pkimm.category', category.id]], cases: [] };
}

function checkSuites(report: ScanReport): Suite[] {
  const byId = new Map(report.evidence.map((e) => [e.id, e]));
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const waived = new Map((report.waived ?? []).map((w) => [`${w.ruleId}|${w.evidenceId ?? ''}`, w]));
  const suites = new Map<string, Suite>();
  const suiteOfRule = new Map<string, Suite>();
  const targetKey = (r: RuleResult): string => `${r.ruleId}|${(r.evidenceId === undefined ? undefined : byId.get(r.evidenceId)?.target) ?? r.evidenceId ?? ''}`;
  const seen = new Map<string, number>();
  for (const r of report.results) {
    const key = targetKey(r);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const r of report.results) {
    const rule = rules.get(r.ruleId);
    let suite = suiteOfRule.get(r.ruleId);
    if (suite === undefined) {
      const fresh = suiteOf(report, rule?.pkimm);
      suite = suites.get(fresh.name) ?? fresh;
      suites.set(suite.name, suite);
      suiteOfRule.set(r.ruleId, suite);
    }
    const e = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId);
    const target = e?.target ?? r.evidenceId ?? 'all evidence';
    const name = e !== undefined && (seen.get(targetKey(r)) ?? 0) > 1 ? `${target} [${itemLabel(e)}]` : target;
    const waiver = r.status === 'fail' ? waived.get(`${r.ruleId}|${r.evidenceId ?? ''}`) : undefined;
    suite.cases.push({ classname: r.ruleId, name, outcome: caseOf(r, e, waiver, rule?.remediation) });
  }
  // Cases keep the report's result order (rule id, then evidence id), which is already deterministic.
  return [...suites.values()].sort((a, b) => compareText(a.sortKey, b.sortKey) || compareText(a.name, b.name));
}

function gateSuite(gate: readonly GateCase[]): Suite {
  return {
    name: 'gate',
    sortKey: '',
    properties: [],
    cases: gate.map((c) => ({
      classname: `gate.${c.id}`,
      name: c.name,
      outcome: c.passed ? { kind: 'pass' } : { kind: 'failure', message: c.messages[0] ?? c.name, type: 'gate', text: c.messages.join('\n') },
    })),
  };
}

function count(suite: Suite, kind: 'failure' | 'error' | 'skipped'): number {
  return suite.cases.filter((c) => c.outcome.kind === kind).length;
}

function renderCase(c: Case): string {
  const open = `    <testcase classname="${xmlAttr(c.classname)}" name="${xmlAttr(c.name)}" time="0"`;
  const o = c.outcome;
  if (o.kind === 'pass') return `${open}/>`;
  const type = o.type === undefined ? '' : ` type="${xmlAttr(o.type)}"`;
  const inner = o.text === undefined ? `<${o.kind} message="${xmlAttr(o.message)}"${type}/>` : `<${o.kind} message="${xmlAttr(o.message)}"${type}>${xmlText(o.text)}</${o.kind}>`;
  return `${open}>\n      ${inner}\n    </testcase>`;
}

/** Renders the JUnit XML of a report; with `gate`, a last suite "gate" holds one case per gate condition. */
export function renderJunit(report: ScanReport, options: { readonly gate?: readonly GateCase[] } = {}): string {
  const suites = checkSuites(report);
  if (options.gate !== undefined) suites.push(gateSuite(options.gate));
  const timestamp = report.generatedAt.replace(/\.\d+Z$|Z$/, '');
  const total = (kind: 'failure' | 'error' | 'skipped'): number => suites.reduce((n, s) => n + count(s, kind), 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pkimm-scan" tests="${tests}" failures="${total('failure')}" errors="${total('error')}" skipped="${total('skipped')}" time="0">`,
  ];
  suites.forEach((s, id) => {
    lines.push(
      `  <testsuite id="${id}" name="${xmlAttr(s.name)}" tests="${s.cases.length}" failures="${count(s, 'failure')}" errors="${count(s, 'error')}" skipped="${count(s, 'skipped')}" time="0" timestamp="${xmlAttr(timestamp)}">`,
    );
    if (s.properties.length > 0) {
      lines.push('    <properties>', ...s.properties.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`), '    </properties>');
    }
    for (const c of s.cases) lines.push(renderCase(c));
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** JUnit XML (GitLab, Jenkins, Azure DevOps test reports): a suite per PKIMM category, a case per check and evidence item. */
export const junit: Reporter = {
  format: 'junit',
  extension: 'junit.xml',
  render(report: ScanReport): string {
    return renderJunit(report);
  },
};
