import type { Command } from 'commander';

/** Exit codes: 0 ok, 1 a gate or threshold failed, 2 usage/config/internal error. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where the CLI writes. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Whether stdout is a terminal (colour, progress). */
  readonly isTTY?: boolean;
  /** Environment variables (PKIMM_CACHE_DIR, NO_COLOR, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One CLI command: registers itself on the program and reports its exit code through the callback. */
export interface CliCommand {
  register(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void;
}
