/**
 * PKIMM 7.4 (model 1.1.0) Certificate inventory: the organisation keeps a complete, current inventory of its
 * certificates with the attributes needed to manage them (owner, location, state), as its system of record.
 *
 * Why automated (class A, analysis §4.4 M.7.4): completeness of an inventory is measured by comparing it with what a
 * scan actually observes. O = the valid certificates observed by any collector; inv_match = |O ∩ inventory| / |O|,
 * matched by SHA-256 fingerprint, falling back to issuer + serial.
 *
 * Levels, top-down (first match wins):
 * - 5: needs ct_match = 100 % in each of the last 3 monthly reconciliations. No CT collector exists yet, so
 *   ct_match is not observable and nothing above 4 is proposed.
 * - 4: inv_match ≥ 98 % and owner + location + state filled in for ≥ 95 % of records.
 * - 3: inv_match ≥ 90 % and attributes (location) recorded for ≥ 80 % of records.
 * - 2: an inventory exists but inv_match < 90 % (or its attributes are too thin for 3).
 * - 1: no inventory imported or adopted, or inv_match < 25 %.
 * An adopted scanner inventory matches by construction (inv_match = 1); there the scan cadence decides whether it is
 * kept current (a previous scan ≤ 30 days ago for 3, ≤ 7 days for 4). Without the attestation
 * "inventory-is-system-of-record" the level is capped at 3. No valid certificate observed → insufficient.
 */
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';
import type { Evidence } from '../../model/evidence.js';
import type { Level, Reason, Statement } from '../../model/statement.js';
import { defineAssessor, statement, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, percent, scanTimes } from '../../src/engine/rule-helpers.js';

const MAX_LISTED_IDS = 50;
const SYSTEM_OF_RECORD = 'inventory-is-system-of-record';
const CAP_WITHOUT_ATTESTATION: Level = 3;
const CT_REASON: Reason = {
  text: 'ct_match is not observable yet (no Certificate Transparency collector exists), so CT-logged certificates are not compared and no level above 4 is proposed.',
};

type Certificate = Evidence<'certificate'>;

/** Whether numerator / denominator ≥ permille / 1000, in integer arithmetic (no floating-point edge at the boundary). */
const atLeast = (numerator: number, denominator: number, permille: number): boolean => numerator * 1000 >= permille * denominator;

/** Normalises a fingerprint for matching; values that are not fingerprints are kept as they are. */
const fingerprintKey = (value: string): string => normaliseSha256(value) ?? value;

/** Re-normalises a declared "issuer|SERIAL" key, so hand-built keys match too. */
function normaliseKey(key: string): string {
  const bar = key.lastIndexOf('|');
  return bar < 0 ? key : issuerSerialKey(key.slice(0, bar), key.slice(bar + 1));
}

/** How many of the last three 30-day windows (monthly reconciliations) contain a scan. */
function monthlyReconciliations(times: readonly number[]): number {
  const nowMs = times[0] ?? 0;
  let windows = 0;
  for (let month = 0; month < 3; month++) {
    const newest = nowMs - month * 30 * DAY_MS;
    const oldest = newest - 30 * DAY_MS;
    if (times.some((t) => t <= newest && t > oldest)) windows++;
  }
  return windows;
}

/** Reasons listing how many unknown certificates are not among the listed evidence ids. */
function unknownReasons(unknownIds: readonly string[]): { ids: string[]; reasons: Reason[] } {
  const sorted = [...unknownIds].sort();
  const ids = sorted.slice(0, MAX_LISTED_IDS);
  const more = sorted.length - ids.length;
  const reasons: Reason[] =
    sorted.length === 0
      ? []
      : [{ text: `${sorted.length} observed certificate(s) are unknown to the inventory${more > 0 ? `; the first ${ids.length} are listed and ${more} more are not` : ''}.` }];
  return { ids, reasons };
}

/** Adds the level-5 explanation when level 4 was reached. */
function levelFiveReason(times: readonly number[]): Reason {
  const windows = monthlyReconciliations(times);
  return {
    text: `Level 5 needs inv_match ≥ 99.5 % and ct_match = 100 % in each of the last 3 monthly reconciliations; ${windows} of the last 3 30-day windows had a scan, and ct_match cannot be measured yet.`,
    metric: { name: 'monthly_reconciliations', value: windows, threshold: 3 },
  };
}

