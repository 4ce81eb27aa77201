// Handshakes in worker threads (config `workers`): each worker runs its own probe and event loop, so handshake CPU
// spreads over the cores while the main thread parses certificates and emits evidence.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StartTlsProtocol } from '../../model/evidence.js';
import type { TlsProbe, TlsProbeOptions, TlsProbeResult } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';

/** Probe options as sent to a worker: the STARTTLS dialogue travels by name. */
export type WorkerProbeOptions = Omit<TlsProbeOptions, 'starttls'> & { readonly starttls?: StartTlsProtocol };

/** A worker's answer to one request. */
export type WorkerReply =
  | { readonly id: number; readonly result: TlsProbeResult }
  | { readonly id: number; readonly error: { readonly code: CollectError['code']; readonly message: string; readonly causeCode?: string } };

/** A TlsProbe backed by worker threads; `close` stops them. */
export interface WorkerProbe extends TlsProbe {
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: TlsProbeResult) => void; reject: (e: unknown) => void }>;
  alive: boolean;
}

/** Starts `count` probe workers and waits until each has loaded; returns the pool. Throws when a worker cannot start. */
export async function startProbeWorkers(count: number): Promise<WorkerProbe> {
  const slots: Slot[] = await Promise.all(Array.from({ length: count }, () => startWorker()));
  let nextId = 1;
  for (const slot of slots) {
    slot.worker.on('message', (reply: WorkerReply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if ('result' in reply) waiter.resolve(reply.result);
      else {
        const cause = reply.error.causeCode !== undefined ? Object.assign(new Error(reply.error.causeCode), { code: reply.error.causeCode }) : undefined;
        waiter.reject(new CollectError(reply.error.code, reply.error.message, cause ? { cause } : undefined));
      }
    });
    const fail = (why: string): void => {
      slot.alive = false;
      for (const waiter of slot.pending.values()) waiter.reject(new CollectError('other', `TLS probe worker stopped (${why})`));
      slot.pending.clear();
    };
    slot.worker.on('error', (error) => fail(error.message));
    slot.worker.on('exit', (code) => fail(`exit code ${code}`));
  }
  return {
    probe(options) {
      const live = slots.filter((s) => s.alive);
      if (live.length === 0) return Promise.reject(new CollectError('other', 'no TLS probe worker is running'));
      // Least busy first; ties go to the lowest index.
      const slot = live.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
      const id = nextId++;
      const { starttls, ...rest } = options;
      const message: { id: number; options: WorkerProbeOptions } = { id, options: { ...rest, ...(starttls ? { starttls: starttls.protocol as StartTlsProtocol } : {}) } };
      return new Promise<TlsProbeResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage(message);
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Starts one worker; a checkout runs the TypeScript entry through tsx, an installed package the compiled one. */
function startWorker(): Promise<Slot> {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './probe-worker.ts' : './probe-worker.js', import.meta.url);
  let worker: Worker;
  if (fromSource) {
    // tsx's ESM API sits beside its CommonJS one; a data: URL module registers it, then loads the TypeScript entry.
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
    const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`;
    worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
  } else {
    worker = new Worker(entry);
  }
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(new CollectError('other', `TLS probe worker did not start (${error.message})`, { cause: error }));
    worker.once('error', onError);
    worker.once('message', (ready: unknown) => {
      worker.off('error', onError);
      if (ready === 'ready') resolve({ worker, pending: new Map(), alive: true });
      else reject(new CollectError('other', 'TLS probe worker sent an unexpected first message'));
    });
  });
}
