// A helper thread for independent DMFT runs (runs.ts): it loads the TypeScript solver through
// tsx, then answers each job {id, model, t, eta, options} with the run's curves and diagnostics.
// Plain JavaScript so that the thread starts without a TypeScript loader of its own.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { solveDmft } = await import('./dmft.ts');
parentPort.on('message', (job) => {
  try {
    const grid = { t: Float64Array.from(job.t), eta: Float64Array.from(job.eta), rule: job.rule };
    const run = solveDmft(job.model, { ...job.options, grid });
    parentPort.postMessage({ id: job.id, run: { testError: run.testError, trainError: run.trainError, loss: run.loss, snapshots: run.snapshots, diagnostics: run.diagnostics } });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: { message: e?.message ?? String(e), code: e?.code, details: e?.details } });
  }
});
parentPort.postMessage({ ready: true });
