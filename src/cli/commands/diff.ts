import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { diffReports, renderDiff } from '../../history/diff.js';
import type { HistoryStore } from '../../history/store.js';
import { readReport } from '../../report/read-report.js';
import type { ScanReport } from '../../report/report.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';
import { storeFromOptions } from './history.js';

function looksLikeFile(ref: string, io: CliIo): boolean {
  return /\.json$/i.test(ref) || ref.includes('/') || existsSync(resolve(io.cwd, ref));
}

async function load(ref: string, io: CliIo, store: () => Promise<HistoryStore>): Promise<{ report: ScanReport; label: string }> {
  if (looksLikeFile(ref, io)) return { report: await readReport(resolve(io.cwd, ref), io.cwd), label: ref };
  const s = await store();
  const id = await s.resolveId(ref);
  return { report: await s.load(id), label: ref === id ? id : `${ref} (${id})` };
}

/** `pkimm diff A B`: what changed between two scans (history ids, latest, previous) or two report files. */
export const diffCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('diff')
      .description('What changed between two scans: certificates, issuers, findings, levels (ids, latest, previous, or report files)')
      .argument('[from]', 'earlier scan: id, "previous", or a report.json', 'previous')
      .argument('[to]', 'later scan: id, "latest", or a report.json', 'latest')
      .option('--store <location>', 'history store for scan ids (or PKIMM_HISTORY)')
      .option('--json', 'print the diff as JSON')
      .action(async (from: string, to: string, options: { store?: string; json?: boolean }) => {
        let opened: HistoryStore | undefined;
        const store = async () => (opened ??= await storeFromOptions(options.store, io));
        try {
          const a = await load(from, io, store);
          const b = await load(to, io, store);
          const diff = diffReports(a.report, b.report, { from: a.label, to: b.label });
          io.out(options.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
        } finally {
          await opened?.close();
        }
        setExitCode(ExitCode.Ok);
      });
  },
};
