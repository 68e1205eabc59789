#!/usr/bin/env bash
# Compares the output of two negsim builds on .nfg games, byte for byte: the
# check that a change to how exact payoffs are read and kept (issue 16) leaves
# every export and every solve as it was. Usage, from the source tree:
#   bench/compare_nfg_outputs.sh OLD_NEGSIM NEW_NEGSIM [GAME.nfg...]
# Games: the given ones, else every ../shared/games/gambit/*.nfg plus a few
# written here (6-decimal random games from `negsim generate`, payoffs that
# are rationals, long decimals, exponents, halves and quarters, negatives, an
# outcome list). For each game: `export --nfg` in both body styles (the files
# compared), and `solve` with every normal-form method (and --exact where it
# applies) in text, gambit and json formats (stdout, stderr and exit code).
# Exit 0 if all are identical, else 1 with the first differing lines.
set -uo pipefail
old=${1:?usage: compare_nfg_outputs.sh OLD_NEGSIM NEW_NEGSIM [GAME.nfg...]}
new=${2:?usage: compare_nfg_outputs.sh OLD_NEGSIM NEW_NEGSIM [GAME.nfg...]}
shift 2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

games=()
for game in "$@"; do games+=("$(realpath "$game")"); done
mkdir -p "$tmp/old" "$tmp/new"
if [ ${#games[@]} -eq 0 ]; then
  games=("$root"/../shared/games/gambit/*.nfg)
  "$new" generate --sizes 12x12 --seed 2 --decimals 6 --out "$tmp/random12.nfg" >/dev/null
  "$new" generate --sizes 5x6x4 --seed 3 --decimals 3 --out "$tmp/random3p.nfg" >/dev/null
  "$new" generate --sizes 6x7 --seed 4 --decimals 0 --out "$tmp/integers.nfg" >/dev/null
  cat >"$tmp/rationals.nfg" <<'EOF'
NFG 1 R "rationals and decimals" { "A" "B" } { 3 3 }
1/3 2 0.5 -1/7 0.25 1 2/3 0.125 -0.5 4 1e-2 3 2.5E+1 -3 7/9 0 0 1
0.333333333333333333333 1/2 5 5 -2/3 1 1/4 0.75 2 0
EOF
  cat >"$tmp/halves.nfg" <<'EOF'
NFG 1 R "halves, quarters, negatives, exponents" { "A" "B" } { 3 2 }
0.5 -0.25 1.50 2 -3.125 0.75 1e1 -1.5e-1 0.000 -0.0 2.500000 1.25
EOF
  cat >"$tmp/large.nfg" <<'EOF'
NFG 1 R "large and long" { "A" "B" } { 2 2 }
123456789012.5 -1 0.1 3 1e300 2 0.1234567890123456789 -7
EOF
  cat >"$tmp/outcomes.nfg" <<'EOF'
NFG 1 R "outcome list" { "A" "B" } { 2 2 }
{ { "x" 0.5, -1.25 } { "y" 3, 0.1 } { "z" 1/3, 2 } }
1 2 0 3
EOF
  cat >"$tmp/outcomes_decimal.nfg" <<'EOF'
NFG 1 R "outcome list of decimals" { "A" "B" } { 2 2 }
{ { "x" 0.5, -1.25 } { "y" 3, 0.1 } { "z" 0.125, 2 } }
1 2 0 3
EOF
  games+=("$tmp"/*.nfg)
fi

runs=(
  "--method pure" "--method pure --exact" "--method dominance" "--method enum" "--method enum --exact"
  "--method lh" "--method lh --exact" "--method lh --all-labels" "--method lh --race" "--method lp"
  "--method logit" "--method gnm" "--method ce" "--method cce" "--method auto" "--method auto --exact"
)
formats=(text gambit json)
status=0
compared=0
differ() {
  echo "DIFFERS: $1"
  diff "$2" "$3" | head -n 8
  status=1
}
for game in "${games[@]}"; do
  name=$(basename "$game" .nfg)
  for style in payoff outcome; do
    for side in old new; do
      bin=$old
      [ "$side" = new ] && bin=$new
      # Run in a folder of its own so that the messages name the same path.
      (cd "$tmp/$side" && "$bin" export "$game" --nfg game.nfg --style "$style") >"$tmp/$side.out" 2>&1
      echo "exit $?" >>"$tmp/$side.out"
      [ -f "$tmp/$side/game.nfg" ] && cat "$tmp/$side/game.nfg" >>"$tmp/$side.out"
      rm -f "$tmp/$side/game.nfg"
    done
    compared=$((compared + 1))
    cmp -s "$tmp/old.out" "$tmp/new.out" || differ "$name export --style $style" "$tmp/old.out" "$tmp/new.out"
  done
  for run in "${runs[@]}"; do
    read -r -a args <<<"$run"
    for format in "${formats[@]}"; do
      for side in old new; do
        bin=$old
        [ "$side" = new ] && bin=$new
        timeout 60 "$bin" solve "$game" "${args[@]}" --format "$format" >"$tmp/$side.out" 2>"$tmp/$side.err"
        echo "exit $?" >>"$tmp/$side.out"
        cat "$tmp/$side.err" >>"$tmp/$side.out"
      done
      compared=$((compared + 1))
      cmp -s "$tmp/old.out" "$tmp/new.out" || differ "$name solve $run --format $format" "$tmp/old.out" "$tmp/new.out"
    done
  done
done
echo "$compared outputs compared, $([ $status -eq 0 ] && echo "all identical" || echo "some differ")"
exit $status
