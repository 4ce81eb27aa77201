// The built-in checks and assessors, imported explicitly (no side-effect registration).
// test/rules/registry.test.ts keeps this list in step with the files under rules/.
import type { Assessor } from '../src/engine/define-assessor.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import assessCpPublished from './02-policies-and-documentation/assess-cp-published.js';
import assessCpsPublished from './02-policies-and-documentation/assess-cps-published.js';
import assessDisclosureStatement from './02-policies-and-documentation/assess-disclosure-statement.js';
import assessPolicyReview from './02-policies-and-documentation/assess-policy-review.js';
import assessComplianceMonitoring from './03-compliance/assess-compliance-monitoring.js';
import assessRecurringActivities from './04-processes-and-procedures/assess-recurring-activities.js';
import crlNextUpdateNotPassed from './04-processes-and-procedures/crl-next-update-not-passed.js';
import crlNumberMonotonic from './04-processes-and-procedures/crl-number-monotonic.js';
import ocspResponseCurrent from './04-processes-and-procedures/ocsp-response-current.js';
import assessApprovedAlgorithms from './05-cryptography/assess-approved-algorithms.js';
import assessApprovedProtocols from './05-cryptography/assess-approved-protocols.js';
import assessCryptoAgility from './05-cryptography/assess-crypto-agility.js';
import assessCryptoLifecycle from './05-cryptography/assess-crypto-lifecycle.js';
import assessCryptoVisibility from './05-cryptography/assess-crypto-visibility.js';
import assessPqcReadiness from './05-cryptography/assess-pqc-readiness.js';
import caKeyStrengthApproved from './05-cryptography/ca-key-strength-approved.js';
import certEcCurveApproved from './05-cryptography/cert-ec-curve-approved.js';
import certKeyAlgorithmNotDsa from './05-cryptography/cert-key-algorithm-not-dsa.js';
import certKeyNotDebianWeak from './05-cryptography/cert-key-not-debian-weak.js';
import certKeyNotDeprecated from './05-cryptography/cert-key-not-deprecated.js';
import certKeyNotFermatFactorable from './05-cryptography/cert-key-not-fermat-factorable.js';
import certKeyNotProhibited from './05-cryptography/cert-key-not-prohibited.js';
import certKeyOnApprovedList from './05-cryptography/cert-key-on-approved-list.js';
import certKeyStrengthBeyond2030 from './05-cryptography/cert-key-strength-beyond-2030.js';
import certPqcAlgorithmsPresent from './05-cryptography/cert-pqc-algorithms-present.js';
import certQuantumVulnerableLongLived from './05-cryptography/cert-quantum-vulnerable-long-lived.js';
import certRsaExponentValid from './05-cryptography/cert-rsa-exponent-valid.js';
import certRsaKeyMin2048 from './05-cryptography/cert-rsa-key-min-2048.js';
import certSignatureHashMinSha256 from './05-cryptography/cert-signature-hash-min-sha256.js';
import certSignatureHashPolicyApproved from './05-cryptography/cert-signature-hash-policy-approved.js';
import certSignatureNoSha1 from './05-cryptography/cert-signature-no-sha1.js';
import tlsCbcSha1SuitesDisabled from './05-cryptography/tls-cbc-sha1-suites-disabled.js';
import tlsCipherNotWeak from './05-cryptography/tls-cipher-not-weak.js';
import tlsForwardSecrecy from './05-cryptography/tls-forward-secrecy.js';
import tlsHybridPqcKeyExchange from './05-cryptography/tls-hybrid-pqc-key-exchange.js';
import tlsKeyExchangeMinStrength from './05-cryptography/tls-key-exchange-min-strength.js';
import tlsProtocol13Supported from './05-cryptography/tls-protocol-1-3-supported.js';
import tlsProtocolNoLegacy from './05-cryptography/tls-protocol-no-legacy.js';
import assessCryptoDeviceInventory from './06-key-management/assess-crypto-device-inventory.js';
import assessKeyInventory from './06-key-management/assess-key-inventory.js';
import assessKeyLifecycle from './06-key-management/assess-key-lifecycle.js';
import assessKmCipherSuites from './06-key-management/assess-km-cipher-suites.js';
import caKeyHardwareProtected from './06-key-management/ca-key-hardware-protected.js';
import caRenewalRotatesKey from './06-key-management/ca-renewal-rotates-key.js';
import certKeyNotReused from './06-key-management/cert-key-not-reused.js';
import certKeyReusedOnRenewal from './06-key-management/cert-key-reused-on-renewal.js';
import keyAlgorithmNotProhibited from './06-key-management/key-algorithm-not-prohibited.js';
import keyEncryptionStrong from './06-key-management/key-encryption-strong.js';
import keyFileEncrypted from './06-key-management/key-file-encrypted.js';
import keyFilePermissionsRestrictive from './06-key-management/key-file-permissions-restrictive.js';
import keyHasCertificate from './06-key-management/key-has-certificate.js';
import assessCertCipherSuites from './07-certificate-management/assess-cert-cipher-suites.js';
import assessCertDiscovery from './07-certificate-management/assess-cert-discovery.js';
import assessCertInventory from './07-certificate-management/assess-cert-inventory.js';
import assessCertLifecycle from './07-certificate-management/assess-cert-lifecycle.js';
import assessCertProfiles from './07-certificate-management/assess-cert-profiles.js';
import assessPkiGovernance from './07-certificate-management/assess-pki-governance.js';
import caApprovedInPolicy from './07-certificate-management/ca-approved-in-policy.js';
import caaAuthorisesObservedIssuers from './07-certificate-management/caa-authorises-observed-issuers.js';
import caaRecordPresent from './07-certificate-management/caa-record-present.js';
import caProfileKeyTypesRestricted from './07-certificate-management/ca-profile-key-types-restricted.js';
import caProfileRevocationPointers from './07-certificate-management/ca-profile-revocation-pointers.js';
import caProfileSignatureNotWeak from './07-certificate-management/ca-profile-signature-not-weak.js';
import caProfileSubjectControlled from './07-certificate-management/ca-profile-subject-controlled.js';
import caProfileValidityWithinPolicy from './07-certificate-management/ca-profile-validity-within-policy.js';
import caRevocationPublished from './07-certificate-management/ca-revocation-published.js';
import certAiaCaIssuersPresent from './07-certificate-management/cert-aia-ca-issuers-present.js';
import certAuthorityKeyIdentifierPresent from './07-certificate-management/cert-authority-key-identifier-present.js';
import certCaKeyUsageCertSign from './07-certificate-management/cert-ca-key-usage-cert-sign.js';
import certCaSubjectKeyIdentifierPresent from './07-certificate-management/cert-ca-subject-key-identifier-present.js';
import certDomainInScope from './07-certificate-management/cert-domain-in-scope.js';
import certEkuConsistent from './07-certificate-management/cert-eku-consistent.js';
import certExpiryWithinWindow from './07-certificate-management/cert-expiry-within-window.js';
import certInDeclaredInventory from './07-certificate-management/cert-in-declared-inventory.js';
import certIssuerApproved from './07-certificate-management/cert-issuer-approved.js';
import certIssuerOutlivesSubject from './07-certificate-management/cert-issuer-outlives-subject.js';
import certKeyCertSignOnlyCa from './07-certificate-management/cert-key-cert-sign-only-ca.js';
import certKeyUsageConsistent from './07-certificate-management/cert-key-usage-consistent.js';
import certLeafEkuPresent from './07-certificate-management/cert-leaf-eku-present.js';
import certLeafNotSelfSigned from './07-certificate-management/cert-leaf-not-self-signed.js';
import certNotExpired from './07-certificate-management/cert-not-expired.js';
import certNotPrecertificate from './07-certificate-management/cert-not-precertificate.js';
import certNotRevoked from './07-certificate-management/cert-not-revoked.js';
import certPublicTlsCrlDistributionPointPresent from './07-certificate-management/cert-public-tls-crl-distribution-point-present.js';
import certPublicTlsMustStaple from './07-certificate-management/cert-public-tls-must-staple.js';
import certPublicTlsNoInternalNames from './07-certificate-management/cert-public-tls-no-internal-names.js';
import certPublicTlsSctEmbedded from './07-certificate-management/cert-public-tls-sct-embedded.js';
import certPublicTlsValidityCabf from './07-certificate-management/cert-public-tls-validity-cabf.js';
import certRevocationInfoPresent from './07-certificate-management/cert-revocation-info-present.js';
import certSanDnsNamesValid from './07-certificate-management/cert-san-dns-names-valid.js';
import certSerialNumberValid from './07-certificate-management/cert-serial-number-valid.js';
import certTlsCnInSan from './07-certificate-management/cert-tls-cn-in-san.js';
import certTlsNoWildcard from './07-certificate-management/cert-tls-no-wildcard.js';
import certTlsSanPresent from './07-certificate-management/cert-tls-san-present.js';
import certTlsValidityMax398Days from './07-certificate-management/cert-tls-validity-max-398-days.js';
import certValidityNotBeforeInFuture from './07-certificate-management/cert-validity-not-before-in-future.js';
import certValidityWithinPolicy from './07-certificate-management/cert-validity-within-policy.js';
import ctEntryIssuerApproved from './07-certificate-management/ct-entry-issuer-approved.js';
import ctEntryObserved from './07-certificate-management/ct-entry-observed.js';
import ctEntrySctValid from './07-certificate-management/ct-entry-sct-valid.js';
import ctQueryComplete from './07-certificate-management/ct-query-complete.js';
import inventoryRecordsNotStale from './07-certificate-management/inventory-records-not-stale.js';
import tlsChainComplete from './07-certificate-management/tls-chain-complete.js';
import tlsChainNoExpiredCertificate from './07-certificate-management/tls-chain-no-expired-certificate.js';
import tlsChainNoWeakSignature from './07-certificate-management/tls-chain-no-weak-signature.js';
import tlsChainOrderCorrect from './07-certificate-management/tls-chain-order-correct.js';
import tlsChainRootNotServed from './07-certificate-management/tls-chain-root-not-served.js';
import tlsChainTrusted from './07-certificate-management/tls-chain-trusted.js';
import tlsHostnameMatches from './07-certificate-management/tls-hostname-matches.js';
import tlsMustStapleStapled from './07-certificate-management/tls-must-staple-stapled.js';
import assessInfraDocumentation from './08-infrastructure-management/assess-infra-documentation.js';
import assessNetworkVulnMgmt from './08-infrastructure-management/assess-network-vuln-mgmt.js';
import assessRecoveryObjectives from './08-infrastructure-management/assess-recovery-objectives.js';
import assessSegmentation from './08-infrastructure-management/assess-segmentation.js';
import caAcmeNotStaging from './08-infrastructure-management/ca-acme-not-staging.js';
import assessAgilityRequirements from './09-change-management/assess-agility-requirements.js';
import assessChangeProcess from './09-change-management/assess-change-process.js';
import caConfigNotRemoved from './09-change-management/ca-config-not-removed.js';
import caConfigUnchanged from './09-change-management/ca-config-unchanged.js';
import assessBcpDr from './10-resilience/assess-bcp-dr.js';
import assessFutureProofing from './10-resilience/assess-future-proofing.js';
import assessIncidentPlanning from './10-resilience/assess-incident-planning.js';
import caAdcsNoEscalationPaths from './10-resilience/ca-adcs-no-escalation-paths.js';
import caCrlOverlapSufficient from './10-resilience/ca-crl-overlap-sufficient.js';
import platformCurrentRelease from './10-resilience/platform-current-release.js';
import platformSupported from './10-resilience/platform-supported.js';
import assessAutomationExceptions from './11-automation/assess-automation-exceptions.js';
import assessAutomationExtent from './11-automation/assess-automation-extent.js';
import assessAutomationMonitoring from './11-automation/assess-automation-monitoring.js';
import caAutoRenewalEnabled from './11-automation/ca-auto-renewal-enabled.js';
import caRenewalBeforeSufficient from './11-automation/ca-renewal-before-sufficient.js';
import certRenewalAutomated from './11-automation/cert-renewal-automated.js';
import assessOpenStandards from './12-interoperability/assess-open-standards.js';
import caEnrollmentStandardProtocol from './12-interoperability/ca-enrollment-standard-protocol.js';
import assessAuditTrail from './13-monitoring-and-auditing/assess-audit-trail.js';
import assessCriticalAlerting from './13-monitoring-and-auditing/assess-critical-alerting.js';
import assessEventMonitoring from './13-monitoring-and-auditing/assess-event-monitoring.js';
import assessLogCollection from './13-monitoring-and-auditing/assess-log-collection.js';
import caAuditLoggingEnabled from './13-monitoring-and-auditing/ca-audit-logging-enabled.js';
import assessInformationDisclosure from './16-awareness/assess-information-disclosure.js';
import assessPointOfContact from './16-awareness/assess-point-of-contact.js';
import caaIodefPresent from './16-awareness/caa-iodef-present.js';
import crlDistributionPointHttp from './16-awareness/crl-distribution-point-http.js';
import crlSignatureValid from './16-awareness/crl-signature-valid.js';
import ocspResponseValid from './16-awareness/ocsp-response-valid.js';
import securityTxtContact from './16-awareness/security-txt-contact.js';
import securityTxtNotExpired from './16-awareness/security-txt-not-expired.js';
import securityTxtPresent from './16-awareness/security-txt-present.js';

