/**
 * Certificates should be requested over a standard enrollment protocol (ACME, EST, SCEP, CMP, or the CA's documented
 * API), not only manually or over a proprietary channel.
 *
 * Requirement: open standards (PKIMM 12.3: "ACME (RFC 8555), EST (RFC 7030), SCEP (RFC 8894), CMP (RFC 4210/9480) ...
 * against proprietary-only enrollment (DCOM-only ADCS, vendor APIs)").
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const STANDARD = new Set(['acme', 'est', 'scep', 'cmp']);

export default defineRule({
  id: 'ca-enrollment-standard-protocol',
  title: 'Enrollment uses a standard protocol',
  description: 'Flags setups whose only enrollment channels are manual or proprietary. Setups that state no enrollment channel are not applicable.',
  severity: 'low',
  pkimm: ['12.3'],
  references: ['RFC 8555', 'RFC 7030', 'RFC 8894', 'RFC 9480'],
  remediation: 'Offer ACME (or EST/SCEP/CMP for devices) next to the existing channel, and move automated clients to it.',
  docs: 'API enrollment (Vault, AWS PCA, Kubernetes CSR) counts as standard-adjacent and passes; only "manual", "proprietary" and "other" fail.',
  messages: { proprietary: '{{name}} offers only {{channels}} enrollment.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => [...config.data.enrollment, ...config.data.profiles.flatMap((p) => p.enrollment ?? [])].length > 0,
  evaluate(config) {
    const channels = [...new Set([...config.data.enrollment, ...config.data.profiles.flatMap((p) => p.enrollment ?? [])])];
    const open = channels.some((c) => STANDARD.has(c) || !['manual', 'proprietary', 'other'].includes(c));
    return open ? pass() : fail('proprietary', { name: config.data.name, channels: channels.sort().join(', ') });
  },
});
