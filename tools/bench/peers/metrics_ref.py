#!/usr/bin/python3
"""numpy/scipy reference for the hepuq metrics benchmark.

Usage: metrics_ref.py <dir> <n> <repeats>
Reads float32 columns <dir>/{mean,sigma,truth,weight,prob,label}.f32 (written by metrics.bench.ts),
computes the same definitions as @hepuq/core (docs/metrics.md) with vectorised numpy/scipy (also
hepuq's whole default regression set, `default`, and classification set, `default_classification`), and prints one JSON line: per metric the median seconds and the value (for a cross-check).
"""
import json
import sys
import time

import numpy as np
from scipy.special import xlogy  # noqa: F401  (scipy must be importable: the peer is numpy+scipy)
from scipy.stats import norm


def load(d, name, n):
    return np.fromfile(f"{d}/{name}.f32", dtype=np.float32, count=n).astype(np.float64)


def timed(fn, repeats):
    times, value = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), value


def core_regression(mu, s, y, w):
    W, W2 = w.sum(), (w * w).sum()
    neff = W * W / W2
    t = (y - mu) / s
    m = (w * t).sum() / W
    v = (w * (t - m) ** 2).sum() / W * neff / (neff - 1)
    c68 = (w * (np.abs(t) <= 1)).sum() / W
    c95 = (w * (np.abs(t) <= 2)).sum() / W
    nll = (w * (0.5 * np.log(2 * np.pi) + np.log(s) + 0.5 * t * t)).sum() / W
    r = mu - y
    rmse = np.sqrt((w * r * r).sum() / W)
    mae = (w * np.abs(r)).sum() / W
    return {"pull_mean": m, "pull_std": np.sqrt(v), "coverage_68": c68, "coverage_95": c95, "nll": nll, "rmse": rmse, "mae": mae}


def wmean(x, w, W, neff):
    """Weighted mean with its error sqrt(m2 Neff/(Neff-1)/Neff), m2 the weighted central second moment (as hepuq)."""
    m = (w * x).sum() / W
    m2 = (w * (x - m) ** 2).sum() / W
    return m, np.sqrt(max(m2 * neff / (neff - 1), 0) / neff)


def curve_summary(c, grid):
    d = np.abs(c[1:grid] - np.arange(1, grid) / grid)
    e = np.r_[abs(c[0]), d, 0.0]
    return [d.mean(), np.sqrt((d * d).mean()), (0.5 * (e[:-1] + e[1:])).sum() / grid]


def default_regression(mu, s, y, w, grid=100, replicas=100, check_grid=100, chunk=1 << 14):
    """hepuq's default regression set (defaultMetricKeys('regression')): values and errors, same definitions.

    Calibration errors come from Poisson(1) bootstrap replicas drawn with numpy's generator (the draws differ
    from hepuq's, the work is the same); the check score runs over the events in chunks of (chunk x 99).
    """
    W, W2 = w.sum(), (w * w).sum()
    neff = W * W / W2
    t = (y - mu) / s
    m, m2 = (w * t).sum() / W, None
    dt = t - m
    m2, m4 = (w * dt**2).sum() / W, (w * dt**4).sum() / W
    out = {"pull_mean": m, "pull_std": np.sqrt(m2 * neff / (neff - 1)), "pull_std_err": np.sqrt(max(m4 - m2 * m2, 0) / neff)}
    at = np.abs(t)
    out["coverage_68"] = (w * (at <= 1)).sum() / W
    out["coverage_95"] = (w * (at <= 2)).sum() / W
    out["nll"] = wmean(0.5 * np.log(2 * np.pi) + np.log(s) + 0.5 * t * t, w, W, neff)
    r = mu - y
    out["mse"] = wmean(r * r, w, W, neff)
    out["mae"] = wmean(np.abs(r), w, W, neff)
    out["sharpness2"] = wmean(s * s, w, W, neff)
    out["sigma_mean"] = wmean(s, w, W, neff)
    cdf, pdf = norm.cdf(t), norm.pdf(t)
    out["crps"] = wmean(s * (t * (2 * cdf - 1) + 2 * pdf - 1 / np.sqrt(np.pi)), w, W, neff)
    for name, z in (("68", 1.0), ("95", 2.0)):
        alpha, lo, hi = 2 * norm.sf(z), mu - z * s, mu + z * s
        score = hi - lo + (2 / alpha) * (lo - y) * (y < lo) + (2 / alpha) * (y - hi) * (y > hi)
        out[f"interval_score_{name}"] = wmean(score, w, W, neff)
    taus = np.arange(1, check_grid) / check_grid
    zq = norm.ppf(taus)
    check = np.empty_like(y)
    for lo in range(0, len(y), chunk):
        sl = slice(lo, lo + chunk)
        u = y[sl, None] - (mu[sl, None] + s[sl, None] * zq[None, :])
        check[sl] = (u * (taus[None, :] - (u < 0))).mean(axis=1)
    out["check"] = wmean(check, w, W, neff)
    cells_i = np.clip(np.ceil(np.abs(2 * cdf - 1) * grid), 0, grid).astype(np.int64)
    cells_q = np.clip(np.ceil(cdf * grid), 0, grid).astype(np.int64)

    def stats(wk):
        total = wk.sum()
        ci = np.cumsum(np.bincount(cells_i, weights=wk, minlength=grid + 1)) / total
        cq = np.cumsum(np.bincount(cells_q, weights=wk, minlength=grid + 1)) / total
        return curve_summary(ci, grid) + curve_summary(cq, grid)

    central = stats(w)
    rng = np.random.default_rng(0)
    boot = np.array([stats(w * rng.poisson(1.0, len(w))) for _ in range(replicas)])
    for j, name in enumerate(("mace", "rmsce", "miscal_area", "mace_pit", "rmsce_pit", "miscal_area_pit")):
        out[name] = (central[j], boot[:, j].std(ddof=1))
    out["check"] = out["check"][0]
    return out


