/**
 * PKIMM 8.2 (model 1.1.0) Segmentation: PKI components are separated by network zone, root CAs are offline, test and
 * production are apart.
 *
 * Partial (class P, analysis §4.5 M.8.2). Observable here: test and production separation — production setups using
 * ACME staging endpoints (ca-acme-not-staging) and served certificates from test issuers (issuer names with "staging",
 * "test", "fake" or Pebble). Reachability of admin interfaces from user segments needs a vantage-point probe, which is
 * not collected.
 * Caps: test issuers or staging endpoints in production → 3.
 * Supports: none (the admin-reachability part that level 3 needs is manual).
 * Gate: at least one fresh TLS endpoint or CA configuration.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems } from '../../src/engine/rule-helpers.js';

const TEST_ISSUER = /\b(staging|stg|test|fake|pebble|dummy)\b/i;

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['tls-endpoint', 'ca-config'], describe: 'TLS endpoints or CA configurations' });
  if (gate !== undefined) return [gate];
  const staging = failedIds(input, ['ca-acme-not-staging']);
  const byId = new Map(input.evidence.map((e) => [e.id, e]));
  const testServed = freshItems(input, 'tls-endpoint').filter((e) => {
    const leaf = e.data.chain[0] === undefined ? undefined : byId.get(`certificate:sha256:${e.data.chain[0]}`);
    return leaf?.kind === 'certificate' && TEST_ISSUER.test(leaf.data.issuer);
  });
  const out = new StatementBuilder(assessor);
  if (staging.size + testServed.length > 0) out.cap(3, { text: `Test issuance in production: ${staging.size} setup(s) use ACME staging, ${testServed.length} endpoint(s) serve certificates from test issuers.`, ruleIds: ['ca-acme-not-staging'] }, [...staging, ...testServed.map((e) => e.id)]);
  return out.build([{ text: 'Reachability of CA, RA and HSM admin interfaces from user segments is not probed; a person assesses it.' }]);
}

/** M.8.2 segmentation: test issuers and staging endpoints in production. */
const assessSegmentation: Assessor = defineAssessor({
  id: 'assess-segmentation',
  title: 'Segmentation: test issuance in production',
  description: 'Caps 8.2 at 3 when production setups use ACME staging or endpoints serve certificates from test issuers.',
  pkimm: '8.2',
  automation: 'P',
  uses: ['ca-acme-not-staging'],
  assess: (input) => assess(assessSegmentation, input),
});

export default assessSegmentation;
