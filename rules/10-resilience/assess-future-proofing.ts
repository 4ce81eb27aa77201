/**
 * PKIMM 10.4 (model 1.1.0) Future-proofing: platforms stay supported and the PKI can adopt coming standards (PQC).
 *
 * Partial (class P, analysis §4.5 O.10.4). Signals: platform versions with their end-of-life cycle (E8, the platform
 * collector and the checks platform-supported and platform-current-release), PQC capability of platforms from a
 * capability table (§4.7 PQ-6), and PQC shown in practice — post-quantum or composite certificates, or hybrid ML-KEM
 * key exchange negotiated (PQ-3, PQ-4).
 * Caps (production platforms only; platforms declared for test, staging or development are left out):
 *  - a CA, RA, HSM or operating-system platform past its end of life → 2;
 *  - a platform more release cycles behind than platform-current-release allows (default 2) → 3.
 * Supports: every production platform with end-of-life data is supported, and a PQC capability or PQC-capable upgrade
 * path is identified (PQC in use, a PQC-capable platform, or a capable version of a platform in the capability table)
 * → 3. Without end-of-life data, PQC in use still supports 3, with platform support left to a person. 4 needs the
 * documented evaluation.
 * Otherwise: insufficient evidence when there is neither platform data nor a PQC signal.
 */
import type { Evidence } from '../../model/evidence.js';
import type { Reason } from '../../model/statement.js';
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { PQC_TLS_GROUPS, StatementBuilder, failedIds, freshItems, insufficient, isPqcCertificate, judgedIds, tlsGroupKey } from '../../src/engine/rule-helpers.js';

/** Declared environments that are not production. */
const NON_PRODUCTION: ReadonlySet<string> = new Set(['test', 'testing', 'staging', 'dev', 'development', 'lab']);
/** Roles whose end of life caps the level at 2: the PKI platform itself. */
const PKI_ROLES: ReadonlySet<string> = new Set(['ca', 'ra', 'hsm', 'os']);
const SUPPORTED = 'platform-supported';
const CURRENT = 'platform-current-release';
/** Platforms named in one reason at most. */
const MAX_NAMED = 5;

const label = (p: Evidence<'platform'>): string => `${p.data.name === undefined ? p.data.product : `${p.data.name} (${p.data.product})`} ${p.data.version}`;

function named(platforms: readonly Evidence<'platform'>[]): string {
  const names = platforms.slice(0, MAX_NAMED).map(label);
  return platforms.length > MAX_NAMED ? `${names.join(', ')} and ${platforms.length - MAX_NAMED} more` : names.join(', ');
}

