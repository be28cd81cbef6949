/**
 * The worker thread of a two-thread `validate` (`validate-parallel.ts`): validates its share of the documents,
 * posts the result and raises the shared flag the main thread waits on. Any failure of the worker itself is posted
 * as `{ failed }`, and the main thread then validates the share on its own.
 */
import { workerData } from 'worker_threads';
import type { WorkerInput } from './validate-parallel';
import { reportWorkerProgress, signalWorkerDone } from './worker-thread';

const input = workerData as WorkerInput;
let result: unknown;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { packPart, validatePart } = require('./validate-parallel') as typeof import('./validate-parallel');
  result = packPart(validatePart(input.files, input.options, input.part, () => reportWorkerProgress(input.signal)));
} catch (e) {
  result = { failed: String((e as Error)?.message ?? e) };
}
try {
  input.port.postMessage(result);
} catch (e) {
  input.port.postMessage({ failed: String((e as Error)?.message ?? e) });
}
signalWorkerDone(input.signal);
input.port.close();
