/**
 * Certificates must not be signed with SHA-1 or an MD-family hash (MD5, MD4, MD2). Self-signed certificates are not
 * applicable: their own signature is not relied upon, because a trust anchor (or a pinned self-signed certificate) is
 * trusted by configuration, not by verifying its self-signature.
 *
 * Why: chosen-prefix collisions make signatures over these hashes forgeable (SHA-1: "SHA-1 is a Shambles", 2020;
 * MD5: the 2008 rogue-CA attack). The CA/B Forum BRs (§7.1.3.2) and NIST SP 800-131A Rev 2 §9 forbid them for
 * certificate signatures. A hit means a prohibited algorithm is still in use (PKIMM 5.2) and that its deprecation has not
 * been carried through (PKIMM 5.5).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Weak hashes by normalised name ("SHA1", "MD5", …) → display name. */
const WEAK_HASHES: Readonly<Record<string, string>> = { SHA1: 'SHA-1', MD5: 'MD5', MD4: 'MD4', MD2: 'MD2' };

/** Signature algorithm OIDs that imply a weak hash, for collectors that could not name the hash. */
const WEAK_SIGNATURE_OIDS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'MD2', // md2WithRSAEncryption
  '1.2.840.113549.1.1.3': 'MD4', // md4WithRSAEncryption
  '1.2.840.113549.1.1.4': 'MD5', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'SHA-1', // sha1WithRSAEncryption
  '1.3.14.3.2.29': 'SHA-1', // sha1WithRSASignature (OIW)
  '1.3.14.3.2.27': 'SHA-1', // dsaWithSHA1 (OIW)
  '1.2.840.10040.4.3': 'SHA-1', // dsa-with-sha1
  '1.2.840.10045.4.1': 'SHA-1', // ecdsa-with-SHA1
};

/** Returns the display name of the weak hash the signature uses, or undefined when it uses none. */
function weakHash(signatureHash: string | undefined, signatureOid: string, signatureName: string): string | undefined {
  if (signatureHash !== undefined) {
    const normalised = signatureHash.toUpperCase().replace(/[^A-Z0-9]/g, '');
    return Object.hasOwn(WEAK_HASHES, normalised) ? WEAK_HASHES[normalised] : undefined;
  }
  if (Object.hasOwn(WEAK_SIGNATURE_OIDS, signatureOid)) return WEAK_SIGNATURE_OIDS[signatureOid];
  const match = /(sha-?1|md5|md4|md2)(?![0-9])/i.exec(signatureName);
  const name = match?.[1]?.toUpperCase().replace('-', '');
  return name !== undefined && Object.hasOwn(WEAK_HASHES, name) ? WEAK_HASHES[name] : undefined;
}

export default defineRule({
  id: 'cert-signature-no-sha1',
  title: 'Certificate signatures do not use SHA-1 or MD5',
  description:
    'Flags certificates signed with SHA-1, MD5, MD4 or MD2. Self-signed certificates (roots) are not applicable because their self-signature is not relied upon.',
  severity: 'high',
  pkimm: ['5.2', '5.5'],
  references: ['CABF TLS BR §7.1.3.2', 'NIST SP 800-131A Rev 2 §9', 'RFC 6194', 'RFC 6151'],
  remediation: 'Re-issue the certificate from a CA that signs with SHA-256 or stronger, and remove SHA-1 and MD5 from the CA profile.',
  messages: { weakHash: 'Certificate is signed with {{hash}} ({{algorithm}}); SHA-1 and MD5 signatures can be forged.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isSelfSigned,
  evaluate(cert) {
    const { signatureHash, signatureAlgorithmOid, signatureAlgorithm } = cert.data;
    const hash = weakHash(signatureHash, signatureAlgorithmOid, signatureAlgorithm);
    return hash === undefined ? pass() : fail('weakHash', { hash, algorithm: signatureAlgorithm });
  },
});
