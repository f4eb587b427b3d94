"""Peer for pivot: the same adversarial loop as hepuq's `pivot` method (Louppe et al. 1611.01046,
Algorithm 1) in PyTorch: an MLP classifier f(x) and a mixture-density adversary r(f) of Z, K adversary
Adam steps per classifier step on L_f - lambda L_r.
Usage: pivot_torch.py HIDDEN(csv) ADV_HIDDEN(csv) COMPONENTS BATCH K STEPS REPEATS THREADS -> {"steps_per_s": median}"""
import json, math, statistics, sys, time
import torch
from torch_common import minibatches

hidden, adv_hidden = [int(h) for h in sys.argv[1].split(',')], [int(h) for h in sys.argv[2].split(',')]
components, batch, k_steps, steps, repeats, threads = (int(a) for a in sys.argv[3:9])
torch.set_num_threads(threads)
torch.manual_seed(1)
n = batch * 100
label = (torch.rand(n) < 0.5).float()
z = torch.randn(n)
x = torch.randn(n, 2)
x[:, 0] += 1 - label
x[:, 1] += (1 + z) * (1 - label)
z_std = (z - z.mean()) / z.std()


def mlp(inputs, hidden, outputs):
    layers, d = [], inputs
    for h in hidden:
        layers += [torch.nn.Linear(d, h), torch.nn.ReLU()]
        d = h
    layers.append(torch.nn.Linear(d, outputs))
    return torch.nn.Sequential(*layers)


def adversary_nll(r, f, target):
    out = r(f)
    log_pi = torch.log_softmax(out[:, :components], 1)
    mu, log_sigma = out[:, components:2 * components], out[:, 2 * components:].clamp(-7, 5)
    u = (target.unsqueeze(1) - mu) * torch.exp(-log_sigma)
    log_n = -0.5 * u * u - log_sigma - 0.5 * math.log(2 * math.pi)
    return -torch.logsumexp(log_pi + log_n, 1).mean()


bce = torch.nn.BCEWithLogitsLoss()
rates = []
for rep in range(repeats):
    f_net, r_net = mlp(2, hidden, 1), mlp(1, adv_hidden, 3 * components)
    opt_f, opt_r = torch.optim.Adam(f_net.parameters(), 1e-3), torch.optim.Adam(r_net.parameters(), 1e-3)
    adv_batches = minibatches(n, batch, steps * k_steps)
    t0 = time.perf_counter()
    for idx in minibatches(n, batch, steps):
        for _ in range(k_steps):
            a = next(adv_batches)
            loss_r = adversary_nll(r_net, torch.sigmoid(f_net(x[a])).detach(), z_std[a])
            opt_r.zero_grad(); loss_r.backward(); opt_r.step()
        logits = f_net(x[idx])
        loss = bce(logits.squeeze(1), label[idx]) - 10.0 * adversary_nll(r_net, torch.sigmoid(logits), z_std[idx])
        opt_f.zero_grad(); loss.backward(); opt_f.step()
    rates.append(steps / (time.perf_counter() - t0))
print(json.dumps({"steps_per_s": statistics.median(rates)}))
