/**
 * Mode coordinates of a 3-layer net (eq. 4): a^α = W²¹v_α (column α of W̄²¹) and b^α = W³²ᵀu_α
 * (row α of W̄³²), and the effective initial strength u₀,eff = ¼‖a₀^α + b₀^α‖² (digest §3.5): near
 * zero, eq. 5 linearises to τȧ ≈ s b, τḃ ≈ s a, so a + b grows like e^{st/τ} and a − b decays, and
 * u_α(t) ≈ u₀,eff e^{2st/τ}: the start eq. 12 needs for a small random initialisation.
 */
import type { DeepLinearNet } from '../../src/sim/deep-linear-net.ts';
import type { TaskSvd } from '../../src/sim/tasks.ts';

/** ¼‖W²¹v_α + W³²ᵀu_α‖² for a net with one hidden layer. Cost O(N₂(N₁ + N₃)). */
export function effectiveInitialStrength(net: DeepLinearNet, svd: TaskSvd, alpha: number): number {
  const [n1, n2, n3] = net.widths as [number, number, number];
  const [w21, w32] = net.weights as [Float64Array, Float64Array];
  let norm = 0;
  for (let h = 0; h < n2; h++) {
    let a = 0;
    for (let j = 0; j < n1; j++) a += w21[h * n1 + j]! * svd.v[j * svd.rank + alpha]!;
    let b = 0;
    for (let i = 0; i < n3; i++) b += w32[i * n2 + h]! * svd.u[i * svd.rank + alpha]!;
    norm += (a + b) ** 2;
  }
  return norm / 4;
}
