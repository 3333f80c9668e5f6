#!/usr/bin/env python3
"""numpy reference for the finite-d DLN simulation benchmark: the G-scheme
G += eta * X^T (y - X w) / delta, w = alpha^2 sinh(2G), with the test and train errors recorded at
every step (as src/sim/diagonal-linear-net.ts does). Data generation is not timed.

Usage: python3 bench/dln_sim.py [--d 2000] [--steps 1000] [--alpha 0.3]
Prints one JSON line {"seconds": ..., "finalTestError": ...}.
"""
import argparse
import json
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--d', type=int, default=2000)
    ap.add_argument('--steps', type=int, default=1000)
    ap.add_argument('--alpha', type=float, default=0.3)
    ap.add_argument('--delta', type=float, default=0.5)
    ap.add_argument('--rho', type=float, default=0.1)
    ap.add_argument('--sigma', type=float, default=0.1)
    ap.add_argument('--eta', type=float, default=0.05)
    a = ap.parse_args()
    import numpy as np
    rng = np.random.default_rng(1)
    d, n = a.d, round(a.delta * a.d)
    X = rng.standard_normal((n, d)) / np.sqrt(d)
    w_star = np.zeros(d)
    idx = rng.permutation(d)[: round(a.rho * d)]
    w_star[idx] = rng.choice([-1.0, 1.0], size=len(idx))
    y = X @ w_star + a.sigma * rng.standard_normal(n)
    delta = n / d
    began = time.perf_counter()
    G = np.zeros(d)
    test = np.empty(a.steps + 1)
    train = np.empty(a.steps + 1)
    for k in range(a.steps + 1):
        w = a.alpha**2 * np.sinh(2 * G)
        r = y - X @ w
        train[k] = r @ r / (2 * n)
        e = w - w_star
        test[k] = e @ e / d
        if k == a.steps:
            break
        G += a.eta * (X.T @ r) / delta
    seconds = time.perf_counter() - began
    print(json.dumps({'seconds': seconds, 'd': d, 'n': n, 'steps': a.steps, 'finalTestError': float(test[-1])}))


if __name__ == '__main__':
    import importlib.util
    if importlib.util.find_spec('numpy') is None:
        print(json.dumps({'skip': 'numpy is not installed'}))
        sys.exit(0)
    main()
