/**
 * A private key found at rest (file, Kubernetes Secret, keystore). Only metadata: never key bytes.
 * Owner: the file/keystore collectors (issue 3). Refine fields as the collectors grow.
 */
export interface PrivateKeyData {
  /** SHA-256 (hex) of the matching SubjectPublicKeyInfo, when the public key could be derived; pairs keys with certificates. */
  readonly spkiSha256?: string;
  readonly keyAlgorithm: string;
  readonly keySizeBits?: number;
  readonly curve?: string;
  /** Whether the key is protected by a passphrase (encrypted PKCS#8, legacy PEM encryption, PKCS#12 with a password). */
  readonly encrypted: boolean;
  /** Where the key was found: "keys/server.key", "secret default/web-tls#tls.key". */
  readonly location: string;
  /** Octal file mode, e.g. "0600", when read from a file system. */
  readonly fileMode?: string;
}
