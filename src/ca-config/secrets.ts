// Secrets that appear in CA and automation configurations (EAB HMAC keys, Vault tokens, passwords, PKCS#11 PINs,
// encrypted JWKs, private keys in Kubernetes Secrets) must never reach evidence, problems or logs. Collectors copy
// only the fields they know; this module is the second line: it recognises secret-bearing key names and values,
// collects the secret values a parsed document holds, and scrubs them from anything about to be emitted.

/** Key-name patterns whose values are secret and never copied (matched against the whole key, case-insensitive). */
export const SECRET_KEY_PATTERNS: readonly RegExp[] = [
  /token/i,
  /passw(or)?d/i,
  /passphrase/i,
  /secret/i,
  /credential/i,
  /hmac/i,
  /^eab/i,
  /private[-_]?key/i,
  /encrypted[-_]?key/i,
  /api[-_]?key/i,
  /access[-_]?key/i,
  /client[-_]?key/i,
  /(^|[-_.])key$/i,
  /^key[-_.]?(data|der|pem|material|value)$/i,
  /(^|[-_])pin([-_]|$)/i,
  /pin[-_]?value/i,
  /^tls\.key$/i,
  /^auth$/i,
  /^challenge(password)?$/i,
];

/**
 * Key names that match a pattern above but name metadata, references or file paths rather than secret material:
 * key types and sizes, key-usage lists, reuse flags and Kubernetes secret references.
 */
const SAFE_KEY_NAMES = new Set(
  [
    'keyType', 'key_type', 'keySize', 'key_size', 'rsa_key_size', 'keyAlgorithm', 'key_algorithm', 'keyBits', 'key_bits',
    'keyUsage', 'keyUsages', 'key_usage', 'key_usages', 'extendedKeyUsage', 'ext_key_usage', 'reuse_key', 'reuseKey',
    'keyStorage', 'keyID', 'key_id', 'keyId', 'secretName', 'secretRef', 'secretTemplate', 'privateKeySecretRef',
    'keySecretRef', 'tokenSecretRef', 'apiTokenSecretRef', 'apiKeySecretRef', 'passwordSecretRef', 'secretAccessKeySecretRef',
    'accessKeyIDSecretRef', 'clientSecretSecretRef', 'credentialsSecretRef', 'serviceAccountSecretRef', 'keyAlgorithmDefault',
    'privateKeyFlag', 'msPKI-Private-Key-Flag', 'privateKeyEncoding', 'privateKeyAlgorithm', 'privateKeySize', 'secretKeyRef',
    'allowRenewalAfterExpiry', 'disableRenewal', 'encryptedKeyAlgorithm',
  ].map((k) => k.toLowerCase()),
);

/** Text that marks a value as secret whatever its key: PEM private keys, JWE/JWT compact tokens, Vault tokens, PKCS#11 PINs. */
const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g,
  /\bhv[sbr]\.[A-Za-z0-9_-]{20,}/g,
  /\bs\.[A-Za-z0-9]{24}\b/g,
  /pin-value=[^;&?\s"']*/gi,
  /\b(?:xox[abp]|gh[pousr]|glpat)[-_][A-Za-z0-9_-]{10,}/g,
];

/** Replacement text for a scrubbed secret. */
export const REDACTED = '[redacted]';

/** Shortest value `collectSecretValues` keeps: shorter strings ("true", "x") are too common to scrub safely. */
const MIN_SECRET_LENGTH = 6;

/** Returns whether a configuration key names secret material (token, password, secret, key, EAB, HMAC, private key...). */
export function isSecretKeyName(name: string): boolean {
  if (SAFE_KEY_NAMES.has(name.toLowerCase()) || /(Secret)?Ref$/.test(name)) return false;
  return SECRET_KEY_PATTERNS.some((p) => p.test(name));
}

/** Returns whether a string contains something that is secret whatever its key (a private key PEM, a JWT/JWE, a Vault token, a PIN). */
export function looksLikeSecretValue(text: string): boolean {
  return SECRET_VALUE_PATTERNS.some((p) => {
    p.lastIndex = 0;
    return p.test(text);
  });
}

/** Values that are file paths or references, not secret material, even under a secret-looking key. */
function isPathLike(value: string): boolean {
  if (/\s/.test(value)) return false;
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\|file:)/.test(value)) return true;
  // "examples/pki/secrets/intermediate_ca_key": separators plus characters base64 does not have.
  return /[/\\]/.test(value) && !/^[A-Za-z0-9+/]+=*$/.test(value);
}

/**
 * Walks a parsed document (bounded: 100,000 nodes, depth 64) and adds to `into` every string that is secret: values
 * under secret-named keys (at least 6 characters, not file paths, not under a `…Ref` reference object), every value
 * of a Kubernetes Secret's `data`/`stringData` except public certificate entries (`tls.crt`, `ca.crt`) together with
 * its base64 decoding, and strings that look secret on their own. Returns `into`.
 */