def crps(mu, s, y, w):
    z = (y - mu) / s
    c = s * (z * (2 * norm.cdf(z) - 1) + 2 * norm.pdf(z) - 1 / np.sqrt(np.pi))
    return (w * c).sum() / w.sum()


def calibration(mu, s, y, w, grid=100):
    pit = norm.cdf((y - mu) / s)
    W = w.sum()
    p = np.arange(1, grid) / grid
    out = {}
    for name, u in (("mace", np.abs(2 * pit - 1)), ("mace_pit", pit)):
        cell = np.clip(np.ceil(u * grid), 0, grid).astype(np.int64)
        c = np.cumsum(np.bincount(cell, weights=w, minlength=grid + 1)) / W
        out[name] = np.abs(c[1:grid] - p).mean()
    return out


def auc(prob, label, w):
    order = np.argsort(prob, kind="stable")
    sp, pos, ww = prob[order], label[order] == 1, w[order]
    # tie groups: AUC = sum_g W+_g (W-_below + W-_g / 2) / (W+ W-)
    starts = np.flatnonzero(np.r_[True, sp[1:] != sp[:-1]])
    wp = np.add.reduceat(np.where(pos, ww, 0.0), starts)
    wn = np.add.reduceat(np.where(pos, 0.0, ww), starts)
    below = np.cumsum(wn) - wn
    return float((wp * (below + 0.5 * wn)).sum() / (wp.sum() * wn.sum()))


def ece_from_bins(b, conf, correct, w, bins):
    sw = np.bincount(b, weights=w, minlength=bins)
    sc = np.bincount(b, weights=w * conf, minlength=bins)
    sa = np.bincount(b, weights=w * correct, minlength=bins)
    ok = sw > 0
    return float(np.abs(sa[ok] - sc[ok]).sum() / sw[ok].sum())


def top_label_bins(prob, label, w, bins):
    """Top-label confidence (rounded to float32, as hepuq stores it), correctness, equal-width and equal-mass bins (ties share the bin of their first event)."""
    conf = np.where(prob >= 0.5, prob, 1 - prob).astype(np.float32).astype(np.float64)
    correct = ((prob >= 0.5).astype(np.float64) == label).astype(np.float64)
    width = np.minimum(np.floor(conf * bins).astype(np.int64), bins - 1)
    order = np.argsort(conf, kind="stable")
    sc, sw = conf[order], w[order]
    before = np.cumsum(sw) - sw
    starts = np.flatnonzero(np.r_[True, sc[1:] != sc[:-1]])
    gbin = np.clip(np.floor(bins * before[starts] / w.sum()), 0, bins - 1).astype(np.int64)
    mass = np.empty_like(width)
    mass[order] = np.repeat(gbin, np.diff(np.r_[starts, len(sc)]))
    return conf, correct, width, mass


def ece(prob, label, w, bins=15):
    """Top-label ECE in equal-width bins and in equal-mass bins."""
    conf, correct, width, mass = top_label_bins(prob, label, w, bins)
    return {"ece": ece_from_bins(width, conf, correct, w, bins), "ece_mass": ece_from_bins(mass, conf, correct, w, bins)}


