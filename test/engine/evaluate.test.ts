import { describe, expect, it } from 'vitest';
import type { Statement } from '../../model/statement.js';
import { defineAssessor, statement, type Assessor } from '../../src/engine/define-assessor.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { coverageOf, evaluate, runAssessors } from '../../src/engine/evaluate.js';
import { NOW, certificateEvidence, scanFacts, tlsEndpointEvidence } from '../helpers/evidence.js';

const meta = {
  description: 'test rule',
  pkimm: ['7.3'],
  references: [],
  remediation: 'none',
} as const;

const rsaOnly = defineRule({
  ...meta,
  id: 'b-rsa-only',
  title: 'RSA only',
  severity: 'low',
  messages: { small: 'Key is {{bits}} bits.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'RSA',
  evaluate: (cert) => ((cert.data.keySizeBits ?? 0) >= 3072 ? pass() : fail('small', { bits: cert.data.keySizeBits ?? 0 })),
});

const boom = defineRule({
  ...meta,
  id: 'a-boom',
  title: 'Throws',
  severity: 'high',
  messages: { never: 'never' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate: (cert) => {
    if (cert.data.keyAlgorithm === 'EC') throw new Error('kaboom\n    at somewhere (file.ts:1:1)');
    return pass();
  },
});

const countEndpoints = defineRule({
  ...meta,
  id: 'c-endpoint-count',
  title: 'Counts endpoints',
  severity: 'info',
  messages: { few: '{{count}} endpoint(s), {{kinds}}.' },
  scope: 'set',
  appliesTo: ['tls-endpoint'],
  evaluate: (items) => fail('few', { count: items.length, kinds: [...new Set(items.map((i) => i.kind))].join(',') }),
});

const rsa1 = certificateEvidence({ subject: 'CN=rsa-2048', keySizeBits: 2048 });
const rsa2 = certificateEvidence({ subject: 'CN=rsa-4096', keySizeBits: 4096 });
const ec = certificateEvidence({ subject: 'CN=ec', keyAlgorithm: 'EC', keySizeBits: 256 });
const endpoint = tlsEndpointEvidence();
const evidence = [rsa2, ec, endpoint, rsa1];

describe('evaluate', () => {
  it('runs item rules per item of their kind and set rules once, sorted by (ruleId, evidenceId)', () => {
    const results = evaluate(evidence, { rules: [countEndpoints, rsaOnly, boom], now: NOW });
    expect(results.map((r) => [r.ruleId, r.evidenceId, r.status])).toEqual(
      [
        ['a-boom', ec.id, 'error'],
        ['a-boom', rsa1.id, 'pass'],
        ['a-boom', rsa2.id, 'pass'],
        ['b-rsa-only', ec.id, 'not-applicable'],
        ['b-rsa-only', rsa1.id, 'fail'],
        ['b-rsa-only', rsa2.id, 'pass'],
        ['c-endpoint-count', undefined, 'fail'],
      ].sort((a, b) => `${a[0]}|${a[1] ?? ''}`.localeCompare(`${b[0]}|${b[1] ?? ''}`)),
    );
  });

  it('renders messages from templates and carries the severity', () => {
    const results = evaluate(evidence, { rules: [rsaOnly, countEndpoints], now: NOW });
    expect(results.find((r) => r.evidenceId === rsa1.id)).toEqual({ ruleId: 'b-rsa-only', evidenceId: rsa1.id, severity: 'low', status: 'fail', message: 'Key is 2048 bits.' });
    expect(results.find((r) => r.ruleId === 'c-endpoint-count')).toEqual({ ruleId: 'c-endpoint-count', severity: 'info', status: 'fail', message: '1 endpoint(s), tls-endpoint.' });
    expect(results.find((r) => r.evidenceId === rsa2.id)).toEqual({ ruleId: 'b-rsa-only', evidenceId: rsa2.id, severity: 'low', status: 'pass' });
  });

  it('isolates a throwing rule: one error result with a one-line detail, everything else intact', () => {
    const results = evaluate(evidence, { rules: [boom, rsaOnly], now: NOW });
    const errors = results.filter((r) => r.status === 'error');
    expect(errors).toEqual([{ ruleId: 'a-boom', evidenceId: ec.id, severity: 'high', status: 'error', detail: 'rule a-boom threw: kaboom at somewhere (file.ts:1:1)' }]);
    expect(results).toHaveLength(6);
  });

  it('turns throws in applies(), non-Error throws and unknown message ids into error results', () => {
    const badApplies = defineRule({ ...meta, id: 'bad-applies', title: 't', severity: 'low', messages: {}, scope: 'item', appliesTo: 'tls-endpoint', applies: () => { throw new TypeError('no'); }, evaluate: () => pass() });
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    const throwsString = defineRule({ ...meta, id: 'throws-string', title: 't', severity: 'low', messages: {}, scope: 'set', appliesTo: ['certificate'], evaluate: () => { throw 'plain string'; } });
    const unknownMessage = defineRule({ ...meta, id: 'unknown-message', title: 't', severity: 'low', messages: { a: 'A' }, scope: 'item', appliesTo: 'tls-endpoint', evaluate: () => fail('b' as 'a') });
    const results = evaluate(evidence, { rules: [badApplies, throwsString, unknownMessage], now: NOW });
    expect(results.map((r) => [r.ruleId, r.status, r.detail])).toEqual([
      ['bad-applies', 'error', 'rule bad-applies threw: no'],
      ['throws-string', 'error', 'rule throws-string threw: plain string'],
      ['unknown-message', 'error', 'rule unknown-message threw: unknown message id "b"'],
    ]);
  });

  it('skips disabled rules entirely', () => {
    const results = evaluate(evidence, { rules: [boom, rsaOnly, countEndpoints], now: NOW, disable: ['a-boom', 'c-endpoint-count'] });
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(['b-rsa-only']));
  });

  it('runs set rules over only their kinds, even when there are none', () => {
    const results = evaluate([rsa1], { rules: [countEndpoints], now: NOW });
    expect(results).toEqual([{ ruleId: 'c-endpoint-count', severity: 'info', status: 'fail', message: '0 endpoint(s), .' }]);
  });

  it('gives rules their options merged over defaults, the pinned now, and evidence lookup by id', () => {
    const seen: unknown[] = [];
    const probe = defineRule({
      ...meta,
      id: 'probe',
      title: 't',
      severity: 'low',
      messages: {},
      scope: 'item',
      appliesTo: 'tls-endpoint',
      evaluate: (item, ctx) => {
        seen.push(ctx.options('probe', { a: 1, b: 'x' }), ctx.options('other', { c: true }), ctx.now.toISOString(), ctx.evidence(rsa1.id)?.id, ctx.evidence('nope'));
        return pass();
      },
    });
    evaluate(evidence, { rules: [probe], now: NOW, ruleOptions: { probe: { b: 'y', extra: 2 } } });
    expect(seen).toEqual([{ a: 1, b: 'y', extra: 2 }, { c: true }, '2026-11-22T00:00:00.000Z', rsa1.id, undefined]);
  });

  it('returns nothing for no rules or no evidence of an item rule kind', () => {
    expect(evaluate(evidence, { rules: [], now: NOW })).toEqual([]);
    expect(evaluate([endpoint], { rules: [rsaOnly], now: NOW })).toEqual([]);
  });
});

const base = { title: 't', description: 'd', uses: [] } as const;

const good: Assessor = defineAssessor({ ...base, id: 'good', pkimm: '5.4', automation: 'A', assess: () => [statement(good, 'propose', 3, [{ text: 'ok' }])] });
const broken: Assessor = defineAssessor({
  ...base,
  id: 'broken',
  pkimm: '7.4',
  automation: 'A',
  assess: () => {
    throw new Error('bad\ninput');
  },
});
const partial: Assessor = defineAssessor({ ...base, id: 'partial', pkimm: '7.3', automation: 'P', assess: () => [] });

describe('runAssessors', () => {
  it('keeps going after a throwing assessor and reports it as insufficient', () => {
    const statements = runAssessors([broken, good, partial], { evidence: [], results: [], problems: [], facts: scanFacts() });
    expect(statements).toEqual<Statement[]>([
      { ref: '7.4', assessor: 'broken', kind: 'insufficient', reasons: [{ text: 'Assessor broken failed: bad input' }], evidenceIds: [] },
      { ref: '5.4', assessor: 'good', kind: 'propose', level: 3, reasons: [{ text: 'ok' }], evidenceIds: [] },
    ]);
  });
});

describe('coverageOf', () => {
  it('maps A to automated and P to partial; automated wins for a shared requirement', () => {
    const alsoPartial: Assessor = { ...partial, id: 'also-partial', pkimm: '5.4' };
    expect(coverageOf([good, broken, partial, alsoPartial])).toEqual(
      new Map([
        ['5.4', 'automated'],
        ['7.4', 'automated'],
        ['7.3', 'partial'],
      ]),
    );
    expect(coverageOf([alsoPartial, good]).get('5.4')).toBe('automated');
  });
});
