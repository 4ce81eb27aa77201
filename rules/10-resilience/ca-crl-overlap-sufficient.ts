/**
 * CRLs must stay valid long enough past their next scheduled publication to survive a publishing outage: the overlap
 * (nextUpdate − the next publication) must be at least `cas.minCrlOverlapHours` of the policy profile (default 24 h).
 *
 * Requirement: BCP for revocation services (PKIMM 10.3: "CRL validity window vs the maximum tolerable outage"; analysis
 * §4.5 O.10.3 caps on a CRL window shorter than 2 × the publication interval); RFC 5280 §5.1.2.5 (nextUpdate).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const hours = (seconds: number): string => (seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1);

export default defineRule({
  id: 'ca-crl-overlap-sufficient',
  title: 'CRL validity overlaps the publication interval enough to survive an outage',
  description: 'Flags CAs that publish CRLs with an overlap (extra validity past the next publication) shorter than the policy minimum. CAs that do not state interval and overlap are not applicable.',
  severity: 'medium',
  pkimm: ['10.3'],
  references: ['RFC 5280 §5.1.2.5', 'CABF TLS BR §4.9.7', 'Microsoft ADCS CRLPeriod/CRLOverlapPeriod'],
  remediation: 'Raise the CRL overlap (ADCS CRLOverlapPeriod, EJBCA CRL overlap time, Vault crl expiry minus auto-rebuild grace) to cover the longest outage you must tolerate.',
  docs: 'A missing overlap with a known interval counts as zero overlap only when the product states it; otherwise the check is not applicable.',
  messages: { short: '{{name}} publishes CRLs every {{interval}} h with {{overlap}} h overlap; the policy minimum is {{min}} h.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.revocation?.crl?.enabled === true && config.data.revocation.crl.intervalSeconds !== undefined && config.data.revocation.crl.overlapSeconds !== undefined,
  evaluate(config, ctx) {
    const { intervalSeconds, overlapSeconds } = config.data.revocation!.crl!;
    const min = ctx.policy.cas.minCrlOverlapHours;
    if (overlapSeconds! >= min * 3600) return pass();
    return fail('short', { name: config.data.name, interval: hours(intervalSeconds!), overlap: hours(overlapSeconds!), min });
  },
});
