import { join, resolve } from 'node:path';
import type { AnswersFile } from '../../model/answers.js';
import type { PkimmExtension, PkimmModel } from '../../model/pkimm/types.js';
import { builtInCollectors } from '../../collectors/index.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { loadModel } from '../../model/pkimm/load-model.js';
import type { ScanConfig } from '../config/scan-config.js';
import { displayPath } from '../config/load-file.js';
import { loadDeclaredInventory, type DeclaredInventory } from '../inventory/declared.js';
import { buildInventory } from '../inventory/inventory.js';
import { reconcile, summariseReconciliation } from '../inventory/reconcile.js';
import { summariseInventory } from '../inventory/summary.js';
import { loadWaivers, resolvePolicyConfig } from '../policy/load-policy.js';
import { answersSummary, buildReport } from '../report/build-report.js';
import type { ScanReport } from '../report/report.js';
import { normalizeAnswers } from '../score/normalize-answers.js';
import { silentLogger, type FileSystem, type HttpClient, type Logger, type TlsProbe } from './collector-context.js';
import { collect, validateCollectorConfigs } from './collect.js';
import type { Assessor, ScanFacts } from './define-assessor.js';
import type { Collector } from './define-collector.js';
import type { AnyRule } from './define-rule.js';
import { assess } from './assess.js';
import { createHttpClient } from './http-client.js';
import { createTlsProbe } from './tls-probe.js';
import { loadPreviousScan, narrowPrevious, type GivenReport } from './previous-scan.js';
import { nodeFileSystem } from './file-system.js';
import { policyScopeDomains } from './scope-domains.js';
import { TOOL_VERSION } from '../version.js';
import { withCertificateFactsDefaults } from '../pki/certificate-facts.js';
import { loadDebianWeakKeyLists } from '../pki/weak-keys.js';
import type { CollectResult } from './collect.js';
import type { Shard } from './shard.js';

/** Options of one scan. Everything with a side effect can be injected (tests pin the clock and fake the network). */
export interface ScanOptions {
  readonly config: ScanConfig;
  /** Directory the configuration's relative paths resolve against; also the root for relative paths in the report. */
  readonly baseDir: string;
  /** Name of the configuration file, for messages. */
  readonly configSource?: string;
  readonly now?: () => Date;
  readonly log?: Logger;
  /** An already loaded model; otherwise `config.model` is loaded. */
  readonly model?: PkimmModel;
  /** Already loaded answers; otherwise `config.answers` is read. */
  readonly answers?: { readonly file: AnswersFile; readonly source: string };
  readonly extensions?: readonly PkimmExtension[];
  readonly cacheDir?: string;
  /** Earlier scan times (ISO), newest first; otherwise read from the previous report in the output directory. */
  readonly previousScans?: readonly string[];
  /**
   * The previous scan checks compare with (CRL numbers, CA-configuration drift): a report path (relative to `baseDir`)
   * or an already parsed report with a name for messages. Default: the report in the output directory.
   */
  readonly previousReport?: string | GivenReport;
  readonly collectors?: readonly Collector[];
  readonly rules?: readonly AnyRule[];
  readonly assessors?: readonly Assessor[];
  readonly http?: HttpClient;
  readonly tls?: TlsProbe;
  readonly fs?: FileSystem;
  /** Observe only this shard's share of the targets (`--shard i/n`). */
  readonly shard?: Shard;
  /** Evidence collected elsewhere (merged shard bundles): skips collection and assesses this instead. */
  readonly collected?: CollectResult & { readonly startedAt: string; readonly finishedAt: string };
  /** Called with what collection produced, before assessment (evidence bundles are written from it). */
  readonly onCollected?: (collected: CollectResult, startedAt: Date, finishedAt: Date) => void | Promise<void>;
}

