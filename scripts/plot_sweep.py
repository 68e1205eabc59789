#!/usr/bin/python3
"""Pictures of a `negsim sweep` CSV (docs/sweeps.md).

Regime map over two swept parameters: which equilibria hold at each point,
one colour per regime (the set of equilibria, described by the chosen action
columns):

    scripts/plot_sweep.py sweep.csv --x value_with_algorithm --y extension_cost_us \
        --label action_bytedance --out map.png

--lever player.lever names each equilibrium by a few lever settings
instead (e.g. --lever bytedance.divest --lever us.deadline).

Lines over one parameter: a value column (min and max over a point's
equilibria) or the number of equilibria, other axes fixed with --where:

    scripts/plot_sweep.py sweep.csv --x ban_cost_us --value payoff_us --out line.png
    scripts/plot_sweep.py sweep.csv --x ban_cost_us --value count --where security_value=30

Only the rows of one analysis are used (--analysis, default stage). Points
whose game could not be built, or whose analysis failed, show as "error";
points without an equilibrium as "no pure equilibrium".
Needs python3-matplotlib from Debian (run with /usr/bin/python3).
"""
import argparse
import csv
import sys
from collections import OrderedDict, defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402


def read_points(path, analysis, wheres):
    """Rows grouped by point: {point: {"values": {axis: text}, "rows": [row dicts]}}."""
    with open(path, newline="") as f:
        # The first line describes the sweep ("# negsim sweep ..."): not a row.
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        columns = reader.fieldnames or []
        if "point" not in columns or "analysis" not in columns:
            sys.exit(f"{path}: not a negsim sweep CSV (no point/analysis columns)")
        axes = columns[1:columns.index("analysis")]
        points = OrderedDict()
        for row in reader:
            if any(row.get(name) is None or float(row[name]) != value for name, value in wheres):
                continue
            if row["analysis"] not in (analysis, "build"):
                continue
            point = points.setdefault(int(row["point"]), {"values": {a: row[a] for a in axes}, "rows": [],
                                                          "level": int(row.get("level") or 0)})
            point["rows"].append(row)
    return axes, columns, points


def describe(row, label_columns, levers):
    """An equilibrium in words: the chosen columns, or the chosen levers' settings."""
    if not levers:
        return "; ".join(row[c] for c in label_columns)
    parts = []
    for player, lever in levers:
        settings = dict(item.split("=", 1) for item in row.get("action_" + player, "").split(",") if "=" in item)
        if lever not in settings:
            sys.exit(f"--lever {player}.{lever}: no such lever in column action_{player}")
        parts.append(f"{player}.{lever}={settings[lever]}")
    return ", ".join(parts)


def regime_of(rows, label_columns, levers=()):
    if any(r["status"] == "error" for r in rows):
        return "error"
    if all(r["status"] == "none" for r in rows):
        return "no pure equilibrium"
    labels = []
    for r in rows:
        if r["status"] != "ok":
            continue
        text = describe(r, label_columns, levers)
        if text not in labels:
            labels.append(text)
    return " | ".join(labels)


def refined_grid(points, x_axis, y_axis, regime_at):
    """A refined sweep (`negsim sweep --refine L`, a `level` column) on the grid
    2^depth times finer than its level-0 values: computed points at their
    positions, every other position filled from the smallest computed cell
    around it whose corners agree, coarse cells first (as negsim's own map)."""
    depth = max(p["level"] for p in points.values())
    def positions(axis):
        level0 = sorted({float(p["values"][axis]) for p in points.values() if p["level"] == 0})
        # Refined: points lie between the level-0 values (a --list axis is not).
        refined = len(level0) > 1 and any(float(p["values"][axis]) not in level0 for p in points.values())
        if not refined:
            return level0, (lambda v: level0.index(v)), len(level0), False
        n = (len(level0) - 1) * 2**depth + 1
        lo, hi = level0[0], level0[-1]
        return ([lo + (hi - lo) * i / (n - 1) for i in range(n)],
                (lambda v: min(n - 1, max(0, round((v - lo) / (hi - lo) * (n - 1))))), n, True)
    xs, x_at, nx, x_refined = positions(x_axis)
    ys, y_at, ny, y_refined = positions(y_axis)
    grid = [[-1] * nx for _ in range(ny)]
    for (x, y), regime in regime_at.items():
        grid[y_at(y)][x_at(x)] = regime
    for level in range(depth + 1):
        side = 2 ** (depth - level)
        sx, sy = (side if x_refined else 0), (side if y_refined else 0)
        for j in range(0, ny - sy, max(sy, 1)):
            for i in range(0, nx - sx, max(sx, 1)):
                c = grid[j][i]
                if c < 0 or grid[j][i + sx] != c or grid[j + sy][i] != c or grid[j + sy][i + sx] != c:
                    continue
                for y in range(j, j + sy + 1):
                    for x in range(i, i + sx + 1):
                        if grid[y][x] < 0:
                            grid[y][x] = c
    return xs, ys, grid


