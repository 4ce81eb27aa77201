// Worker-thread entry for the TLS probe pool (worker-pool.ts): runs probes it is sent and answers by request id.
import { parentPort } from 'node:worker_threads';
import { CollectError } from '../../src/engine/define-collector.js';
import { createTlsProbe } from '../../src/engine/tls-probe.js';
import { starttlsDialogues } from './starttls.js';
import type { WorkerProbeOptions, WorkerReply } from './worker-pool.js';

const port = parentPort!;
const probe = createTlsProbe();

port.on('message', ({ id, options }: { id: number; options: WorkerProbeOptions }) => {
  const { starttls, ...rest } = options;
  probe.probe({ ...rest, ...(starttls ? { starttls: starttlsDialogues[starttls] } : {}) }).then(
    (result) => port.postMessage({ id, result } satisfies WorkerReply),
    (error: unknown) => {
      const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
      const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
      port.postMessage({
        id,
        error: {
          code: error instanceof CollectError ? error.code : 'other',
          message: error instanceof Error ? error.message : String(error),
          ...(causeCode !== undefined ? { causeCode } : {}),
        },
      } satisfies WorkerReply);
    },
  );
});
port.postMessage('ready');
