/**
 * The WGSL kernels of the WebGPU backend, float32 (WGSL has no f64). Row-major storage buffers,
 * parameters in one uniform block per dispatch; each kernel's contract is the CPU kernel's of the
 * same name (src/compute/kernels.ts) or the `ChainOps` operation it serves (linear-chain.ts).
 *
 * | kernel     | workgroup | dispatch                       | cost            |
 * |------------|-----------|--------------------------------|-----------------|
 * | matmul     | 16×16     | ⌈n/16⌉ × ⌈m/16⌉, shared tiles  | m·n·k           |
 * | matvec     | 64        | ⌈rows/64⌉, one row per thread  | m·n             |
 * | rank1      | 16×16     | ⌈n/16⌉ × ⌈m/16⌉                | m·n             |
 * | axpby      | 256       | grid-stride                    | len             |
 * | diagonal   | 64        | ⌈n/64⌉                         | n               |
 * | reduce     | 256 (one) | 1, tree reduction              | len             |
 * | advance    | 1         | 1                              | 1               |
 *
 * `reduce` writes its value into a record buffer at row `counter[0]` (the step, advanced on the
 * device by `advance`), so a whole run of steps is encoded once and read back once.
 */

const MATMUL = /* wgsl */ `
struct Params { m: u32, n: u32, k: u32, transA: u32, transB: u32, alpha: f32, beta: f32, pad: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;
const T = 16u;
var<workgroup> As: array<array<f32, 16>, 16>;
var<workgroup> Bs: array<array<f32, 16>, 16>;

// op(A)[i, p]: A is m×k, or k×m when transposed; zero outside.
fn aAt(i: u32, p: u32) -> f32 {
  if (i >= P.m || p >= P.k) { return 0.0; }
  if (P.transA == 1u) { return A[p * P.m + i]; }
  return A[i * P.k + p];
}
// op(B)[p, j]: B is k×n, or n×k when transposed; zero outside.
fn bAt(p: u32, j: u32) -> f32 {
  if (p >= P.k || j >= P.n) { return 0.0; }
  if (P.transB == 1u) { return B[j * P.k + p]; }
  return B[p * P.n + j];
}

// C ← α·op(A)·op(B) + β·C, one 16×16 tile of C per workgroup through shared 16×16 tiles of A, B.
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let i = wg.y * T + lid.y;
  let j = wg.x * T + lid.x;
  var acc = 0.0;
  for (var p0 = 0u; p0 < P.k; p0 += T) {
    As[lid.y][lid.x] = aAt(i, p0 + lid.x);
    Bs[lid.y][lid.x] = bAt(p0 + lid.y, j);
    workgroupBarrier();
    for (var q = 0u; q < T; q++) { acc += As[lid.y][q] * Bs[q][lid.x]; }
    workgroupBarrier();
  }
  if (i < P.m && j < P.n) {
    let at = i * P.n + j;
    if (P.beta == 0.0) { C[at] = P.alpha * acc; } else { C[at] = P.alpha * acc + P.beta * C[at]; }
  }
}
`;

const MATVEC = /* wgsl */ `
struct Params { m: u32, n: u32, trans: u32, pad: u32, alpha: f32, beta: f32, pad2: u32, pad3: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

// y ← α·op(A)·x + β·y with A m×n; one output entry per thread (a row of A, or a column).
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r = gid.x;
  let rows = select(P.m, P.n, P.trans == 1u);
  if (r >= rows) { return; }
  var acc = 0.0;
  if (P.trans == 1u) {
    for (var i = 0u; i < P.m; i++) { acc += A[i * P.n + r] * x[i]; }
  } else {
    for (var j = 0u; j < P.n; j++) { acc += A[r * P.n + j] * x[j]; }
  }
  if (P.beta == 0.0) { y[r] = P.alpha * acc; } else { y[r] = P.alpha * acc + P.beta * y[r]; }
}
`;

const RANK1 = /* wgsl */ `
struct Params { m: u32, n: u32, pad: u32, pad2: u32, alpha: f32, pad3: u32, pad4: u32, pad5: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> yv: array<f32>;
@group(0) @binding(3) var<storage, read_write> A: array<f32>;

// A ← A + α·x·yᵀ, A m×n, one entry per thread.
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.y;
  let j = gid.x;
  if (i < P.m && j < P.n) { A[i * P.n + j] += P.alpha * x[i] * yv[j]; }
}
`;

const AXPBY = /* wgsl */ `
struct Params { len: u32, pad: u32, alpha: f32, beta: f32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// y ← α·x + β·y (β = 0 overwrites), grid-stride over len.
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = gid.x; i < P.len; i += 256u * groups.x) {
    if (P.beta == 0.0) { y[i] = P.alpha * x[i]; } else { y[i] = P.alpha * x[i] + P.beta * y[i]; }
  }
}
`;

const DIAGONAL = /* wgsl */ `
struct Params { n: u32, pad: u32, alpha: f32, pad2: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> A: array<f32>;

// diag(A) += α for the n×n matrix A.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < P.n) { A[gid.x * P.n + gid.x] += P.alpha; }
}
`;

const REDUCE = /* wgsl */ `
struct Params { len: u32, op: u32, slot: u32, slots: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> record: array<f32>;
@group(0) @binding(4) var<storage, read> counter: array<u32>;
var<workgroup> part: array<f32, 256>;

// record[step·slots + slot] ← Σ x·y (op 0) or Σ (x − y)² (op 1): strided partial sums, then a tree.
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3u) {
  var s = 0.0;
  for (var i = lid.x; i < P.len; i += 256u) {
    if (P.op == 0u) { s += x[i] * y[i]; } else { let d = x[i] - y[i]; s += d * d; }
  }
  part[lid.x] = s;
  workgroupBarrier();
  for (var half = 128u; half > 0u; half /= 2u) {
    if (lid.x < half) { part[lid.x] += part[lid.x + half]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { record[counter[0] * P.slots + P.slot] = part[0]; }
}
`;

const ADVANCE = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> counter: array<u32>;

// The step counter the reductions write under.
@compute @workgroup_size(1)
fn main() { counter[0] += 1u; }
`;

export const SHADERS = {
  matmul: MATMUL,
  matvec: MATVEC,
  rank1: RANK1,
  axpby: AXPBY,
  diagonal: DIAGONAL,
  reduce: REDUCE,
  advance: ADVANCE,
} as const;

export type ShaderName = keyof typeof SHADERS;
