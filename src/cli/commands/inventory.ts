import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AnyEvidence } from '../../../model/evidence.js';
import { ScanConfig } from '../../config/scan-config.js';
import { displayPath, loadValidatedFile } from '../../config/load-file.js';
import { collect, validateCollectorConfigs } from '../../engine/collect.js';
import { nodeFileSystem } from '../../engine/file-system.js';
import { createHttpClient } from '../../engine/http-client.js';
import { createTlsProbe } from '../../engine/tls-probe.js';
import { ConfigError } from '../../errors.js';
import { loadDeclaredInventory } from '../../inventory/declared.js';
import { buildInventory } from '../../inventory/inventory.js';
import { filterRecords, isKeyType, KEY_TYPES, type InventoryFilter, type KeyType } from '../../inventory/query.js';
import { reconcile, type ReconciliationSummary } from '../../inventory/reconcile.js';
import { renderCsv, renderJson, renderTable, renderTree, type InventoryView } from '../../inventory/render.js';
import { readReport } from '../../report/read-report.js';
import { TOOL_VERSION } from '../../version.js';
import { builtInCollectors } from '../../../collectors/index.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface InventoryCliOptions {
  report?: string;
  config?: string;
  demo?: boolean;
  declared?: string;
  format?: string;
  output?: string;
  issuer?: string;
  expiringWithin?: string;
  keyType?: string[];
  source?: string;
  caOnly?: boolean;
  tree?: boolean;
  now?: string;
  quiet?: boolean;
}

const FORMATS = ['table', 'json', 'csv'] as const;
type InventoryFormat = (typeof FORMATS)[number];

const UNIT_DAYS: Readonly<Record<string, number>> = { h: 1 / 24, d: 1, w: 7, y: 365 };

/** Parses "30d", "12h", "2w", "1y" or a bare number of days; throws ConfigError naming the option. */
export function parseDays(value: string, option: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([hdwy]?)\s*$/i.exec(value);
  if (!match) throw new ConfigError(`${option} ${value}: expected a duration such as 30d, 12h, 2w or 1y`, option);
  return Number(match[1]) * UNIT_DAYS[(match[2] || 'd').toLowerCase()]!;
}

function parseKeyTypes(values: readonly string[] | undefined): KeyType[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase().replace(/-/g, ''))
    .map((v) => {
      if (!isKeyType(v)) throw new ConfigError(`--key-type ${v}: unknown key type (known: ${KEY_TYPES.join(', ')})`, '--key-type');
      return v;
    });
}

/** The evidence to inventory and, when known, the reconciliation with a declared inventory. */
interface Source {
  readonly evidence: readonly AnyEvidence[];
  readonly reconciliationSummary?: ReconciliationSummary;
  /** Declared inventory path from the scan configuration, resolved. */
  readonly declaredPath?: string;
}

async function fromConfig(path: string, io: CliIo, quiet: boolean): Promise<Source> {
  const configPath = resolve(io.cwd, path);
  const config = await loadValidatedFile(ScanConfig, configPath, io.cwd, 'scan configuration');
  const baseDir = dirname(configPath);
  const parsed = validateCollectorConfigs(builtInCollectors, config.collectors, `scan configuration ${displayPath(configPath, io.cwd)}`);
  const log = { debug: () => undefined, info: (m: string) => (quiet ? undefined : io.err(`${m}\n`)), warn: (m: string) => io.err(`warning: ${m}\n`) };
  log.info(`pkimm-scan ${TOOL_VERSION}: collecting with ${parsed.size} collector(s)`);
  const collected = await collect(parsed, {
    http: createHttpClient({ userAgent: `pkimm-scan/${TOOL_VERSION}`, network: config.network }),
    tls: createTlsProbe(),
    fs: nodeFileSystem,
    now: () => new Date(),
    log,
    baseDir,
    concurrency: config.concurrency,
  });
  for (const p of collected.problems) log.warn(`${p.collector} ${p.target}: ${p.message}`);
  return { evidence: collected.evidence, ...(config.inventory.declared === undefined ? {} : { declaredPath: resolve(baseDir, config.inventory.declared) }) };
}

async function fromDemo(io: CliIo, quiet: boolean): Promise<Source> {
  const { runDemo } = await import('../../demo/run-demo.js');
  const log = { debug: () => undefined, info: (m: string) => (quiet ? undefined : io.err(`${m}\n`)), warn: (m: string) => io.err(`warning: ${m}\n`) };
  const report = await runDemo({ log, cwd: io.cwd });
  const summary = report.inventory?.reconciliation;
  return { evidence: report.evidence, ...(summary === undefined ? {} : { reconciliationSummary: summary }) };
}

