import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/13-monitoring-and-auditing/assess-log-collection.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without CA audit information', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ audit: undefined })]))).toEqual(['insufficient']);
  });

  it.each([
    { name: 'disabled', audit: { enabled: false }, expected: ['cap 1'] },
    { name: 'local file only', audit: { enabled: true, detail: 'file audit device /var/log/vault_audit.log' }, expected: ['cap 2'] },
    { name: 'forwarded to syslog', audit: { enabled: true, detail: 'syslog audit device' }, expected: ['support 4'] },
  ])('$name → $expected', ({ audit, expected }) => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ audit })]))).toEqual(expected);
  });

  it('supports 3 when ≥ 90 % of CAs forward', () => {
    const forwarded = Array.from({ length: 9 }, (_, i) => caConfigEvidence({ name: `ca${i}`, audit: { enabled: true, detail: 'socket device to SIEM' } }));
    expect(kinds(assessWith(assessor, [...forwarded, caConfigEvidence({ name: 'local', audit: { enabled: true, detail: 'file' } })]))).toEqual(['cap 2', 'support 3']);
  });
});
