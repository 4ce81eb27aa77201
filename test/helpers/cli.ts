import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/types.js';

/** Runs the CLI in-process and captures its output. */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? { PKIMM_CACHE_DIR: '/nonexistent-pkimm-cache' },
  };
  const code = await main(['node', 'pkimm', ...args], io);
  return { code, out, err };
}
