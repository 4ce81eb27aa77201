/**
 * PKIMM 6.4 (model 1.1.0) Key lifecycle: keys are generated, rotated, protected and destroyed according to their
 * crypto-period.
 *
 * Partial (class P, analysis §4.5 M.6.4). Signals: rotation on renewal (cert-key-reused-on-renewal over observed
 * generations; renewal configurations that reuse keys, ca-renewal-rotates-key); orphan private keys
 * (key-has-certificate); key-file protection (key-file-permissions-restrictive).
 * Caps: > 10 % of renewed leaf certificates reuse the previous key without a waiver → 2; orphan keys > 5 % of private
 * keys, or a private key readable by others → 3.
 * Supports: ≥ 95 % of renewals rotate, orphans ≤ 1 % and no key file readable by others → 3 (level 4 needs the human
 * review of documented procedures).
 * Gate: at least one fresh certificate or private key.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems, groupedBy, judgedIds, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const CHECKS = ['cert-key-reused-on-renewal', 'ca-renewal-rotates-key', 'key-has-certificate', 'key-file-permissions-restrictive'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'private-key'], describe: 'certificates or private keys' });
  if (gate !== undefined) return [gate];
  const certIds = new Set(freshItems(input, 'certificate').map((c) => c.id));
  // A renewal is a certificate with an earlier one of the same subject: cert-key-reused-on-renewal judges exactly those, but passes first generations too.
  const certs = freshItems(input, 'certificate').filter((c) => !c.data.isCa);
  const bySubject = groupedBy(certs, 'subject', (c) => c.data.subject);
  const renewals = certs.filter((c) => (bySubject.get(c.data.subject) ?? []).some((o) => o.id !== c.id && Date.parse(o.data.notBefore) < Date.parse(c.data.notBefore)));
  const reused = [...failedIds(input, ['cert-key-reused-on-renewal'])].filter((id) => certIds.has(id));
  const configReuse = failedIds(input, ['ca-renewal-rotates-key']);
  const keys = freshItems(input, 'private-key');
  const keyIds = new Set(keys.map((k) => k.id));
  const orphans = [...failedIds(input, ['key-has-certificate'], true)].filter((id) => keyIds.has(id));
  const exposed = failedIds(input, ['key-file-permissions-restrictive']);
  const out = new StatementBuilder(assessor);
  if (renewals.length > 0 && !ratioAtLeast(renewals.length - reused.length, renewals.length, 0.9)) out.cap(2, { text: `${reused.length} of ${renewals.length} renewals (${percent(reused.length / renewals.length)}) kept the previous key.`, metric: { name: 'key_reuse_on_renewal', value: reused.length / renewals.length, threshold: 0.1 } }, reused);
  if (keys.length > 0 && !ratioAtLeast(keys.length - orphans.length, keys.length, 0.95)) out.cap(3, { text: `${orphans.length} of ${keys.length} private keys (${percent(orphans.length / keys.length)}) are orphans.`, metric: { name: 'orphan_keys', value: orphans.length / keys.length, threshold: 0.05 } }, orphans);
  if (exposed.size > 0) out.cap(3, { text: `${exposed.size} private-key file(s) are readable by group or others.`, ruleIds: ['key-file-permissions-restrictive'] }, exposed);
  const rotates = renewals.length === 0 ? configReuse.size === 0 : ratioAtLeast(renewals.length - reused.length, renewals.length, 0.95) && configReuse.size === 0;
  const fewOrphans = keys.length === 0 || ratioAtLeast(keys.length - orphans.length, keys.length, 0.99);
  if (rotates && fewOrphans && exposed.size === 0 && (renewals.length > 0 || judgedIds(input, ['ca-renewal-rotates-key']).size > 0)) {
    out.support(3, { text: 'Renewals rotate keys (observed generations and renewal configurations), orphan keys ≤ 1 %, and no key file is exposed; level 4 needs the documented procedures reviewed by a person.' });
  }
  return out.build([
    { text: `${renewals.length} renewal(s) observed, ${reused.length} reusing the key; ${configReuse.size} renewal configuration(s) set to reuse keys; ${orphans.length} orphan key(s) among ${keys.length} private keys.`, ruleIds: CHECKS },
  ]);
}

/** M.6.4 key lifecycle: rotation on renewal, orphan keys and key protection. */
const assessKeyLifecycle: Assessor = defineAssessor({
  id: 'assess-key-lifecycle',
  title: 'Key lifecycle: rotation on renewal, orphan keys, key protection',
  description: 'Caps 6.4 on key reuse across renewals, orphan keys and exposed key files, and supports 3 when keys rotate and are protected.',
  pkimm: '6.4',
  automation: 'P',
  uses: CHECKS,
  assess: (input) => assess(assessKeyLifecycle, input),
});

export default assessKeyLifecycle;
