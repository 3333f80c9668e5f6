#!/usr/bin/env python3
"""numpy reference for bench/deep-linear.ts: the deep-linear DMFT (plain network, full batch) by
the same scheme as theory/deep-linear/dmft.ts — windowed causal Gauss-Seidel marching where every
sweep recomputes only the window's rows [r0, r1) of each T x T object (row-block products as
numpy slices, forward substitutions row by row), the R_Delta row recursion, Stein by forward
substitution, window accepted when no entry of its rows of C_v and of the Gauss-Seidel state (R^gh_l, C^g_l)
changes by more than 1e-10 (1 + |x|), seeds extrapolated from the previous row. One BLAS thread (the caller sets OPENBLAS_NUM_THREADS=1).

Usage: python3 bench/deep_linear_dmft.py T L [window]
Prints {"seconds": best wall time, "sweeps": ..., "testLoss": [...], "T": ..., "L": ...}.
"""
import json
import sys
import time

import numpy as np


def product_rows(a, b, r0, r1, out, scale=1.0):
    out[r0:r1, :] = 0.0
    out[r0:r1, :r1] = scale * (a[r0:r1, :r1] @ b[:r1, :r1])


def inverse_rows(a, r0, r1, out):
    for t in range(r0, r1):
        out[t, :] = 0.0
        out[t, :t] = a[t, :t] @ out[:t, :t]
        out[t, t] = 1.0


def sandwich_rows(m, x, r0, r1, out, scale=1.0, accumulate=False):
    v = m[r0:r1, :r1] @ x[:r1, :r1]
    block = scale * (v @ m[:r1, :r1].T)
    for i, t in enumerate(range(r0, r1)):
        row = block[i, : t + 1] + (out[t, : t + 1] if accumulate else 0.0)
        out[t, : t + 1] = row
        out[: t + 1, t] = row


def stein_rows(f, p, r0, r1, out):
    for t in range(r0, r1):
        v = p[t, :t] @ out[:t, :t]
        row = f[t, : t + 1] + p[: t + 1, :t] @ v
        out[t, : t + 1] = row
        out[: t + 1, t] = row


def memory_rows(r, c, coef, r0, r1, out):
    for t in range(r0, r1):
        out[t, :] = 0.0
        out[t, :t] = r[t, :t] - coef * c[t, :t]
        out[t, t] = r[t, t]


def seed_correlation(c, r0, r1, initial):
    for t in range(r0, r1):
        if t == 0:
            c[0, 0] = initial
            continue
        c[t, :t] = c[t - 1, :t]
        c[:t, t] = c[t - 1, :t]
        c[t, t] = c[t - 1, t - 1]


def seed_response(r, r0, r1):
    for t in range(r0, r1):
        r[t, :] = 0.0
        if t == 0:
            continue
        r[t, 1 : t + 1] = r[t - 1, :t]
        r[t, 0] = r[t - 1, 0]


