/**
 * `ChainOps` on Float64Arrays with the CPU kernels: what `gdStep` runs on the CPU backend. Every
 * operation runs when called; recorded values go straight into the record.
 */
import type { Kernels } from '../kernels.ts';
import type { ChainOps } from '../linear-chain.ts';

export function cpuChainOps(k: Pick<Kernels, 'matmul'>): ChainOps<Float64Array> {
  let values = new Float64Array(0);
  let slots = 0;
  let step = 0;
  return {
    backend: 'cpu',
    precision: 'float64',
    alloc: (length) => new Float64Array(length),
    write: (buffer, data) => buffer.set(data),
    read: (buffer, length) => Promise.resolve(buffer.slice(0, length)),
    matmul: (m, n, kk, a, b, c, opts) => k.matmul(m, n, kk, a, b, c, opts),
    axpby(length, alpha, x, beta, y) {
      if (beta === 0) for (let i = 0; i < length; i++) y[i] = alpha * x[i]!;
      else for (let i = 0; i < length; i++) y[i] = alpha * x[i]! + beta * y[i]!;
    },
    addDiagonal(n, alpha, a) {
      for (let i = 0; i < n; i++) a[i * n + i]! += alpha;
    },
    beginRecord(steps, count) {
      values = new Float64Array(steps * count);
      slots = count;
      step = 0;
    },
    record(slot, op, length, x, y) {
      let s = 0;
      if (op === 'dot') for (let i = 0; i < length; i++) s += x[i]! * y[i]!;
      else
        for (let i = 0; i < length; i++) {
          const d = x[i]! - y[i]!;
          s += d * d;
        }
      values[step * slots + slot] = s;
    },
    endStep() {
      step++;
    },
    endRecord: () => Promise.resolve(values),
    free() {},
  };
}