/** All built-in checks. Ids are unique and equal file names: see test/rules/registry.test.ts. */
export const builtInRules = [
  crlNextUpdateNotPassed,
  crlNumberMonotonic,
  ocspResponseCurrent,
  caKeyStrengthApproved,
  certEcCurveApproved,
  certKeyAlgorithmNotDsa,
  certKeyNotDebianWeak,
  certKeyNotDeprecated,
  certKeyNotFermatFactorable,
  certKeyNotProhibited,
  certKeyOnApprovedList,
  certKeyStrengthBeyond2030,
  certPqcAlgorithmsPresent,
  certQuantumVulnerableLongLived,
  certRsaExponentValid,
  certRsaKeyMin2048,
  certSignatureHashMinSha256,
  certSignatureHashPolicyApproved,
  certSignatureNoSha1,
  tlsCbcSha1SuitesDisabled,
  tlsCipherNotWeak,
  tlsForwardSecrecy,
  tlsHybridPqcKeyExchange,
  tlsKeyExchangeMinStrength,
  tlsProtocol13Supported,
  tlsProtocolNoLegacy,
  caKeyHardwareProtected,
  caRenewalRotatesKey,
  certKeyNotReused,
  certKeyReusedOnRenewal,
  keyAlgorithmNotProhibited,
  keyEncryptionStrong,
  keyFileEncrypted,
  keyFilePermissionsRestrictive,
  keyHasCertificate,
  caApprovedInPolicy,
  caProfileKeyTypesRestricted,
  caProfileRevocationPointers,
  caProfileSignatureNotWeak,
  caProfileSubjectControlled,
  caProfileValidityWithinPolicy,
  caRevocationPublished,
  caaAuthorisesObservedIssuers,
  caaRecordPresent,
  certAiaCaIssuersPresent,
  certAuthorityKeyIdentifierPresent,
  certCaKeyUsageCertSign,
  certCaSubjectKeyIdentifierPresent,
  certDomainInScope,
  certEkuConsistent,
  certExpiryWithinWindow,
  certInDeclaredInventory,
  certIssuerApproved,
  certIssuerOutlivesSubject,
  certKeyCertSignOnlyCa,
  certKeyUsageConsistent,
  certLeafEkuPresent,
  certLeafNotSelfSigned,
  certNotExpired,
  certNotPrecertificate,
  certNotRevoked,
  certPublicTlsCrlDistributionPointPresent,
  certPublicTlsMustStaple,
  certPublicTlsNoInternalNames,
  certPublicTlsSctEmbedded,
  certPublicTlsValidityCabf,
  certRevocationInfoPresent,
  certSanDnsNamesValid,
  certSerialNumberValid,
  certTlsCnInSan,
  certTlsNoWildcard,
  certTlsSanPresent,
  certTlsValidityMax398Days,
  certValidityNotBeforeInFuture,
  certValidityWithinPolicy,
  ctEntryIssuerApproved,
  ctEntryObserved,
  ctEntrySctValid,
  ctQueryComplete,
  inventoryRecordsNotStale,
  tlsChainComplete,
  tlsChainNoExpiredCertificate,
  tlsChainNoWeakSignature,
  tlsChainOrderCorrect,
  tlsChainRootNotServed,
  tlsChainTrusted,
  tlsHostnameMatches,
  tlsMustStapleStapled,
  caAcmeNotStaging,
  caConfigNotRemoved,
  caConfigUnchanged,
  caAdcsNoEscalationPaths,
  caCrlOverlapSufficient,
  platformCurrentRelease,
  platformSupported,
  caAutoRenewalEnabled,
  caRenewalBeforeSufficient,
  certRenewalAutomated,
  caEnrollmentStandardProtocol,
  caAuditLoggingEnabled,
  crlDistributionPointHttp,
  crlSignatureValid,
  ocspResponseValid,
  caaIodefPresent,
  securityTxtPresent,
  securityTxtNotExpired,
  securityTxtContact,
] as const satisfies readonly AnyRule[];

