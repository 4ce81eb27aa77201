/**
 * PQC Readiness extension (v0.1.0, compatible with model 1.1.0): relevance statements for the extension's relevance
 * categories G.2–G.4 from the scanner-observable PQC indicators (analysis §4.7). G.1 (strategy and vision) is manual:
 * the scanner only supplies PQ-1/PQ-2 as context, so no statement is made about it.
 *
 * Statements about extension relevance use the ref `ext:<extension id>:<relevance category id>` ("ext:pqc:2"); the
 * scorer leaves them out of the requirement scores, the report shows them, and `pkimm answers template` turns them into
 * draft relevance answers.
 *
 * - PQC-G.2 Policies and documentation: caps 1 without any cryptographic inventory (none declared or adopted, no scan
 *   evidence); caps 2 when no CBOM export is attested ("cbom-exported"); supports 3 when a CBOM is attested and the
 *   policy profile approves ML-KEM/ML-DSA/SLH-DSA and sets deprecation dates for RSA or ECC.
 * - PQC-G.3 Compliance: supports 4 when a regime profile (a policy profile other than the built-in default) is
 *   configured and checked at least quarterly (previous scan ≤ 92 days ago). No caps (regulatory mapping is human).
 * - PQC-G.4 Processes and procedures: caps 2 when auto_cov < 30 % and no recurring algorithm detection (scans at most
 *   30 days apart); supports 3 when a PQC or composite CA certificate is observed and detection is recurring; supports
 *   4 when, in addition, PQC or composite end-entity certificates are deployed on TLS endpoints (a PQC CA in production).
 * Indicators reported as context: PQ-1 quantum-vulnerable share, PQ-2 long-lived QV certificates, PQ-3 hybrid key
 * exchange share of TLS 1.3 endpoints, PQ-4 PQC and composite certificates, and (when a PQC capability table was given to
 * the platform collector) PQ-6 platform PQC capability.
 */
