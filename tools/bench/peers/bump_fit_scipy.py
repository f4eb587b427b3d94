#!/usr/bin/python3
"""scipy peer of bump-fit.bench.ts: the CWoLa-hunting dijet bump fit with scipy.optimize.curve_fit.

Usage: bump_fit_scipy.py SPECTRA.json REPEATS
SPECTRA.json (written by bump-fit.bench.ts): {"sqrt_s", "low", "high", "sr": [first, last], "spectra": [[counts...], ...]}.
For each spectrum: dijet3 f = p1 (1 - x)^p2 x^-p3 at the bin centres (x = m/sqrt(s)) fitted to the
bins outside the SR with curve_fit (MINPACK Levenberg-Marquardt, analytic Jacobian, default
tolerances), sigma = sqrt(N + 1), absolute_sigma=True, started from the weighted log-linear least
squares of ln(N + 1); then sigma_b = sqrt(g^T C g) for the SR sum and the one-sided profiled
counting significance z (Poisson x Gaussian constraint, closed-form nu). It shares no code with hepuq.
Prints one JSON line: median seconds per fit over REPEATS passes (inputs already numpy arrays) and
the last pass's fit_params, sigma_b and z per spectrum, for a cross-check.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import curve_fit


def main():
    spec = json.load(open(sys.argv[1]))
    repeats = int(sys.argv[2])
    sqrt_s = spec['sqrt_s']
    low, high = np.array(spec['low']), np.array(spec['high'])
    x = 0.5 * (low + high) / sqrt_s
    first, last = spec['sr']
    side = np.ones(len(x), bool)
    side[first:last + 1] = False
    xs, xsr = x[side], x[~side]
    spectra = [np.array(c, float) for c in spec['spectra']]
    design = np.column_stack([np.ones_like(xs), np.log1p(-xs), -np.log(xs)])

    def f(xx, p1, p2, p3):
        return p1 * np.exp(p2 * np.log1p(-xx) - p3 * np.log(xx))

    def jac(xx, p1, p2, p3):
        v = f(xx, p1, p2, p3)
        return np.column_stack([v / p1, v * np.log1p(-xx), -v * np.log(xx)])

    def fit(counts):
        n = counts[side]
        w = np.sqrt(n + 1)
        q, *_ = np.linalg.lstsq(design * w[:, None], np.log(n + 1) * w, rcond=None)
        p, cov = curve_fit(f, xs, n, p0=[np.exp(q[0]), q[1], q[2]], sigma=np.sqrt(n + 1), absolute_sigma=True, jac=jac)
        b = f(xsr, *p).sum()
        g = jac(xsr, *p).sum(axis=0)
        s2 = float(g @ cov @ g)
        obs = counts[~side].sum()
        z = 0.0
        if obs > b:
            nu = 2 * s2 * (obs - b) / (b + s2 + np.sqrt((b - s2) ** 2 + 4 * s2 * obs))
            dnll = (b + nu - obs) - obs * np.log((b + nu) / obs) + (nu * nu / (2 * s2) if s2 > 0 else 0.0)
            z = float(np.sqrt(2 * max(dnll, 0.0)))
        return {'fit_params': p.tolist(), 'sigma_b': float(np.sqrt(s2)), 'z': z}

    times, results = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        results = [fit(c) for c in spectra]
        times.append((time.perf_counter() - t0) / len(spectra))
    print(json.dumps({'seconds_per_fit': float(np.median(times)), 'scipy': scipy.__version__, 'numpy': np.__version__, 'results': results}))


if __name__ == '__main__':
    main()
