/**
 * An endpoint whose certificate requests OCSP stapling (must-staple, RFC 7633) must staple an OCSP response;
 * clients that honour must-staple refuse the connection otherwise.
 *
 * Requirement: RFC 7633 §4.2.3.1 and RFC 6066 §8; a must-staple certificate without stapling is an outage for
 * Firefox users (PKIMM 7.3 lifecycle, 10.3 availability of revocation information).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-must-staple-stapled',
  title: 'Endpoints with must-staple certificates staple OCSP',
  description: 'Flags TLS endpoints whose leaf certificate has the must-staple extension but that did not staple an OCSP response.',
  severity: 'high',
  pkimm: ['7.3', '10.3'],
  references: ['RFC 7633 §4.2.3.1', 'RFC 6066 §8'],
  remediation: 'Enable OCSP stapling (nginx `ssl_stapling on; ssl_stapling_verify on;`) and make sure the server can reach the OCSP responder.',
  docs: 'Not applicable when the leaf has no must-staple extension, is not in the scan, or stapling was not observed.',
  messages: { notStapled: '{{host}}:{{port}} serves a must-staple certificate without stapling an OCSP response.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint, ctx) => {
    const leaf = endpoint.data.chain[0];
    return leaf !== undefined && endpoint.data.ocspStapled !== undefined && ctx.certificate(leaf)?.data.mustStaple === true;
  },
  evaluate: (endpoint) => (endpoint.data.ocspStapled === true ? pass() : fail('notStapled', { host: endpoint.data.host, port: endpoint.data.port })),
});
