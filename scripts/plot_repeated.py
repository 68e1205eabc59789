#!/usr/bin/python3
"""Payoff paths of repeated play, from a CSV (docs/sweeps.md).

Expected columns (header names; any order; extra columns ignored):
  round    0-based or 1-based round number (integer)
  player   player id (e.g. us, china, bytedance)
  payoff   the player's stage payoff in that round
optional:
  run      simulation run / path id: several runs are drawn thin, their mean thick

  scripts/plot_repeated.py play.csv --out paths.png [--discount 0.9] [--cumulative]

--discount d adds each player's running discounted average payoff
(1-d) * sum_t d^t u_t / (1 - d^(T+1)) as a dashed line; --cumulative draws the
running sum instead of per-round payoffs. Needs python3-matplotlib from Debian
(run with /usr/bin/python3).
"""
import argparse
import csv
import itertools
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--discount", type=float, help="also draw the running discounted average")
    parser.add_argument("--cumulative", action="store_true", help="draw running sums of payoffs")
    parser.add_argument("--title")
    parser.add_argument("--width", type=float, default=8.0)
    parser.add_argument("--height", type=float, default=4.5)
    parser.add_argument("--dpi", type=int, default=120)
    args = parser.parse_args()
    if args.discount is not None and not 0 <= args.discount < 1:
        sys.exit("--discount must be in [0, 1)")

    # paths[player][run] = list of (round, payoff, label)
    paths = defaultdict(lambda: defaultdict(list))
    with open(args.csv, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"round", "player", "payoff"} - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{args.csv}: missing column(s) {', '.join(sorted(missing))} (need round, player, payoff)")
        for line, row in enumerate(reader, start=2):
            try:
                paths[row["player"]][row.get("run") or "0"].append(
                    (int(row["round"]), float(row["payoff"])))
            except ValueError:
                sys.exit(f"{args.csv}:{line}: round must be an integer and payoff a number")
    if not paths:
        sys.exit(f"{args.csv}: no rows")

    fig, ax = plt.subplots(figsize=(args.width, args.height))
    colours = plt.get_cmap("tab10").colors
    for i, (player, runs) in enumerate(paths.items()):
        colour = colours[i % len(colours)]
        by_round = defaultdict(list)
        for r, points in enumerate(runs.values()):
            points.sort()
            rounds = [p[0] for p in points]
            values = [p[1] for p in points]
            if args.cumulative:
                values = list(itertools.accumulate(values))
            for t, v in zip(rounds, values):
                by_round[t].append(v)
            if len(runs) > 1:
                ax.plot(rounds, values, color=colour, alpha=0.15, linewidth=0.8)
        rounds = sorted(by_round)
        mean = [sum(by_round[t]) / len(by_round[t]) for t in rounds]
        ax.plot(rounds, mean, color=colour, linewidth=2, label=player + (" (mean of runs)" if len(runs) > 1 else ""))
        if args.discount is not None and not args.cumulative:
            d = args.discount
            averages, numerator, weight = [], 0.0, 0.0
            for k, v in enumerate(mean):
                numerator += d ** k * v
                weight += d ** k
                averages.append(numerator / weight)
            ax.plot(rounds, averages, color=colour, linestyle="--", linewidth=1.2,
                    label=f"{player}: discounted average (delta={d:g})")
    ax.set_xlabel("round")
    ax.set_ylabel("cumulative payoff" if args.cumulative else "payoff per round")
    ax.set_title(args.title or "Payoffs of repeated play")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=args.dpi)


if __name__ == "__main__":
    main()
