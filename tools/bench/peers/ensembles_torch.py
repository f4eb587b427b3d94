"""Peer for the ensemble bench: M heteroscedastic MLPs trained one after the other in a Python loop, the
common practice (fused Linear+ReLU, Adam, Gaussian NLL with log sigma clamped as in hepuq), each with
its own minibatch order.
Usage: ensembles_torch.py INPUTS HIDDEN(csv) BATCH STEPS MEMBERS REPEATS THREADS -> {"seconds": median}"""
import json, statistics, sys, time
import torch
from torch_common import het_mlp, het_nll, minibatches, step

inputs, hidden, batch, steps = int(sys.argv[1]), [int(h) for h in sys.argv[2].split(',')], int(sys.argv[3]), int(sys.argv[4])
members, repeats, threads = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
torch.set_num_threads(threads)
torch.manual_seed(1)
n = batch * 30
x = torch.randn(n, inputs)
y = (x[:, 0] * x[:, 1] + 0.1 * torch.randn(n)).unsqueeze(1)


def train_member():
    model = het_mlp(inputs, hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for idx in minibatches(n, batch, steps):
        step(opt, het_nll(model(x[idx]), y[idx]))

times = []
for r in range(repeats):
    t0 = time.perf_counter()
    for m in range(members):
        train_member()
    times.append(time.perf_counter() - t0)
print(json.dumps({"seconds": statistics.median(times)}))
