"""Peer for calogan-eval: FPD_inf, KPD and PRDC in numpy/scipy with the same definitions as
@hepuq/plugin-calogan-eval (reference implementation in the style of JetNet's gen_metrics and
clovaai's prdc, blocked so that 50k events fit in memory). PRDC is prdc's compute_prdc on the full
samples (any two sizes): the pairwise matrices in row blocks, radii by np.partition at index k.

Usage: calogan_eval_ref.py REF.f64 GEN.f64 D METRIC REPEATS
  REF/GEN: raw little-endian float64, row-major [n, D] (already normalised by the reference)
  METRIC:  fpd | kpd | prdc
Prints {"ms": median wall time, "value": ..., "error": ...} as its last line."""
import json, statistics, sys, time
import numpy as np
from scipy import linalg

ref_path, gen_path, d, metric, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
X = np.fromfile(ref_path, dtype='<f8').reshape(-1, d)
Y = np.fromfile(gen_path, dtype='<f8').reshape(-1, d)


def frechet(mu1, s1, mu2, s2):
    """|mu1 - mu2|^2 + Tr(S1 + S2 - 2 sqrtm(S1 S2)) (the pytorch-fid / JetNet formula)."""
    covmean = linalg.sqrtm(s1.dot(s2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    diff = mu1 - mu2
    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


def fpd(X, Y, points=10, batches=20, seed=1):
    """FD(N) on batches drawn without replacement at N equally spaced in 1/N, fitted by FD_inf + b/N."""
    n = min(len(X), len(Y))
    lo, hi = max(10 * (d + 2), n // 10), n // 2
    sizes = sorted(set((1 / np.linspace(1 / lo, 1 / hi, points)).round().astype(int)))
    rng = np.random.default_rng(seed)
    xs, ys, es = [], [], []
    for size in sizes:
        vals = []
        for _ in range(batches):
            a = X[rng.choice(len(X), size, replace=False)]
            b = Y[rng.choice(len(Y), size, replace=False)]
            vals.append(frechet(a.mean(0), np.cov(a, rowvar=False), b.mean(0), np.cov(b, rowvar=False)))
        xs.append(1 / size)
        ys.append(np.mean(vals))
        es.append(np.std(vals, ddof=1) / np.sqrt(batches))
    coef, cov = np.polyfit(xs, ys, 1, w=1 / np.asarray(es), cov='unscaled')
    return coef[1], float(np.sqrt(cov[1, 1]))


def mmd_poly_unbiased(a, b, degree=3):
    """Unbiased MMD^2 with (x.y/d + 1)^degree, from the full kernel matrices (JetNet's _mmd_poly_quadratic_unbiased)."""
    g = 1.0 / a.shape[1]
    kxx = (a @ a.T * g + 1) ** degree
    kyy = (b @ b.T * g + 1) ** degree
    kxy = (a @ b.T * g + 1) ** degree
    m, n = len(a), len(b)
    return (kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * kxy.mean()


def kpd(X, Y, batches=10, size=5000, seed=1):
    rng = np.random.default_rng(seed)
    px, py = rng.permutation(len(X)), rng.permutation(len(Y))
    vals = [mmd_poly_unbiased(X[px[i * size:(i + 1) * size]], Y[py[i * size:(i + 1) * size]]) for i in range(batches)]
    q16, q84 = np.quantile(vals, [0.15865525393145707, 0.8413447460685429])
    return float(np.median(vals)), float((q84 - q16) / 2)


def sqdist(a, b):
    return np.maximum(0.0, (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T)


def kth_radii(a, k, block=2000):
    """Squared distance to the k-th nearest other point (k + 1 smallest including self), blocked."""
    out = np.empty(len(a))
    for lo in range(0, len(a), block):
        dist = sqdist(a[lo:lo + block], a)
        out[lo:lo + block] = np.partition(dist, k, axis=1)[:, k]
    return out


def prdc_batch(real, fake, k=5, block=2000):
    """Naeem et al. 2002.09797 definitions (clovaai/generative-evaluation-prdc), blocked over real rows."""
    centre = real.mean(0)
    real, fake = real - centre, fake - centre
    rr, rf = kth_radii(real, k), kth_radii(fake, k)
    in_real = np.zeros(len(fake), bool)
    count = np.zeros(len(fake))
    recall = np.zeros(len(real), bool)
    nearest = np.empty(len(real))
    for lo in range(0, len(real), block):
        dist = sqdist(real[lo:lo + block], fake)
        inside = dist < rr[lo:lo + block, None]
        in_real |= inside.any(0)
        count += inside.sum(0)
        recall[lo:lo + block] = (dist < rf[None, :]).any(1)
        nearest[lo:lo + block] = dist.min(1)
    return in_real.mean(), recall.mean(), count.mean() / k, (nearest < rr).mean(), count.std() / k / np.sqrt(len(fake))


def prdc(X, Y, k=5):
    """compute_prdc(X, Y, k) on all events; errors from that one evaluation: binomial sqrt(p (1-p) / n)
    (n generated for precision, n reference for recall and coverage), density from the per-event counts."""
    p, r, dens, c, dens_err = prdc_batch(X, Y, k)
    binom = lambda v, n: float(np.sqrt(v * (1 - v) / n))
    return [float(p), float(r), float(dens), float(c)], [binom(p, len(Y)), binom(r, len(X)), float(dens_err), binom(c, len(X))]


fn = {'fpd': lambda: fpd(X, Y), 'kpd': lambda: kpd(X, Y), 'prdc': lambda: prdc(X, Y)}[metric]
times, result = [], None
for _ in range(repeats):
    t0 = time.perf_counter()
    result = fn()
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({'ms': statistics.median(times), 'value': result[0], 'error': result[1]}))
