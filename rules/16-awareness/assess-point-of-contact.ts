/**
 * PKIMM 16.3 (model 1.1.0) Single point of contact: relying parties and subscribers can report problems (key
 * compromise, misissuance) to a known contact.
 *
 * Partial (class P, analysis §4.5 R.16.3). Signals: the problem-reporting contact declared in the policy profile
 * (`documents.contact`, standing in for the CPS §1.5.2 contact, security.txt and CAA iodef, which are not fetched).
 * Supports: a contact declared → 3 (whether it answers in time is manual).
 * Caps: none (without a declared contact the scanner cannot tell whether the PKI has external relying parties).
 * Without a declared contact: insufficient evidence.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, insufficient, policyOf } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const contact = policyOf(input).documents.contact;
  if (contact === undefined) return [insufficient(assessor, 'no problem-reporting contact is declared in the policy profile (`documents.contact`).')];
  return new StatementBuilder(assessor).support(3, { text: `A problem-reporting contact is declared (${contact}); its responsiveness needs a person.` }).build();
}

/** R.16.3 single point of contact: the declared problem-reporting contact. */
const assessPointOfContact: Assessor = defineAssessor({
  id: 'assess-point-of-contact',
  title: 'Point of contact: declared problem-reporting contact',
  description: 'Supports 16.3 at 3 when a problem-reporting contact is declared; insufficient evidence otherwise.',
  pkimm: '16.3',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessPointOfContact, input),
});

export default assessPointOfContact;
