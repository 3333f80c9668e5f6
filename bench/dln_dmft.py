#!/usr/bin/env python3
"""Reference numpy implementation of the DLN DMFT march (digest §4-§5), for the benchmark only.

The same scheme as theory/dln/dmft.ts: causal forward sweep over T steps; paths stratified by
W* in {0, +1}; the Gaussian field by incremental Cholesky with jitter; responses by tangent
propagation on a subset of paths, stored as JD[m][path][c]. Vectorised per step with BLAS
(matrix-vector products over all paths), as a numpy user would write it.

Usage: python3 bench/dln_dmft.py [--alpha 0.3] [--T 250] [--paths 15000] [--response-paths 160]
       [--threads 1] [--seed 1]
Prints one JSON line: {"seconds": ..., "testError": [...], "trainError": [...]}.
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--alpha', type=float, default=0.3)
    ap.add_argument('--delta', type=float, default=0.5)
    ap.add_argument('--rho', type=float, default=0.1)
    ap.add_argument('--sigma', type=float, default=0.1)
    ap.add_argument('--T', type=int, default=250)
    ap.add_argument('--eta', type=float, default=0.05)
    ap.add_argument('--paths', type=int, default=15000)
    ap.add_argument('--response-paths', type=int, default=160)
    ap.add_argument('--jitter', type=float, default=1e-9)
    ap.add_argument('--threads', type=str, default='1')
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    # Thread count must be fixed before numpy loads its BLAS.
    for var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[var] = a.threads
    import numpy as np
    try:
        from scipy.linalg import solve_triangular
    except ImportError:  # plain forward substitution
        def solve_triangular(L, b, lower=True):
            x = np.empty_like(b)
            for i in range(len(b)):
                x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]
            return x

    T, delta, sigma, rho, alpha = a.T, a.delta, a.sigma, a.rho, a.alpha
    eta = np.full(T, a.eta / max(1.0, 2 * alpha * alpha))
    t = np.concatenate([[0.0], np.cumsum(eta[:-1])])
    share = 2.25 * rho / (2.25 * rho + (1 - rho))
    n1 = round(a.paths * share)
    n0 = a.paths - n1
    r1 = max(1, round(a.response_paths * share))
    r0 = max(1, a.response_paths - r1)
    if alpha <= 0.05:
        r0 = max(r0, 256)
    N = n0 + n1
    value = np.concatenate([np.zeros(n0), np.ones(n1)])
    weight = np.concatenate([np.full(n0, (1 - rho) / n0), np.full(n1, rho / n1)])
    ridx = np.concatenate([np.arange(r0), n0 + np.arange(r1)])
    rweight = np.concatenate([np.full(r0, (1 - rho) / r0), np.full(r1, rho / r1)])
    NR = len(ridx)

    began = time.perf_counter()
    rng = np.random.default_rng(a.seed)
    Z = rng.standard_normal((N, T))
    H = np.zeros((N, T))           # Delta history
    G = np.zeros(N)
    CD = np.zeros((T, T))
    RD = np.zeros((T, T))
    M = np.zeros((T, T))
    P = np.zeros((T, T))
    CR = np.zeros((T, T))
    L = np.zeros((T, T))
    JD = np.zeros((T, NR, T))
    J = np.zeros((NR, T))
    test = np.zeros(T)
    train = np.zeros(T)

    def F(G, tk):  # lambda = 0 in the benchmark: F = alpha^2 sinh 2G, A = 2 alpha^2 cosh 2G
        s = alpha * alpha
        return s * np.sinh(2 * G), 2 * s * np.cosh(2 * G)

    w0, A = F(G, 0.0)
    H[:, 0] = w0 - value
    CD[0, 0] = weight @ (H[:, 0] ** 2)
    for k in range(T):
        # row k of M = (I + R_D)^-1 by forward substitution
        M[k, :k] = -RD[k, :k] @ M[:k, :k]
        M[k, k] = 1.0
        P[k, :k + 1] = sigma * sigma + CD[k, :k + 1]
        P[:k + 1, k] = P[k, :k + 1]
        v = P[:k + 1, :k + 1] @ M[k, :k + 1]
        row = M[:k + 1, :k + 1] @ v
        CR[k, :k + 1] = row
        CR[:k + 1, k] = row
        test[k] = CD[k, k]
        train[k] = 0.5 * CR[k, k]
        if k == T - 1:
            break
        # Cholesky row of delta*C_r with jitter
        K = delta * CR[k, :k + 1]
        if k > 0:
            x = solve_triangular(L[:k, :k], K[:k], lower=True)
            L[k, :k] = x
            piv = K[k] - x @ x
        else:
            piv = K[0]
        L[k, k] = np.sqrt(max(piv, a.jitter))
        # paths
        zeta = Z[:, :k + 1] @ L[k, :k + 1]
        mem = H[:, :k + 1] @ M[k, :k + 1]
        h = eta[k] / delta
        G += h * (zeta - delta * mem)
        w, A = F(G, t[k + 1])
        d = w - value
        H[:, k + 1] = d
        crow = (weight * d) @ H[:, :k + 2]
        CD[k + 1, :k + 2] = crow
        CD[:k + 2, k + 1] = crow
        # tangents: J += h (e_k - delta sum_m M[k,m] JD[m]); JD[k+1] = A J
        acc = np.tensordot(M[k, 1:k + 1], JD[1:k + 1], axes=(0, 0)) if k > 0 else 0.0
        J -= (h * delta) * acc
        J[:, k] += h
        JD[k + 1] = A[ridx, None] * J
        RD[k + 1, :k + 1] = rweight @ JD[k + 1, :, :k + 1]
    seconds = time.perf_counter() - began
    print(json.dumps({'seconds': seconds, 'T': T, 'paths': N, 'responsePaths': NR,
                      'testError': test.tolist(), 'trainError': train.tolist()}))


if __name__ == '__main__':
    import importlib.util
    if importlib.util.find_spec('numpy') is None:
        print(json.dumps({'skip': 'numpy is not installed'}))
        sys.exit(0)
    main()
