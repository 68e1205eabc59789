#!/usr/bin/env bash
# Compares negsim's enumeration of all extreme equilibria with lrsnash (lrslib)
# on the same seeded random square games with integer payoffs in [0,100).
#
#   bench/compare_lrsnash.sh [SIZES] [SEEDS]      e.g. bench/compare_lrsnash.sh "14 16" "1 2 3"
#
# For each game: writes it in lrsnash's format (m n, then A and B row by row),
# times lrsnash (user CPU seconds, as lrsnash reports) and negsim (median of 3
# Google Benchmark repetitions of BM_EnumerateLrsFile in negsim_bench, double
# mode with exact re-verification; NEGSIM_LRS_EXACT=1 for `--exact`,
# NEGSIM_LRS_EXACT=rational for `--exact` by rational pivoting throughout), and
# checks that both found the same set of equilibria (same count, and every
# lrsnash equilibrium matched by a negsim one: exactly, as rationals, in exact
# mode; within 1e-9 in double mode).
# Environment: NEGSIM_BUILD_DIR (default build/), NEGSIM_LRS_EXACT.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${NEGSIM_BUILD_DIR:-$root/build}
bench="$build/negsim_bench"
sizes=${1:-"14 16"}
seeds=${2:-"1 2 3"}
command -v lrsnash >/dev/null || { echo "lrsnash not found (Debian package lrslib)" >&2; exit 1; }
[ -x "$bench" ] || { echo "$bench not built (scripts/build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-8s %-5s %6s %6s %12s %12s %8s %s\n' size seed eq_lrs eq_ng lrsnash_s negsim_s speedup same_set
for n in $sizes; do
  for seed in $seeds; do
    game="$work/g${n}_${seed}.txt"
    python3 - "$n" "$seed" "$game" <<'PY'
import random, sys
n, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
with open(path, "w") as f:
    f.write(f"{n} {n}\n\n")
    for _ in range(2):
        for _ in range(n):
            f.write(" ".join(str(rng.randrange(100)) for _ in range(n)) + "\n")
        f.write("\n")
PY
    lrs_out="$work/lrs_${n}_${seed}.txt"
    lrsnash "$game" >"$lrs_out"
    lrs_time=$(grep -o '^\*[0-9.]*u' "$lrs_out" | tr -d '*u' | tail -1)
    ng_out="$work/ng_${n}_${seed}.txt"
    json="$work/ng_${n}_${seed}.json"
    NEGSIM_LRS_GAME="$game" NEGSIM_LRS_OUT="$ng_out" "$bench" --benchmark_filter='^BM_EnumerateLrsFile$' \
      --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
      --benchmark_format=json >"$json" 2>/dev/null
    python3 - "$lrs_out" "$ng_out" "$json" "$n" "$seed" "$lrs_time" <<'PY'
import json, sys
from fractions import Fraction
lrs_path, ng_path, json_path, n, seed, lrs_time = sys.argv[1:7]
n = int(n)
# lrsnash prints blocks separated by blank lines: "2 ..." lines give player
# 2's strategies (n probabilities, then player 1's payoff), "1 ..." lines player
# 1's (n probabilities, then player 2's payoff); in degenerate games a block
# has several of either, and every pair in the block is an equilibrium.
lrs, ys, xs = [], [], []
def flush():
    lrs.extend((x, y) for y in ys for x in xs)
    ys.clear(); xs.clear()
for line in open(lrs_path):
    parts = line.split()
    if not parts:
        flush()
        continue
    if parts[0] not in ("1", "2"):
        continue
    probs = [Fraction(t) for t in parts[1:1 + n]]
    (ys if parts[0] == "2" else xs).append(probs)
flush()
ng = []
for line in open(ng_path):
    if "|" not in line:
        continue
    left, right = line.split("|")
    ng.append(([Fraction(t) for t in left.split()], [Fraction(t) for t in right.split()]))
exact = all("." not in line and "e" not in line for line in open(ng_path))
def close(a, b):
    if exact:
        return a[0] + a[1] == b[0] + b[1]
    return all(abs(float(u) - float(v)) <= 1e-9 for u, v in zip(a[0] + a[1], b[0] + b[1]))
same = len(lrs) == len(ng) and all(any(close(e, f) for f in ng) for e in lrs)
data = json.load(open(json_path))
median = [b for b in data["benchmarks"] if b.get("aggregate_name") == "median"][0]
t = median["cpu_time"] / 1000.0  # ms -> s
speedup = float(lrs_time) / t if t > 0 else float("inf")
print(f"{n}x{n:<5} {seed:<5} {len(lrs):6d} {len(ng):6d} {float(lrs_time):12.3f} {t:12.3f} {speedup:7.1f}x {'yes' if same else 'NO'}")
PY
  done
done
echo "times: lrsnash user CPU; negsim median CPU time of 3 runs (negsim_bench BM_EnumerateLrsFile, NEGSIM_LRS_EXACT=${NEGSIM_LRS_EXACT:-unset})"
