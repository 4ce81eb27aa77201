/**
 * Each looked-up domain should serve a security.txt over HTTPS with a valid certificate.
 *
 * Requirement: RFC 9116 §3 (location, HTTPS) and §4 (text/plain). PKIMM 16.3 single point of contact: security.txt on
 * the declared domains is one of the discoverable contacts.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'security-txt-present',
  title: 'Domains serve a security.txt over verified HTTPS',
  description: 'Flags domains without a security.txt at /.well-known/security.txt (or the legacy /security.txt), with HTML in its place, behind an error, or served without verified HTTPS.',
  severity: 'low',
  pkimm: ['16.3'],
  references: ['RFC 9116 §3', 'RFC 9116 §4'],
  remediation: 'Publish https://<domain>/.well-known/security.txt as text/plain with at least Contact and Expires (https://securitytxt.org helps write one).',
  docs: 'Reads `security-txt` evidence. A fetch that failed on the network (timeout, refused, too large) is a collection problem and is not judged.',
  messages: {
    'not-found': 'No security.txt at {{url}} (HTTP 404) nor at the legacy /security.txt.',
    'not-text': '{{url}} serves {{type}} instead of a text security.txt.',
    'invalid-certificate': 'The HTTPS certificate of {{domain}} does not verify ({{error}}), so its security.txt cannot be trusted.',
    'http-error': '{{url}} answered HTTP {{status}}.',
    'not-https': 'The security.txt of {{domain}} ends at {{url}}, not on verified HTTPS.',
  },
  scope: 'item',
  appliesTo: 'security-txt',
  evaluate({ data }) {
    switch (data.outcome) {
      case 'found':
        return data.httpsVerified ? pass() : fail('not-https', { domain: data.domain, url: data.url });
      case 'not-found':
        return fail('not-found', { url: data.url });
      case 'not-text':
        return fail('not-text', { url: data.url, type: data.contentType ?? 'content of no declared type' });
      case 'invalid-certificate':
        return fail('invalid-certificate', { domain: data.domain, error: data.certificateError ?? 'unknown error' });
      case 'http-error':
        return fail('http-error', { url: data.url, status: data.status ?? 0 });
    }
  },
});
