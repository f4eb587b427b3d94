#!/usr/bin/env python3
"""Independent numpy/scipy reference for hepuq's binned-likelihood inference (peer of inference.bench.ts).

A small HistFactory implementation of the pyhf JSON workspace format (normfactor, shapefactor, lumi,
normsys code1/code4, histosys code0/code4p, shapesys, staterror), fitted with scipy's SLSQP (pyhf's default optimiser) at ftol 1e-14,
with the asymptotic CLs formulae of Cowan et al. (arXiv:1007.1727). It shares no code with hepuq.

  inference_scipy.py hypotest WS.json --mu 1 --test-stat q --normsys code1 --histosys code0
  inference_scipy.py reference FIXTURE_DIR          # CLs of every entry of FIXTURE_DIR/expected.json
  inference_scipy.py bench --repeats 5 [--bins N]   # timings on pyhf's README model or an N-bin model (JSON)
"""
import argparse
import json
import sys
import time

import numpy as np
from scipy.optimize import brentq, minimize
from scipy.special import gammaln, xlogy
from scipy.stats import norm


def code4_coefficients(lo, hi):
    rows = []
    for x in (1, -1):
        rows.append([x ** i for i in range(1, 7)])
    for x in (1, -1):
        rows.append([i * x ** (i - 1) for i in range(1, 7)])
    for x in (1, -1):
        rows.append([i * (i - 1) * x ** (i - 2) if i >= 2 else 0 for i in range(1, 7)])
    a = np.array(rows, dtype=float)
    lh, ll = np.log(hi), np.log(lo)
    b = np.array([hi - 1, lo - 1, hi * lh, -lo * ll, hi * lh * lh, lo * ll * ll])
    return np.linalg.solve(a, b)


def normsys_factor(alpha, lo, hi, code):
    if code == 'code4' and -1 < alpha < 1:
        c = code4_coefficients(lo, hi)
        return 1 + sum(c[i] * alpha ** (i + 1) for i in range(6))
    return hi ** alpha if alpha >= 0 else lo ** (-alpha)


def histosys_delta(alpha, lo, nom, hi, code):
    up, dn = hi - nom, nom - lo
    if code == 'code0':
        return alpha * (up if alpha >= 0 else dn)
    if alpha > 1:
        return alpha * up
    if alpha < -1:
        return alpha * dn
    s, a = 0.5 * (up + dn), 0.0625 * (up - dn)
    return alpha * s + a * alpha ** 2 * (15 - 10 * alpha ** 2 + 3 * alpha ** 4)


