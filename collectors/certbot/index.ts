import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { listConfigFiles, readConfigText, relativeError, relativePath } from '../../src/ca-config/read-config-file.js';
import { collectSecretValues, stripSecrets } from '../../src/ca-config/secrets.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { CertbotConfig } from './config.js';
import { type LineageCertificate, normaliseRenewal, type Scheduler } from './normalise.js';
import { parseRenewalConf } from './renewal-conf.js';

const ID = 'certbot';
const MAX_SIDE_FILE_BYTES = 1_000_000;
const TIMER = /^(snap\.)?certbot([.-]renew)?\.timer$/;
const CRON_LINE = /\bcertbot\b|\bletsencrypt\s+renew\b|certbot-auto/;

/** Reads certbot renewal configurations, their lineage certificates and (with hostRoot) the renewal scheduler. */
export default defineCollector({
  id: ID,
  title: 'certbot renewal configuration',
  description: 'Reads certbot renewal/*.conf lineages (ACME server, key type, reuse_key, hooks, renewal window), their live/ certificates and, on a host root, the systemd timer or cron entry that runs renewals.',
  config: CertbotConfig,
  produces: ['ca-config', 'certificate'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    const hostRoot = config.hostRoot === undefined ? undefined : resolve(ctx.baseDir, config.hostRoot);
    const schedulers = hostRoot === undefined ? undefined : await findSchedulers(hostRoot, ctx);
    await Promise.all(config.paths.map((path) => collectPath(path, config, ctx, hostRoot, schedulers)));
  },
});

async function renewalFiles(root: string, config: CertbotConfig, ctx: CollectorContext): Promise<{ files: string[]; truncated: boolean }> {
  const info = await ctx.fs.stat(root);
  if (info.isFile) return { files: [root], truncated: false };
  let folder = root;
  try {
    if ((await ctx.fs.stat(join(root, 'renewal'))).isDirectory) folder = join(root, 'renewal');
  } catch {
    folder = root; // not a certbot configuration folder: read the .conf files where they are
  }
  const listed = await listConfigFiles(ctx.fs, folder, { recursive: false, extensions: ['.conf'], maxFiles: config.maxFiles });
  return { files: listed.files, truncated: listed.truncated };
}

async function collectPath(target: string, config: CertbotConfig, ctx: CollectorContext, hostRoot: string | undefined, schedulers: readonly Scheduler[] | undefined): Promise<void> {
  const root = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let listed;
  try {
    listed = await renewalFiles(root, config, ctx);
  } catch (error) {
    ctx.problem(target, relativeError(error, root, target));
    return;
  }
  if (listed.truncated) ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} renewal files; the rest were not read`));
  await Promise.all(listed.files.map((file) => ctx.limit(() => collectFile(file, target, config, ctx, hostRoot, schedulers))));
}

async function collectFile(file: string, target: string, config: CertbotConfig, ctx: CollectorContext, hostRoot: string | undefined, schedulers: readonly Scheduler[] | undefined): Promise<void> {
  const relFile = relativePath(ctx.baseDir, file);
  let conf;
  try {
    const { text } = await readConfigText(ctx.fs, file, config.maxFileBytes);
    conf = parseRenewalConf(text);
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
    return;
  }
  const lineage = basename(file).replace(/\.conf$/i, '');
  const certificate = config.readCertificates ? await readLineage(file, lineage, conf.top, target, relFile, ctx, hostRoot) : undefined;
  const data = normaliseRenewal(conf, { lineage, relFile, ...(certificate ? { certificate } : {}), ...(schedulers ? { schedulers } : {}) });
  ctx.emit('ca-config', `${target}#${relFile}`, stripSecrets(data, collectSecretValues(conf)));
}

/** Where a lineage file lives: under hostRoot for absolute paths, else in <config dir>/live/<lineage>/ next to renewal/. */
function lineageFile(file: string, lineage: string, recorded: string | undefined, name: string, hostRoot: string | undefined): string | undefined {
  if (hostRoot !== undefined && recorded !== undefined && isAbsolute(recorded)) {
    const candidate = join(hostRoot, recorded);
    const r = relative(hostRoot, candidate);
    return r.startsWith('..') ? undefined : candidate;
  }
  const folder = dirname(file);
  return basename(folder) === 'renewal' ? join(dirname(folder), 'live', lineage, name) : undefined;
}

