// Embedded SCTs as evidence: parsed, named from a log list and verified when the issuer's key is known.
import type { CtSct } from '../../model/evidence.js';
import { embeddedScts, precertificateTbs, verifySct } from '../pki/sct.js';
import type { CtLogList } from './log-list.js';

/**
 * Describes the SCTs embedded in a certificate: each is named from `logList` and verified against every candidate
 * issuer key hash (SHA-256 of an issuing CA's SubjectPublicKeyInfo). Status is 'unknown-log' without the log's key,
 * 'unverified' without a candidate issuer, else 'valid' when one candidate verifies.
 * Returns one item per SCT; throws SctParseError when the certificate or its SCT list is malformed.
 */
export function describeEmbeddedScts(certificateDer: Uint8Array, issuerKeyHashes: readonly Uint8Array[], logList: CtLogList | undefined): CtSct[] {
  const scts = embeddedScts(certificateDer);
  if (scts.length === 0) return [];
  const tbs = issuerKeyHashes.length > 0 ? precertificateTbs(certificateDer) : undefined;
  return scts.map((sct) => {
    const log = logList?.byId(sct.logId);
    let status: CtSct['status'];
    if (!log) status = 'unknown-log';
    else if (!tbs) status = 'unverified';
    else {
      const results = issuerKeyHashes.map((hash) => verifySct(sct, { type: 'precert', issuerKeyHash: hash, tbsCertificate: tbs }, log.key));
      status = results.includes('valid') ? 'valid' : (results[0] ?? 'unverified');
    }
    return {
      logId: sct.logId,
      ...(log ? { logName: log.description, logOperator: log.operator } : {}),
      timestamp: new Date(sct.timestampMs).toISOString(),
      status,
    };
  });
}
