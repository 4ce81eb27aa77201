/**
 * CA and automation configurations change: new CAs and issuers, new profiles, other algorithms, lifetimes, EKUs and
 * enrollment rights. Drift is not wrong in itself; it is what change management must account for, so every setup that
 * is new or changed since the previous scan is listed for a person to match with a change record.
 *
 * Requirement: change process (PKIMM 9.3, analysis §4 M.9.3: configuration drift between scans, E9), policy review
 * after material changes (2.5).
 */
import { listChanges, setupDrift } from '../../src/engine/ca-config-drift.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-config-unchanged',
  title: 'CA configurations are unchanged since the previous scan, or the change is accounted for',
  description:
    'Lists CA and automation setups that are new or changed since the previous scan (profiles, algorithms, key sizes, lifetimes, EKUs, enrollment, revocation, key storage, recognised patterns). Not applicable without a previous scan, or when the previous scan did not read that setup\'s source.',
  severity: 'info',
  pkimm: ['9.3', '2.5'],
  references: ['NIST SP 800-53 Rev. 5 CM-3', 'NIST SP 800-53 Rev. 5 CM-6'],
  remediation:
    'Match each change with its change record (ticket, merge request); waive the finding with that reference as the reason (`waivers`), and review the CP/CPS after material changes (a new CA, profile or algorithm).',
  docs: [
    'The previous scan is the report given with `pkimm scan --previous FILE`, else the latest scan of the history store',
    '(`--history`), else the `report.json` in the output directory. Setups are matched by evidence id (collector target,',
    'file and pointer). A setup is **new** when the previous scan read its source without a problem and did not see it;',
    'setups that were removed are reported by `ca-config-not-removed`.',
    '',
    'Compared: role; CA subject, certificates, endpoint, key algorithm and size; enrollment protocols; key storage;',
    'audit; CRL and OCSP publishing; automation; recognised patterns (e.g. AD CS ESC1); product details; and per profile',
    '(role, template, provisioner...): validity, key types, signature algorithms, EKUs, CA flag, subject and SAN',
    'controls, enrollment, approval, key reuse, renewal and revocation pointers. Profiles are matched by kind and name.',
    '',
    'A waiver on this finding counts as the change record for the change-process assessor (9.3).',
  ].join('\n'),
  messages: {
    added: '{{name}} ({{product}}) is new since the previous scan ({{previousScan}}).',
    changed: '{{name}} ({{product}}) changed since the previous scan ({{previousScan}}): {{changes}}.',
  },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config, ctx) => ctx.previous !== undefined && (ctx.previous.evidence(config.id)?.kind === 'ca-config' || ctx.previous.observed(config.collector, config.target)),
  evaluate(config, ctx) {
    if (ctx.previous === undefined) return pass();
    const drift = setupDrift(config, ctx.previous);
    if (drift === undefined) return pass();
    const data = { name: config.data.name, product: config.data.product, previousScan: ctx.previous.startedAt };
    return drift.status === 'added' ? fail('added', data) : fail('changed', { ...data, changes: listChanges(drift.changes) });
  },
});
