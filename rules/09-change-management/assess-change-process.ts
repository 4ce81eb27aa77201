/**
 * PKIMM 9.3 (model 1.1.0) Change process: changes to the PKI follow the change process (tickets, approvals, reviews).
 *
 * Partial (class P, analysis §4.5 M.9.3). Signals: configuration drift between scans (ADCS templates, EJBCA profiles,
 * Vault roles, ca.json) reconciled with change tickets or Git provenance. Caps: ≥ 1 unexplained production CA
 * configuration change in 90 days → 3. Supports: 100 % of detected changes carry a ticket or commit reference → 4.
 *
 * This assessor compares the CA configurations of this scan with the previous report's, which the assessor input does
 * not carry, and no change-ticket import exists: it always states insufficient evidence, naming what is missing.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { freshItems, insufficient } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const configs = freshItems(input, 'ca-config').length;
  return [
    insufficient(
      assessor,
      `configuration drift between scans and change tickets are not available to assessors (${configs} CA configuration(s) in this scan, no previous configurations, no ticket import).`,
    ),
  ];
}

/** M.9.3 change process: needs configuration drift and change tickets; states what is missing. */
const assessChangeProcess: Assessor = defineAssessor({
  id: 'assess-change-process',
  title: 'Change process: configuration drift against change records',
  description: 'Would cap 9.3 on unexplained CA configuration changes; states insufficient evidence until drift and change records are available.',
  pkimm: '9.3',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessChangeProcess, input),
});

export default assessChangeProcess;
