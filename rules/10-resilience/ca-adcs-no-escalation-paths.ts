/**
 * Active Directory Certificate Services must expose none of the known privilege-escalation configurations (ESC1–ESC8
 * and the EDITF_ATTRIBUTESUBJECTALTNAME2 flag) that the ADCS collector recognised.
 *
 * Requirement: PKI-specific vulnerabilities are found and fixed (PKIMM 10.2 cyber-security and incident planning:
 * "ADCS ESC1–ESC8"; 7.1 profile enforcement). SpecterOps "Certified Pre-Owned" (2021); Microsoft KB5014754.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const ESCALATION = /^adcs-(esc\d+|editf-attributesubjectaltname2)$/;

export default defineRule({
  id: 'ca-adcs-no-escalation-paths',
  title: 'ADCS has no known escalation paths (ESC1–ESC8)',
  description: 'Flags ADCS configurations with ESC observations (vulnerable templates, EDITF_ATTRIBUTESUBJECTALTNAME2, NTLM web enrollment...). Other products are not applicable.',
  severity: 'critical',
  pkimm: ['10.2', '7.1'],
  references: ['SpecterOps "Certified Pre-Owned" (2021)', 'Microsoft KB5014754', 'Microsoft KB5005413 (NTLM relay to AD CS)'],
  remediation: 'Fix each template or CA flag named (restrict enrollment rights, stop enrollee-supplied subjects, require approval, disable NTLM on web enrollment, unset EDITF_ATTRIBUTESUBJECTALTNAME2).',
  docs: 'The collector recognises the patterns; this check turns each ADCS configuration with any of them into one critical finding listing the codes.',
  messages: { vulnerable: '{{name}}: {{codes}} ({{count}} finding(s)); first: {{first}}' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.product === 'adcs',
  evaluate(config) {
    const hits = config.data.observations.filter((o) => ESCALATION.test(o.code));
    if (hits.length === 0) return pass();
    const codes = [...new Set(hits.map((o) => o.code.replace(/^adcs-/, '').toUpperCase()))].sort().join(', ');
    return fail('vulnerable', { name: config.data.name, codes, count: hits.length, first: hits[0]!.message });
  },
});
