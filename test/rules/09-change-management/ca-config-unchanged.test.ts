import { describe, expect, it } from 'vitest';
import rule from '../../../rules/09-change-management/ca-config-unchanged.js';
import { caConfigEvidence, caProfile } from '../helpers.js';
import { PREVIOUS_AT, previousScan, runWithPrevious } from '../previous-helpers.js';

const ID = 'ca-config:vault#pki_int/';
type Overrides = Parameters<typeof caConfigEvidence>[0];
/** The Vault setup with a stable evidence id, as the collector gives it. */
const vault = (overrides: Overrides = {}) => ({ ...caConfigEvidence(overrides, ID), collector: 'vault-pki', target: 'vault#pki_int/' });
const before = vault();
const prefix = `vault pki_int/ (vault) changed since the previous scan (${PREVIOUS_AT}): `;

describe(rule.id, () => {
  it.each<{ name: string; now: Overrides; message: string | undefined }>([
    { name: 'nothing changed', now: {}, message: undefined },
    { name: 'a longer lifetime', now: { profiles: [caProfile({ maxValiditySeconds: 365 * 86_400 })] }, message: `${prefix}role "web-server": max validity 90d → 365d.` },
    { name: 'a new key algorithm', now: { profiles: [caProfile({ keyTypes: [{ algorithm: 'RSA', minBits: 2048 }, { algorithm: 'EC', curves: ['P-256', 'P-384'] }, { algorithm: 'Ed25519' }] })] }, message: `${prefix}role "web-server": key algorithms +Ed25519.` },
    { name: 'a smaller RSA key allowed', now: { profiles: [caProfile({ keyTypes: [{ algorithm: 'RSA', minBits: 1024 }, { algorithm: 'EC', curves: ['P-256', 'P-384'] }] })] }, message: `${prefix}role "web-server": key types RSA ≥2048, EC P-256 P-384 → RSA ≥1024, EC P-256 P-384.` },
    { name: 'an EKU added', now: { profiles: [caProfile({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }, message: `${prefix}role "web-server": EKUs +clientAuth.` },
    { name: 'requesters may now name any subject', now: { profiles: [caProfile({ subject: { enrolleeSuppliesSubject: true, allowedDomains: ['example.test'] } })] }, message: `${prefix}role "web-server": requester-supplied subject false → true.` },
    { name: 'a new profile and one removed', now: { profiles: [caProfile({ name: 'client-auth' })] }, message: `${prefix}new role "client-auth"; role "web-server" removed.` },
    { name: 'CA key moved to software, audit off', now: { keyStorage: { kind: 'software' }, audit: { enabled: false } }, message: `${prefix}key storage pkcs11 → software; audit logging true → false.` },
    { name: 'a new CA certificate (issuer generation)', now: { ca: { subject: 'CN=Example Issuing CA,O=Example', keyAlgorithm: 'EC', keySizeBits: 384, certificateSha256: ['ab'.repeat(32)] } }, message: `${prefix}CA certificates +${'ab'.repeat(32)}.` },
    { name: 'an AD CS escalation pattern appeared', now: { observations: [{ code: 'adcs-esc1', message: 'x' }] }, message: `${prefix}recognised patterns +adcs-esc1.` },
  ])('$name', ({ now, message }) => {
    const [result] = runWithPrevious(rule, [vault(now)], previousScan([before]));
    expect(result?.status).toBe(message === undefined ? 'pass' : 'fail');
    expect(result?.message).toBe(message);
  });

  it('lists at most eight changes', () => {
    const profiles = Array.from({ length: 12 }, (_, i) => caProfile({ name: `p${String(i).padStart(2, '0')}` }));
    const [result] = runWithPrevious(rule, [vault({ profiles })], previousScan([before]));
    expect(result?.message).toBe(`${prefix}new role "p00"; new role "p01"; new role "p02"; new role "p03"; new role "p04"; new role "p05"; new role "p06"; new role "p07"; and 5 more.`);
  });

  it('flags a setup that is new where the previous scan looked', () => {
    const other = { ...caConfigEvidence({ name: 'vault pki_ext/' }, 'ca-config:vault#pki_ext/'), collector: 'vault-pki', target: 'vault#pki_ext/' };
    const [result] = runWithPrevious(rule, [other], previousScan([before]));
    expect(result).toMatchObject({ status: 'fail', message: `vault pki_ext/ (vault) is new since the previous scan (${PREVIOUS_AT}).` });
  });

  it('is not applicable without a previous scan, or where the previous scan did not look (other collector, failed target, newly configured target)', () => {
    expect(runWithPrevious(rule, [vault()], undefined)[0]?.status).toBe('not-applicable');
    const step = { ...caConfigEvidence({ product: 'step-ca', name: 'step-ca (ca.json)' }, 'ca-config:step/ca.json'), collector: 'step-ca', target: 'step/ca.json' };
    expect(runWithPrevious(rule, [step], previousScan([before]))[0]?.status).toBe('not-applicable');
    const failedBefore = { ...caConfigEvidence({ name: 'vault pki_ext/' }, 'ca-config:vault#pki_ext/'), collector: 'vault-pki', target: 'vault#pki_ext/' };
    expect(runWithPrevious(rule, [failedBefore], previousScan([before], { unobserved: ['vault'] }))[0]?.status).toBe('not-applicable');
    const newTarget = { ...caConfigEvidence({ name: 'vault-dr pki/' }, 'ca-config:vault-dr#pki/'), collector: 'vault-pki', target: 'vault-dr#pki/' };
    expect(runWithPrevious(rule, [newTarget], previousScan([before]))[0]?.status).toBe('not-applicable');
  });

  it('reads a garbled previous setup (hostile report) without throwing', () => {
    const garbled = { ...before, data: { name: 7, profiles: 'none', ca: [1, 2], details: null } as unknown as typeof before.data };
    const [result] = runWithPrevious(rule, [vault()], previousScan([garbled]));
    expect(result?.status).toBe('fail');
    expect(result?.message).toMatch(new RegExp(`^${prefix.replace(/[().]/g, '\\$&')}role \\(none\\) → ca; CA subject \\(none\\) → CN=Example Issuing CA,O=Example; .*; and \\d+ more\\.$`));
  });
});
