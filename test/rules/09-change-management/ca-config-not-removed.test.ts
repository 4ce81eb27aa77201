import { describe, expect, it } from 'vitest';
import rule from '../../../rules/09-change-management/ca-config-not-removed.js';
import { caConfigEvidence } from '../helpers.js';
import { PREVIOUS_AT, previousScan, runWithPrevious } from '../previous-helpers.js';

const setup = (name: string) => ({ ...caConfigEvidence({ name }, `ca-config:vault#${name}`), collector: 'vault-pki', target: `vault#${name}` });

describe(rule.id, () => {
  it('passes when every previous setup is still there', () => {
    expect(runWithPrevious(rule, [setup('pki/'), setup('pki_int/')], previousScan([setup('pki/'), setup('pki_int/')]))[0]?.status).toBe('pass');
  });

  it('lists the setups that are gone', () => {
    const [result] = runWithPrevious(rule, [setup('pki/')], previousScan([setup('pki/'), setup('pki_int/'), setup('pki_old/')]));
    expect(result).toMatchObject({ status: 'fail', severity: 'info', message: `2 CA configuration setup(s) from the previous scan (${PREVIOUS_AT}) are gone: pki_int/, pki_old/.` });
  });

  it('fails when nothing is left, and caps the list of names', () => {
    const before = Array.from({ length: 12 }, (_, i) => setup(`m${String(i).padStart(2, '0')}/`));
    expect(runWithPrevious(rule, [], previousScan(before))[0]?.message).toBe(
      `12 CA configuration setup(s) from the previous scan (${PREVIOUS_AT}) are gone: m00/, m01/, m02/, m03/, m04/, m05/, m06/, m07/, m08/, m09/ and 2 more.`,
    );
  });

  it('is not applicable without a previous scan or without previous setups', () => {
    expect(runWithPrevious(rule, [setup('pki/')], undefined)[0]?.status).toBe('not-applicable');
    expect(runWithPrevious(rule, [setup('pki/')], previousScan([]))[0]?.status).toBe('not-applicable');
  });
});
