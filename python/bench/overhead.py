#!/usr/bin/env python3
"""negsim from Python against negsim in C++, on the same games.

  PYTHONPATH=build/python python3 python/bench/overhead.py [--build build] [--quick]

1. Call overhead: solving a 2x2 game (chicken) from numpy arrays, per call
   (timeit, median of repeats), beside the C++ Google Benchmark median of the
   same solve (build/negsim_python_bench, python/bench/solve_bench.cpp).
2. The CLI's benchmark games (Lemke-Howson 200x200, enum 14x14, logit 3
   players 20^3): negsim.solve from Python, the same solve in C++ (Google
   Benchmark) and `negsim solve FILE` end to end, medians; the ratio Python/C++.
3. Peers: Nashpy and QuantEcon are not Debian packages and there is no PyPI
   here, so they cannot be installed and are not run (their dependencies are:
   python3-scipy and python3-numba are Debian packages; the libraries are
   not, and are not re-implemented). In their place, clearly labelled: a numpy
   reference of support enumeration (the algorithm of nashpy's
   support_enumeration) on the 2x2 game, as a yardstick of what a pure numpy
   solve costs.

Prints a markdown table (docs/benchmarks.md, "Python module").
"""

import argparse
import itertools
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

import numpy as np

import negsim


def median_seconds(stmt, number, repeat, clock=time.process_time):
    """Median over `repeat` runs of the time per call, on `clock`: CPU time of
    the process by default (the solves are single-threaded), which a loaded
    machine distorts far less than wall time; Google Benchmark's CPU column is
    the same clock for its thread."""
    timer = timeit.Timer(stmt, timer=clock)
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def numpy_support_enumeration(A, B):
    """Reference (not negsim, not Nashpy): every equilibrium of a nondegenerate
    bimatrix game by enumerating equal-size supports, solving the indifference
    equations with numpy.linalg.solve (the algorithm of nashpy's support_enumeration)."""
    m, n = A.shape
    out = []
    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                # Column player's mix y makes rows I indifferent; row player's x makes columns J indifferent.
                M = np.zeros((k + 1, k + 1))
                M[:k, :k] = A[np.ix_(I, J)]
                M[:k, k] = -1
                M[k, :k] = 1
                rhs = np.zeros(k + 1)
                rhs[k] = 1
                N = np.zeros((k + 1, k + 1))
                N[:k, :k] = B[np.ix_(I, J)].T
                N[:k, k] = -1
                N[k, :k] = 1
                try:
                    ys = np.linalg.solve(M, rhs)
                    xs = np.linalg.solve(N, rhs)
                except np.linalg.LinAlgError:
                    continue
                if (ys[:k] < -1e-12).any() or (xs[:k] < -1e-12).any():
                    continue
                x = np.zeros(m)
                y = np.zeros(n)
                x[list(I)] = xs[:k]
                y[list(J)] = ys[:k]
                if (A @ y).max() <= x @ A @ y + 1e-9 and (x @ B).max() <= x @ B @ y + 1e-9:
                    out.append((x, y))
    return out


def cpp_medians(bench_exe, games_dir, repetitions):
    env = dict(os.environ, NEGSIM_PY_BENCH_GAMES=str(games_dir))
    done = subprocess.run([str(bench_exe), "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
                           "--benchmark_report_aggregates_only=true"], capture_output=True, text=True, env=env,
                          check=True)
    medians = {}
    for b in json.loads(done.stdout)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            medians[b["run_name"].replace("/process_time", "")] = b["cpu_time"] * scale
    return medians


def cli_median(negsim_exe, path, method, repeat):
    """CPU time (user + system) of `negsim solve FILE --method METHOD`, whole process."""
    times = []
    for _ in range(repeat):
        before = os.times()
        subprocess.run([str(negsim_exe), "solve", str(path), "--method", method], check=True,
                       stdout=subprocess.DEVNULL)
        after = os.times()
        times.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return statistics.median(times)


def fmt(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    args = parser.parse_args()
    build = pathlib.Path(args.build)
    repeat = 3 if args.quick else 9

    rows = []
    A = np.array([[0.0, 4.0], [1.0, 3.0]])
    B = np.array([[0.0, 1.0], [4.0, 3.0]])
    game = negsim.bimatrix(A, B)
    g = {"negsim": negsim, "A": A, "B": B, "game": game, "ref": numpy_support_enumeration}
    py_2x2 = {}
    for method in ["auto", "enum", "lh", "pure"]:
        py_2x2[method] = median_seconds(lambda m=method: negsim.solve(game, m), 2000 if not args.quick else 200, repeat)
    from_arrays = median_seconds(lambda: negsim.solve(negsim.bimatrix(A, B), "auto"), 2000 if not args.quick else 200,
                                 repeat)
    reference = median_seconds(lambda: numpy_support_enumeration(A, B), 500 if not args.quick else 50, repeat)

    with tempfile.TemporaryDirectory() as tmp:
        games_dir = pathlib.Path(tmp)
        rng = np.random.default_rng(2026)
        negsim.bimatrix(rng.random((200, 200)), rng.random((200, 200))).write_nfg(str(games_dir / "lh200.nfg"))
        negsim.bimatrix(rng.integers(0, 10, (14, 14)), rng.integers(0, 10, (14, 14))).write_nfg(
            str(games_dir / "enum14.nfg"))
        negsim.game(*[rng.random((20, 20, 20)) for _ in range(3)]).write_nfg(str(games_dir / "logit20.nfg"))
        cpp = cpp_medians(build / "negsim_python_bench", games_dir, repeat)
        for method in ["auto", "enum", "lh", "pure"]:
            c = cpp[f"Solve2x2/{method}"]
            rows.append((f"2x2 chicken, method {method}, game built once", py_2x2[method], c, None))
        rows.append(("2x2 chicken from numpy arrays (bimatrix + solve auto)", from_arrays,
                     cpp["Solve2x2/auto"], None))
        for name, method, label in [("lh200", "lh", "Lemke-Howson 200x200, label 0"),
                                    ("enum14", "enum", "enum 14x14 integer payoffs"),
                                    ("logit20", "logit", "logit 3 players 20^3")]:
            path = games_dir / f"{name}.nfg"
            loaded = negsim.read_nfg(path)
            once = negsim.solve(loaded, method)  # warm up; and how long one call takes
            start = time.process_time()
            negsim.solve(loaded, method)
            number = max(1, int(0.2 / max(time.process_time() - start, 1e-6)))
            py = median_seconds(lambda: negsim.solve(loaded, method), number, repeat)
            cli = cli_median(build / "negsim", path, method, repeat)
            rows.append((label, py, cpp[f"SolveFile/{name}"], cli))

    print(f"CPU time per call, medians of {repeat} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    print()
    print("| solve | Python (negsim.solve) | C++ (Google Benchmark) | Python - C++ | Python / C++ | CLI, whole process |")
    print("|---|---|---|---|---|---|")
    for label, py, c, cli in rows:
        print(f"| {label} | {fmt(py)} | {fmt(c)} | {fmt(py - c) if py >= c else '-' + fmt(c - py)} | {py / c:.3f} | "
              f"{fmt(cli) if cli else ''} |")
    print()
    print(f"Reference, not a peer: numpy support enumeration (nashpy's algorithm, written in this script) "
          f"on the same 2x2: {fmt(reference)} per call ({reference / py_2x2['enum']:.1f}x negsim enum from Python).")


if __name__ == "__main__":
    sys.exit(main())