/** Collects evidence, runs checks and assessors, merges answers and scores: one complete scan. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const { config, baseDir } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLogger;
  const source = options.configSource ?? 'scan configuration';
  const collectors = options.collectors ?? builtInCollectors;
  const rules = options.rules ?? builtInRules;
  const assessors = options.assessors ?? builtInAssessors;

  // Everything that can be wrong with the input is found before any I/O.
  const parsed = validateCollectorConfigs(collectors, config.collectors, source);
  const model = options.model ?? (await loadModel({ ...(config.model === undefined ? {} : { model: config.model }), baseDir, ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }) }));
  let answers = options.answers;
  if (!answers && config.answers !== undefined) {
    const { loadAnswersFile } = await import('../score/load-answers.js');
    answers = { file: await loadAnswersFile(config.answers, baseDir), source: displayPath(config.answers, baseDir) };
  }
  const normalized = answers ? normalizeAnswers(answers.file, model, answers.source) : undefined;
  let extensions = options.extensions;
  if (!extensions && config.extensions.length > 0) {
    const { loadExtension } = await import('../../model/pkimm/extension.js');
    extensions = await Promise.all(config.extensions.map((p) => loadExtension(resolve(baseDir, p))));
  }
  const declared: DeclaredInventory | undefined = config.inventory.declared === undefined ? undefined : await loadDeclaredInventory(config.inventory.declared, baseDir);
  const policy = await resolvePolicyConfig(config.policy, baseDir);
  // Collectors that work by domain also take the profile's domains in scope (each may opt out with policyDomains: false).
  const scopeDomains = policyScopeDomains(policy.profile);
  for (const [collector, slice] of parsed) if (collector.withScopeDomains) parsed.set(collector, collector.withScopeDomains(slice, scopeDomains));
  const waivers = await loadWaivers(config.waivers, baseDir);
  const debianWeakKeys = await loadDebianWeakKeyLists(config.weakKeys.debianBlocklists, baseDir);

  const startedAt = options.collected ? new Date(options.collected.startedAt) : now();
  const prior = await loadPreviousScan({
    ...(options.previousReport === undefined ? {} : { given: options.previousReport }),
    outputReport: join(config.output.dir, 'report.json'),
    baseDir,
    collectors: [...parsed.keys()].map((c) => c.id),
    startedAt,
    log,
  });
  const previousScans = options.previousScans ?? prior.outputScanTimes;
  log.info(`pkimm-scan ${TOOL_VERSION}: scanning with ${parsed.size} collector(s), model ${model.version}`);
  // Every certificate parsed during collection checks the configured weak-key lists.
  const collected = options.collected ?? await withCertificateFactsDefaults(debianWeakKeys === undefined ? {} : { debianWeakKeys }, () => collect(parsed, {
    http: options.http ?? createHttpClient({ userAgent: `pkimm-scan/${TOOL_VERSION}`, network: config.network }),
    tls: options.tls ?? createTlsProbe(),
    fs: options.fs ?? nodeFileSystem,
    now,
    log,
    baseDir,
    concurrency: config.concurrency,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  }));
  const finishedAt = options.collected ? new Date(options.collected.finishedAt) : now();
  await options.onCollected?.(collected, startedAt, finishedAt);

  const inventory = buildInventory(collected.evidence);
  const reconciliation = declared === undefined ? undefined : summariseReconciliation(reconcile(inventory, declared, startedAt));
  const facts: ScanFacts = {
    now: startedAt,
    sourceTypes: Object.entries(collected.collectors)
      .filter(([, s]) => s.configured > 0)
      .map(([id]) => id)
      .sort(),
    targets: Object.fromEntries(Object.entries(collected.collectors).map(([id, s]) => [id, { configured: s.configured, observed: s.observed }])),
    ...(declared === undefined ? {} : { declaredInventory: declared }),
    ...(reconciliation === undefined ? {} : { reconciliation }),
    inventoryAdopted: config.inventory.adopted,
    previousScans,
    attestations: config.attestations,
    ...(prior.previous === undefined ? {} : { previous: narrowPrevious(prior.previous, Object.keys(collected.collectors), collected.problems) }),
  };
  const { results, statements, assessment, waivers: waiverOutcome } = assess({
    model,
    evidence: collected.evidence,
    facts,
    problems: collected.problems,
    ...(normalized === undefined ? {} : { answers: normalized }),
    mode: config.scoring.mode,
    ...(extensions === undefined ? {} : { extensions }),
    rules,
    assessors,
    disable: config.rules.disable,
    ruleOptions: config.rules.options,
    policy: policy.profile,
    waivers,
  });
  return buildReport({
    model,
    assessment,
    generatedAt: finishedAt,
    results,
    statements,
    evidence: collected.evidence,
    problems: collected.problems,
    rules: rules.filter((r) => !config.rules.disable.includes(r.id)),
    assessors,
    scan: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      collectors: collected.collectors,
      previousScans,
      ...(declared === undefined ? {} : { declaredInventory: { source: declared.source, records: declared.records } }),
    },
    ...(answers === undefined || normalized === undefined ? {} : { answers: answersSummary(answers, normalized) }),
    inventory: summariseInventory(inventory, startedAt, reconciliation),
    waivers: waiverOutcome,
    policy: { name: policy.profile.name, sources: policy.sources },
  });
}
