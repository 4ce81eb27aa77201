/**
 * PKIMM 10.4 (model 1.1.0) Future-proofing: platforms stay supported and the PKI can adopt coming standards (PQC).
 *
 * Partial (class P, analysis §4.5 O.10.4). EOL status of CA, HSM and OS versions (E8) is not collected, so the caps
 * ("EOL platform in production → 2", "> 2 major releases behind → 3") cannot be judged. Observable: PQC capability
 * shown in practice — post-quantum or composite certificates, or hybrid ML-KEM key exchange negotiated (analysis §4.7
 * PQ-3, PQ-4).
 * Supports: PQC capability observed → 3 (the analysis' support 3 also asks that all platforms are supported, which a
 * person confirms; 4 needs the documented evaluation).
 * Otherwise: insufficient evidence, naming the missing platform data.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { PQC_TLS_GROUPS, StatementBuilder, freshItems, insufficient, isPqcCertificate, tlsGroupKey } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const pqcCerts = freshItems(input, 'certificate').filter((c) => isPqcCertificate(c.data));
  const hybrid = freshItems(input, 'tls-endpoint').filter((e) => e.data.keyExchange?.group !== undefined && PQC_TLS_GROUPS.has(tlsGroupKey(e.data.keyExchange.group)));
  if (pqcCerts.length + hybrid.length === 0) return [insufficient(assessor, 'platform versions and their end-of-life status are not collected, and no PQC capability was observed.')];
  return new StatementBuilder(assessor)
    .support(3, { text: `PQC capability is in use: ${pqcCerts.length} post-quantum or composite certificate(s), ${hybrid.length} endpoint(s) with hybrid ML-KEM key exchange; platform support status needs a person.`, ruleIds: ['cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange'] }, [...pqcCerts.map((c) => c.id), ...hybrid.map((e) => e.id)])
    .build();
}

/** O.10.4 future-proofing: PQC capability observed; platform EOL needs data not collected. */
const assessFutureProofing: Assessor = defineAssessor({
  id: 'assess-future-proofing',
  title: 'Future-proofing: PQC capability in use',
  description: 'Supports 10.4 at 3 when post-quantum certificates or hybrid key exchange are observed; insufficient evidence otherwise (platform EOL data is not collected).',
  pkimm: '10.4',
  automation: 'P',
  uses: ['cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange'],
  assess: (input) => assess(assessFutureProofing, input),
});

export default assessFutureProofing;
