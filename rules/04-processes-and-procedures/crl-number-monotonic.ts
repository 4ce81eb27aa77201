/**
 * A CRL issuer numbers the CRLs it issues for one scope in a monotonically increasing sequence (RFC 5280 §5.2.3): a
 * distribution point that serves a lower number than before serves an older CRL (a restored backup, a stale mirror, a
 * rolled-back CA) that may miss revocations; a number reused for different content, or a thisUpdate that went
 * backwards, breaks relying parties that keep the newest CRL by number.
 *
 * Requirement: recurring activities done right (PKIMM 4.3, CRL refresh), certificate lifecycle / revocation (7.3);
 * RFC 5280 §5.2.3, §5.1.2.4.
 */
import type { CrlFetchedData, Evidence } from '../../model/evidence.js';
import { defineRule, fail, pass, type RuleContext } from '../../src/engine/define-rule.js';

const HEX = /^[0-9A-Fa-f]{1,80}$/;

/** The previous fetched CRL for the same evidence id (distribution point or file), else for the same URL. */
function previousOf(crl: Evidence<'crl'>, ctx: RuleContext): CrlFetchedData | undefined {
  const previous = ctx.previous;
  if (previous === undefined || crl.data.status !== 'fetched') return undefined;
  const url = crl.data.url;
  const same = previous.evidence(crl.id) ?? (url === undefined ? undefined : previous.items('crl').find((p) => p.data.url === url));
  return same?.kind === 'crl' && same.data.status === 'fetched' ? same.data : undefined;
}

/** Both CRLs carry a well-formed CRL number and thisUpdate, from the same issuer: the sequence can be compared. */
function comparable(now: CrlFetchedData, before: CrlFetchedData): boolean {
  return (
    typeof now.crlNumber === 'string' &&
    HEX.test(now.crlNumber) &&
    typeof before.crlNumber === 'string' &&
    HEX.test(before.crlNumber) &&
    typeof before.thisUpdate === 'string' &&
    !Number.isNaN(Date.parse(before.thisUpdate)) &&
    before.issuer === now.issuer
  );
}

const number = (hex: string): bigint => BigInt(`0x${hex}`);

export default defineRule({
  id: 'crl-number-monotonic',
  title: 'CRL numbers never go backwards between scans',
  description:
    'Compares each fetched CRL with the previous scan\'s CRL from the same distribution point: fails when the CRL number is lower, when the number is the same but the CRL changed, or when thisUpdate went backwards. Not applicable without a previous scan, a previous CRL from the same place, a CRL number on both, or when the issuer changed.',
  severity: 'high',
  pkimm: ['4.3', '7.3'],
  references: ['RFC 5280 §5.2.3', 'RFC 5280 §5.1.2.4'],
  remediation:
    'Find what serves the older CRL (a restored CA database, a stale mirror or CDN cache, a second publisher) and republish the newest CRL; a CA must never reuse or lower CRL numbers, also after a restore.',
  docs: [
    'The previous scan is the report given with `pkimm scan --previous FILE`, else the latest scan of the history store',
    '(`--history`), else the `report.json` in the output directory. CRLs are matched by evidence id (the distribution',
    'point URL or the configured file), then by URL. CRL numbers are compared as integers from their recorded hex form.',
    '',
    '- number lower than before: fail (the CRL went back in time);',
    '- number equal, but thisUpdate or the content hash differs: fail (a number reused for a different CRL);',
    '- thisUpdate earlier than before: fail, whatever the number;',
    '- number higher, or the very same CRL again: pass.',
    '',
    'A different issuer name at the same URL starts another sequence: not applicable. Delta and complete CRLs share one',
    'sequence (RFC 5280 §5.2.3), so they are compared too.',
  ].join('\n'),
  messages: {
    regressed: 'CRL {{source}} of {{issuer}} has CRL number {{number}}, lower than {{previousNumber}} in the previous scan ({{previousScan}}).',
    reused: 'CRL {{source}} of {{issuer}} reuses CRL number {{number}} for a different CRL (thisUpdate {{thisUpdate}}, previously {{previousThisUpdate}}; previous scan {{previousScan}}).',
    thisUpdateBackwards: 'CRL {{source}} of {{issuer}} has thisUpdate {{thisUpdate}}, earlier than {{previousThisUpdate}} in the previous scan ({{previousScan}}).',
  },
  scope: 'item',
  appliesTo: 'crl',
  applies(crl, ctx) {
    const before = previousOf(crl, ctx);
    return crl.data.status === 'fetched' && before !== undefined && comparable(crl.data, before);
  },
  evaluate(crl, ctx) {
    const before = previousOf(crl, ctx);
    if (crl.data.status !== 'fetched' || before === undefined) return pass();
    const now = crl.data;
    const data = {
      source: now.url ?? now.file ?? crl.target,
      issuer: now.issuer,
      number: now.crlNumber ?? '',
      previousNumber: before.crlNumber ?? '',
      thisUpdate: now.thisUpdate,
      previousThisUpdate: before.thisUpdate,
      previousScan: ctx.previous?.startedAt ?? '',
    };
    const current = number(data.number);
    const previous = number(data.previousNumber);
    if (current < previous) return fail('regressed', data);
    if (Date.parse(now.thisUpdate) < Date.parse(before.thisUpdate)) return fail('thisUpdateBackwards', data);
    if (current === previous && (Date.parse(now.thisUpdate) !== Date.parse(before.thisUpdate) || now.sha256 !== before.sha256)) return fail('reused', data);
    return pass();
  },
});
