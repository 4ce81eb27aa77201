import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { HISTORY_ENV, openHistory, type HistoryStore, type ScanSummary, type TrendPoint } from '../../history/store.js';
import { parseAge, parseNumber } from '../options.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

/** Opens the store named by --store or PKIMM_HISTORY; throws a usage error when neither is given. */
export async function storeFromOptions(store: string | undefined, io: CliIo): Promise<HistoryStore> {
  const location = store ?? io.env[HISTORY_ENV];
  if (location === undefined || location === '') throw new ConfigError(`give --store PATH|postgres://... or set ${HISTORY_ENV}`, '--store');
  return openHistory(location, io.cwd);
}

function level(raw: number | null, lvl: number): string {
  return raw === null ? 'not evaluated' : `${raw.toFixed(2)} (level ${String(lvl)})`;
}

function listText(scans: readonly ScanSummary[], location: string): string {
  if (scans.length === 0) return `no scans recorded in ${location}\n`;
  const rows = scans.map((s) => [s.id, s.scannedAt, level(s.overallRaw, s.overallLevel), String(s.certificates), String(s.findings), String(s.problems)]);
  const head = ['scan id', 'scanned at', 'overall', 'certificates', 'findings', 'problems'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

function sparkline(points: readonly TrendPoint[]): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const bars = '▁▂▃▄▅▆▇█';
  return points.map((p) => (p.value === null ? ' ' : bars[max === min ? 3 : Math.round(((p.value - min) / (max - min)) * 7)])).join('');
}

function trendLine(name: string, points: readonly TrendPoint[]): string {
  const last = points.at(-1)?.value;
  const first = points[0]?.value;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));
  return `${name.padEnd(28)} ${sparkline(points)}  ${fmt(first)} → ${fmt(last)}`;
}

/** `pkimm history`: lists recorded scans; `history prune` applies retention; `history trends` shows series. */
export const historyCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    const history = program
      .command('history')
      .description(`Recorded scans (SQLite file or PostgreSQL; --store or ${HISTORY_ENV})`)
      .option('--store <location>', 'history store: a SQLite file path, sqlite:PATH, or postgres://user@host/db')
      .option('--limit <n>', 'show at most this many scans', '50')
      .option('--json', 'print JSON')
      .action(async (options: { store?: string; limit: string; json?: boolean }) => {
        const store = await storeFromOptions(options.store, io);
        try {
          const scans = await store.list(parseNumber(options.limit, '--limit'));
          io.out(options.json ? `${JSON.stringify(scans, null, 2)}\n` : listText(scans, store.location));
        } finally {
          await store.close();
        }
        setExitCode(ExitCode.Ok);
      });
    history
      .command('prune')
      .description('Delete scans older than an age, always keeping the newest ones')
      .requiredOption('--keep <age>', 'keep scans newer than this age, e.g. 90d, 12w, 1y')
      .option('--keep-last <n>', 'always keep at least this many newest scans', '1')
      .option('--store <location>', 'history store (as for pkimm history)')
      .action(async (options: { keep: string; keepLast: string; store?: string }, command: Command) => {
        const parentStore = command.parent?.opts<{ store?: string }>().store;
        const store = await storeFromOptions(options.store ?? parentStore, io);
        try {
          const cutoff = new Date(Date.now() - parseAge(options.keep, '--keep'));
          const deleted = await store.prune(cutoff, parseNumber(options.keepLast, '--keep-last'));
          io.out(`pruned ${String(deleted)} scan${deleted === 1 ? '' : 's'} recorded before ${cutoff.toISOString()} from ${store.location}\n`);
        } finally {
          await store.close();
        }
        setExitCode(ExitCode.Ok);
      });
    history
      .command('trends')
      .description('Overall and category levels, expiring certificates, automation coverage and shadow issuance over time')
      .option('--store <location>', 'history store (as for pkimm history)')
      .option('--limit <n>', 'use at most this many newest scans', '90')
      .option('--json', 'print JSON')
      .action(async (options: { store?: string; limit: string; json?: boolean }, command: Command) => {
        const parentStore = command.parent?.opts<{ store?: string }>().store;
        const store = await storeFromOptions(options.store ?? parentStore, io);
        try {
          const trends = await store.trends(parseNumber(options.limit, '--limit'));
          if (options.json) io.out(`${JSON.stringify(trends, null, 2)}\n`);
          else {
            const lines = [`${String(trends.overall.length)} scans in ${store.location}`, trendLine('overall', trends.overall)];
            for (const [id, points] of Object.entries(trends.categories).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))) lines.push(trendLine(`category ${id}`, points));
            for (const name of ['certificates', 'certificates.expiring-30d', 'certificates.expired', 'automation.coverage', 'ct.shadow-issuance', 'findings.high', 'findings.critical']) {
              const points = trends.metrics[name];
              if (points) lines.push(trendLine(name, points));
            }
            io.out(`${lines.join('\n')}\n`);
          }
        } finally {
          await store.close();
        }
        setExitCode(ExitCode.Ok);
      });
  },
};
