// The built-in checks and assessors, imported explicitly (no side-effect registration).
// test/rules/registry.test.ts keeps this list in step with the files under rules/.
import type { Assessor } from '../src/engine/define-assessor.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import assessCryptoVisibility from './05-cryptography/assess-crypto-visibility.js';
import certRsaKeyMin2048 from './05-cryptography/cert-rsa-key-min-2048.js';
import certSignatureNoSha1 from './05-cryptography/cert-signature-no-sha1.js';
import assessCertInventory from './07-certificate-management/assess-cert-inventory.js';
import certExpiryWithinWindow from './07-certificate-management/cert-expiry-within-window.js';
import certNotExpired from './07-certificate-management/cert-not-expired.js';
import certTlsValidityMax398Days from './07-certificate-management/cert-tls-validity-max-398-days.js';
import tlsChainTrusted from './07-certificate-management/tls-chain-trusted.js';

/** All built-in checks. Ids are unique and equal file names: see test/rules/registry.test.ts. */
export const builtInRules = [
  certRsaKeyMin2048,
  certSignatureNoSha1,
  certExpiryWithinWindow,
  certNotExpired,
  certTlsValidityMax398Days,
  tlsChainTrusted,
] as const satisfies readonly AnyRule[];

/** All built-in assessors, one per automated or partially automated PKIMM requirement they speak about. */
export const builtInAssessors: readonly Assessor[] = [assessCryptoVisibility, assessCertInventory];
