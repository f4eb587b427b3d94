"""Peer for het-mlp: the same heteroscedastic MLP (fused Linear+ReLU, Adam, Gaussian NLL) in PyTorch.
Usage: het_mlp_torch.py INPUTS HIDDEN(csv) BATCH STEPS REPEATS THREADS -> prints {"steps_per_s": median}"""
import json, statistics, sys, time
import torch
from torch_common import het_mlp, het_nll, minibatches, step

inputs, hidden, batch, steps, repeats, threads = int(sys.argv[1]), [int(h) for h in sys.argv[2].split(',')], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
torch.set_num_threads(threads)
torch.manual_seed(1)
n = batch * 100
x = torch.randn(n, inputs)
y = (x[:, 0] * x[:, 1] + 0.1 * torch.randn(n)).unsqueeze(1)


rates = []
for r in range(repeats):
    model = het_mlp(inputs, hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    t0 = time.perf_counter()
    for idx in minibatches(n, batch, steps):
        step(opt, het_nll(model(x[idx]), y[idx]))
    rates.append(steps / (time.perf_counter() - t0))
print(json.dumps({"steps_per_s": statistics.median(rates)}))