function assess(assessor: Assessor, input: AssessorInput) {
  const pqcCerts = freshItems(input, 'certificate').filter((c) => isPqcCertificate(c.data));
  const hybrid = freshItems(input, 'tls-endpoint').filter((e) => e.data.keyExchange?.group !== undefined && PQC_TLS_GROUPS.has(tlsGroupKey(e.data.keyExchange.group)));
  const platforms = freshItems(input, 'platform');
  const pqcInUse = pqcCerts.length + hybrid.length > 0;
  if (platforms.length === 0 && !pqcInUse) {
    return [insufficient(assessor, 'no platform versions were declared or observed (platform collector), and no PQC capability was observed.')];
  }

  const production = platforms.filter((p) => p.data.environment === undefined || !NON_PRODUCTION.has(p.data.environment.toLowerCase()));
  const eol = failedIds(input, [SUPPORTED]);
  const behind = failedIds(input, [CURRENT]);
  const judged = judgedIds(input, [SUPPORTED]);
  const eolPki = production.filter((p) => eol.has(p.id) && PKI_ROLES.has(p.data.role));
  const eolOther = production.filter((p) => eol.has(p.id) && !PKI_ROLES.has(p.data.role));
  const tooOld = production.filter((p) => behind.has(p.id));
  const withEolData = production.filter((p) => judged.has(p.id));
  const pqcCapable = platforms.filter((p) => p.data.pqc?.capable === true);
  const upgradePaths = platforms.filter((p) => p.data.pqc?.capable === false && p.data.pqc.upgradeTo !== undefined);

  const b = new StatementBuilder(assessor);
  if (eolPki.length > 0) {
    b.cap(2, { text: `${eolPki.length} production CA, RA, HSM or OS platform(s) are past their end of life: ${named(eolPki)}.`, ruleIds: [SUPPORTED] }, eolPki.map((p) => p.id));
  }
  if (tooOld.length > 0) {
    b.cap(3, { text: `${tooOld.length} production platform(s) are more release cycles behind the newest than tolerated: ${named(tooOld)}.`, ruleIds: [CURRENT] }, tooOld.map((p) => p.id));
  }

  const pqcParts = [
    ...(pqcCerts.length > 0 ? [`${pqcCerts.length} post-quantum or composite certificate(s)`] : []),
    ...(hybrid.length > 0 ? [`${hybrid.length} endpoint(s) with hybrid ML-KEM key exchange`] : []),
    ...(pqcCapable.length > 0 ? [`PQC-capable platform(s): ${named(pqcCapable)}`] : []),
    ...(upgradePaths.length > 0 ? [`PQC-capable upgrade(s): ${upgradePaths.slice(0, MAX_NAMED).map((p) => `${p.data.product} ≥ ${p.data.pqc?.upgradeTo?.version ?? ''}`).join(', ')}`] : []),
  ];
  const pqcIds = [...pqcCerts, ...hybrid, ...pqcCapable, ...upgradePaths].map((e) => e.id);
  const allSupported = withEolData.length > 0 && eolPki.length + eolOther.length === 0;
  if (allSupported && pqcParts.length > 0) {
    b.support(3, { text: `All ${withEolData.length} production platform(s) with end-of-life data are supported, and a PQC path is identified: ${pqcParts.join('; ')}.`, ruleIds: [SUPPORTED, 'cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange'] }, [...withEolData.map((p) => p.id), ...pqcIds]);
  } else if (withEolData.length === 0 && pqcInUse) {
    b.support(3, { text: `PQC capability is in use: ${pqcCerts.length} post-quantum or composite certificate(s), ${hybrid.length} endpoint(s) with hybrid ML-KEM key exchange; platform support status needs a person (no platform with end-of-life data).`, ruleIds: ['cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange'] }, pqcIds);
  }

  const context: Reason[] = [];
  if (eolOther.length > 0) context.push({ text: `End of life outside the CA, RA, HSM and OS roles (no cap, but not all platforms are supported): ${named(eolOther)}.`, ruleIds: [SUPPORTED] });
  const ignored = platforms.length - production.length;
  if (ignored > 0) context.push({ text: `${ignored} platform(s) declared for test, staging or development were left out of the caps.` });
  const noData = production.filter((p) => !judged.has(p.id));
  if (noData.length > 0) context.push({ text: `${noData.length} production platform(s) have no end-of-life data (no table or no matching cycle): ${named(noData)}; a person judges their support status.` });
  if (platforms.length > 0 && pqcParts.length === 0) context.push({ text: 'No PQC capability observed and no PQC-capable platform identified (configure a PQC capability table for the platform collector).' });
  return b.build(context);
}

/** O.10.4 future-proofing: platform end of life and release lag cap; supported platforms with a PQC path support 3. */
const assessFutureProofing: Assessor = defineAssessor({
  id: 'assess-future-proofing',
  title: 'Future-proofing: supported platforms and a PQC path',
  description:
    'Caps 10.4 at 2 for a production CA, RA, HSM or OS platform past its end of life and at 3 for a platform too many release cycles behind; supports 3 when all production platforms with end-of-life data are supported and PQC is in use or a PQC-capable platform or upgrade is identified; insufficient evidence without platform data or a PQC signal.',
  pkimm: '10.4',
  automation: 'P',
  uses: [SUPPORTED, CURRENT, 'cert-pqc-algorithms-present', 'tls-hybrid-pqc-key-exchange'],
  assess: (input) => assess(assessFutureProofing, input),
});

export default assessFutureProofing;
