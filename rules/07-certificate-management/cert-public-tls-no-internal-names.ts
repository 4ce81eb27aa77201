/**
 * Publicly trusted TLS certificates must not contain internal names or reserved IP addresses (CA/B Forum TLS BR
 * §4.2.2 and §7.1.2.7.12): single-label names, reserved or internal-only suffixes (.local, .internal, .lan, .corp,
 * .home.arpa, .test, .example, .invalid, .localhost), and private, loopback or link-local addresses.
 *
 * Requirement: issued certificates match the public profile (PKIMM 7.1); internal names in public certificates leak
 * internal topology to CT logs and are misissuance.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { dnsNames, ipAddresses } from '../../src/engine/rule-helpers.js';
import { isPublicTls } from '../../src/policy/classify.js';

const INTERNAL_SUFFIXES = ['local', 'internal', 'lan', 'corp', 'home.arpa', 'intranet', 'private', 'localdomain', 'localhost', 'test', 'example', 'invalid'];

function isInternalName(name: string): boolean {
  const host = name.toLowerCase().replace(/^\*\./, '');
  if (!host.includes('.')) return true;
  return INTERNAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

function isReservedIp(ip: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4 !== null) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

export default defineRule({
  id: 'cert-public-tls-no-internal-names',
  title: 'Public TLS certificates contain no internal names or reserved IPs',
  description: 'Flags publicly trusted TLS certificates with single-label or internal-suffix DNS names, or private, loopback or link-local IP addresses.',
  severity: 'high',
  pkimm: ['7.1', '3.2'],
  references: ['CABF TLS BR §4.2.2', 'CABF TLS BR §7.1.2.7.12', 'RFC 6761', 'RFC 8375'],
  remediation: 'Use a private CA for internal names; revoke and re-issue the public certificate with public names only.',
  docs: 'Only public TLS certificates are judged (CA/B Forum policy OID or an issuer listed in `cas.publicIssuers`); private CAs may certify internal names.',
  messages: { internal: 'Public TLS certificate names {{names}}, which are internal or reserved.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => isPublicTls(cert.data, ctx.policy),
  evaluate(cert) {
    const bad = [...dnsNames(cert.data).filter(isInternalName), ...ipAddresses(cert.data).filter(isReservedIp)];
    return bad.length === 0 ? pass() : fail('internal', { names: bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '') });
  },
});
