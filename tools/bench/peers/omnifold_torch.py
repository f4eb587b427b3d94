"""Peer for omnifold: one OmniFold iteration (Andreassen et al. 1911.09107, Algorithm 1) in PyTorch on the paper's
1-D Gaussian example (hepuq's `unfold-gauss` toy): sim gen ~ N(0, 1), nature gen ~ N(0.2, 0.8^2), reco = gen +
N(0, 0.5^2), N events each, efficiency 1 and no fakes. Step 1 trains a classifier of data reco (label 1, unit
weights) against sim reco (label 0, the push weights) and pulls = push * c / (1 - c) on sim reco; step 2 trains
one of sim gen with the pull weights (label 1) against sim gen with the push weights (label 0) and the new
push = c / (1 - c) on sim gen. Each classifier is a fresh ReLU MLP with a sigmoid output (taken inside the
weighted BCE, as logits, for stability), classes balanced to equal total weight, Adam lr 1e-3 with hepuq's
per-epoch cosine decay to 0.1 lr, minibatches from a fresh permutation each epoch (the last one partial).
Usage: omnifold_torch.py N HIDDEN(csv) EPOCHS BATCH REPEATS THREADS -> {"s_per_iter": median seconds}"""
import json, statistics, sys, time
import torch
from torch_common import fit_logits, mlp

n, hidden = int(sys.argv[1]), [int(h) for h in sys.argv[2].split(',')]
epochs, batch, repeats, threads = (int(a) for a in sys.argv[3:7])
torch.set_num_threads(threads)
torch.manual_seed(1)
LR, LR_FINAL, CLIP = 1e-3, 0.1, 1e-6
sim_gen = torch.randn(n, 1)
sim_reco = sim_gen + 0.5 * torch.randn(n, 1)
data_reco = 0.2 + 0.8 * torch.randn(n, 1) + 0.5 * torch.randn(n, 1)


def balanced(w1, w0):
    """Both classes scaled to the same total weight, half the number of events each (mean weight 1)."""
    total = w1.numel() + w0.numel()
    return torch.cat([w1 * (0.5 * total / w1.sum()), w0 * (0.5 * total / w0.sum())])


def train(x1, w1, x0, w0):
    """A fresh classifier of class 1 (x1, w1) against class 0 (x0, w0): weighted BCE, Adam, cosine lr per epoch."""
    x = torch.cat([x1, x0])
    y = torch.cat([torch.ones(x1.shape[0], 1), torch.zeros(x0.shape[0], 1)])
    w = balanced(w1, w0).unsqueeze(1)
    # one logit: the sigmoid is applied by the loss and by `odds`
    return fit_logits(mlp(1, hidden, 1), x, y, w, epochs, batch, LR, LR_FINAL)


def odds(model, x):
    """c / (1 - c) with c = sigmoid(logit) clipped to [1e-6, 1 - 1e-6]."""
    with torch.no_grad():
        c = torch.sigmoid(model(x)).clamp(CLIP, 1 - CLIP).squeeze(1)
    return c / (1 - c)


def iteration(push):
    """One OmniFold iteration from the push weights of sim; returns the new push weights."""
    step1 = train(data_reco, torch.ones(n), sim_reco, push)
    pull = push * odds(step1, sim_reco)
    step2 = train(sim_gen, pull, sim_gen, push)
    return odds(step2, sim_gen)


times = []
for rep in range(repeats):
    t0 = time.perf_counter()
    new_push = iteration(torch.ones(n))
    times.append(time.perf_counter() - t0)
    # the weights must be usable, or the timing measured a broken iteration
    assert bool(torch.isfinite(new_push).all()) and float(new_push.min()) > 0
print(json.dumps({"s_per_iter": statistics.median(times)}))
