/**
 * Certificates must be signed with a hash of at least SHA-256 strength. SHA-1 and the MD family are left to
 * cert-signature-no-sha1 (not applicable here, so one weakness gives one finding); this check catches the remaining
 * truncated hashes: SHA-224, SHA-512/224 and SHA3-224. Self-signed certificates are not applicable because their
 * self-signature is not relied upon.
 *
 * Why: 112-bit collision resistance is below the CA/B Forum TLS BR profile (§7.1.3.2 allows SHA-256, SHA-384 and
 * SHA-512 only) and below the 128-bit security that NIST SP 800-57 Pt 1 Rev 5 §5.6 expects for data protected beyond
 * 2030. A hit means the algorithm policy (PKIMM 5.2) allows or does not enforce weak parameters.
 */
import type { CertificateData } from '../../model/evidence.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Hashes below SHA-256, by normalised name ("SHA224") → display name. */
const WEAK_HASHES: Readonly<Record<string, string>> = { SHA224: 'SHA-224', SHA512224: 'SHA-512/224', SHA3224: 'SHA3-224' };
/** Hashes cert-signature-no-sha1 covers, by normalised name. */
const COVERED_ELSEWHERE = new Set(['SHA1', 'MD5', 'MD4', 'MD2']);
/** SHA-224 signature OIDs, for collectors that could not name the hash. */
const SHA224_SIGNATURE_OIDS = new Set([
  '1.2.840.113549.1.1.14', // sha224WithRSAEncryption
  '1.2.840.10045.4.3.1', // ecdsa-with-SHA224
  '2.16.840.1.101.3.4.3.1', // dsa-with-sha224
]);

const normalise = (hash: string): string => hash.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Returns the signature hash, normalised ("SHA256"), or undefined when it is unknown or the algorithm has none. */
function hashOf(cert: CertificateData): string | undefined {
  if (cert.signatureHash !== undefined) return normalise(cert.signatureHash);
  return SHA224_SIGNATURE_OIDS.has(cert.signatureAlgorithmOid) ? 'SHA224' : undefined;
}

export default defineRule({
  id: 'cert-signature-hash-min-sha256',
  title: 'Certificate signatures use SHA-256 or a stronger hash',
  description:
    'Flags certificates signed with a hash weaker than SHA-256 other than SHA-1 and MD5 (e.g. SHA-224). Self-signed certificates, signatures without a separate hash and SHA-1/MD5 signatures (see cert-signature-no-sha1) are not applicable.',
  severity: 'low',
  pkimm: ['5.2'],
  references: ['CABF TLS BR §7.1.3.2', 'NIST SP 800-57 Pt 1 Rev 5 §5.6', 'NIST SP 800-107 Rev 1 §4.1'],
  remediation: 'Re-issue the certificate from a CA that signs with SHA-256 or stronger, and remove SHA-224 from the CA profile.',
  messages: { weakHash: 'Certificate is signed with {{hash}} ({{algorithm}}); the minimum is SHA-256.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies(cert) {
    const hash = hashOf(cert.data);
    return !cert.data.isSelfSigned && hash !== undefined && !COVERED_ELSEWHERE.has(hash);
  },
  evaluate(cert) {
    const hash = hashOf(cert.data);
    if (hash === undefined || !Object.hasOwn(WEAK_HASHES, hash)) return pass();
    return fail('weakHash', { hash: WEAK_HASHES[hash]!, algorithm: cert.data.signatureAlgorithm });
  },
});
