/**
 * The backend registry (DESIGN.md §4, tfjs-style): backends register with a priority, selection
 * takes the highest-priority backend whose `init()` succeeds, and a kernel the active backend
 * lacks runs on the CPU backend. A backend asked for by name is either used or refused with an
 * error; it never silently falls back to another.
 *
 * Until `selectBackend` has resolved, the active backend is the CPU backend, so synchronous
 * callers (`kernels()`) always get a working, float64 set.
 */
import { PlateauError } from '../core/errors.ts';
import type { Backend } from './backend.ts';
import { cpuBackend, cpuKernels } from './cpu/kernels.ts';
import { KERNEL_NAMES, type Kernels } from './kernels.ts';
import { webgpuBackend } from './webgpu/backend.ts';

/** Backends that ship with Plateau; loading them never fails (optional packages load in init). */
const BUILT_IN_BACKENDS: readonly Backend[] = [cpuBackend, webgpuBackend];

const backends = new Map<string, Backend>();
const initResults = new Map<string, Promise<{ ok: boolean; reason: string }>>();
let active: Backend = cpuBackend;
let activeKernels: Kernels = cpuKernels;

/** Names that denote a GPU: a failed request for one of them is NO_GPU rather than BAD_INPUT. */
const GPU_LIKE = /gpu|cuda|metal|vulkan|webgl|opencl|rocm/i;

/** Add a backend. Throws BAD_PARAM when the name is taken. */
export function registerBackend(backend: Backend): void {
  if (backends.has(backend.name)) {
    throw new PlateauError('BAD_PARAM', `a backend named "${backend.name}" is already registered`, { value: backend.name });
  }
  backends.set(backend.name, backend);
}

for (const backend of BUILT_IN_BACKENDS) registerBackend(backend);

/** Registered backends, highest priority first (ties keep registration order). */
export function registeredBackends(): Backend[] {
  return [...backends.values()].sort((x, y) => y.priority - x.priority);
}

/** Run a backend's init() once; a throw counts as failure and its message is kept as the reason. */
function initOnce(backend: Backend): Promise<{ ok: boolean; reason: string }> {
  let result = initResults.get(backend.name);
  if (result === undefined) {
    result = backend.init().then(
      (ok) => ({ ok, reason: ok ? '' : 'init() reported it unavailable' }),
      (err: unknown) => ({ ok: false, reason: `init() threw: ${err instanceof Error ? err.message : String(err)}` }),
    );
    initResults.set(backend.name, result);
  }
  return result;
}

/** Whether the backend's init() succeeds (run once per backend and remembered). */
export async function isAvailable(backend: Backend): Promise<boolean> {
  return (await initOnce(backend)).ok;
}

/**
 * Choose the active backend and return it. `requested` (else `PLATEAU_BACKEND`, when set and
 * non-empty) names one; without a name the highest-priority backend whose init() succeeds wins.
 * Throws NO_GPU when a GPU-like name is unknown or fails init, BAD_INPUT for an unknown name or a
 * failed init of another kind of backend.
 */
export async function selectBackend(requested?: string): Promise<Backend> {
  const envRequest = process.env.PLATEAU_BACKEND;
  const name = requested ?? (envRequest !== undefined && envRequest !== '' ? envRequest : undefined);
  let chosen: Backend | undefined;
  if (name === undefined) {
    for (const backend of registeredBackends()) {
      if (await isAvailable(backend)) {
        chosen = backend;
        break;
      }
    }
    chosen ??= cpuBackend;
  } else {
    const source = requested !== undefined ? 'requested' : 'requested by PLATEAU_BACKEND';
    const code = GPU_LIKE.test(name) ? 'NO_GPU' : 'BAD_INPUT';
    const backend = backends.get(name);
    if (backend === undefined) {
      const known = registeredBackends().map((b) => b.name).join(', ');
      const why = code === 'NO_GPU' ? 'no GPU backend of that name is available on this machine' : 'no such backend';
      throw new PlateauError(code, `backend "${name}" ${source}: ${why}; registered backends: ${known}`, { value: name, known });
    }
    const { ok, reason } = await initOnce(backend);
    if (!ok) {
      throw new PlateauError(code, `backend "${name}" ${source} is unavailable: ${reason}; choose another or leave it unset`, {
        value: name,
        reason,
      });
    }
    chosen = backend;
  }
  active = chosen;
  activeKernels = completeKernels(chosen);
  return chosen;
}

/** `selectBackend()` without a name: the best backend that initialises (or PLATEAU_BACKEND's). */
export function ready(): Promise<Backend> {
  return selectBackend();
}

/** The active backend (the CPU backend until `selectBackend` resolves). */
export function activeBackend(): Backend {
  return active;
}

/** A full kernel set for `backend`: its own kernels, and the CPU ones for any it lacks. */
export function completeKernels(backend: Backend): Kernels {
  const merged = { ...cpuKernels };
  for (const name of KERNEL_NAMES) {
    const own = backend.kernels[name];
    if (own !== undefined) Object.assign(merged, { [name]: own });
  }
  return merged;
}

/** The kernels of the active backend, complete (missing kernels fall back to the CPU ones). */
export function kernels(): Kernels {
  return activeKernels;
}
