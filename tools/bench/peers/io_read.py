#!/usr/bin/python3
"""Python reference readers for the @hepuq/io benchmark (tools/bench/src/suites/io.bench.ts).

  io_read.py make-table <events.npy> <out.h5> <d>   pandas to_hdf(format='table') of the same events
  io_read.py read <format> <path> <d>               read columns x0..x{d-1}; prints one JSON line

Formats: csv (pandas.read_csv), npy (numpy.load), hdf5 (h5py, one dataset per column), hdf5-pandas
(pandas.read_hdf of a table), parquet (pandas.read_parquet; exits 3 when no engine is installed).
Every reader ends with one float32 array per column, as hepuq does.
"""
import json
import resource
import sys
import time

import numpy as np


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(fmt, path, d):
    cols = [f"x{j}" for j in range(d)]
    t0 = time.perf_counter()
    if fmt == "csv":
        import pandas as pd

        df = pd.read_csv(path, usecols=cols, dtype=np.float32, engine="c")
        out = {c: df[c].to_numpy() for c in cols}
    elif fmt == "npy":
        a = np.load(path)
        out = {c: np.ascontiguousarray(a[:, j]) for j, c in enumerate(cols)}
    elif fmt == "hdf5":
        import h5py

        with h5py.File(path, "r") as f:
            out = {c: f[c][:] for c in cols}
    elif fmt == "hdf5-pandas":
        import pandas as pd

        df = pd.read_hdf(path, "table", columns=cols)
        out = {c: df[c].to_numpy(dtype=np.float32) for c in cols}
    elif fmt == "parquet":
        import pandas as pd

        try:
            df = pd.read_parquet(path, columns=cols)
        except ImportError as e:
            print(json.dumps({"unavailable": str(e)}))
            sys.exit(3)
        out = {c: df[c].to_numpy(dtype=np.float32) for c in cols}
    else:
        raise SystemExit(f"unknown format {fmt}")
    seconds = time.perf_counter() - t0
    n = len(out["x0"])
    checksum = float(out["x0"].astype(np.float64).sum())
    print(json.dumps({"seconds": seconds, "n": n, "checksum": checksum, "peakRssMiB": peak_rss_mib()}))


def make_table(npy, out, d):
    import pandas as pd

    a = np.load(npy)
    pd.DataFrame(a, columns=[f"x{j}" for j in range(d)]).to_hdf(out, key="table", format="table", mode="w")
    print(json.dumps({"written": out}))


if __name__ == "__main__":
    if sys.argv[1] == "make-table":
        make_table(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        read(sys.argv[2], sys.argv[3], int(sys.argv[4]))
