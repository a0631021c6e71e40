#!/usr/bin/env python3
"""The four `claims bench` workloads written the way a researcher would in a
NumPy/SciPy notebook (vectorized, NumPy on its bundled OpenBLAS), for a
back-to-back comparison with `swift run -c release claims bench`.

Usage: python3 Benchmarks/numpy_bench.py [--json]
Each workload: a warm-up, then the median wall time of 3 runs.
"""
import json
import statistics
import sys
import time

import numpy as np
from scipy import integrate, special, stats


def dual_relu(rng):
    rhos = np.linspace(-1, 1, 21)
    out = []
    for rho in rhos:
        x = rng.standard_normal(4_000_000)
        z = rng.standard_normal(4_000_000)
        y = rho * x + np.sqrt(max(0.0, 1 - rho * rho)) * z
        out.append(np.mean(np.maximum(x, 0) * np.maximum(y, 0)))
    return out


def im2col_cyclic(image, r):
    """Rows: output positions (u, v); columns: the r x r x d patch [x]_{u-i, v-j, k}, i, j < r."""
    n = image.shape[0]
    u = np.arange(n)[:, None, None, None]
    v = np.arange(n)[None, :, None, None]
    i = np.arange(r)[None, None, :, None]
    j = np.arange(r)[None, None, None, :]
    rows = (u - i) % n
    cols = (v - j) % n
    patches = image[rows, cols, :]  # n, n, r, r, d
    return patches.reshape(n * n, r * r * image.shape[2])


def cnn_layer(rng):
    images = rng.standard_normal((128, 32, 32, 3))
    filters = rng.normal(0, np.sqrt(2 / 75), (1024, 5, 5, 3)).reshape(1024, 75)
    cosines = []
    for p in range(64):
        a = np.maximum(im2col_cyclic(images[2 * p], 5) @ filters.T, 0)
        b = np.maximum(im2col_cyclic(images[2 * p + 1], 5) @ filters.T, 0)
        cosines.append(np.sum(a * b) / np.sqrt(np.sum(a * a) * np.sum(b * b)))
    return cosines


def layernorm_mlp(rng):
    width, batch = 1024, 256
    z = rng.standard_normal((width, batch))
    z *= np.sqrt(width) / np.linalg.norm(z, axis=0)
    for _ in range(32):
        w = rng.standard_normal((width, width)) / np.sqrt(width)
        y = w @ special.erf(z)
        z = np.sqrt(width) * y / np.linalg.norm(y, axis=0)
    return z


def quadrature(_rng):
    taus = []
    for t in range(1, 65):
        value, _ = integrate.quad(lambda s: s * s * stats.norm.pdf(s) * stats.norm.cdf(s) ** (t - 1),
                                  0, np.inf, epsrel=1e-10, epsabs=0, limit=200)
        taus.append(t * value)
    x, w = np.polynomial.hermite_e.hermegauss(40)
    w = w / np.sqrt(2 * np.pi)
    covariances = []
    for rho in np.linspace(-0.999, 0.999, 1000):
        s = np.sqrt(1 - rho * rho)
        inner = special.erf(rho * x[:, None] + s * x[None, :]) @ w
        covariances.append(np.sum(w * special.erf(x) * inner))
    return taus, covariances


def dgemm_rate(rng):
    a = rng.standard_normal((2048, 2048))
    b = rng.standard_normal((2048, 2048))
    a @ b
    times = []
    for _ in range(3):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    return 2 * 2048 ** 3 / statistics.median(times) / 1e9


WORKLOADS = {
    "dual-relu": (dual_relu, 84_000_000, "pairs/s"),
    "cnn-layer": (cnn_layer, 2 * 128 * 32 * 32 * 1024 * 75 / 1e9, "GFLOP/s"),
    "layernorm-mlp": (layernorm_mlp, 32 * 2 * 1024 * 1024 * 256 / 1e9, "GFLOP/s"),
    "quadrature": (quadrature, 64 + 1000, "integrals/s"),
}


def main():
    rng = np.random.default_rng(20261123)
    results = {"dgemm_gflops": dgemm_rate(rng), "workloads": []}
    for name, (work, amount, unit) in WORKLOADS.items():
        work(rng)  # warm-up
        times = []
        for _ in range(3):
            start = time.perf_counter()
            work(rng)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        results["workloads"].append({"name": name, "seconds": seconds, "throughput": amount / seconds, "unit": unit})
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
        return
    print(f"dgemm 2048x2048: {results['dgemm_gflops']:.1f} GFLOP/s")
    for r in results["workloads"]:
        print(f"{r['name']:14s} {r['seconds']:8.3f} s   {r['throughput']:12.4g} {r['unit']}")


if __name__ == "__main__":
    main()