async function run(options: InventoryCliOptions, io: CliIo): Promise<ExitCode> {
  const sources = [options.report, options.config, options.demo].filter((s) => s !== undefined && s !== false).length;
  if (sources !== 1) throw new ConfigError('inventory: give exactly one of --report REPORT.json, --config FILE or --demo', '--report');
  const format = (options.format ?? 'table') as InventoryFormat;
  if (!FORMATS.includes(format)) throw new ConfigError(`--format ${options.format ?? ''}: expected table, json or csv`, '--format');
  if (options.tree && format !== 'table') throw new ConfigError('--tree draws text; use it without --format (the JSON output carries issuerSha256 and issued)', '--tree');
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new ConfigError(`--now ${options.now ?? ''}: expected an ISO-8601 date`, '--now');
  const filter: InventoryFilter = {
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.expiringWithin === undefined ? {} : { expiringWithinDays: parseDays(options.expiringWithin, '--expiring-within') }),
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.caOnly ? { caOnly: true } : {}),
  };
  const keyTypes = parseKeyTypes(options.keyType);
  const fullFilter: InventoryFilter = keyTypes === undefined ? filter : { ...filter, keyTypes };

  const quiet = options.quiet === true;
  let source: Source;
  if (options.report !== undefined) {
    const report = await readReport(options.report, io.cwd);
    const summary = report.inventory?.reconciliation;
    source = { evidence: report.evidence, ...(summary === undefined ? {} : { reconciliationSummary: summary }) };
  } else if (options.config !== undefined) {
    source = await fromConfig(options.config, io, quiet);
  } else {
    source = await fromDemo(io, quiet);
  }

  const inventory = buildInventory(source.evidence);
  const declaredPath = options.declared === undefined ? source.declaredPath : resolve(io.cwd, options.declared);
  const reconciliation = declaredPath === undefined ? source.reconciliationSummary : reconcile(inventory, await loadDeclaredInventory(declaredPath, io.cwd), now);
  const view: InventoryView = {
    inventory,
    records: filterRecords(inventory, fullFilter, now),
    now,
    ...(reconciliation === undefined ? {} : { reconciliation }),
  };
  const text = options.tree ? renderTree(view) : format === 'json' ? renderJson(view) : format === 'csv' ? renderCsv(view) : renderTable(view);
  if (options.output === undefined) {
    io.out(text);
  } else {
    const target = resolve(io.cwd, options.output);
    await writeFile(target, text);
    if (options.quiet !== true) io.err(`inventory: ${view.records.length} certificate(s) written to ${displayPath(target, io.cwd)}\n`);
  }
  return ExitCode.Ok;
}

/** `pkimm inventory`: the certificate inventory of a report, a scan configuration or the demo, as a table, CSV, JSON or tree. */
export const inventoryCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('inventory')
      .description('Print the certificate inventory (one line per certificate) of a report, a scan configuration or the demo')
      .option('-r, --report <report>', 'JSON report of an earlier scan')
      .option('-c, --config <file>', 'scan configuration whose collectors are run (no checks, no scoring)')
      .option('--demo', 'run the demo scan (generated PKI on loopback, no network) and inventory it')
      .option('--declared <file>', 'declared inventory (CSV or JSON) to reconcile with (default: inventory.declared of --config)')
      .option('-f, --format <format>', 'table (default), json or csv')
      .option('-o, --output <file>', 'write to this file instead of standard output')
      .option('--issuer <text>', 'only certificates whose issuer DN contains this text (case-insensitive)')
      .option('--expiring-within <duration>', 'only certificates not yet expired that expire within this time: 30d, 12h, 2w, 1y')
      .option('--key-type <type...>', `only these key types: ${KEY_TYPES.join(', ')}`)
      .option('--source <collector>', 'only certificates seen by this collector (cert-file, tls-endpoint, ...)')
      .option('--ca-only', 'only roots and intermediates')
      .option('--tree', 'draw the CA hierarchy instead of the table')
      .option('--now <date>', 'evaluate expiry at this ISO-8601 time instead of now')
      .option('-q, --quiet', 'print nothing but the inventory and errors')
      .action(async (options: InventoryCliOptions) => {
        setExitCode(await run(options, io));
      });
  },
};