/** Emits the propose statement, plus a cap at 3 when the system-of-record attestation is missing. */
function conclude(assessor: Assessor, input: AssessorInput, level: Level, reasons: Reason[], evidenceIds: readonly string[]): Statement[] {
  if (input.facts.attestations[SYSTEM_OF_RECORD] === true) return [statement(assessor, 'propose', level, reasons, evidenceIds)];
  const capReason: Reason = {
    text: `The attestation "${SYSTEM_OF_RECORD}" is not given, so the inventory is not shown to be the documented system of record; the level is capped at ${CAP_WITHOUT_ATTESTATION}.`,
  };
  const proposed = Math.min(level, CAP_WITHOUT_ATTESTATION) as Level;
  const proposeReasons = level > proposed ? [...reasons, { text: `The evidence alone supports level ${level}.` }, capReason] : reasons;
  return [statement(assessor, 'propose', proposed, proposeReasons, evidenceIds), statement(assessor, 'cap', CAP_WITHOUT_ATTESTATION, [capReason])];
}

function assessDeclared(assessor: Assessor, input: AssessorInput, observed: readonly Certificate[], times: readonly number[]): Statement[] {
  const inventory = input.facts.declaredInventory!;
  const fingerprints = new Set([...inventory.sha256].map(fingerprintKey));
  const keys = new Set([...inventory.issuerSerial].map(normaliseKey));
  const unknown = observed.filter(
    (cert) => !fingerprints.has(fingerprintKey(cert.data.sha256)) && !keys.has(issuerSerialKey(cert.data.issuer, cert.data.serialNumberHex)),
  );
  const total = observed.length;
  const matched = total - unknown.length;
  const ratio = matched / total;
  const attributes = inventory.attributeCompleteness;

  let level: Level;
  let why: string;
  if (!atLeast(matched, total, 250)) {
    level = 1;
    why = 'the inventory covers less than 25 % of the observed certificates';
  } else if (!atLeast(matched, total, 900)) {
    level = 2;
    why = 'more than 10 % of the observed certificates are unknown to the inventory (inv_match < 90 %)';
  } else if (attributes < 0.8) {
    level = 2;
    why = 'inv_match ≥ 90 %, but owner, location and state are filled in for less than 80 % of records';
  } else if (atLeast(matched, total, 980) && attributes >= 0.95) {
    level = 4;
    why = 'inv_match ≥ 98 % and owner, location and state are filled in for ≥ 95 % of records';
  } else {
    level = 3;
    why = atLeast(matched, total, 980) ? 'inv_match ≥ 98 %, but attributes are filled in for less than 95 % of records' : 'inv_match ≥ 90 % but below 98 %';
  }

  const invThreshold = !atLeast(matched, total, 250) ? 0.25 : !atLeast(matched, total, 900) ? 0.9 : 0.98;
  const { ids, reasons: unknownText } = unknownReasons(unknown.map((c) => c.id));
  const reasons: Reason[] = [
    { text: `Level ${level}: ${why}.` },
    {
      text: `${matched} of ${total} valid observed certificates (${percent(ratio)}) are in the declared inventory "${inventory.source}" (${inventory.records} records).`,
      metric: { name: 'inv_match', value: ratio, threshold: invThreshold },
    },
    {
      text: `Owner, location and state are filled in for ${percent(attributes)} of inventory records.`,
      metric: { name: 'attribute_completeness', value: attributes, threshold: attributes < 0.8 ? 0.8 : 0.95 },
    },
    ...unknownText,
    CT_REASON,
    ...(level === 4 ? [levelFiveReason(times)] : []),
  ];
  return conclude(assessor, input, level, reasons, ids);
}

