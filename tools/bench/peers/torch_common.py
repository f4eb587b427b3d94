"""Pieces the PyTorch peers share, so every peer trains the same network the same way as hepuq."""
import math
import torch
import torch.nn.functional as F


def mlp(inputs, hidden, outputs):
    """Linear+ReLU layers ending in a linear layer of `outputs` units."""
    layers, d = [], inputs
    for h in hidden:
        layers += [torch.nn.Linear(d, h), torch.nn.ReLU()]
        d = h
    layers.append(torch.nn.Linear(d, outputs))
    return torch.nn.Sequential(*layers)


def het_mlp(inputs, hidden):
    """Linear+ReLU layers ending in (mu, log sigma)."""
    return mlp(inputs, hidden, 2)


def het_nll(out, y):
    """Heteroscedastic Gaussian NLL per event, log sigma clamped as in hepuq."""
    mu, log_sigma = out[:, :1], out[:, 1:].clamp(-6.9, 6.9)
    return ((y - mu) ** 2 * 0.5 * torch.exp(-2 * log_sigma) + log_sigma).mean()


def minibatches(n, batch, steps):
    """`steps` index batches over fresh permutations of n events."""
    step = 0
    while step < steps:
        perm = torch.randperm(n)
        for lo in range(0, n, batch):
            if step >= steps:
                return
            yield perm[lo:lo + batch]
            step += 1


def step(opt, loss):
    opt.zero_grad()
    loss.backward()
    opt.step()


def fit_logits(model, x, y, w, epochs, batch, lr=1e-3, lr_final=0.1):
    """Train a one-logit classifier on weighted BCE (sigmoid inside the loss) with Adam and hepuq's per-epoch
    cosine decay from lr to lr_final * lr, minibatches from a fresh permutation each epoch (the last one partial)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    rows = x.shape[0]
    for epoch in range(epochs):
        progress = epoch / (epochs - 1) if epochs > 1 else 0.0
        for group in opt.param_groups:
            group['lr'] = lr * (lr_final + (1 - lr_final) * 0.5 * (1 + math.cos(math.pi * progress)))
        perm = torch.randperm(rows)
        for lo in range(0, rows, batch):
            idx = perm[lo:lo + batch]
            loss = F.binary_cross_entropy_with_logits(model(x[idx]), y[idx], weight=w[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
