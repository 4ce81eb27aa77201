import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ct-entry-sct-valid.js';
import { ctEntryEvidence, resultFor } from '../helpers.js';

const sct = (status: 'valid' | 'invalid' | 'unknown-log', logName?: string) => ({ logId: 'AAAA', timestamp: '2026-09-01T00:00:00.000Z', status, ...(logName === undefined ? {} : { logName }) });

describe(rule.id, () => {
  it.each([
    { scts: [sct('valid'), sct('valid')], status: 'pass' },
    { scts: [sct('valid'), sct('invalid', 'Example Argon')], status: 'fail' },
    { scts: [sct('unknown-log')], status: 'not-applicable' },
    { scts: undefined, status: 'not-applicable' },
  ])('$scts → $status', ({ scts, status }) => {
    const result = resultFor(rule, ctEntryEvidence(scts === undefined ? {} : { embeddedScts: scts }));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('1 embedded SCT(s) of the certificate for www.example.test have invalid signatures (Example Argon).');
  });
});
