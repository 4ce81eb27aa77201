/**
 * Certificates issued by a CA (not self-signed) should carry an Authority Information Access caIssuers URL pointing at
 * the issuer certificate (RFC 5280 §4.2.2.1; required for subscriber and subordinate CA certificates by the CA/B Forum
 * TLS BR §7.1.2.7.7 and §7.1.2.10.3).
 *
 * Why: the URL lets clients build the chain when a server omits an intermediate (AIA chasing) and lets tooling find the
 * issuer; its absence points to an incomplete certificate profile (PKIMM 7.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-aia-ca-issuers-present',
  title: 'Certificates carry an AIA caIssuers URL',
  description: 'Flags non-self-signed certificates without an Authority Information Access caIssuers URL. Self-signed certificates are not applicable.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.2.2.1', 'CABF TLS BR §7.1.2.7.7', 'CABF TLS BR §7.1.2.10.3'],
  remediation: 'Configure the issuing CA to include an AIA caIssuers URL (an HTTP URL of its DER certificate) and re-issue the certificate.',
  messages: { noCaIssuers: 'Certificate has no AIA caIssuers URL for its issuer {{issuer}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isSelfSigned,
  evaluate(cert) {
    return cert.data.caIssuerUrls.length > 0 ? pass() : fail('noCaIssuers', { issuer: cert.data.issuer });
  },
});
