import type { Kernels } from './kernels.ts';

/**
 * A compute backend: a named set of kernels with a priority and a precision.
 *
 * How to add a backend:
 * 1. Create `src/compute/<name>/kernels.ts` exporting a `Backend`. `name` is what users type in
 *    `--backend <name>` or `PLATEAU_BACKEND`; a GPU backend's name contains `gpu` so that a failed
 *    request reports NO_GPU.
 * 2. `init()` probes for what the backend needs (an adapter, a native module, imported dynamically
 *    so that loading the module never fails) and resolves `false` (or throws) when it is absent.
 *    The registry calls it at most once; it must not print.
 * 3. `kernels` holds only the kernels the backend does better; any kernel left out runs on the CPU
 *    backend. Each kernel keeps the exact semantics of `Kernels` (row-major, write into the
 *    output, `beta = 0` overwrites) and calls `requireLength` for its arguments.
 * 4. `precision` is the precision of the arithmetic (`float32` for WGSL): the shared kernel tests
 *    in `test/compute/` take their tolerance from it.
 * 5. `priority` orders automatic selection (CPU is 0; pick a larger number to be preferred).
 * 6. Add it to `BUILT_IN_BACKENDS` in `src/compute/registry.ts` (code outside Plateau calls
 *    `registerBackend` instead); the shared kernel tests in `test/compute/` then cover it.
 */
export interface Backend {
  name: string;
  priority: number;
  precision: 'float64' | 'float32';
  init(): Promise<boolean>;
  kernels: Partial<Kernels>;
}