class Dmft:
    def __init__(self, T, alpha=3.0, nu=1.0, L=2, g0=1.0, eta=0.05, sigma=0.2):
        self.T, self.alpha, self.nu, self.L, self.g0, self.eta, self.sigma = T, alpha, nu, L, g0, eta, sigma
        z = lambda: np.zeros((T, T))
        for name in ["K", "RD", "Y", "KR", "G", "Mb", "S", "F", "Cv", "P", "Cd", "RG", "Mu", "Cu", "A0"]:
            setattr(self, name, z())
        self.mb1 = np.zeros(T)
        layers = lambda: [z() for _ in range(L)]
        self.Ch, self.Cg, self.Rhg, self.Rgh, self.A, self.B, self.H, self.Gh, self.X, self.Z = [layers() for _ in range(10)]
        self.prod = z()
        self.ones = np.ones((T, T))
        self.B[L - 1][:, :] = -eta * g0 * np.tril(self.ones, -1)

    def seed(self, r0, r1):
        for l in range(self.L):
            seed_response(self.Rgh[l], r0, r1)
            seed_correlation(self.Cg[l], r0, r1, 1.0)

    def sweep(self, r0, r1):
        g0, eta, nu, a, s2 = self.g0, self.eta, self.nu, self.alpha, self.sigma**2
        cg1, rgh1 = self.Cg[0], self.Rgh[0]
        K, S = self.K, self.S
        for t in range(r0, r1):
            K[t, :] = 0.0
            K[t, :t] = rgh1[t, :t] / g0 - eta * cg1[t, :t]
            row = cg1[t, : t + 1] / (g0 * g0 * nu) + 1.0
            S[t, : t + 1] = row
            S[: t + 1, t] = row
        # D1 row recursion
        c = 1 - 1 / a
        RD, Y = self.RD, self.Y
        for t in range(r0, r1):
            RD[t, :] = 0.0
            RD[t, :t] = K[t, :t] @ Y[:t, :t]
            RD[t, t] = 1.0
            Y[t, : t + 1] = RD[t, : t + 1] @ RD[: t + 1, : t + 1] - c * RD[t, : t + 1]
        product_rows(K, RD, r0, r1, self.KR)
        inverse_rows(self.KR, r0, r1, self.G)
        product_rows(self.G, self.KR, r0, r1, self.Mb, 1 / np.sqrt(a))
        self.mb1[r0:r1] = self.Mb[r0:r1, :r1].sum(axis=1)
        sandwich_rows(self.G, S, r0, r1, self.F)
        for t in range(r0, r1):
            row = self.F[t, : t + 1] + s2 * self.mb1[t] * self.mb1[: t + 1]
            self.F[t, : t + 1] = row
            self.F[: t + 1, t] = row
        stein_rows(self.F, self.Mb, r0, r1, self.Cv)
        for t in range(r0, r1):
            row = self.Cv[t, : t + 1] + s2
            self.P[t, : t + 1] = row
            self.P[: t + 1, t] = row
        sandwich_rows(RD, self.P, r0, r1, self.Cd)
        product_rows(RD, self.G, r0, r1, self.RG)
        product_rows(self.RG, K, r0, r1, self.Mu)
        for t in range(r0, r1):
            self.Mu[t, t] += 1.0
        sandwich_rows(self.Mu, self.Cd, r0, r1, self.Cu, 1 / a)
        sandwich_rows(self.RG, S, r0, r1, self.Cu, 1.0, True)
        for t in range(r0, r1):
            self.A0[t, :] = 0.0
            self.A0[t, :t] = self.RG[t, :t] / (g0 * nu) - eta * g0 * self.Cu[t, :t]
            self.A0[t, t] = self.RG[t, t] / (g0 * nu)
        # layers
        cc = eta * g0
        a_prev, ch_prev = self.A0, self.Cu
        for l in range(self.L):
            B = self.B[l]
            cg_next = self.Cg[l + 1] if l + 1 < self.L else self.ones
            if l + 1 < self.L:
                memory_rows(self.Rgh[l + 1], cg_next, cc, r0, r1, B)
            product_rows(a_prev, B, r0, r1, self.prod)
            inverse_rows(self.prod, r0, r1, self.H[l])
            product_rows(B, a_prev, r0, r1, self.prod)
            inverse_rows(self.prod, r0, r1, self.Gh[l])
            product_rows(self.H[l], a_prev, r0, r1, self.Rhg[l])
            product_rows(self.Gh[l], B, r0, r1, self.Rgh[l])
            X, Z = self.X[l], self.Z[l]
            for t in range(r0, r1):
                X[t, : t + 1] = ch_prev[t, : t + 1]
                X[: t + 1, t] = ch_prev[t, : t + 1]
                Z[t, : t + 1] = cg_next[t, : t + 1]
                Z[: t + 1, t] = cg_next[t, : t + 1]
            sandwich_rows(a_prev, cg_next, r0, r1, X, 1.0, True)
            sandwich_rows(self.H[l], X, r0, r1, self.Ch[l])
            sandwich_rows(B, ch_prev, r0, r1, Z, 1.0, True)
            sandwich_rows(self.Gh[l], Z, r0, r1, self.Cg[l])
            if l + 1 < self.L:
                memory_rows(self.Rhg[l], self.Ch[l], cc, r0, r1, self.A[l])
                a_prev = self.A[l]
            ch_prev = self.Ch[l]
        # Monitored: the window's rows of C_v and of the Gauss-Seidel state (R^gh_l, C^g_l).
        return np.concatenate([np.concatenate([a[t, : t + 1] for t in range(r0, r1)]) for a in [self.Cv, *self.Rgh, *self.Cg]])

    def solve(self, window=1, tol=1e-10, max_sweeps=500):
        n, sweeps = 0, 0
        while n < self.T:
            m = min(self.T, n + window)
            self.seed(n, m)
            prev = None
            for _ in range(max_sweeps):
                d = self.sweep(n, m)
                sweeps += 1
                if prev is not None and np.max(np.abs(d - prev) / (1 + np.abs(d))) < tol:
                    break
                prev = d
            n = m
        return np.diag(self.Cv) + self.sigma**2, sweeps


def main():
    T = int(sys.argv[1]) if len(sys.argv) > 1 else 160
    L = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    window = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    best, out = float("inf"), None
    for _ in range(3):
        t0 = time.perf_counter()
        test, sweeps = Dmft(T, L=L).solve(window)
        best = min(best, time.perf_counter() - t0)
        out = (test, sweeps)
    print(json.dumps({"seconds": best, "sweeps": out[1], "testLoss": out[0].tolist(), "T": T, "L": L, "window": window}))


if __name__ == "__main__":
    main()