function assessAdopted(assessor: Assessor, input: AssessorInput, observed: readonly Certificate[], times: readonly number[]): Statement[] {
  const total = observed.length;
  const located = observed.filter((cert) => cert.data.sightings.length > 0).length;
  const previous = times[1];
  const intervalDays = previous === undefined ? undefined : ((times[0] ?? previous) - previous) / DAY_MS;

  let level: Level;
  let why: string;
  if (!atLeast(located, total, 800)) {
    level = 2;
    why = 'locations are recorded for less than 80 % of the certificates in the scanner inventory';
  } else if (intervalDays === undefined || intervalDays > 30) {
    level = 2;
    why = 'the scanner inventory is refreshed only by scans, and no earlier scan ran in the last 30 days, so it is not kept up to date';
  } else if (intervalDays <= 7 && atLeast(located, total, 950)) {
    level = 4;
    why = 'the scanner inventory was refreshed by a scan at most 7 days before this one and records locations for ≥ 95 % of certificates';
  } else {
    level = 3;
    why = intervalDays <= 7 ? 'locations are recorded for less than 95 % of certificates' : 'the previous scan ran more than 7 days before this one';
  }

  const reasons: Reason[] = [
    { text: `Level ${level}: ${why}.` },
    {
      text: `The scanner's own inventory is adopted as the inventory: all ${total} valid observed certificates are in it by construction.`,
      metric: { name: 'inv_match', value: 1, threshold: 0.98 },
    },
    {
      text: `Locations (sightings) are recorded for ${located} of ${total} certificates (${percent(located / total)}); owners are not part of the scanner inventory.`,
      metric: { name: 'location_completeness', value: located / total, threshold: atLeast(located, total, 800) ? 0.95 : 0.8 },
    },
    intervalDays === undefined
      ? { text: 'No earlier scan is known, so the inventory has been built once.' }
      : {
          text: `The previous scan ran ${intervalDays.toFixed(1)} days before this one.`,
          metric: { name: 'scan_interval_days', value: intervalDays, threshold: intervalDays <= 7 ? 7 : 30 },
        },
    CT_REASON,
    ...(level === 4 ? [levelFiveReason(times)] : []),
  ];
  return conclude(assessor, input, level, reasons, []);
}

function assess(assessor: Assessor, input: AssessorInput): Statement[] {
  const { facts } = input;
  if (facts.declaredInventory === undefined && !facts.inventoryAdopted) {
    return [
      statement(assessor, 'propose', 1, [
        { text: 'Level 1: no inventory imported or adopted (no declared inventory, and the scanner inventory is not adopted as the system of record).' },
      ]),
    ];
  }

  const nowMs = facts.now.getTime();
  const seen = new Set<string>();
  const observed: Certificate[] = [];
  let expired = 0;
  for (const item of input.evidence) {
    if (item.kind !== 'certificate') continue;
    const key = fingerprintKey(item.data.sha256);
    if (seen.has(key)) continue;
    seen.add(key);
    if (Date.parse(item.data.notAfter) >= nowMs) observed.push(item);
    else expired++;
  }
  if (observed.length === 0) {
    return [
      statement(assessor, 'insufficient', undefined, [
        {
          text: `No valid certificate was observed${expired > 0 ? ` (only ${expired} expired certificate(s))` : ''}, so the inventory's completeness cannot be measured.`,
          metric: { name: 'observed_valid_certificates', value: 0, threshold: 1 },
        },
      ]),
    ];
  }

  const times = scanTimes(facts.now, facts.previousScans);
  return facts.declaredInventory === undefined ? assessAdopted(assessor, input, observed, times) : assessDeclared(assessor, input, observed, times);
}

/** M.7.4 certificate inventory: proposes a level from inventory completeness against observed certificates. */
const assessCertInventory: Assessor = defineAssessor({
  id: 'assess-cert-inventory',
  title: 'Certificate inventory completeness against observed certificates',
  description:
    'Compares the declared (or adopted scanner) certificate inventory with the valid certificates the scan observed, by fingerprint or issuer + serial, and proposes the PKIMM 7.4 level from inv_match, attribute completeness, scan cadence and the system-of-record attestation.',
  pkimm: '7.4',
  automation: 'A',
  uses: [],
  assess: (input) => assess(assessCertInventory, input),
});

export default assessCertInventory;