class Model:
    def __init__(self, ws, normsys='code4', histosys='code4p'):
        self.normsys, self.histosys = normsys, histosys
        meas = ws['measurements'][0]
        cfg = {p['name']: p for p in meas['config']['parameters']}
        sets, perbin = {}, {}
        for ch in ws['channels']:
            for s in ch['samples']:
                for m in s['modifiers']:
                    n = len(s['data']) if m['type'] in ('shapesys', 'staterror', 'shapefactor') else 1
                    sets.setdefault(m['name'], (m['type'], n))
                    if m['type'] in ('shapesys', 'staterror'):
                        perbin.setdefault(m['name'], []).append((np.array(s['data'], float), np.array(m['data'], float)))
        self.names, self.offset = sorted(sets), {}
        init, bounds, fixed, kind, scale, aux = [], [], [], [], [], []
        for name in self.names:
            t, n = sets[name]
            self.offset[name] = len(init)
            c = cfg.get(name, {})
            if t in ('normfactor', 'shapefactor'):
                i, b, f, k, sc, ax = [1.0] * n, [(0, 10)] * n, [False] * n, 'none', [0] * n, [0] * n
            elif t == 'lumi':
                i, b, f, k, sc, ax = c.get('auxdata', [1.0]), [(0, 10)], [False], 'normal', c['sigmas'], c.get('auxdata', [1.0])
            elif t in ('normsys', 'histosys'):
                i, b, f, k, sc, ax = [0.0], [(-5, 5)], [False], 'normal', [1.0], [0.0]
            elif t == 'staterror':
                noms = sum(p[0] for p in perbin[name])
                rel = np.sqrt(sum(np.where(noms > 0, (p[1] / np.where(noms > 0, noms, 1)) ** 2, 0) for p in perbin[name]))
                i, b, f, k = [1.0] * n, [(1e-10, 10)] * n, list(rel == 0), 'normal'
                sc, ax = list(np.where(rel == 0, 1.0, rel)), [1.0] * n
            else:  # shapesys
                nom, unc = perbin[name][0]
                ok = (nom > 0) & (unc > 0)
                tau = np.where(ok, nom ** 2 / np.where(ok, unc, 1) ** 2, 1.0)
                i, b, f, k, sc, ax = [1.0] * n, [(1e-10, 10)] * n, list(~ok), 'poisson', list(tau), list(tau)
            i = c.get('inits', i)
            b = [tuple(x) for x in c.get('bounds', b)]
            f = [c['fixed']] * n if 'fixed' in c else f
            for j in range(n):
                init.append(float(i[j])); bounds.append(b[j]); fixed.append(bool(f[j]))
                kind.append(k); scale.append(float(sc[j])); aux.append(float(ax[j]))
        self.init, self.bounds, self.fixed = np.array(init), bounds, np.array(fixed)
        self.kind, self.scale, self.aux_nominal = kind, np.array(scale), np.array(aux)
        self.constrained = [j for j, k in enumerate(kind) if k != 'none']
        self.poi = self.offset[meas['config']['poi']]
        self.channels = sorted(ws['channels'], key=lambda c: c['name'])
        obs = {o['name']: o['data'] for o in ws['observations']}
        main = [x for ch in self.channels for x in obs[ch['name']]]
        self.observed = np.array(main + [self.aux_nominal[j] for j in self.constrained])
        self.nmain = len(main)

    def expected_main(self, p):
        out = []
        for ch in self.channels:
            nu = np.zeros(len(ch['samples'][0]['data']))
            for s in ch['samples']:
                nom = np.array(s['data'], float)
                base, fac = nom.copy(), np.ones_like(nom)
                for m in s['modifiers']:
                    o, t = self.offset[m['name']], m['type']
                    if t in ('normfactor', 'lumi'):
                        fac = fac * p[o]
                    elif t == 'normsys':
                        fac = fac * normsys_factor(p[o], m['data']['lo'], m['data']['hi'], self.normsys)
                    elif t == 'histosys':
                        lo, hi = np.array(m['data']['lo_data'], float), np.array(m['data']['hi_data'], float)
                        base = base + np.array([histosys_delta(p[o], lo[b], nom[b], hi[b], self.histosys) for b in range(len(nom))])
                    else:
                        fac = fac * p[o:o + len(nom)]
                nu += base * fac
            out.append(nu)
        return np.concatenate(out)

    def expected_data(self, p):
        aux = [p[j] * self.scale[j] if self.kind[j] == 'poisson' else p[j] for j in self.constrained]
        return np.concatenate([self.expected_main(p), aux])

    def nll(self, p, data):
        nu = self.expected_main(p)
        n = data[:self.nmain]
        val = np.sum(nu - xlogy(n, nu) + gammaln(n + 1))
        for a, j in zip(data[self.nmain:], self.constrained):
            if self.kind[j] == 'normal':
                val += 0.5 * ((a - p[j]) / self.scale[j]) ** 2 + np.log(self.scale[j]) + 0.5 * np.log(2 * np.pi)
            else:
                lam = p[j] * self.scale[j]
                val += lam - xlogy(a, lam) + gammaln(a + 1)
        return val

    def fit(self, data, fix=None, bounds=None):
        fixed = self.fixed.copy()
        x0 = self.init.copy()
        if fix is not None:
            fixed[self.poi] = True
            x0[self.poi] = fix
        free = np.where(~fixed)[0]
        bnds = [(bounds or self.bounds)[j] for j in free]

        def f(z):
            x = x0.copy(); x[free] = z
            v = self.nll(x, data)
            return v if np.isfinite(v) else 1e300
        r = minimize(f, x0[free], method='SLSQP', bounds=bnds, options=dict(ftol=1e-14, maxiter=2000))
        x = x0.copy(); x[free] = r.x
        return x, 2 * r.fun


def qmu_like(model, data, mu, kind):
    bounds = list(model.bounds)
    if kind == 'qtilde':
        lo, hi = bounds[model.poi]
        bounds[model.poi] = (max(lo, 0.0), hi)
    xc, tc = model.fit(data, fix=mu)
    xu, tu = model.fit(data, bounds=bounds)
    t = max(tc - tu, 0.0)
    muhat = xu[model.poi]
    if kind == 'q0':
        return 0.0 if muhat < 0 else t
    return 0.0 if muhat > mu else t


def hypotest(model, data, mu, kind='qtilde'):
    q = qmu_like(model, data, 0.0 if kind == 'q0' else mu, kind)
    xa, _ = model.fit(data, fix=1.0 if kind == 'q0' else 0.0)
    asimov = model.expected_data(xa)
    qa = qmu_like(model, asimov, 0.0 if kind == 'q0' else mu, kind)
    sq, sqa = np.sqrt(q), np.sqrt(qa)
    t = sq - sqa if (kind != 'qtilde' or sq < sqa or sqa == 0) else (q - qa) / (2 * sqa)
    clsb, clb = norm.cdf(-(t + sqa)), norm.cdf(-t)
    exp_clsb = [norm.cdf(-(n + sqa)) for n in (2, 1, 0, -1, -2)]
    exp_cls = [norm.cdf(-(n + sqa)) / norm.cdf(-n) for n in (2, 1, 0, -1, -2)]
    return dict(cls_obs=clsb / clb, clsb_obs=clsb, clb_obs=clb, cls_exp=exp_cls, clsb_exp=exp_clsb, q=q, q_asimov=qa)


