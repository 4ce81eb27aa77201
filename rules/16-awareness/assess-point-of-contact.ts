/**
 * PKIMM 16.3 (model 1.1.0) Single point of contact: relying parties and subscribers can report problems (key
 * compromise, misissuance) to a known contact.
 *
 * Partial (class P, analysis §4.5 R.16.3). Signals: the problem-reporting contact declared in the policy profile
 * (`documents.contact`, standing in for the CPS §1.5.2 contact); security.txt (RFC 9116) on the looked-up domains, when
 * it is served over verified HTTPS, names a usable Contact (security-txt-contact) and has not expired
 * (security-txt-not-expired); CAA `iodef` contacts (dns-caa collector).
 * Supports: any such contact → 3 (whether it answers in time is manual).
 * Caps: security.txt or CAA was looked up, no contact was found anywhere, and public TLS certificates (observed or
 * CT-logged) show external relying parties → 2.
 * Otherwise (no contact, nothing looked up, or no sign of external relying parties): insufficient evidence.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, failedIds, freshItems, insufficient, judgedIds, policyOf } from '../../src/engine/rule-helpers.js';
import { publicNames } from '../../src/policy/caa.js';

const CONTACT = 'security-txt-contact';
const NOT_EXPIRED = 'security-txt-not-expired';
const PRESENT = 'security-txt-present';
const IODEF = 'caa-iodef-present';

function assess(assessor: Assessor, input: AssessorInput) {
  const policy = policyOf(input);
  const declared = policy.documents.contact;
  const securityTxt = freshItems(input, 'security-txt');
  const caa = freshItems(input, 'dns-caa');
  const usable = judgedIds(input, [CONTACT]);
  const unusable = failedIds(input, [CONTACT, NOT_EXPIRED], true);
  const withContact = securityTxt.filter((e) => e.data.outcome === 'found' && e.data.httpsVerified && usable.has(e.id) && !unusable.has(e.id));
  const withIodef = caa.filter((e) => e.data.iodef.length > 0);

  const sources: string[] = [];
  if (declared !== undefined) sources.push(`declared in the policy profile (${declared})`);
  if (withContact.length > 0) sources.push(`security.txt on ${withContact.length} domain(s) (${withContact.slice(0, 3).map((e) => `${e.data.domain}: ${e.data.fields?.contact[0] ?? ''}`).join('; ')})`);
  if (withIodef.length > 0) sources.push(`CAA iodef on ${withIodef.length} domain(s) (${withIodef.slice(0, 3).map((e) => `${e.data.domain}: ${e.data.iodef[0] ?? ''}`).join('; ')})`);
  if (sources.length > 0) {
    return new StatementBuilder(assessor)
      .support(3, { text: `A problem-reporting contact is discoverable: ${sources.join('; ')}; its responsiveness needs a person.`, ruleIds: [CONTACT, NOT_EXPIRED, IODEF] }, [...withContact, ...withIodef].map((e) => e.id))
      .build();
  }

  const lookedUp = securityTxt.length + caa.length;
  if (lookedUp === 0) return [insufficient(assessor, 'no problem-reporting contact is declared in the policy profile (`documents.contact`), and no security.txt or CAA records were looked up.')];
  const external = publicNames(freshItems(input, 'certificate'), freshItems(input, 'ct-log-entry'), policy, input.facts.now);
  const looked = `${securityTxt.length} security.txt lookup(s) and ${caa.length} CAA lookup(s) found no contact, and none is declared in the policy profile`;
  if (external.length === 0) return [insufficient(assessor, `${looked}; no public TLS certificate shows external relying parties.`)];
  return new StatementBuilder(assessor)
    .cap(2, { text: `No discoverable problem-reporting contact: ${looked}, while ${new Set(external.map((n) => n.name)).size} public certificate name(s) show external relying parties.`, ruleIds: [PRESENT, CONTACT, NOT_EXPIRED, IODEF] }, [...securityTxt, ...caa].map((e) => e.id))
    .build();
}

/** R.16.3 single point of contact: declared contact, security.txt and CAA iodef. */
const assessPointOfContact: Assessor = defineAssessor({
  id: 'assess-point-of-contact',
  title: 'Point of contact: declared contact, security.txt and CAA iodef',
  description: 'Supports 16.3 at 3 when a problem-reporting contact is declared or discoverable (security.txt, CAA iodef); caps at 2 when none is found for a PKI with public certificates.',
  pkimm: '16.3',
  automation: 'P',
  uses: [PRESENT, CONTACT, NOT_EXPIRED, IODEF],
  assess: (input) => assess(assessPointOfContact, input),
});

export default assessPointOfContact;
