/**
 * CRL distribution points should be reachable over HTTP: LDAP or FTP-only distribution points are unreachable for
 * most relying parties outside the directory's network.
 *
 * Requirement: RFC 5280 §4.2.1.13 (HTTP URIs should point to a DER CRL), CA/B Forum TLS BR §7.1.2.11.2 (HTTP URL
 * required); a reachable repository (PKIMM 16.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'crl-distribution-point-http',
  title: 'CRL distribution points use HTTP',
  description: 'Flags CRL distribution points found in certificates whose scheme is not HTTP or HTTPS (e.g. LDAP), which the scan could not fetch.',
  severity: 'low',
  pkimm: ['16.2'],
  references: ['RFC 5280 §4.2.1.13', 'CABF TLS BR §7.1.2.11.2'],
  remediation: 'Add an HTTP distribution point (first in the list) to the CA\'s CDP configuration.',
  docs: 'Fetched CRLs pass; only distribution points recorded as not fetched because of their scheme fail.',
  messages: { scheme: 'CRL distribution point {{url}} uses {{scheme}}, which relying parties outside the directory cannot reach.' },
  scope: 'item',
  appliesTo: 'crl',
  evaluate: (crl) => (crl.data.status === 'not-fetched' ? fail('scheme', { url: crl.data.url, scheme: crl.data.scheme.toUpperCase() }) : pass()),
});
