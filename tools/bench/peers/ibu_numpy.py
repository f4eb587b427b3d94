#!/usr/bin/python3
"""numpy peer of ibu.bench.ts: iterative Bayesian unfolding as pyunfold v0.5.0 defines it, vectorised.

Usage: ibu_numpy.py PROBLEM.json REPEATS
PROBLEM.json holds pyunfold iterative_unfold arguments (written by ibu.bench.ts). The same algorithm
as hepuq's iterativeUnfold: D'Agostini iterations from sum(data) x prior, KS stopping between
successive iterations on the first 100 cause bins, Adye's propagation of d phi/d n (in pyunfold's
form) carried forward and of d phi/d P accumulated backwards over the iterations (the same strategy
as hepuq without return_iterations: sum_t A_T..A_t+1 B_t), the multinomial (or Poisson) response
covariance, errors built once after the last iteration. Written for speed with numpy matrix
products; it shares no code with hepuq or pyunfold. Prints one JSON line:
median seconds over REPEATS runs (inputs already numpy arrays) and the result, for a cross-check.
"""
import json
import sys
import time

import numpy as np


def safe_inv(x):
    out = np.zeros_like(x, dtype=float)
    nz = x != 0
    out[nz] = 1.0 / x[nz]
    return out


def ks(a, b):
    a, b = a[:100], b[:100]
    return float(np.max(np.abs(np.cumsum(a) / a.sum() - np.cumsum(b) / b.sum())))


def unfold(n, n_err, P, P_err, eff, eff_err, prior, tol, max_iter, cov_type):
    n_e, n_c = P.shape
    eff_inv = safe_inv(eff)
    phi = n.sum() * prior
    dn = None                           # d phi / d n, (nC, nE)
    history = []                        # per iteration: A_t (None at t = 1), u_t, v_t, phi_t-1
    ts, it = np.inf, 0
    while not ts < tol and it < max_iter:
        f_inv = safe_inv(P @ phi)
        M = P * (phi * eff_inv)[None, :] * f_inv[:, None]
        new = n @ M
        g = n * f_inv
        u = M * g[:, None]                                       # (nE, nC)
        v = (np.outer(g, phi) - new[None, :]) * eff_inv[None, :]  # (nE, nC)
        new_dn = M.T.copy()
        A = None
        if dn is not None:
            phi_inv = safe_inv(phi)
            ratio, e_r = new * phi_inv, eff * phi_inv
            MtN = M.T * n[None, :]
            A = np.diag(ratio) - (MtN @ M) * e_r[None, :]
            D = dn.T
            new_dn += (ratio[None, :] * D - (M * e_r[None, :]) @ (MtN @ D)).T
        history.append((A, u, v, phi))
        dn = new_dn
        ts = ks(new, phi)
        it += 1
        phi = new
    # d phi / d P of the last iteration: sum_t Pi_t B_t, Pi_T = 1, Pi_t-1 = Pi_t A_t (backwards, as hepuq)
    dp = np.zeros((n_c, n_e, n_c))
    pi = np.eye(n_c)
    for t in range(len(history) - 1, -1, -1):
        A, u, v, phi_prev = history[t]
        dp -= (pi @ u.T)[:, :, None] * phi_prev[None, None, :]
        dp += pi[:, None, :] * v[None, :, :]
        if A is None:
            break
        pi = pi @ A
    dp = dp.reshape(n_c, n_e * n_c)
    stat = np.sqrt((dn ** 2) @ (n_err ** 2))
    if cov_type == 'poisson':
        var = (dp ** 2) @ (P_err ** 2).ravel()
    else:
        n_inv = safe_inv((eff * safe_inv(eff_err)) ** 2)
        G = np.einsum('mkl,kl->ml', dp.reshape(n_c, n_e, n_c), P)
        var = (dp ** 2) @ (P * n_inv[None, :]).ravel() - (G ** 2) @ n_inv
    return {'unfolded': phi, 'stat_err': stat, 'sys_err': np.sqrt(np.maximum(var, 0)), 'num_iterations': it, 'ts_iter': ts, 'unfolding_matrix': M}


def main():
    with open(sys.argv[1]) as f:
        p = json.load(f)
    repeats = int(sys.argv[2])
    arr = lambda k: np.asarray(p[k], dtype=float)  # noqa: E731
    n_c = len(p['efficiencies'])
    prior = np.asarray(p['prior'], dtype=float) if 'prior' in p else np.full(n_c, 1.0 / n_c)
    args = (arr('data'), arr('data_err'), arr('response'), arr('response_err'), arr('efficiencies'), arr('efficiencies_err'),
            prior, p.get('ts_stopping', 0.01), p.get('max_iter', 100), p.get('cov_type', 'multinomial').lower())
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = unfold(*args)
        times.append(time.perf_counter() - t0)
    out = {'seconds': float(np.median(times)), 'numpy': np.__version__, 'num_iterations': result['num_iterations']}
    out.update({k: result[k].tolist() for k in ('unfolded', 'stat_err', 'sys_err')})
    print(json.dumps(out))


if __name__ == '__main__':
    main()