def upper_limit(model, data, level=0.05):
    cache = {}

    def res(mu):
        if mu not in cache:
            cache[mu] = hypotest(model, data, mu)
        return cache[mu]
    lo, hi = 1e-3, model.bounds[model.poi][1]
    obs = brentq(lambda m: res(m)['cls_obs'] - level, lo, hi, xtol=1e-10, rtol=1e-6)
    exp = [brentq(lambda m, k=k: res(m)['cls_exp'][k] - level, lo, hi, xtol=1e-10, rtol=1e-6) for k in range(5)]
    return obs, exp


def synthetic_model(nbins):
    """uncorrelated_background with nbins bins: a Gaussian signal on a falling background (same as inference.bench.ts)."""
    b = np.arange(nbins)
    sig = 2 + 8 * np.exp(-0.5 * ((b - nbins / 2) / (nbins / 10)) ** 2)
    bkg = 100 * np.exp(-b / nbins) + 10
    obs = np.round(bkg + 0.5 * sig)
    return Model(simple_workspace(list(sig), list(bkg), list(0.1 * bkg), list(obs)))


def simple_workspace(sig, bkg, unc, obs):
    return {
        'channels': [{'name': 'singlechannel', 'samples': [
            {'name': 'signal', 'data': sig, 'modifiers': [{'name': 'mu', 'type': 'normfactor', 'data': None}]},
            {'name': 'background', 'data': bkg, 'modifiers': [{'name': 'uncorr_bkguncrt', 'type': 'shapesys', 'data': unc}]},
        ]}],
        'observations': [{'name': 'singlechannel', 'data': obs}],
        'measurements': [{'name': 'Measurement', 'config': {'poi': 'mu', 'parameters': []}}],
        'version': '1.0.0',
    }


def readme_model():
    ws = {
        'channels': [{'name': 'singlechannel', 'samples': [
            {'name': 'signal', 'data': [12.0, 11.0], 'modifiers': [{'name': 'mu', 'type': 'normfactor', 'data': None}]},
            {'name': 'background', 'data': [50.0, 52.0], 'modifiers': [{'name': 'uncorr_bkguncrt', 'type': 'shapesys', 'data': [3.0, 7.0]}]},
        ]}],
        'observations': [{'name': 'singlechannel', 'data': [51.0, 48.0]}],
        'measurements': [{'name': 'Measurement', 'config': {'poi': 'mu', 'parameters': []}}],
        'version': '1.0.0',
    }
    return Model(ws)


def median_ms(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); fn(); times.append(1e3 * (time.perf_counter() - t))
    return float(np.median(times))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('mode', choices=['hypotest', 'reference', 'bench'])
    ap.add_argument('path', nargs='?')
    ap.add_argument('--mu', type=float, default=1.0)
    ap.add_argument('--test-stat', default='qtilde')
    ap.add_argument('--normsys', default='code4')
    ap.add_argument('--histosys', default='code4p')
    ap.add_argument('--repeats', type=int, default=5)
    ap.add_argument('--bins', type=int, default=0, help='bench: 0 = pyhf README model, else a synthetic model with this many bins')
    a = ap.parse_args()
    if a.mode == 'hypotest':
        m = Model(json.load(open(a.path)), a.normsys, a.histosys)
        json.dump(hypotest(m, m.observed, a.mu, a.test_stat), sys.stdout)
    elif a.mode == 'reference':
        out = []
        for e in json.load(open(f'{a.path}/expected.json')):
            m = Model(json.load(open(f"{a.path}/{e['workspace']}")), 'code1', 'code0')
            r = hypotest(m, m.observed, e['mu'], e['test_stat'])
            obs, exp = (r['clsb_obs'], r['clsb_exp']) if e['test_stat'] == 'q0' else (r['cls_obs'], r['cls_exp'])
            out.append(dict(workspace=e['workspace'], mu=e['mu'], test_stat=e['test_stat'], obs=obs, exp=exp))
        json.dump(out, sys.stdout, indent=1)
    else:
        m = readme_model() if a.bins == 0 else synthetic_model(a.bins)
        grid = np.linspace(0, 3, 31)
        res = {
            'fit_ms': median_ms(lambda: m.fit(m.observed), a.repeats),
            'scan31_ms': median_ms(lambda: [m.fit(m.observed, fix=mu) for mu in grid], a.repeats),
            'hypotest_ms': median_ms(lambda: hypotest(m, m.observed, 1.0), a.repeats),
        }
        if a.bins == 0:  # root-finding limits take minutes on larger models with finite-difference gradients
            res['limit_ms'] = median_ms(lambda: upper_limit(m, m.observed), max(1, a.repeats // 2))
        json.dump(res, sys.stdout)


if __name__ == '__main__':
    main()
