import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: { readonly version: string; readonly source: string } | undefined;

/**
 * Returns Chart.js's UMD build (MIT licence, its banner kept) and version, read once from node_modules. The package
 * exports no path to the UMD file, so it is found next to the CommonJS entry point. Throws when chart.js is missing.
 */
export function chartJs(): { readonly version: string; readonly source: string } {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('chart.js'));
    const source = readFileSync(join(dist, 'chart.umd.js'), 'utf8');
    const version = /Chart\.js v(\d+\.\d+\.\d+)/.exec(source)?.[1] ?? 'unknown';
    // Inside an HTML script element "</script" would end the element early; the build has none, but stay safe.
    cached = { version, source: source.replace(/<\/(script)/gi, '<\\/$1').trimEnd() };
  }
  return cached;
}
