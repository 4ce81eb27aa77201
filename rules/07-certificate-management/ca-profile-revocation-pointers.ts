/**
 * CA profiles should put revocation pointers (a CRL distribution point or an OCSP URL) into the certificates they
 * issue, unless they issue short-lived certificates (at most 7 days).
 *
 * Requirement: PKIMM 7.1 (analysis §4.5 M.7.1 "revocation information missing in > 10 % of organisation-issued
 * end-entity certificates → cap 3"); RFC 5280 §4.2.1.13 and §4.2.2.1; CA/B Forum TLS BR §7.1.2.11.2.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';

const SHORT_LIVED_SECONDS = 7 * DAY_SECONDS;

export default defineRule({
  id: 'ca-profile-revocation-pointers',
  title: 'CA profiles include revocation pointers',
  description: 'Flags CA profiles that include neither a CRL distribution point nor an OCSP URL in issued certificates (short-lived profiles excepted). Profiles that do not state it are not applicable.',
  severity: 'medium',
  pkimm: ['7.1', '7.3'],
  references: ['RFC 5280 §4.2.1.13', 'RFC 5280 §4.2.2.1', 'CABF TLS BR §7.1.2.11.2'],
  remediation: 'Configure the CRL distribution point (and OCSP URL if an OCSP responder runs) in the profile or CA URL settings.',
  docs: 'Client setups (certbot, cert-manager ACME) do not control pointers and state nothing, so they are not applicable.',
  messages: { missing: '{{name}}: profile {{profile}} issues certificates without a CRL distribution point or OCSP URL.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => !p.isCa && (p.includesCrlDistributionPoint !== undefined || p.includesOcspUrl !== undefined)),
  evaluate(config) {
    const missing = config.data.profiles.find(
      (p) =>
        !p.isCa &&
        p.includesCrlDistributionPoint === false &&
        p.includesOcspUrl !== true &&
        (p.maxValiditySeconds ?? p.defaultValiditySeconds ?? Number.POSITIVE_INFINITY) > SHORT_LIVED_SECONDS,
    );
    return missing === undefined ? pass() : fail('missing', { name: config.data.name, profile: missing.name });
  },
});
