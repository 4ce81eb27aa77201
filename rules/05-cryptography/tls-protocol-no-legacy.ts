/**
 * TLS endpoints must not accept protocol versions the policy profile prohibits (default: SSLv3, TLS 1.0, TLS 1.1).
 *
 * Requirement: only approved protocol versions are in use (PKIMM 5.3 approved protocols; NIST SP 800-52 Rev 2
 * §3.1; RFC 8996 deprecates TLS 1.0 and 1.1; RFC 9325 §3.1.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { classifyProtocol, isProhibited } from '../../src/policy/classify.js';

export default defineRule({
  id: 'tls-protocol-no-legacy',
  title: 'TLS endpoints accept no prohibited protocol version',
  description:
    'Flags TLS endpoints that negotiated, or accepted when offered alone, a protocol version the policy profile prohibits. Endpoints without any protocol observation are not applicable.',
  severity: 'high',
  pkimm: ['5.3', '6.5'],
  references: ['RFC 8996', 'NIST SP 800-52 Rev 2 §3.1', 'RFC 9325 §3.1.1'],
  remediation: 'Disable the listed versions in the server configuration (e.g. nginx `ssl_protocols TLSv1.2 TLSv1.3;`).',
  docs: 'Uses the negotiated protocol and, when the collector ran its version probe, every version the server accepted when offered only that version.',
  messages: { legacy: '{{host}}:{{port}} accepts {{versions}}, prohibited by policy profile "{{profile}}".' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.protocol !== undefined || endpoint.data.protocolVersions !== undefined,
  evaluate(endpoint, ctx) {
    const { host, port, protocol, protocolVersions = {} } = endpoint.data;
    const accepted = new Set<string>(protocol === undefined ? [] : [protocol]);
    for (const [version, result] of Object.entries(protocolVersions)) if (result.outcome === 'accepted') accepted.add(version);
    const legacy = [...accepted].filter((v) => isProhibited(classifyProtocol(ctx.policy, v, ctx.now).status)).sort();
    return legacy.length === 0 ? pass() : fail('legacy', { host, port, versions: legacy.join(', '), profile: ctx.policy.name });
  },
});
