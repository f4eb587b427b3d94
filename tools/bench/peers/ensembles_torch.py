"""Peer for the ensemble bench: M heteroscedastic MLPs trained one after the other in a Python loop, the
common practice (fused Linear+ReLU, Adam, Gaussian NLL with log sigma clamped as in hepuq), each with
its own minibatch order.
Usage: ensembles_torch.py INPUTS HIDDEN(csv) BATCH STEPS MEMBERS REPEATS THREADS -> {"seconds": median}"""
import json, statistics, sys, time
import torch

inputs, hidden, batch, steps = int(sys.argv[1]), [int(h) for h in sys.argv[2].split(',')], int(sys.argv[3]), int(sys.argv[4])
members, repeats, threads = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
torch.set_num_threads(threads)
torch.manual_seed(1)
n = batch * 30
x = torch.randn(n, inputs)
y = (x[:, 0] * x[:, 1] + 0.1 * torch.randn(n)).unsqueeze(1)

def net():
    layers, d = [], inputs
    for h in hidden:
        layers += [torch.nn.Linear(d, h), torch.nn.ReLU()]
        d = h
    layers.append(torch.nn.Linear(d, 2))
    return torch.nn.Sequential(*layers)

def train_member():
    model = net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    step = 0
    while step < steps:
        perm = torch.randperm(n)
        for lo in range(0, n, batch):
            if step >= steps:
                break
            idx = perm[lo:lo + batch]
            out = model(x[idx])
            mu, log_sigma = out[:, :1], out[:, 1:].clamp(-6.9, 6.9)
            loss = ((y[idx] - mu) ** 2 * 0.5 * torch.exp(-2 * log_sigma) + log_sigma).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1

times = []
for r in range(repeats):
    t0 = time.perf_counter()
    for m in range(members):
        train_member()
    times.append(time.perf_counter() - t0)
print(json.dumps({"seconds": statistics.median(times)}))