export function collectSecretValues(tree: unknown, into: Set<string> = new Set()): Set<string> {
  let budget = 100_000;
  const visit = (node: unknown, key: string | undefined, secretContext: boolean, depth: number, parent: Record<string, unknown> | undefined): void => {
    if (--budget < 0 || depth > 64) return;
    if (typeof node === 'string') {
      if (looksLikeSecretValue(node)) into.add(node);
      if (!secretContext || node.length < MIN_SECRET_LENGTH || (parent?.kind !== 'Secret' && isPathLike(node))) return;
      into.add(node);
      if (parent?.kind === 'Secret' || /^[A-Za-z0-9+/=\s]+$/.test(node)) {
        const decoded = Buffer.from(node, 'base64').toString('utf8');
        if (decoded.length >= MIN_SECRET_LENGTH && /^[\x20-\x7e\s]+$/.test(decoded)) into.add(decoded.trim());
      }
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key, secretContext, depth + 1, parent);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    // A secret-named key holding an object (cert-manager's privateKey: {algorithm, size}) is configuration: its
    // fields are judged by their own names. Kubernetes Secret data is the exception, handled below.
    const object = node as Record<string, unknown>;
    const isKubeSecret = object.kind === 'Secret';
    for (const [k, v] of Object.entries(object)) {
      if (isKubeSecret && (k === 'data' || k === 'stringData') && v !== null && typeof v === 'object') {
        for (const [entry, value] of Object.entries(v as Record<string, unknown>)) {
          if (/(^|\.)(crt|pem)$/i.test(entry) && entry !== 'tls-combined.pem') continue; // public certificates
          visit(value, entry, true, depth + 2, object);
        }
        continue;
      }
      // A reference object ({ name, key } under "…SecretRef") names a secret; its fields are not secret material.
      const inSecret = !/Ref$/.test(k) && !/Ref$/.test(key ?? '') && isSecretKeyName(k);
      visit(v, k, inSecret, depth + 1, isKubeSecret ? object : undefined);
    }
  };
  visit(tree, undefined, false, 0, undefined);
  return into;
}

/** Returns `text` with every known secret value and every secret-looking substring replaced by "[redacted]". */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  return scrub(text, longestFirst(secrets));
}

/** Secrets worth scrubbing, longest first (so a secret containing another is replaced whole). */
function longestFirst(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function scrub(text: string, sortedSecrets: readonly string[]): string {
  let out = text;
  for (const secret of sortedSecrets) {
    // A secret longer than the text cannot be inside it; most are (keys, tokens vs. short details).
    if (secret.length <= out.length && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/**
 * Returns a shell command (a certbot hook, a cron line) with credentials scrubbed: values of options and environment
 * variables whose names look secret (--password x, --token=x, API_KEY=x, password: x), `-u user:password`,
 * Authorization headers, credentials in URLs, and anything `redactText` recognises. The command stays readable.
 */
export function redactCommand(command: string, secrets: Iterable<string> = []): string {
  return redactText(command, secrets)
    .replace(/((?:^|[\s;&|"'])-{0,2}[\w-]*(?:pass(?:word)?|passwd|token|secret|api[-_]?key|hmac|credential)[\w-]*(?:=|:\s*|\s+))("[^"]*"|'[^']*'|[^\s"']+)/gi, `$1${REDACTED}`)
    .replace(/((?:^|\s)(?:-u|--user)[\s=]+[^\s:]+:)[^\s"']+/g, `$1${REDACTED}`)
    .replace(/(authorization:\s*(?:bearer|basic|token)?\s*)[^\s"']+/gi, `$1${REDACTED}`)
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`);
}

/**
 * Returns a deep copy of `value` without secret-named keys and with every string scrubbed by `redactText`.
 * Use it on any structure about to be emitted (evidence data, details) as the last guard.
 */
export function stripSecrets<T>(value: T, secrets: Iterable<string> = []): T {
  const known = longestFirst(secrets);
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return scrub(node, known);
    if (depth > 64 || node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (isSecretKeyName(k) && typeof v === 'string') continue;
      out[k] = walk(v, depth + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}

/** Thrown by assertNoSecrets: names the secret's length and position, never the secret. */
export class SecretLeakError extends Error {
  override name = 'SecretLeakError';
}

/** Throws SecretLeakError when the JSON form of `value` contains one of `secrets` or a secret-looking string. */
export function assertNoSecrets(value: unknown, secrets: Iterable<string> = []): void {
  const json = JSON.stringify(value) ?? '';
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    const at = json.indexOf(JSON.stringify(secret).slice(1, -1));
    if (at >= 0) throw new SecretLeakError(`a ${secret.length}-character secret value appears at offset ${at}`);
  }
  const unescaped = json.replace(/\\n/g, '\n');
  if (looksLikeSecretValue(unescaped)) throw new SecretLeakError('a secret-looking value (private key, token or PIN) appears');
}
