import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { CertFileConfig } from './config.js';

const ID = 'cert-file';

/** Reads certificates from PEM/DER files and folders and emits one certificate evidence per certificate. */
export default defineCollector({
  id: ID,
  title: 'Certificate files',
  description: 'Reads PEM and DER certificate files (single files, bundles, folders) and records each certificate’s facts.',
  config: CertFileConfig,
  produces: ['certificate'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((path) => collectPath(path, config, ctx)));
  },
});

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

async function collectPath(target: string, config: CertFileConfig, ctx: CollectorContext): Promise<void> {
  const root = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let info;
  try {
    info = await ctx.fs.stat(root);
  } catch (error) {
    ctx.problem(target, relativeError(error, root, target));
    return;
  }
  const files: string[] = [];
  if (info.isFile) {
    files.push(root);
  } else if (info.isDirectory) {
    const truncated = await walk(root, target, config, ctx, files);
    if (truncated) {
      ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} files; the rest were not read`));
    }
  } else {
    ctx.problem(target, new CollectError('other', `${target}: neither a file nor a folder`));
    return;
  }
  await Promise.all(files.map((file) => ctx.limit(() => collectFile(file, target, config, ctx))));
}

/** Collects matching files under `dir` into `files`; returns true when maxFiles cut the walk short. */
async function walk(dir: string, target: string, config: CertFileConfig, ctx: CollectorContext, files: string[]): Promise<boolean> {
  const extensions = config.extensions.map((e) => e.toLowerCase());
  const visited = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let real: string;
    let entries;
    try {
      real = await ctx.fs.realPath(current);
      if (visited.has(real)) continue; // symlink loop or a folder reached twice
      visited.add(real);
      entries = await ctx.fs.readDir(current);
    } catch (error) {
      ctx.problem(target, relativeError(error, current, rel(ctx.baseDir, current)));
      continue;
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(current, entry.name);
      let isFile = entry.isFile;
      let isDirectory = entry.isDirectory;
      if (entry.isSymbolicLink) {
        try {
          const linked = await ctx.fs.stat(path);
          isFile = linked.isFile;
          isDirectory = linked.isDirectory;
        } catch {
          continue; // dangling link: nothing to read
        }
      }
      if (isDirectory) {
        if (config.recursive) stack.push(path);
      } else if (isFile && extensions.some((e) => entry.name.toLowerCase().endsWith(e))) {
        if (files.length >= config.maxFiles) return true;
        files.push(path);
      }
    }
  }
  files.sort();
  return false;
}

async function collectFile(file: string, target: string, config: CertFileConfig, ctx: CollectorContext): Promise<void> {
  const relFile = rel(ctx.baseDir, file);
  try {
    const bytes = await ctx.fs.readFile(file, config.maxFileBytes);
    const { certificates, problems } = readCertificates(bytes, relFile);
    let failed = 0;
    let firstError = '';
    for (const { der, index } of certificates) {
      try {
        const facts = toCertificateFacts(der);
        ctx.emit('certificate', target, { ...facts, sightings: [{ collector: ID, target, location: `${relFile}#${index}` }] });
      } catch (error) {
        failed++;
        firstError ||= `certificate #${index}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    if (failed > 0) problems.push(failed === 1 ? firstError : `${failed} certificates unreadable, first ${firstError}`);
    if (certificates.length === 0 && problems.length === 0) problems.push('no certificate found');
    if (problems.length > 0) ctx.problem(target, new CollectError('parse', `${relFile}: ${problems.join('; ')}`));
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
  }
}
