import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { listConfigFiles, readConfigText, relativeError, relativePath } from '../../src/ca-config/read-config-file.js';
import { collectSecretValues, redactText, stripSecrets } from '../../src/ca-config/secrets.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { OpenSslCaConfig } from './config.js';
import { type CaFiles, caFilePaths, caSections, normaliseCaSection, normaliseReqTemplate, parseIndex } from './normalise.js';
import { type IncludeReader, type OpenSslConf, parseOpenSslConf } from './openssl-cnf.js';

const ID = 'openssl-ca';
const MAX_SMALL_FILE_BYTES = 1_000_000;
const INCLUDE_EXTENSIONS = ['.cnf', '.conf'];

/** Reads `openssl ca` configurations (openssl.cnf CA sections, extension sections) and the CA database they name. */
export default defineCollector({
  id: ID,
  title: 'OpenSSL CA configuration',
  description: 'Reads openssl.cnf CA sections (validity, CRL period, digest, policy, copy_extensions, extension profiles) with $var expansion and .include, and the CA database: index.txt counts, serial, crlnumber, CA certificate.',
  config: OpenSslCaConfig,
  produces: ['ca-config', 'certificate'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((path) => collectPath(path, config, ctx)));
  },
});

const isInside = (root: string, path: string): boolean => {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** Resolves a path from the configuration: relative to the file's folder; absolute paths outside `root` are read under it. */
function resolveIn(root: string, baseFolder: string, path: string): string | undefined {
  const candidate = isAbsolute(path) ? (isInside(root, path) ? path : join(root, path)) : resolve(baseFolder, path);
  return isInside(root, candidate) ? candidate : undefined;
}

async function collectPath(target: string, config: OpenSslCaConfig, ctx: CollectorContext): Promise<void> {
  const abs = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let listed;
  let root: string;
  try {
    listed = await listConfigFiles(ctx.fs, abs, config);
    root = config.root === undefined ? (listed.files.length === 1 && listed.files[0] === abs ? dirname(abs) : abs) : resolve(ctx.baseDir, config.root);
  } catch (error) {
    ctx.problem(target, relativeError(error, abs, target));
    return;
  }
  for (const { path, error } of listed.errors) ctx.problem(target, relativeError(error, path, relativePath(ctx.baseDir, path)));
  if (listed.truncated) ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} files; the rest were not read`));
  const named = listed.files.length === 1 && listed.files[0] === abs;
  await Promise.all(listed.files.map((file) => ctx.limit(() => collectFile(file, target, root, named, config, ctx))));
}

/** An include reader bounded by `root`: files and folders (their *.cnf / *.conf files), relative to the including file. */
function includeReader(root: string, ctx: CollectorContext, absolutes: Map<string, string>, maxBytes: number): IncludeReader {
  return async (path, fromFile) => {
    const from = absolutes.get(fromFile) ?? fromFile;
    const target = resolveIn(root, dirname(from), path);
    if (target === undefined) return { refused: 'outside the configured root' };
    let files: string[];
    try {
      const info = await ctx.fs.stat(target);
      files = info.isDirectory ? (await listConfigFiles(ctx.fs, target, { recursive: false, extensions: INCLUDE_EXTENSIONS, maxFiles: 64 })).files : [target];
    } catch {
      return { refused: 'not found' };
    }
    const out: { text: string; name: string }[] = [];
    for (const file of files) {
      const name = relativePath(ctx.baseDir, file);
      absolutes.set(name, file);
      out.push({ text: (await readConfigText(ctx.fs, file, maxBytes)).text, name });
    }
    return { files: out };
  };
}

async function collectFile(file: string, target: string, root: string, named: boolean, config: OpenSslCaConfig, ctx: CollectorContext): Promise<void> {
  const relFile = relativePath(ctx.baseDir, file);
  let conf: OpenSslConf;
  try {
    const { text } = await readConfigText(ctx.fs, file, config.maxFileBytes);
    conf = await parseOpenSslConf(text, relFile, includeReader(root, ctx, new Map([[relFile, file]]), config.maxFileBytes));
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
    return;
  }
  const plain = Object.fromEntries([...conf.sections].map(([name, s]) => [name, Object.fromEntries([...s].map(([k, v]) => [k, v.value]))]));
  const secrets = collectSecretValues(plain);
  const sections = caSections(conf);
  for (const section of sections) {
    const files = config.readDatabase ? await readCaFiles(conf, section, file, relFile, root, target, ctx, config) : { notRead: [] };
    ctx.emit('ca-config', `${target}#${relFile}#${section}`, stripSecrets(normaliseCaSection(conf, section, relFile, files), secrets));
  }
  if (sections.length > 0) return;
  const template = normaliseReqTemplate(conf, relFile);
  if (template) ctx.emit('ca-config', `${target}#${relFile}#req`, stripSecrets(template, secrets));
  else if (named) ctx.problem(target, new CollectError('other', `${redactText(relFile, secrets)}: not an openssl CA configuration: no [ca] section, no section with a database, and no [req] x509_extensions (a certificate-request configuration)`));
}

