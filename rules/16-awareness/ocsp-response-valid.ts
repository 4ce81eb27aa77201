/**
 * OCSP responses must be successful and signed by an authorised responder: the CA itself or a delegate with the
 * OCSPSigning EKU issued by the CA.
 *
 * Requirement: RFC 6960 §4.2.2.2 (authorised responders) and §2.3 (response status); relying parties reject anything
 * else, so a broken responder is an unavailable revocation service (PKIMM 16.2, 10.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ocsp-response-valid',
  title: 'OCSP responses are successful and authorised',
  description: 'Flags OCSP responses whose status is not successful, whose signature does not verify, or whose signer is not authorised for the CA.',
  severity: 'high',
  pkimm: ['16.2', '10.3'],
  references: ['RFC 6960 §2.3', 'RFC 6960 §4.2.2.2', 'CABF TLS BR §4.9.9'],
  remediation: 'Fix the responder: sign with the CA key or a current delegated responder certificate with OCSPSigning, and answer for every issued serial.',
  docs: 'Missing-staple observations are not judged here (see tls-must-staple-stapled).',
  messages: {
    status: 'OCSP responder {{source}} answered {{status}}.',
    signature: 'OCSP response ({{source}}) for serial {{serial}} is not signed by an authorised responder ({{detail}}).',
  },
  scope: 'item',
  appliesTo: 'ocsp-response',
  applies: (r) => r.data.status === 'response',
  evaluate(r) {
    if (r.data.status !== 'response') return pass();
    const source = r.data.url ?? r.data.endpoint ?? r.data.source;
    if (r.data.responseStatus !== 'successful') return fail('status', { source, status: r.data.responseStatus });
    if (r.data.signature === 'invalid' || r.data.signature === 'signer-not-found') return fail('signature', { source, serial: r.data.serialNumberHex, detail: `signature ${r.data.signature}` });
    if (r.data.signerAuthorized === false) return fail('signature', { source, serial: r.data.serialNumberHex, detail: 'the signer is not authorised for this CA' });
    return pass();
  },
});
