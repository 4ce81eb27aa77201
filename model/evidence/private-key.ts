/** How a private key was stored where it was found. */
export type PrivateKeyFormat =
  | 'pkcs8'
  | 'pkcs8-encrypted'
  | 'pkcs1'
  | 'sec1'
  | 'pem-legacy-encrypted'
  | 'openssh'
  | 'pkcs12'
  | 'jks'
  | 'jceks'
  | 'other';

/** Where the public-key facts (spkiSha256, size, curve) of a private key come from. */
export type PublicKeySource =
  /** Derived from the private key itself (unencrypted keys, or keystores opened with a password). */
  | 'private-key'
  /** The public key an OpenSSH key file stores in clear, even when the private part is encrypted. */
  | 'openssh-public-blob'
  /** The first certificate of a keystore entry's chain (JKS/JCEKS keys are never decrypted). */
  | 'keystore-certificate';

/**
 * A private key found at rest (file, Kubernetes Secret, keystore). Only metadata: never key bytes.
 * Owner: the file/keystore collectors (issue 3).
 */
export interface PrivateKeyData {
  /** SHA-256 (hex) of the matching SubjectPublicKeyInfo, when the public key could be derived; pairs keys with certificates. */
  readonly spkiSha256?: string;
  /** "RSA", "EC", "Ed25519", "Ed448", "DSA", "X25519", "ML-DSA", ... or "unknown" when encryption hides it (encrypted PKCS#8). */
  readonly keyAlgorithm: string;
  readonly keySizeBits?: number;
  /** Named curve for EC keys, e.g. "P-256". */
  readonly curve?: string;
  /** Whether the key is protected by a passphrase (encrypted PKCS#8, legacy PEM encryption, PKCS#12 with a password). */
  readonly encrypted: boolean;
  /** Where the key was found: "keys/server.key", "stores/web.p12#1", "secret default/web-tls#tls.key". */
  readonly location: string;
  /** Octal file mode, e.g. "0600", when read from a file system. */
  readonly fileMode?: string;
  /** Storage format of the key. */
  readonly format?: PrivateKeyFormat;
  /** How the key is encrypted, as visible without the passphrase: "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", "DES-EDE3-CBC". */
  readonly encryption?: string;
  /** Key-derivation iteration count (PBKDF2, PKCS#12 PBE) or bcrypt rounds (OpenSSH), when stated. */
  readonly kdfIterations?: number;
  /** Where spkiSha256/keySizeBits/curve come from, when present. */
  readonly publicKeySource?: PublicKeySource;
  /** Alias or friendly name inside a keystore. */
  readonly alias?: string;
}
