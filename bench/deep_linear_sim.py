#!/usr/bin/env python3
"""numpy reference for bench/deep-linear.ts: one full-batch GD step of the deep-linear network of
Bordelon & Pehlevan exactly as src/sim/deep-linear-rank-one.ts takes it (digest section 2.4):
backward pass of w, beta = g0/(gamma0 sqrt(nu)), residuals, u = (sqrt(D)/P) X^T Delta, forward
pass of u, rank-one updates (w, the L-1 square layers, W0). One BLAS thread (the caller sets
OPENBLAS_NUM_THREADS=1). Prints {"stepMs": best wall time in ms, ...}.

Usage: python3 bench/deep_linear_sim.py D N P L
"""
import json
import sys

import numpy as np

from timing import best_seconds


def main():
    D, N, P, L = (int(a) for a in sys.argv[1:5]) if len(sys.argv) > 4 else (1024, 1024, 2048, 2)
    gamma0, eta, sigma = 1.0, 0.05, 0.2
    rng = np.random.default_rng(1)
    teacher = rng.standard_normal(D)
    teacher *= np.sqrt(D) / np.linalg.norm(teacher)
    X = rng.standard_normal((P, D))
    y = X @ teacher / np.sqrt(D) + sigma * rng.standard_normal(P)
    W0 = rng.standard_normal((N, D))
    Ws = [rng.standard_normal((N, N)) for _ in range(L - 1)]
    w = rng.standard_normal(N)
    sqD, sqN, lr = np.sqrt(D), np.sqrt(N), eta * gamma0

    def step():
        g = [None] * L
        g[L - 1] = w.copy()
        for l in range(L - 2, -1, -1):
            g[l] = Ws[l].T @ g[l + 1] / sqN
        beta = (W0.T @ g[0] / sqN) * sqD / (gamma0 * sqN)
        test = np.sum((beta - teacher) ** 2) / D + sigma**2
        delta = X @ beta / sqD - y
        train = delta @ delta / P
        u = X.T @ delta * (sqD / P)
        h = [None] * L
        h[0] = W0 @ u / sqD
        for l in range(L - 1):
            h[l + 1] = Ws[l] @ h[l] / sqN
        w[:] -= lr * h[L - 1]
        for l in range(L - 1):
            Ws[l] -= (lr / sqN) * np.outer(g[l + 1], h[l])
        W0[...] -= (lr / sqD) * np.outer(g[0], u)
        return test, train

    print(json.dumps({"stepMs": 1e3 * best_seconds(step, min_repeats=5, min_seconds=1.0, max_repeats=50), "D": D, "N": N, "P": P, "L": L}))


if __name__ == "__main__":
    main()
