import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CertificateFacts, PrivateKeyData, ProblemCode, Sighting } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { CertFileConfig } from './config.js';
import { globSet, type GlobSet, isGlob, splitGlob } from './glob.js';
import { type FoundKey, type KeystorePassword, readPkiFile } from './read-file.js';

const ID = 'cert-file';
const MAX_PASSWORD_FILE_BYTES = 4096;

/** Reads certificates and private keys from files, folders and globs (PEM, DER, PKCS#7, PKCS#12, JKS/JCEKS, key files). */
export default defineCollector({
  id: ID,
  title: 'Certificate and key files',
  description:
    'Reads certificates and private keys at rest (PEM bundles, DER, PKCS#7, PKCS#12, JKS/JCEKS, PKCS#8/PKCS#1/SEC1/OpenSSH keys) from files, folders and globs; records certificate facts and key metadata, never key bytes.',
  config: CertFileConfig,
  produces: ['certificate', 'private-key'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    const run: Run = { config, ctx, passwords: await resolvePasswords(config, ctx), remainingBytes: config.maxTotalBytes, files: [] };
    await Promise.all(config.paths.map((path) => collectPath(path, run)));
    emitAll(run);
  },
});

interface ConfiguredPassword extends KeystorePassword {
  readonly appliesTo?: GlobSet;
}

interface ReadFile {
  readonly target: string;
  readonly fileMode?: string;
  readonly certificates: { facts: CertificateFacts; location: string; attributes: Record<string, string> }[];
  readonly keys: PrivateKeyData[];
}

interface Run {
  readonly config: CertFileConfig;
  readonly ctx: CollectorContext;
  readonly passwords: readonly ConfiguredPassword[];
  remainingBytes: number;
  readonly files: ReadFile[];
}