import type { Level, Reason, Statement } from '../../model/statement.js';
import { defineAssessor, statement, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { PQC_TLS_GROUPS, agilitySignals, cadence, freshItems, isPqcCertificate, isQuantumVulnerable, percent, policyOf, tlsGroupKey } from '../../src/engine/rule-helpers.js';

// The extension these statements are about; refs are ext:<id>:<relevance category id>.
const PQC_EXTENSION_ID = 'pqc';

const ref = (category: string): string => `ext:${PQC_EXTENSION_ID}:${category}`;
const PQC_FAMILIES = /^(ml-kem|ml-dsa|slh-dsa|composite)/i;

function make(assessor: Assessor, category: string, kind: Statement['kind'], level: Level | undefined, reasons: readonly Reason[], ids: readonly string[] = []): Statement {
  return { ...statement(assessor, kind, level, reasons, ids), ref: ref(category) };
}

function assess(assessor: Assessor, input: AssessorInput): Statement[] {
  const { facts } = input;
  const policy = policyOf(input);
  const certs = freshItems(input, 'certificate');
  const qv = certs.filter((c) => isQuantumVulnerable(c.data));
  const longLived = qv.filter((c) => Date.parse(c.data.notAfter) > Date.parse('2030-12-31T23:59:59Z'));
  const pqc = certs.filter((c) => isPqcCertificate(c.data));
  const tls13 = freshItems(input, 'tls-endpoint').filter((e) => e.data.protocol === 'TLSv1.3');
  const hybrid = tls13.filter((e) => e.data.keyExchange?.group !== undefined && PQC_TLS_GROUPS.has(tlsGroupKey(e.data.keyExchange.group)));
  const tabled = freshItems(input, 'platform').filter((p) => p.data.pqc !== undefined);
  const pqcPlatforms = tabled.filter((p) => p.data.pqc?.capable === true);
  const indicators: Reason[] = [
    { text: `PQ-1: ${qv.length} of ${certs.length} certificates are quantum-vulnerable.`, metric: { name: 'pq1_quantum_vulnerable_share', value: certs.length === 0 ? 0 : qv.length / certs.length } },
    { text: `PQ-2: ${longLived.length} quantum-vulnerable certificate(s) stay valid after 2030 (${longLived.filter((c) => c.data.isCa).length} CA).`, metric: { name: 'pq2_long_lived', value: longLived.length } },
    { text: `PQ-3: ${hybrid.length} of ${tls13.length} TLS 1.3 endpoints negotiated hybrid ML-KEM key exchange.`, metric: { name: 'pq3_hybrid_share', value: tls13.length === 0 ? 0 : hybrid.length / tls13.length } },
    { text: `PQ-4: ${pqc.length} post-quantum or composite certificate(s).`, metric: { name: 'pq4_pqc_certificates', value: pqc.length } },
    ...(tabled.length === 0 ? [] : [{ text: `PQ-6: ${pqcPlatforms.length} of ${tabled.length} platform(s) in the PQC capability table are PQC-capable at their version.`, metric: { name: 'pq6_pqc_capable_platforms', value: pqcPlatforms.length } }]),
  ];
  const out: Statement[] = [];

  // PQC-G.2 Policies and documentation.
  const hasInventory = facts.declaredInventory !== undefined || facts.inventoryAdopted || input.evidence.length > 0;
  const cbom = facts.attestations['cbom-exported'] === true;
  const pqcApproved = policy.algorithms.keys.approved.some((k) => PQC_FAMILIES.test(k.algorithm));
  const classicalSunset = [...policy.algorithms.keys.approved, ...policy.algorithms.keys.deprecated].some((k) => /^(rsa|ec|ecdsa)$/i.test(k.algorithm) && k.until !== undefined);
  if (!hasInventory) out.push(make(assessor, '2', 'cap', 1, [{ text: 'No cryptographic inventory of any kind: nothing declared or adopted, and no scan evidence.' }, ...indicators]));
  else if (!cbom) out.push(make(assessor, '2', 'cap', 2, [{ text: 'A cryptographic inventory exists, but no CBOM export is attested ("cbom-exported").' }, ...indicators]));
  else if (pqcApproved && classicalSunset) out.push(make(assessor, '2', 'support', 3, [{ text: `A CBOM is exported and policy profile "${policy.name}" approves PQC algorithms and sets sunset dates for RSA/ECC.` }, ...indicators]));

  // PQC-G.3 Compliance.
  const runs = cadence(input);
  if (policy.name !== 'default' && runs.previousAgeDays !== undefined && runs.previousAgeDays <= 92) {
    out.push(make(assessor, '3', 'support', 4, [{ text: `Regime profile "${policy.name}" is configured and checked at least quarterly (previous scan ${runs.previousAgeDays.toFixed(0)} days ago).` }, ...indicators]));
  }

  // PQC-G.4 Processes and procedures.
  const auto = agilitySignals(input).autoCov;
  const recurring = runs.maxGapDays90 !== undefined && runs.maxGapDays90 <= 30;
  const pqcCa = pqc.filter((c) => c.data.isCa);
  const pqcDeployed = pqc.filter((c) => !c.data.isCa && c.data.sightings.some((s) => s.collector === 'tls-endpoint'));
  if ((auto.ratio ?? 0) < 0.3 && !recurring) out.push(make(assessor, '4', 'cap', 2, [{ text: `auto_cov ${percent(auto.ratio ?? 0)} is below 30 % and algorithm detection is not recurring.` }, ...indicators], auto.manual.slice(0, 50)));
  else if (pqcCa.length > 0 && recurring && pqcDeployed.length > 0) out.push(make(assessor, '4', 'support', 4, [{ text: `A PQC or composite CA (${pqcCa.length}) issues certificates deployed on TLS endpoints (${pqcDeployed.length}), with recurring algorithm detection.` }, ...indicators], [...pqcCa, ...pqcDeployed].map((c) => c.id)));
  else if (pqcCa.length > 0 && recurring) out.push(make(assessor, '4', 'support', 3, [{ text: `A PQC or composite CA hierarchy is observed (${pqcCa.length} CA certificate(s)) and algorithm detection runs on schedule.` }, ...indicators], pqcCa.map((c) => c.id)));

  if (out.length === 0) out.push(make(assessor, '4', 'insufficient', undefined, [{ text: 'No PQC relevance cap or support applies.' }, ...indicators]));
  return out;
}

/** PQC extension relevance (G.2–G.4) from the scanner-observable PQC indicators. */
const assessPqcReadiness: Assessor = defineAssessor({
  id: 'assess-pqc-readiness',
  title: 'PQC readiness: relevance statements for the PQC extension',
  description:
    'Turns the PQC indicators (quantum-vulnerable share, long-lived exposure, hybrid key exchange, PQC certificates, automation) into cap/support statements for the PQC extension relevance categories G.2–G.4 (refs ext:pqc:N).',
  pkimm: '5.6',
  automation: 'P',
  uses: ['cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange', 'cert-quantum-vulnerable-long-lived'],
  assess: (input) => assess(assessPqcReadiness, input),
});

export default assessPqcReadiness;