async function readCaFiles(conf: OpenSslConf, section: string, file: string, relFile: string, root: string, target: string, ctx: CollectorContext, config: OpenSslCaConfig): Promise<CaFiles> {
  const paths = caFilePaths(conf, section);
  const notRead: { field: string; path: string; reason: string }[] = [];
  const read = async (field: string, path: string | undefined, maxBytes: number): Promise<string | undefined> => {
    if (path === undefined) return undefined;
    const resolved = resolveIn(root, dirname(file), path);
    if (resolved === undefined) {
      notRead.push({ field, path, reason: 'outside the configured root' });
      return undefined;
    }
    try {
      return (await readConfigText(ctx.fs, resolved, maxBytes)).text;
    } catch (error) {
      const code = error instanceof CollectError ? error.code : 'other';
      notRead.push({ field, path, reason: code === 'not-found' ? 'not found' : code === 'too-large' ? `larger than ${maxBytes} bytes` : 'unreadable' });
      return undefined;
    }
  };
  const index = await read('database', paths.database, config.maxDatabaseBytes);
  const serial = (await read('serial', paths.serial, MAX_SMALL_FILE_BYTES))?.trim();
  const crlNumber = (await read('crlnumber', paths.crlnumber, MAX_SMALL_FILE_BYTES))?.trim();
  const pem = await read('certificate', paths.certificate, MAX_SMALL_FILE_BYTES);
  let certificate: CaFiles['certificate'];
  if (pem !== undefined) {
    try {
      const [first] = readCertificates(new TextEncoder().encode(pem), paths.certificate ?? 'certificate').certificates;
      if (first) {
        const facts = toCertificateFacts(first.der);
        ctx.emit('certificate', target, { ...facts, sightings: [{ collector: ID, target, location: `${relFile}#${section}.certificate`, attributes: { role: 'CA certificate', caSection: section } }] });
        certificate = { sha256: facts.sha256, subject: facts.subject, keyAlgorithm: facts.keyAlgorithm, ...(facts.keySizeBits !== undefined ? { keySizeBits: facts.keySizeBits } : {}) };
      } else notRead.push({ field: 'certificate', path: paths.certificate ?? '', reason: 'holds no certificate' });
    } catch (error) {
      notRead.push({ field: 'certificate', path: paths.certificate ?? '', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    ...(index !== undefined ? { index: parseIndex(index, ctx.now()) } : {}),
    ...(serial !== undefined && /^[0-9A-Fa-f]+$/.test(serial) ? { serial: serial.toUpperCase() } : {}),
    ...(crlNumber !== undefined && /^[0-9A-Fa-f]+$/.test(crlNumber) ? { crlNumber: crlNumber.toUpperCase() } : {}),
    ...(certificate ? { certificate } : {}),
    notRead,
  };
}
