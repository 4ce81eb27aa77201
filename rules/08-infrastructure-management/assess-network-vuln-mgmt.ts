/**
 * PKIMM 8.3 (model 1.1.0) Network vulnerability management for PKI components: PKI services are scanned and their
 * vulnerabilities fixed in time.
 *
 * Partial (class P, analysis §4.5 M.8.3). Signals: findings on PKI components — ADCS web enrollment with NTLM (ESC8),
 * weak TLS (legacy protocols, weak suites) on endpoints that are PKI services (hosts of CA, ACME, CRL or OCSP URLs);
 * scan cadence. The findings lifecycle (how long each finding has been open) is not known from one scan, so the
 * analysis' caps ("critical open > 30 days → 2", "high open > 90 days → 3") become: a critical PKI-component finding →
 * 3 (its age cannot be shown to exceed 30 days) — a documented tuning.
 * Supports: no critical or high PKI-component finding and scans at least monthly → 3.
 * Gate: at least one fresh TLS endpoint or CA configuration.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, cadence, evidenceGate, failedResults, freshItems } from '../../src/engine/rule-helpers.js';

const TLS_CHECKS = ['tls-protocol-no-legacy', 'tls-cipher-not-weak'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['tls-endpoint', 'ca-config'], describe: 'TLS endpoints or CA configurations' });
  if (gate !== undefined) return [gate];
  const pkiHosts = new Set<string>();
  const addHost = (url: string | undefined): void => {
    if (url === undefined) return;
    try {
      pkiHosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // Not a URL: nothing to add.
    }
  };
  for (const config of freshItems(input, 'ca-config')) [config.data.source.url, config.data.ca?.url, ...(config.data.revocation?.crl?.urls ?? []), ...(config.data.revocation?.ocsp?.urls ?? [])].forEach(addHost);
  for (const cert of freshItems(input, 'certificate')) [...cert.data.crlUrls, ...cert.data.ocspUrls].forEach(addHost);
  const esc8 = freshItems(input, 'ca-config').filter((c) => c.data.observations.some((o) => o.code === 'adcs-esc8'));
  const pkiEndpoints = new Set(freshItems(input, 'tls-endpoint').filter((e) => pkiHosts.has(e.data.host.toLowerCase())).map((e) => e.id));
  const weakTls = failedResults(input, TLS_CHECKS).filter((r) => r.evidenceId !== undefined && pkiEndpoints.has(r.evidenceId));
  const runs = cadence(input);
  const out = new StatementBuilder(assessor);
  if (esc8.length > 0) out.cap(3, { text: `${esc8.length} ADCS setup(s) offer web enrollment open to NTLM relay (ESC8), a critical PKI-component vulnerability.` }, esc8.map((c) => c.id));
  if (weakTls.length > 0) out.cap(3, { text: `${new Set(weakTls.map((r) => r.evidenceId)).size} PKI service endpoint(s) accept legacy protocols or weak suites.`, ruleIds: TLS_CHECKS }, weakTls.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId])));
  if (esc8.length === 0 && weakTls.length === 0 && runs.maxGapDays90 !== undefined && runs.maxGapDays90 <= 31) out.support(3, { text: 'No critical or high finding on PKI components, and scans run at least monthly.' });
  return out.build([{ text: `${pkiEndpoints.size} scanned endpoint(s) are PKI services (${pkiHosts.size} PKI host(s) known).` }]);
}

/** M.8.3 network vulnerability management: findings on PKI components. */
const assessNetworkVulnMgmt: Assessor = defineAssessor({
  id: 'assess-network-vuln-mgmt',
  title: 'Vulnerability management of PKI components',
  description: 'Caps 8.3 on ESC8 and weak TLS on PKI service endpoints; supports 3 when none is found and scans are at least monthly.',
  pkimm: '8.3',
  automation: 'P',
  uses: TLS_CHECKS,
  assess: (input) => assess(assessNetworkVulnMgmt, input),
});

export default assessNetworkVulnMgmt;
