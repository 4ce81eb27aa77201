/**
 * TLS endpoints must not negotiate or accept prohibited cipher suites (default: RC4, DES/3DES, NULL, EXPORT,
 * anonymous, MD5-based).
 *
 * Requirement: approved cipher suites only (PKIMM 5.3; RFC 7465 prohibits RC4; RFC 9325 §4.1 rules out NULL, EXPORT,
 * anonymous and 64-bit block ciphers (SWEET32); NIST SP 800-52 Rev 2 §3.3.1).
 */
import type { WeakSuiteFamily } from '../../model/evidence.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { prohibitedCipherFragment } from '../../src/policy/classify.js';

/** Suite families of the collector's weak-suite probe that this check treats as prohibited. */
const PROHIBITED_FAMILIES: readonly WeakSuiteFamily[] = ['RC4', '3DES', 'NULL', 'EXPORT'];

export default defineRule({
  id: 'tls-cipher-not-weak',
  title: 'TLS endpoints use no prohibited cipher suite',
  description:
    'Flags TLS endpoints whose negotiated cipher contains a prohibited fragment of the policy profile, or that accepted RC4, 3DES, NULL or EXPORT suites when offered only those.',
  severity: 'high',
  pkimm: ['5.3', '6.5'],
  references: ['RFC 7465', 'RFC 9325 §4.1', 'NIST SP 800-52 Rev 2 §3.3.1'],
  remediation: 'Remove the weak suites from the server configuration; offer only AEAD suites with ECDHE (TLS 1.2) and the TLS 1.3 suites.',
  docs: 'The weak-suite probe is optional in the tls-endpoint collector; without it only the negotiated suite is judged.',
  messages: {
    negotiated: '{{host}}:{{port}} negotiated {{cipher}} ({{fragment}} is prohibited by policy profile "{{profile}}").',
    accepted: '{{host}}:{{port}} accepts {{families}} cipher suites.',
  },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.cipher !== undefined || endpoint.data.weakSuites !== undefined,
  evaluate(endpoint, ctx) {
    const { host, port, cipher, weakSuites = {} } = endpoint.data;
    const fragment = cipher === undefined ? undefined : prohibitedCipherFragment(ctx.policy, cipher);
    if (cipher !== undefined && fragment !== undefined) return fail('negotiated', { host, port, cipher, fragment, profile: ctx.policy.name });
    const families = PROHIBITED_FAMILIES.filter((family) => weakSuites[family]?.outcome === 'accepted');
    return families.length === 0 ? pass() : fail('accepted', { host, port, families: families.join(', ') });
  },
});