/** Forward-slash path of `abs` relative to the base directory. */
function rel(baseDir: string, abs: string): string {
  const r = relative(baseDir, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** Rewrites an error so its message names the relative path, never the absolute one. */
function relativeError(error: unknown, abs: string, relPath: string): CollectError {
  const code = error instanceof CollectError ? error.code : 'other';
  const message = error instanceof Error ? error.message : String(error);
  const text = message.split(abs).join(relPath);
  return new CollectError(code, text.startsWith(relPath) ? text : `${relPath}: ${text}`, { cause: error });
}

/** Reads each configured password source once; a missing variable or unreadable file is one problem. Values are never logged. */
async function resolvePasswords(config: CertFileConfig, ctx: CollectorContext): Promise<ConfiguredPassword[]> {
  const out: ConfiguredPassword[] = [];
  for (const [index, source] of config.passwords.entries()) {
    const target = `passwords[${index}]`;
    const appliesTo = source.appliesTo ? { appliesTo: globSet(source.appliesTo) } : {};
    if (source.env !== undefined) {
      const value = process.env[source.env];
      if (value === undefined || value === '') ctx.problem(target, new CollectError('not-found', `${target}: environment variable ${source.env} is not set`));
      else out.push({ label: `env ${source.env}`, value, ...appliesTo });
    } else if (source.file !== undefined) {
      const abs = isAbsolute(source.file) ? source.file : resolve(ctx.baseDir, source.file);
      try {
        const bytes = await ctx.fs.readFile(abs, MAX_PASSWORD_FILE_BYTES);
        const value = new TextDecoder().decode(bytes).split(/\r?\n/)[0] ?? '';
        bytes.fill(0);
        if (value === '') ctx.problem(target, new CollectError('parse', `${target}: password file ${source.file} is empty`));
        else out.push({ label: `file ${source.file}`, value, ...appliesTo });
      } catch (error) {
        ctx.problem(target, relativeError(error, abs, source.file));
      }
    }
  }
  return out;
}

/** The include/exclude filters for one configured path. */
interface Filters {
  readonly include: GlobSet;
  readonly exclude: GlobSet;
  readonly extensions: readonly string[];
}

async function collectPath(target: string, run: Run): Promise<void> {
  const { config, ctx } = run;
  let rootPath = target;
  let include = config.include;
  if (isGlob(target)) {
    const { base, pattern } = splitGlob(target.split(sep).join('/'));
    rootPath = base;
    include = [pattern];
  }
  let filters: Filters;
  try {
    filters = { include: globSet(include), exclude: globSet(config.exclude), extensions: config.extensions.map((e) => e.toLowerCase()) };
  } catch (error) {
    ctx.problem(target, new CollectError('other', `${target}: ${error instanceof Error ? error.message : String(error)}`));
    return;
  }
  const root = isAbsolute(rootPath) ? rootPath : resolve(ctx.baseDir, rootPath);
  let info;
  try {
    info = await ctx.fs.stat(root);
  } catch (error) {
    ctx.problem(target, relativeError(error, root, rootPath));
    return;
  }
  const files: string[] = [];
  if (info.isFile && !isGlob(target)) {
    files.push(root);
  } else if (info.isDirectory) {
    const truncated = await walk(root, target, filters, run, files);
    if (truncated) ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} files; the rest were not read`));
  } else {
    ctx.problem(target, new CollectError('other', `${target}: neither a file nor a folder`));
    return;
  }
  let skipped = 0;
  // In a sharded scan (--shard i/n) each file is read by exactly one shard.
  const owned = files.filter((file) => ctx.ownsTarget(rel(ctx.baseDir, file)));
  await Promise.all(
    owned.map((file) =>
      ctx.limit(async () => {
        if (!(await collectFile(file, target, run))) skipped++;
      }),
    ),
  );
  if (skipped > 0) {
    ctx.problem(target, new CollectError('too-large', `${target}: total read limit of ${config.maxTotalBytes} bytes reached; ${skipped} files not read`));
  }
}

/** Collects matching files under `dir` into `files`; returns true when maxFiles cut the walk short. */
async function walk(dir: string, target: string, filters: Filters, run: Run, files: string[]): Promise<boolean> {
  const { config, ctx } = run;
  const visited = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      const real = await ctx.fs.realPath(current);
      if (visited.has(real)) continue; // a folder reached twice, e.g. through a symlink to an ancestor
      visited.add(real);
      entries = await ctx.fs.readDir(current);
    } catch (error) {
      ctx.problem(target, relativeError(error, current, rel(ctx.baseDir, current)));
      continue;
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!config.hidden && entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      const relPath = relative(dir, path).split(sep).join('/');
      if (filters.exclude.matches(relPath)) continue;
      let isFile = entry.isFile;
      let isDirectory = entry.isDirectory;
      if (entry.isSymbolicLink) {
        try {
          const linked = await ctx.fs.stat(path);
          isFile = linked.isFile;
          isDirectory = linked.isDirectory;
        } catch (error) {
          // A dangling link has nothing to read; a link loop (ELOOP) or an unreadable link target is a problem.
          if (!(error instanceof CollectError && error.code === 'not-found')) ctx.problem(target, relativeError(error, path, rel(ctx.baseDir, path)));
          continue;
        }
      }
      if (isDirectory) {
        if (config.recursive) stack.push(path);
      } else if (isFile && wanted(relPath, entry.name, filters)) {
        if (files.length >= config.maxFiles) return true;
        files.push(path);
      }
    }
  }
  files.sort();
  return false;
}

function wanted(relPath: string, name: string, filters: Filters): boolean {
  if (!filters.include.empty) return filters.include.matches(relPath);
  const lower = name.toLowerCase();
  return filters.extensions.some((e) => lower.endsWith(e));
}

/** Octal permission bits, e.g. "0600". */
function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** Reads one file; returns false when the total-bytes budget left it unread (counted by the caller). */
async function collectFile(file: string, target: string, run: Run): Promise<boolean> {
  const { config, ctx } = run;
  const relFile = rel(ctx.baseDir, file);
  let fileMode: string | undefined;
  let bytes: Uint8Array;
  try {
    const info = await ctx.fs.stat(file);
    if ('mode' in info && typeof info.mode === 'number') fileMode = octal(info.mode);
    if (info.size > config.maxFileBytes) throw new CollectError('too-large', `${relFile}: ${info.size} bytes exceeds the limit of ${config.maxFileBytes}`);
    if (info.size > run.remainingBytes) return false;
    run.remainingBytes -= info.size;
    bytes = await ctx.fs.readFile(file, config.maxFileBytes);
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
    return true;
  }
  const passwords: KeystorePassword[] = [
    ...(config.tryEmptyPassword ? [{ label: 'empty password', value: '' }] : []),
    ...run.passwords.filter((p) => !p.appliesTo || p.appliesTo.matches(relFile)),
  ];
  const findings = readPkiFile(bytes, relFile, passwords);
  const problems = [...findings.problems];
  const certificates: ReadFile['certificates'] = [];
  let failed = 0;
  let firstError = '';
  for (const cert of findings.certificates) {
    try {
      certificates.push({ facts: toCertificateFacts(cert.der), location: cert.location, attributes: { ...cert.attributes } });
    } catch (error) {
      failed++;
      firstError ||= `certificate ${cert.location.slice(relFile.length + 1)}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (failed > 0) problems.push({ code: 'parse', message: failed === 1 ? firstError : `${failed} certificates unreadable, first ${firstError}` });
  const keys = findings.keys.map((key) => keyData(key, fileMode));
  // The file may hold private keys: clear the buffer now that facts are computed (certificate DER views die with it).
  bytes.fill(0);
  if (certificates.length === 0 && keys.length === 0 && problems.length === 0) problems.push({ code: 'parse', message: 'no certificate or private key found' });
  if (problems.length > 0) {
    const code: ProblemCode = problems[0]!.code;
    ctx.problem(target, new CollectError(code, `${relFile}: ${problems.map((p) => p.message).join('; ')}`));
  }
  run.files.push({ target, ...(fileMode !== undefined ? { fileMode } : {}), certificates, keys });
  return true;
}

/** Private-key evidence data; a keystore key's public facts come from the certificate the keystore binds it to. */
function keyData(key: FoundKey, fileMode: string | undefined): PrivateKeyData {
  let facts = key.facts;
  if (key.certificate && facts.spkiSha256 === undefined) {
    try {
      const cert = toCertificateFacts(key.certificate);
      facts = {
        ...facts,
        keyAlgorithm: cert.keyAlgorithm === 'other' ? (cert.keyAlgorithmName ?? cert.keyAlgorithmOid) : cert.keyAlgorithm,
        ...(cert.keySizeBits !== undefined ? { keySizeBits: cert.keySizeBits } : {}),
        ...(cert.curve !== undefined ? { curve: cert.curve } : {}),
        spkiSha256: cert.spkiSha256,
        publicKeySource: 'keystore-certificate',
      };
    } catch {
      // An unreadable chain certificate is reported with the certificates; the key keeps what is visible.
    }
  }
  return { ...facts, location: key.location, ...(fileMode !== undefined ? { fileMode } : {}), ...(key.alias !== undefined ? { alias: key.alias } : {}) };
}

/** Emits every certificate (with a pairedKey attribute when a key with the same SPKI was found) and every key. */
function emitAll(run: Run): void {
  const keyLocations = new Map<string, string>();
  for (const file of run.files) {
    for (const key of file.keys) if (key.spkiSha256 !== undefined && !keyLocations.has(key.spkiSha256)) keyLocations.set(key.spkiSha256, key.location);
  }
  for (const file of run.files) {
    for (const { facts, location, attributes } of file.certificates) {
      const keyLocation = keyLocations.get(facts.spkiSha256);
      const sighting: Sighting = {
        collector: ID,
        target: file.target,
        location,
        attributes: {
          ...attributes,
          ...(file.fileMode !== undefined ? { fileMode: file.fileMode } : {}),
          ...(keyLocation !== undefined ? { pairedKey: 'true', keyLocation } : {}),
        },
      };
      run.ctx.emit('certificate', file.target, { ...facts, sightings: [sighting] });
    }
    // Keys are keyed by their own location so that several keys under one configured path stay distinct.
    for (const key of file.keys) run.ctx.emit('private-key', key.location, key);
  }
}
