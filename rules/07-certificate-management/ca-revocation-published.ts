/**
 * A CA must publish revocation information: CRLs or an OCSP responder (policy profile `cas.requireRevocation`,
 * default on).
 *
 * Requirement: RFC 5280 §5 and RFC 6960; CA/B Forum TLS BR §4.9.7 (CRLs mandatory); PKIMM 7.3 lifecycle (revocation
 * availability) and 10.3 (revocation services as part of business continuity).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-revocation-published',
  title: 'CAs publish CRLs or run an OCSP responder',
  description: 'Flags CA setups whose configuration disables both CRL publication and OCSP. Clients, and CAs whose configuration says nothing about revocation, are not applicable.',
  severity: 'high',
  pkimm: ['7.3', '10.3'],
  references: ['RFC 5280 §5', 'RFC 6960', 'CABF TLS BR §4.9.7'],
  remediation: 'Enable CRL publication (and OCSP where relying parties use it) and publish the URLs in the issued certificates.',
  docs: 'Not applicable when the policy profile sets `cas.requireRevocation: false`.',
  messages: { none: '{{name}} ({{product}}) publishes neither CRLs nor OCSP.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config, ctx) => ctx.policy.cas.requireRevocation && config.data.role === 'ca' && config.data.revocation !== undefined,
  evaluate(config) {
    const { crl, ocsp } = config.data.revocation!;
    return crl?.enabled === true || ocsp?.enabled === true ? pass() : fail('none', { name: config.data.name, product: config.data.product });
  },
});
