"""Pieces the PyTorch peers share, so every peer trains the same network the same way as hepuq."""
import torch


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
