import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { isScanError, oneLine } from '../errors.js';
import { formatZodError } from '../config/load-file.js';
import { TOOL_VERSION } from '../version.js';
import { diffCommand } from './commands/diff.js';
import { gateCommand } from './commands/gate.js';
import { historyCommand } from './commands/history.js';
import { mergeCommand } from './commands/merge.js';
import { inventoryCommand } from './commands/inventory.js';
import { modelCommand } from './commands/model.js';
import { answersCommand } from './commands/answers.js';
import { prefillCommand } from './commands/prefill.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { scoreCommand } from './commands/score.js';
import { ExitCode, type CliIo } from './types.js';

/** The real process's streams and environment. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY,
  env: process.env,
};

/** Prints an error: one line for expected errors, a stack and a request to report for anything else. */
export function reportError(error: unknown, io: CliIo): ExitCode {
  if (isScanError(error)) {
    io.err(`pkimm: ${oneLine(error)}\n`);
    return ExitCode.Usage;
  }
  if (error instanceof ZodError) {
    io.err(`pkimm: ${formatZodError(error, 'invalid options')}\n`);
    return ExitCode.Usage;
  }
  io.err(`pkimm: internal error: ${oneLine(error)}\n${error instanceof Error && error.stack ? `${error.stack}\n` : ''}This is a bug in pkimm-scan; please report it with the command you ran.\n`);
  return ExitCode.Usage;
}

/** Runs the CLI with the given argv (as process.argv: node, script, args...) and returns the exit code. Never exits. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const program = new Command('pkimm')
    .description('Measure PKI maturity from observable evidence and score it with the PKI Maturity Model (PKIMM).')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const command of [scanCommand, scoreCommand, gateCommand, modelCommand, historyCommand, diffCommand, mergeCommand, inventoryCommand, prefillCommand, rulesCommand, answersCommand]) {
    command.register(program, io, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    return reportError(error, io);
  }
}
