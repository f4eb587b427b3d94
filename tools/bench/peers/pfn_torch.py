"""Peer for the PFN benchmark: the same Particle Flow Network in PyTorch (Phi on every particle slot,
mask-weighted sum pooling, F, one logit, BCE, Adam), on inputs of the same shape as hepuq's jets.
Usage: pfn_torch.py N P F PHI(csv) FHIDDEN(csv) BATCH STEPS REPEATS THREADS MEAN_PARTICLES
-> prints {"steps_per_s": median}"""
import json, statistics, sys, time
import torch
import torch.nn.functional as Fn
from torch_common import minibatches, mlp, step

n, P, feats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
phi_sizes, f_hidden = [int(h) for h in sys.argv[4].split(',')], [int(h) for h in sys.argv[5].split(',')]
batch, steps, repeats, threads, mean_particles = int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9]), float(sys.argv[10])
torch.set_num_threads(threads)
torch.manual_seed(1)
x = torch.randn(n, P, feats)
counts = torch.poisson(torch.full((n,), mean_particles - 1)).clamp(0, P - 1) + 1
mask = (torch.arange(P).unsqueeze(0) < counts.unsqueeze(1)).float()
y = (torch.rand(n, 1) < 0.5).float()


class Pfn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # Phi: Linear+ReLU layers, its last layer activated too (the pooled latent vector), as in hepuq
        layers, d = [], feats
        for h in phi_sizes:
            layers += [torch.nn.Linear(d, h), torch.nn.ReLU()]
            d = h
        self.phi = torch.nn.Sequential(*layers)
        self.f = mlp(phi_sizes[-1], f_hidden, 1)

    def forward(self, xb, mb):
        h = self.phi(xb.reshape(-1, feats)).reshape(xb.shape[0], P, -1)
        return self.f((h * mb.unsqueeze(2)).sum(1))


rates = []
for r in range(repeats):
    model = Pfn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    t0 = time.perf_counter()
    for idx in minibatches(n, batch, steps):
        step(opt, Fn.binary_cross_entropy_with_logits(model(x[idx], mask[idx]), y[idx]))
    rates.append(steps / (time.perf_counter() - t0))
print(json.dumps({"steps_per_s": statistics.median(rates)}))