def regime_map(args, axes, columns, points):
    for name in (args.x, args.y):
        if name not in axes:
            sys.exit(f"--x/--y: '{name}' is not a swept axis (axes: {', '.join(axes)})")
    label_columns = args.label or [c for c in columns if c.startswith("action_")]
    levers = [tuple(l.split(".", 1)) for l in (args.lever or [])]
    if any(len(l) != 2 for l in levers):
        sys.exit("--lever expects player.lever")
    xs = sorted({float(p["values"][args.x]) for p in points.values()})
    ys = sorted({float(p["values"][args.y]) for p in points.values()})
    cells = defaultdict(set)
    for p in points.values():
        cells[(float(p["values"][args.x]), float(p["values"][args.y]))].add(regime_of(p["rows"], label_columns, levers))
    # A cell swept over other axes too may hold several regimes: join them.
    cell_regime = {k: " / ".join(sorted(v)) for k, v in cells.items()}
    regimes = sorted(set(cell_regime.values()), key=lambda r: (-sum(1 for v in cell_regime.values() if v == r), r))
    index = {r: i for i, r in enumerate(regimes)}
    if "level" in columns:
        xs, ys, grid = refined_grid(points, args.x, args.y, {k: index[v] for k, v in cell_regime.items()})
    else:
        grid = [[index.get(cell_regime.get((x, y)), -1) for x in xs] for y in ys]
    palette = plt.get_cmap("tab20" if len(regimes) > 10 else "tab10").colors
    colours = [palette[i % len(palette)] for i in range(len(regimes))]
    fig, ax = plt.subplots(figsize=(args.width, args.height))

    def edges(v):
        if len(v) == 1:
            return [v[0] - 0.5, v[0] + 0.5]
        mids = [(a + b) / 2 for a, b in zip(v, v[1:])]
        return [v[0] - (mids[0] - v[0])] + mids + [v[-1] + (v[-1] - mids[-1])]

    masked = [[c if c >= 0 else float("nan") for c in row] for row in grid]
    ax.pcolormesh(edges(xs), edges(ys), masked, cmap=ListedColormap(colours), vmin=-0.5,
                  vmax=len(regimes) - 0.5, shading="flat")
    ax.set_xlabel(args.x)
    ax.set_ylabel(args.y)
    ax.set_title(args.title or "Pure equilibria of the stage game")
    fig.tight_layout()
    # The legend goes under the axes, after the layout, so long regime names
    # widen the picture instead of squeezing the map.
    handles = [Patch(color=colours[i], label=r) for i, r in enumerate(regimes)]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(ax.get_position().x0, ax.get_position().y0 - 0.08),
               fontsize=8, frameon=False, ncol=1, title="equilibria at the point (one colour per set)",
               title_fontsize=8, alignment="left")
    fig.savefig(args.out, dpi=args.dpi, bbox_inches="tight")


def lines(args, axes, columns, points):
    if args.x not in axes:
        sys.exit(f"--x: '{args.x}' is not a swept axis (axes: {', '.join(axes)})")
    value = args.value or "count"
    if value != "count" and value not in columns:
        sys.exit(f"--value: no column '{value}' (columns: {', '.join(columns)})")
    series = defaultdict(list)  # x -> list of (min, max) or counts
    for p in points.values():
        x = float(p["values"][args.x])
        ok = [r for r in p["rows"] if r["status"] == "ok"]
        if value == "count":
            series[x].append((len(ok), len(ok)))
        elif ok:
            values = [float(r[value]) for r in ok if r[value] != ""]
            if values:
                series[x].append((min(values), max(values)))
    xs = sorted(series)
    lows = [min(v[0] for v in series[x]) for x in xs]
    highs = [max(v[1] for v in series[x]) for x in xs]
    fig, ax = plt.subplots(figsize=(args.width, args.height))
    if lows == highs:
        ax.plot(xs, lows, marker="o", markersize=3)
    else:
        ax.plot(xs, highs, label="max over equilibria")
        ax.plot(xs, lows, label="min over equilibria")
        ax.fill_between(xs, lows, highs, alpha=0.2)
        ax.legend()
    ax.set_xlabel(args.x)
    ax.set_ylabel("number of pure equilibria" if value == "count" else value)
    ax.set_title(args.title or (f"{value} over {args.x}"))
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out, dpi=args.dpi)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="output of negsim sweep --format csv")
    parser.add_argument("--x", required=True, help="swept axis on the horizontal axis")
    parser.add_argument("--y", help="second swept axis: draw a regime map")
    parser.add_argument("--label", action="append", help="column(s) naming an equilibrium in the map (default: every action_ column)")
    parser.add_argument("--lever", action="append", help="player.lever: name equilibria by these lever settings (e.g. bytedance.divest)")
    parser.add_argument("--value", help="lines: column to draw, or 'count' (default)")
    parser.add_argument("--where", action="append", default=[], help="NAME=VALUE: keep only points with this axis value")
    parser.add_argument("--analysis", default="stage")
    parser.add_argument("--title")
    parser.add_argument("--out", required=True, help="image file (.png, .svg, .pdf)")
    parser.add_argument("--width", type=float, default=7.5)
    parser.add_argument("--height", type=float, default=5.0)
    parser.add_argument("--dpi", type=int, default=120)
    args = parser.parse_args()
    wheres = []
    for w in args.where:
        name, _, value = w.partition("=")
        try:
            wheres.append((name, float(value)))
        except ValueError:
            sys.exit(f"--where {w}: expected NAME=NUMBER")
    axes, columns, points = read_points(args.csv, args.analysis, wheres)
    if not points:
        sys.exit(f"{args.csv}: no rows of analysis '{args.analysis}' (after --where)")
    if args.y:
        regime_map(args, axes, columns, points)
    else:
        lines(args, axes, columns, points)


if __name__ == "__main__":
    main()