async function firstCertificates(path: string | undefined, ctx: CollectorContext): Promise<{ der: Uint8Array }[]> {
  if (path === undefined) return [];
  try {
    return readCertificates(await ctx.fs.readFile(path, MAX_SIDE_FILE_BYTES), basename(path)).certificates;
  } catch {
    return [];
  }
}

async function readLineage(file: string, lineage: string, top: Readonly<Record<string, string>>, target: string, relFile: string, ctx: CollectorContext, hostRoot: string | undefined): Promise<LineageCertificate | undefined> {
  const certPath = lineageFile(file, lineage, top.cert, 'cert.pem', hostRoot);
  const [leaf] = await firstCertificates(certPath, ctx);
  if (!leaf || certPath === undefined) return undefined;
  let facts;
  try {
    facts = toCertificateFacts(leaf.der);
  } catch (error) {
    ctx.problem(target, new CollectError('parse', `${relativePath(ctx.baseDir, certPath)}: ${error instanceof Error ? error.message : String(error)}`));
    return undefined;
  }
  const location = relativePath(ctx.baseDir, certPath);
  ctx.emit('certificate', target, { ...facts, sightings: [{ collector: ID, target, location, attributes: { managedBy: 'certbot', lineage, renewalConf: relFile } }] });
  const chain = (await firstCertificates(lineageFile(file, lineage, top.chain, 'chain.pem', hostRoot), ctx)).flatMap((c) => {
    try {
      return [toCertificateFacts(c.der)];
    } catch {
      return [];
    }
  });
  return { sha256: facts.sha256, validitySeconds: facts.validitySeconds, chainSha256: chain.map((c) => c.sha256), ...(chain[0] ? { chainSubject: chain[0].subject } : {}) };
}

async function listDir(path: string, ctx: CollectorContext): Promise<readonly { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]> {
  try {
    return await ctx.fs.readDir(path);
  } catch {
    return [];
  }
}

/** Finds certbot timers (systemd, snap) and cron entries that run renewals under a host root. */
async function findSchedulers(hostRoot: string, ctx: CollectorContext): Promise<Scheduler[]> {
  const timers = new Map<string, { file?: string; enabled: boolean }>();
  const systemdDirs = ['etc/systemd/system', 'lib/systemd/system', 'usr/lib/systemd/system'];
  for (const dir of systemdDirs) {
    const base = join(hostRoot, dir);
    for (const entry of await listDir(base, ctx)) {
      if (entry.isDirectory && dir === 'etc/systemd/system') {
        for (const inner of await listDir(join(base, entry.name), ctx)) {
          if (!TIMER.test(inner.name)) continue;
          const timer = timers.get(inner.name) ?? { enabled: false };
          if (entry.name.endsWith('.wants')) timer.enabled = true;
          timer.file ??= relativePath(ctx.baseDir, join(base, entry.name, inner.name));
          timers.set(inner.name, timer);
        }
      } else if (TIMER.test(entry.name)) {
        const timer = timers.get(entry.name) ?? { enabled: false };
        timer.file = relativePath(ctx.baseDir, join(base, entry.name));
        timers.set(entry.name, timer);
      }
    }
  }
  const found: Scheduler[] = [...timers.values()].map((t) => ({ kind: 'systemd timer', file: t.file ?? '', enabled: t.enabled }));
  const cronFiles: string[] = [join(hostRoot, 'etc/crontab')];
  for (const dir of ['etc/cron.d', 'etc/cron.hourly', 'etc/cron.daily', 'etc/cron.weekly', 'etc/cron.monthly', 'var/spool/cron/crontabs', 'var/spool/cron']) {
    for (const entry of await listDir(join(hostRoot, dir), ctx)) if (entry.isFile || entry.isSymbolicLink) cronFiles.push(join(hostRoot, dir, entry.name));
  }
  for (const path of cronFiles) {
    let text: string;
    try {
      text = (await readConfigText(ctx.fs, path, MAX_SIDE_FILE_BYTES)).text;
    } catch {
      continue; // absent or unreadable: not a scheduler
    }
    if (text.split('\n').some((line) => !line.trimStart().startsWith('#') && CRON_LINE.test(line))) found.push({ kind: 'cron', file: relativePath(ctx.baseDir, path) });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}