/** All built-in assessors, one per automated or partially automated PKIMM requirement they speak about. */
export const builtInAssessors: readonly Assessor[] = [
  assessCpPublished,
  assessCpsPublished,
  assessDisclosureStatement,
  assessPolicyReview,
  assessComplianceMonitoring,
  assessRecurringActivities,
  assessApprovedAlgorithms,
  assessApprovedProtocols,
  assessCryptoAgility,
  assessCryptoLifecycle,
  assessCryptoVisibility,
  assessPqcReadiness,
  assessCryptoDeviceInventory,
  assessKeyInventory,
  assessKeyLifecycle,
  assessKmCipherSuites,
  assessCertCipherSuites,
  assessCertDiscovery,
  assessCertInventory,
  assessCertLifecycle,
  assessCertProfiles,
  assessPkiGovernance,
  assessInfraDocumentation,
  assessNetworkVulnMgmt,
  assessRecoveryObjectives,
  assessSegmentation,
  assessAgilityRequirements,
  assessChangeProcess,
  assessBcpDr,
  assessFutureProofing,
  assessIncidentPlanning,
  assessAutomationExceptions,
  assessAutomationExtent,
  assessAutomationMonitoring,
  assessOpenStandards,
  assessAuditTrail,
  assessCriticalAlerting,
  assessEventMonitoring,
  assessLogCollection,
  assessInformationDisclosure,
  assessPointOfContact,
];
