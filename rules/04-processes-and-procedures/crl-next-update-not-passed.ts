/**
 * A published CRL must be replaced before its nextUpdate: a CRL fetched after its nextUpdate is stale, and relying
 * parties that require fresh revocation information fail.
 *
 * Requirement: recurring activities on time (PKIMM 4.3: `late_crl`), revocation availability (7.3, 10.3); RFC 5280
 * §5.1.2.5; CA/B Forum TLS BR §4.9.7 (CRLs re-issued before nextUpdate).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'crl-next-update-not-passed',
  title: 'CRLs are refreshed before their nextUpdate',
  description: 'Flags fetched CRLs whose nextUpdate had passed when they were read. CRLs without nextUpdate and unfetched distribution points are not applicable.',
  severity: 'high',
  pkimm: ['4.3', '7.3', '10.3'],
  references: ['RFC 5280 §5.1.2.5', 'CABF TLS BR §4.9.7'],
  remediation: 'Fix CRL publication (CA service, publishing job, CDN cache) and republish; alert on CRL age.',
  docs: 'Judged at the observation time of the CRL, not at the scan\'s "now".',
  messages: { stale: 'CRL {{source}} of {{issuer}} was past its nextUpdate {{nextUpdate}} by {{hours}} hours.' },
  scope: 'item',
  appliesTo: 'crl',
  applies: (crl) => crl.data.status === 'fetched' && crl.data.nextUpdate !== undefined,
  evaluate(crl) {
    if (crl.data.status !== 'fetched') return pass();
    const late = Date.parse(crl.observedAt) - Date.parse(crl.data.nextUpdate!);
    if (late <= 0) return pass();
    return fail('stale', { source: crl.data.url ?? crl.data.file ?? crl.target, issuer: crl.data.issuer, nextUpdate: crl.data.nextUpdate!, hours: (late / 3_600_000).toFixed(1) });
  },
});
