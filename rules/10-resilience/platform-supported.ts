/**
 * Every platform of the PKI (CA and RA software, HSM firmware, operating systems, crypto libraries, ACME clients) runs a
 * release its vendor still supports: past the end of life of its release cycle there are no security fixes.
 *
 * Requirement: PKIMM 10.4 future-proofing (analysis §4.5 O.10.4: "any EOL PKI platform in production → 2"; E8 platform
 * metadata mapped to a maintained end-of-life table). The end-of-life date comes from the table the platform collector
 * was given (endoflife.date format); the check compares it with the scan's "now".
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'platform-supported',
  title: 'Platforms run a release cycle that has not reached its end of life',
  description:
    'Flags platforms (declared or observed) whose release cycle is past its end of life according to the configured end-of-life table. Platforms without a matching table entry are not applicable.',
  severity: 'high',
  pkimm: ['10.4'],
  references: ['NIST SP 800-53 Rev 5 SA-22 (unsupported system components)', 'CIS Controls v8 2.2', 'https://endoflife.date'],
  remediation: 'Upgrade to a supported release cycle (or buy extended support and record it), and plan upgrades before the end-of-life date.',
  docs:
    'The end of life is the `eol` field of the matched release cycle: a date (the platform is unsupported from that day on, inclusive) or `true`/`false` when the table gives no date. The check is not applicable when no table covers the product or no cycle matches the version. Platforms declared for test or staging are checked too; the future-proofing assessment ignores them.',
  messages: {
    eolDate: '{{platform}} {{version}} (cycle {{cycle}}, {{role}}) reached its end of life on {{eol}}{{where}}.',
    eolFlag: '{{platform}} {{version}} (cycle {{cycle}}, {{role}}) is marked end of life by {{table}}{{where}}.',
  },
  scope: 'item',
  appliesTo: 'platform',
  applies: (item) => item.data.lifecycle.status === 'matched' && item.data.lifecycle.eol !== undefined,
  evaluate(item, ctx) {
    const { lifecycle: l, product, version, role, name, environment } = item.data;
    const data = { platform: name === undefined ? product : `${name} (${product})`, version, cycle: l.cycle ?? '', role, where: environment === undefined ? '' : ` [${environment}]` };
    if (l.eol === true) return fail('eolFlag', { ...data, table: l.tableSource ?? l.tableProduct });
    if (typeof l.eol === 'string' && Date.parse(`${l.eol}T00:00:00Z`) <= ctx.now.getTime()) return fail('eolDate', { ...data, eol: l.eol });
    return pass();
  },
});
