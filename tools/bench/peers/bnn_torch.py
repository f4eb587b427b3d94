"""Peer for bnn: the same mean-field Bayesian MLP in PyTorch (per-layer mu/rho, sigma = softplus(rho),
local reparameterisation, heteroscedastic Gaussian NLL + KL/N, Adam), and prediction with R weight draws.
Usage: bnn_torch.py INPUTS HIDDEN(csv) BATCH STEPS REPEATS THREADS LAYER(local|reparam) DRAWS EVENTS
-> prints {"steps_per_s": median, "samples_per_s": median}"""
import json, math, statistics, sys, time
import torch
from torch_common import het_nll, minibatches, step
import torch.nn.functional as F

inputs, hidden, batch, steps, repeats, threads = int(sys.argv[1]), [int(h) for h in sys.argv[2].split(',')], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
layer, draws, events = sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
torch.set_num_threads(threads)
torch.manual_seed(1)
n = batch * 100
x = torch.randn(n, inputs)
y = (x[:, 0] * x[:, 1] + 0.1 * torch.randn(n)).unsqueeze(1)
RHO0 = math.log(math.expm1(0.05))


class BayesLinear(torch.nn.Module):
    def __init__(self, fan_in, fan_out):
        super().__init__()
        self.w_mu = torch.nn.Parameter(torch.randn(fan_in, fan_out) * math.sqrt(2 / fan_in))
        self.b_mu = torch.nn.Parameter(torch.zeros(fan_out))
        self.w_rho = torch.nn.Parameter(torch.full((fan_in, fan_out), RHO0))
        self.b_rho = torch.nn.Parameter(torch.full((fan_out,), RHO0))

    def forward(self, h):
        ws, bs = F.softplus(self.w_rho), F.softplus(self.b_rho)
        if layer == 'local':
            mean = torch.addmm(self.b_mu, h, self.w_mu)
            var = torch.addmm(bs * bs, h * h, ws * ws)
            return mean + var.sqrt() * torch.randn_like(mean)
        w = self.w_mu + ws * torch.randn_like(ws)
        b = self.b_mu + bs * torch.randn_like(bs)
        return torch.addmm(b, h, w)

    def kl(self):
        kl = 0.0
        for mu, rho in ((self.w_mu, self.w_rho), (self.b_mu, self.b_rho)):
            s = F.softplus(rho)
            kl = kl + (0.5 * (s * s + mu * mu) - torch.log(s) - 0.5).sum()
        return kl

    def sample(self):
        return (self.w_mu + F.softplus(self.w_rho) * torch.randn_like(self.w_mu),
                self.b_mu + F.softplus(self.b_rho) * torch.randn_like(self.b_mu))


def net():
    sizes = [inputs] + hidden + [2]
    return torch.nn.ModuleList([BayesLinear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])


def forward(layers, h):
    for i, l in enumerate(layers):
        h = l(h)
        if i < len(layers) - 1:
            h = torch.relu(h)
    return h


train_rates, predict_rates = [], []
for r in range(repeats):
    layers = net()
    opt = torch.optim.Adam(layers.parameters(), lr=5e-3)
    t0 = time.perf_counter()
    for idx in minibatches(n, batch, steps):
        step(opt, het_nll(forward(layers, x[idx]), y[idx]) + sum(l.kl() for l in layers) / n)
    train_rates.append(steps / (time.perf_counter() - t0))
    xp = torch.randn(events, inputs)
    with torch.no_grad():
        t0 = time.perf_counter()
        outs = []
        for _ in range(draws):
            h = xp
            params = [l.sample() for l in layers]
            for i, (w, b) in enumerate(params):
                h = torch.addmm(b, h, w)
                if i < len(params) - 1:
                    h = torch.relu(h)
            outs.append(h)
        o = torch.stack(outs)
        mean, stat = o[:, :, 0].mean(0), o[:, :, 0].std(0)
        syst = torch.exp(o[:, :, 1].clamp(-6.9, 6.9)).pow(2).mean(0).sqrt()
        predict_rates.append(draws * events / (time.perf_counter() - t0))
print(json.dumps({"steps_per_s": statistics.median(train_rates), "samples_per_s": statistics.median(predict_rates)}))
