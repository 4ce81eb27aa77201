import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-profile-subject-controlled.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

const open = { enrolleeSuppliesSubject: true };

describe(rule.id, () => {
  it.each([
    { name: 'subject from directory', profile: {}, status: 'pass', message: undefined },
    { name: 'ESC1: enrollee subject + clientAuth', profile: { subject: open, extendedKeyUsage: ['clientAuth'] }, status: 'fail', message: 'vault pki_int/: profile web-server lets the requester choose the subject of client-authentication certificates without approval.' },
    { name: 'enrollee subject, no EKU', profile: { subject: open, extendedKeyUsage: [] }, status: 'fail', message: 'vault pki_int/: profile web-server lets the requester choose the subject of any-purpose certificates without approval.' },
    { name: 'enrollee subject + approval', profile: { subject: open, extendedKeyUsage: ['clientAuth'], approvalRequired: true }, status: 'pass', message: undefined },
    { name: 'enrollee subject, serverAuth only', profile: { subject: open }, status: 'pass', message: undefined },
    { name: 'unknown', profile: { subject: {} }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ profile, status, message }) => {
    const result = resultFor(rule, caConfigEvidence({ profiles: [caProfile(profile)] }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
