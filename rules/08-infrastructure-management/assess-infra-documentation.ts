/**
 * PKIMM 8.1 (model 1.1.0) Infrastructure documentation: every PKI component (CAs, RA/ACME endpoints, OCSP responders,
 * CRL distribution hosts) is documented.
 *
 * Partial (class P, analysis §4.5 M.8.1). Signals: components discovered from evidence — hosts of the CRL, OCSP and
 * AIA URLs in organisation-issued certificates, CA setups and the endpoints CA clients use — compared with the
 * documented component list, which is the policy profile's declared scope units (a component is documented when a
 * unit covers it).
 * Caps: undocumented components → 3; > 20 % of components undocumented → 2.
 * Supports: 100 % of discovered components documented → 3 (open ports are not compared; 4 needs a person).
 * Without declared scope units there is no component list to compare with: insufficient evidence.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, coversUnit, freshItems, insufficient, organisationIssued, percent, policyOf, ratioAtLeast } from '../../src/engine/rule-helpers.js';
import type { AnyEvidence, Evidence } from '../../model/evidence.js';

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

function assess(assessor: Assessor, input: AssessorInput) {
  const policy = policyOf(input);
  if (policy.scope.units.length === 0) return [insufficient(assessor, 'no component list is declared: add the PKI components as scope units in the policy profile.')];
  const hosts = new Set<string>();
  for (const cert of organisationIssued(freshItems(input, 'certificate'), policy)) {
    for (const url of [...cert.data.crlUrls, ...cert.data.ocspUrls, ...cert.data.caIssuerUrls]) {
      const host = hostOf(url);
      if (host !== undefined) hosts.add(host);
    }
  }
  const configs = freshItems(input, 'ca-config');
  for (const config of configs) {
    for (const url of [config.data.source.url, config.data.ca?.url]) {
      const host = url === undefined ? undefined : hostOf(url);
      if (host !== undefined) hosts.add(host);
    }
  }
  // A host becomes a pseudo endpoint so that the unit matchers apply to it.
  const asEvidence = (host: string): Evidence<'tls-endpoint'> => ({ id: `component:${host}`, kind: 'tls-endpoint', collector: 'component', target: host, observedAt: input.facts.now.toISOString(), data: { host, port: 443, chain: [], chainTrusted: false, handshakeMs: 0 } });
  const components: { name: string; item: AnyEvidence }[] = [...[...hosts].map((h) => ({ name: h, item: asEvidence(h) })), ...configs.filter((c) => c.data.role === 'ca').map((c) => ({ name: c.data.name, item: c }))];
  if (components.length === 0) return [insufficient(assessor, 'no PKI component (CA setup, revocation or issuer URL host) was discovered.')];
  const undocumented = components.filter((c) => !policy.scope.units.some((u) => coversUnit(c.item, u)));
  const n = components.length;
  const out = new StatementBuilder(assessor);
  if (!ratioAtLeast(n - undocumented.length, n, 0.8)) out.cap(2, { text: `${undocumented.length} of ${n} discovered PKI components (${percent(undocumented.length / n)}) are not in the declared component list: ${undocumented.slice(0, 5).map((c) => c.name).join(', ')}.`, metric: { name: 'undocumented_components', value: undocumented.length / n, threshold: 0.2 } });
  else if (undocumented.length > 0) out.cap(3, { text: `${undocumented.length} discovered PKI component(s) are not documented: ${undocumented.slice(0, 5).map((c) => c.name).join(', ')}.` });
  else out.support(3, { text: `All ${n} discovered PKI components are in the declared component list.` });
  return out.build([{ text: `${n} PKI component(s) discovered.` }]);
}

/** M.8.1 infrastructure documentation: discovered PKI components against the declared component list. */
const assessInfraDocumentation: Assessor = defineAssessor({
  id: 'assess-infra-documentation',
  title: 'Infrastructure documentation: discovered components vs the declared list',
  description: 'Caps 8.1 when discovered PKI components (CA setups, revocation and issuer hosts) are missing from the declared scope units; supports 3 when all are documented.',
  pkimm: '8.1',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessInfraDocumentation, input),
});

export default assessInfraDocumentation;
