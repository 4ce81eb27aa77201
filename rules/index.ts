// The built-in checks and assessors, imported explicitly (no side-effect registration).
// test/rules/registry.test.ts keeps this list in step with the files under rules/.
import type { Assessor } from '../src/engine/define-assessor.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import assessCryptoVisibility from './05-cryptography/assess-crypto-visibility.js';
import certEcCurveApproved from './05-cryptography/cert-ec-curve-approved.js';
import certKeyAlgorithmNotDsa from './05-cryptography/cert-key-algorithm-not-dsa.js';
import certRsaKeyMin2048 from './05-cryptography/cert-rsa-key-min-2048.js';
import certSignatureHashMinSha256 from './05-cryptography/cert-signature-hash-min-sha256.js';
import certSignatureNoSha1 from './05-cryptography/cert-signature-no-sha1.js';
import certKeyNotReused from './06-key-management/cert-key-not-reused.js';
import assessCertInventory from './07-certificate-management/assess-cert-inventory.js';
import certAiaCaIssuersPresent from './07-certificate-management/cert-aia-ca-issuers-present.js';
import certCaKeyUsageCertSign from './07-certificate-management/cert-ca-key-usage-cert-sign.js';
import certExpiryWithinWindow from './07-certificate-management/cert-expiry-within-window.js';
import certNotExpired from './07-certificate-management/cert-not-expired.js';
import certRevocationInfoPresent from './07-certificate-management/cert-revocation-info-present.js';
import certTlsNoWildcard from './07-certificate-management/cert-tls-no-wildcard.js';
import certTlsSanPresent from './07-certificate-management/cert-tls-san-present.js';
import certTlsValidityMax398Days from './07-certificate-management/cert-tls-validity-max-398-days.js';
import certValidityNotBeforeInFuture from './07-certificate-management/cert-validity-not-before-in-future.js';
import tlsChainTrusted from './07-certificate-management/tls-chain-trusted.js';

/** All built-in checks. Ids are unique and equal file names: see test/rules/registry.test.ts. */
export const builtInRules = [
  certEcCurveApproved,
  certKeyAlgorithmNotDsa,
  certRsaKeyMin2048,
  certSignatureHashMinSha256,
  certSignatureNoSha1,
  certKeyNotReused,
  certAiaCaIssuersPresent,
  certCaKeyUsageCertSign,
  certExpiryWithinWindow,
  certNotExpired,
  certRevocationInfoPresent,
  certTlsNoWildcard,
  certTlsSanPresent,
  certTlsValidityMax398Days,
  certValidityNotBeforeInFuture,
  tlsChainTrusted,
] as const satisfies readonly AnyRule[];

/** All built-in assessors, one per automated or partially automated PKIMM requirement they speak about. */
export const builtInAssessors: readonly Assessor[] = [assessCryptoVisibility, assessCertInventory];
