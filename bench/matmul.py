#!/usr/bin/env python3
"""numpy reference for bench/matmul.ts: C = A @ B in float64 on one BLAS thread (the caller sets
OPENBLAS_NUM_THREADS=1). Prints {"gflops": {"<n>": GFLOP/s}, "blas": ...} with 2n^3 / best time.

Usage: python3 bench/matmul.py 256 512 1024
"""
import json
import sys

import numpy as np

from timing import best_seconds


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [256, 512, 1024]
    rng = np.random.default_rng(1)
    out = {}
    for n in sizes:
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        c = np.empty((n, n))
        out[str(n)] = 2 * n**3 / best_seconds(lambda: np.matmul(a, b, out=c)) / 1e9
    try:
        blas = np.show_config(mode='dicts')['Build Dependencies']['blas']
        name = f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # older numpy: no dict mode
        name = 'unknown'
    print(json.dumps({'gflops': out, 'numpy': np.__version__, 'blas': name}))


if __name__ == '__main__':
    main()