def default_classification(prob32, label, w, bins=15, replicas=100, roc_points=201):
    """hepuq's default classification set (defaultMetricKeys('classification')): auc, brier, bce, ece, ece_mass with errors, ROC and reliability data.

    The AUC and both ECEs get their errors from the std (ddof=1) over Poisson(1) bootstrap replicas drawn with numpy's generator
    (the draws differ from hepuq's, the work is the same: one draw of N multiplicities per replica, shared by the three
    statistics; hepuq applies replica multiplicity j to the j-th ranked event for the AUC, so does this).
    """
    p = prob32.astype(np.float64)
    W, W2 = w.sum(), (w * w).sum()
    neff = W * W / W2
    out = {"brier": wmean((p - label) ** 2, w, W, neff)}
    q = np.clip(p, 1e-7, 1 - 1e-7)
    out["bce"] = wmean(np.where(label == 1, -np.log(q), -np.log1p(-q)), w, W, neff)
    # rank once on the float32 scores (ties decided on float32 values), tie groups as in auc()
    order = np.argsort(prob32, kind="stable")
    sp, pos, ww = prob32[order], label[order] == 1, w[order]
    starts = np.flatnonzero(np.r_[True, sp[1:] != sp[:-1]])
    wpos, wneg = np.where(pos, ww, 0.0), np.where(pos, 0.0, ww)

    def auc_of(k):
        wp, wn = np.add.reduceat(wpos * k, starts), np.add.reduceat(wneg * k, starts)
        below = np.cumsum(wn) - wn
        return (wp * (below + 0.5 * wn)).sum() / (wp.sum() * wn.sum()), wp, wn

    conf, correct, width, mass = top_label_bins(p, label, w, bins)

    def eces(wk):
        return ece_from_bins(width, conf, correct, wk, bins), ece_from_bins(mass, conf, correct, wk, bins)

    auc_value, wp, wn = auc_of(1.0)
    ece_value, mass_value = eces(w)
    rng = np.random.default_rng(0)
    boot = []
    for _ in range(replicas):
        k = rng.poisson(1.0, len(w)).astype(np.float64)
        boot.append((auc_of(k)[0], *eces(w * k)))
    boot = np.array(boot)
    out["auc"] = (auc_value, boot[:, 0].std(ddof=1))
    out["ece"] = (ece_value, boot[:, 1].std(ddof=1))
    out["ece_mass"] = (mass_value, boot[:, 2].std(ddof=1))
    # plots: ROC from the highest score down, thinned to at most roc_points; reliability per equal-width bin of p
    tpr, fpr = np.cumsum(wp[::-1]) / wp.sum(), np.cumsum(wn[::-1]) / wn.sum()
    stride = max(1, -(-len(wp) // (roc_points - 1)))
    keep = np.unique(np.r_[np.arange(stride - 1, len(wp), stride), len(wp) - 1])
    roc = np.stack([np.r_[0.0, fpr[keep]], np.r_[0.0, tpr[keep]]])
    out["roc_points"] = roc.shape[1]
    b = np.minimum(np.floor(p * bins).astype(np.int64), bins - 1)
    sw, sw2 = np.bincount(b, weights=w, minlength=bins), np.bincount(b, weights=w * w, minlength=bins)
    sp, sy = np.bincount(b, weights=w * p, minlength=bins), np.bincount(b, weights=w * label, minlength=bins)
    ok = sw > 0
    f = sy[ok] / sw[ok]
    out["reliability_mean_prob_max"] = float((sp[ok] / sw[ok]).max())
    fc = np.clip(f, 0, 1)
    out["reliability_error_max"] = float(np.sqrt(fc * (1 - fc) / (sw[ok] ** 2 / sw2[ok])).max())
    return {k: (v[0] if isinstance(v, tuple) else v) for k, v in out.items()} | {f"{k}_err": v[1] for k, v in out.items() if isinstance(v, tuple)}


def main():
    d, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mu, s, y, w = (load(d, k, n) for k in ("mean", "sigma", "truth", "weight"))
    prob, label = load(d, "prob", n), load(d, "label", n)
    # probabilities stay float32 for the ranking, as in hepuq (ties are decided on float32 values)
    prob = prob.astype(np.float32)
    out = {}
    for name, fn in (
        ("core", lambda: core_regression(mu, s, y, w)),
        ("crps", lambda: crps(mu, s, y, w)),
        ("calibration", lambda: calibration(mu, s, y, w)),
        ("auc", lambda: auc(prob, label, w)),
        ("ece", lambda: ece(prob.astype(np.float64), label, w)),
        ("default", lambda: default_regression(mu, s, y, w)),
        ("default_classification", lambda: default_classification(prob, label, w)),
    ):
        sec, value = timed(fn, repeats)
        out[name] = {"seconds": sec, "value": value}
    print(json.dumps(out, default=float))


if __name__ == "__main__":
    main()
