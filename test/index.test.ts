import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;

describe('library entry point', () => {
  it('imports without side effects: no Reflect polyfill, no listeners, no exit', () => {
    // A fresh process without the test setup (which loads reflect-metadata) proves the entry does not need it.
    const script = `
      const before = process.listenerCount('exit') + process.listenerCount('uncaughtException');
      const m = await import('./src/index.ts');
      const after = process.listenerCount('exit') + process.listenerCount('uncaughtException');
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), listeners: after - before, reflect: typeof Reflect.getMetadata }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.listeners).toBe(0);
    expect(result.reflect).toBe('undefined');
    expect(result.exports).toEqual(expect.arrayContaining(['scan', 'assess', 'score', 'render', 'evaluate', 'scoreAnswers', 'evaluateGate', 'loadModel']));
  });
});
