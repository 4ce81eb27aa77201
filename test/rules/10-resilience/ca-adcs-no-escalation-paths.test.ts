import { describe, expect, it } from 'vitest';
import rule from '../../../rules/10-resilience/ca-adcs-no-escalation-paths.js';
import { caConfigEvidence, resultFor } from '../helpers.js';

const adcs = (observations: { code: string; message: string; profile?: string }[]) => caConfigEvidence({ product: 'adcs', name: 'CORP-CA', observations });

describe(rule.id, () => {
  it('passes a clean ADCS', () => {
    expect(resultFor(rule, adcs([{ code: 'adcs-web-enrollment', message: 'web enrollment on HTTPS with EPA' }])).status).toBe('pass');
  });

  it('lists every escalation path in one critical finding', () => {
    const result = resultFor(
      rule,
      adcs([
        { code: 'adcs-esc1', profile: 'User', message: "Template 'User' matches ESC1." },
        { code: 'adcs-esc6', message: 'EDITF_ATTRIBUTESUBJECTALTNAME2 is set.' },
        { code: 'adcs-esc1', profile: 'Web', message: "Template 'Web' matches ESC1." },
      ]),
    );
    expect(result).toMatchObject({ status: 'fail', severity: 'critical', message: "CORP-CA: ESC1, ESC6 (3 finding(s)); first: Template 'User' matches ESC1." });
  });

  it('is not applicable to other products', () => {
    expect(resultFor(rule, caConfigEvidence({ observations: [{ code: 'adcs-esc1', message: 'x' }] })).status).toBe('not-applicable');
  });
});
