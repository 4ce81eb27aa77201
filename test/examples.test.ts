import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './helpers/cli.js';

const root = new URL('../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? files(path) : [path];
  });
}

/** Every `pkimm ...` invocation in a text, as argv (quotes and shell variables simplified). */
function invocations(text: string): string[][] {
  const out: string[][] = [];
  for (const match of text.matchAll(/(?:pkimm(?:-scan)?|\/app\/bin\/pkimm\.js) ((?:scan|score|gate|merge|history|diff|inventory|prefill|rules|answers|model)\b[^\n"\]`|]*)/g)) {
    out.push((match[1] ?? '').replace(/>>.*$|\|\|.*$/, '').trim().split(/\s+/));
  }
  return out;
}

describe('examples and scheduling files', () => {
  const exampleFiles = files('examples');

  it('parses every YAML example, and the Kubernetes ones are Jobs and CronJobs that run as non-root', () => {
    for (const path of exampleFiles.filter((p) => p.endsWith('.yaml') || p.endsWith('.yml'))) {
      const docs = parseAllDocuments(read(path));
      for (const doc of docs) expect(doc.errors, path).toEqual([]);
      if (!path.includes('kubernetes')) continue;
      const manifest = docs[0]?.toJS() as { apiVersion: string; kind: string; spec: Record<string, unknown> };
      expect(['CronJob', 'Job'], path).toContain(manifest.kind);
      expect(JSON.stringify(manifest), path).toContain('"runAsNonRoot":true');
    }
  });

  it('runs the sharded scan as an Indexed Job whose shard count matches its completions', () => {
    const job = parseAllDocuments(read('examples/kubernetes/indexed-job.yaml'))[0]?.toJS() as { spec: { completionMode: string; completions: number; template: { spec: { containers: { args: string[] }[] } } } };
    expect(job.spec.completionMode).toBe('Indexed');
    const args = job.spec.template.spec.containers[0]!.args.join(' ');
    expect(args).toContain(`--shard "$JOB_COMPLETION_INDEX/${String(job.spec.completions)}"`);
    expect(args).toContain('--bundle');
    expect(read('examples/kubernetes/merge-job.yaml')).toContain('merge --config /config/pkimm.yaml');
  });

  it('schedules the GitHub workflow nightly and uploads SARIF and the report', () => {
    const wf = parseAllDocuments(read('examples/ci/github-scheduled-scan.yml'))[0]?.toJS() as { on: { schedule: { cron: string }[] }; jobs: { scan: { steps: { uses?: string }[] } } };
    expect(wf.on.schedule[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const uses = wf.jobs.scan.steps.map((s) => s.uses ?? '');
    expect(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif'))).toBe(true);
    expect(uses.some((u) => u.startsWith('actions/upload-artifact'))).toBe(true);
  });

  it('has a systemd timer and service, and a crontab line', () => {
    expect(read('examples/schedule/systemd/pkimm-scan.timer')).toMatch(/^OnCalendar=/m);
    expect(read('examples/schedule/systemd/pkimm-scan.service')).toMatch(/^User=pkimm$/m);
    expect(read('examples/schedule/crontab')).toMatch(/^\d+ \d+ \* \* \* .*pkimm scan/m);
  });

  it('builds the container image from the official Node 20 image and runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.match(/^FROM .*/gm) ?? [];
    for (const from of stages) expect(from).toMatch(/^FROM node:20-/);
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(last).toMatch(/^USER node$/m);
    expect(last).toMatch(/^ENTRYPOINT \["node", "\/app\/bin\/pkimm\.js"\]$/m);
  });

  it('uses only commands and options the CLI has, in every example and in docs/scheduling.md', async () => {
    const sources = [...exampleFiles, 'docs/scheduling.md', 'README.md'].filter((p) => existsSync(join(root, p)));
    const seen = new Set<string>();
    for (const path of sources) {
      for (const argv of invocations(read(path))) {
        const sub = argv[1] ?? '';
        const command = ['history', 'answers', 'rules', 'model'].includes(argv[0] ?? '') && /^[a-z]+$/.test(sub) ? argv.slice(0, 2) : argv.slice(0, 1);
        const key = command.join(' ');
        const help = await runCli([...command, '--help']);
        expect(help.code, `${path}: pkimm ${key}`).toBe(0);
        for (const option of argv.filter((a) => a.startsWith('--'))) {
          const name = option.split('=')[0]!.replace(/[`'",;)]+$/, '');
          expect(help.out, `${path}: pkimm ${key} ${name}`).toContain(name);
        }
        seen.add(key);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['scan', 'merge', 'diff', 'history', 'history prune']));
  });
});
