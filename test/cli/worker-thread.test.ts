// The synchronous CLI never waits forever for a worker thread that died or hangs (lib/cli/worker-thread.ts).
import { newWorkerSignal, reportWorkerProgress, signalWorkerDone, waitForWorker } from '../../lib/cli/worker-thread';

test('a finished worker is taken at once', () => {
  const signal = newWorkerSignal();
  signalWorkerDone(signal);
  expect(waitForWorker(signal, 1)).toBe(true);
});

test('a worker whose progress stands still is given up, so the caller does the work itself', () => {
  const signal = newWorkerSignal();
  reportWorkerProgress(signal);
  expect(waitForWorker(signal, 1)).toBe(false);
});
