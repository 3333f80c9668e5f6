#!/usr/bin/env python3
"""numpy reference for bench/trainers.ts: one full-batch GD step of
  - Saxe's full-matrix deep linear net (eq. 13, statistics Sigma11/Sigma31), widths N-N-N, as a
    numpy user writes it: W = W2 W1, R = S31 - W S11, W1 += lr W2^T R, W2 += lr R W1^T (4 products);
  - the deep-linear net of Bordelon & Pehlevan with a scalar readout (L = 2 hidden layers, D = N,
    P examples), by its rank-one gradient structure (matrix-vector products and outer updates).
One BLAS thread (the caller sets OPENBLAS_NUM_THREADS=1). Prints {"saxeMs": ..., "rankOneMs": ...}.

Usage: python3 bench/trainers.py N P
"""
import json
import sys

import numpy as np

from timing import best_seconds


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    p = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
    rng = np.random.default_rng(1)

    x = rng.standard_normal((n, n)) / np.sqrt(n)
    s11, s31 = x @ x.T, rng.standard_normal((n, n))
    w1, w2 = rng.standard_normal((n, n)) / np.sqrt(n), rng.standard_normal((n, n)) / np.sqrt(n)
    lr = 1e-4

    def saxe_step():
        w = w2 @ w1
        r = s31 - w @ s11
        loss = 0.5 * (n - np.vdot(w, s31) - np.vdot(w, r))
        g1 = w2.T @ r
        w2[...] += lr * (r @ w1.T)
        w1[...] += lr * g1
        return loss

    d = n
    xs, y = rng.standard_normal((d, p)), rng.standard_normal(p)
    v0, v1, w = rng.standard_normal((n, d)), rng.standard_normal((n, n)), rng.standard_normal(n)
    s1, s2, s3 = 1 / np.sqrt(d), 1 / np.sqrt(n), np.sqrt(d) / n
    eta = 0.1 * n

    def rank_one_step():
        t3 = s3 * w
        t2 = s2 * (v1.T @ t3)
        beta = s1 * (v0.T @ t2)
        r = y - xs.T @ beta
        loss = 0.5 / p * (r @ r)
        g = xs @ r / p
        p1 = s1 * (v0 @ g)
        p2 = s2 * (v1 @ p1)
        v0[...] += (eta * s1) * np.outer(t2, g)
        v1[...] += (eta * s2) * np.outer(t3, p1)
        w[:] += (eta * s3) * p2
        return loss

    print(json.dumps({'saxeMs': 1e3 * best_seconds(saxe_step), 'rankOneMs': 1e3 * best_seconds(rank_one_step), 'n': n, 'p': p}))


if __name__ == '__main__':
    main()
