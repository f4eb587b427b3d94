"""Peer for cwola-kfold: one signal region's nested k-fold of CWoLa hunting (Collins, Howe, Nachman 1902.02634) in
PyTorch, on the events hepuq wrote: row-major float32 inputs x.bin [n, d], int32 m_jj bin per event bin.bin and
int32 fold per event fold.bin. For each test fold t and each other fold v, a fresh ReLU MLP (one logit, sigmoid in
the loss) is trained on the window's events (signal region label 1, sidebands 0, classes balanced to equal total
weight) outside folds t and v, its inputs standardised by the training events' mean and std as hepuq's MLP does,
with weighted BCE, Adam lr 1e-3 and hepuq's per-epoch cosine decay to 0.1 lr, minibatches from a fresh permutation
each epoch; its validation loss on fold v's window events is computed, and it scores every event of fold t; the
test fold's score is the mean of its k - 1 networks.
Usage: cwola_kfold_torch.py DIR D K SR_LO,SR_HI WIN_LO,WIN_HI HIDDEN(csv) EPOCHS BATCH REPEATS THREADS
-> {"s_per_region": median seconds}"""
import json, os, statistics, sys, time
import numpy as np
import torch
from torch_common import fit_logits, mlp

folder, d, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sr = [int(v) for v in sys.argv[4].split(',')]
win = [int(v) for v in sys.argv[5].split(',')]
hidden = [int(h) for h in sys.argv[6].split(',')]
epochs, batch, repeats, threads = (int(a) for a in sys.argv[7:11])
torch.set_num_threads(threads)
torch.manual_seed(1)
LR, LR_FINAL = 1e-3, 0.1
x = torch.from_numpy(np.fromfile(os.path.join(folder, 'x.bin'), dtype=np.float32).reshape(-1, d))
bins = torch.from_numpy(np.fromfile(os.path.join(folder, 'bin.bin'), dtype=np.int32))
fold = torch.from_numpy(np.fromfile(os.path.join(folder, 'fold.bin'), dtype=np.int32))
in_window = (bins >= win[0]) & (bins <= win[1])
label = ((bins >= sr[0]) & (bins <= sr[1])).float().unsqueeze(1)


def balanced(y):
    """Per-class weights giving both classes half the total weight (mean weight 1)."""
    n1 = float(y.sum())
    n0 = y.numel() - n1
    return torch.where(y > 0.5, 0.5 * y.numel() / n1, 0.5 * y.numel() / n0)


def train(xt, yt):
    mean, std = xt.mean(0), xt.std(0).clamp_min(1e-12)
    w = balanced(yt)
    model = fit_logits(mlp(d, hidden, 1), (xt - mean) / std, yt, w, epochs, batch, LR, LR_FINAL)
    return lambda z: torch.sigmoid(model((z - mean) / std))


def region():
    scores = torch.zeros(x.shape[0])
    for t in range(k):
        test = fold == t
        acc = torch.zeros(int(test.sum()))
        for v in range(k):
            if v == t:
                continue
            rows = in_window & (fold != t) & (fold != v)
            valid = in_window & (fold == v)
            net = train(x[rows], label[rows])
            with torch.no_grad():
                pv = net(x[valid]).clamp(1e-7, 1 - 1e-7)
                yv = label[valid]
                _ = float((-(balanced(yv) * (yv * pv.log() + (1 - yv) * (1 - pv).log()))).mean())
                acc += net(x[test]).squeeze(1)
        scores[test] = acc / (k - 1)
    return scores


times = []
for rep in range(repeats):
    t0 = time.perf_counter()
    s = region()
    times.append(time.perf_counter() - t0)
    assert bool(torch.isfinite(s).all())
print(json.dumps({"s_per_region": statistics.median(times)}))
