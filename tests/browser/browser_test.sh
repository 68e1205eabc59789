#!/usr/bin/env bash
# The HTML report of every shipped scenario (and of a small sweep and of
# `repeated --payoff-set`), loaded in
# headless Chromium by check_reports.py: no console error, no request leaving
# the file, every chart drawn, a non-blank screenshot of the expected size.
# Without chromium (or python3) the test says it was skipped and passes,
# unless NEGSIM_REQUIRE_BROWSER=1 (CI sets it: scripts/test, .ci/run).
#   tests/browser/browser_test.sh NEGSIM_EXE SOURCE_DIR
set -euo pipefail
negsim=$1
root=$2
chromium=${NEGSIM_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
python=$(command -v python3 || true)
if [ -z "$chromium" ] || [ -z "$python" ]; then
  if [ "${NEGSIM_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "browser test: chromium or python3 is missing and NEGSIM_REQUIRE_BROWSER=1 (run scripts/setup)" >&2
    exit 1
  fi
  echo "browser test SKIPPED: chromium or python3 is not installed (scripts/setup installs chromium)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages=()
cd "$root"
first_parameter() {  # the first parameter a scenario declares, or "none"
  awk '/^parameters:/ {p = 1; next} p && /^[^ #]/ {exit} p && /^  [a-zA-Z_][a-zA-Z0-9_]*:/ {sub(/^  /, ""); sub(/:.*/, ""); print; exit}' "$1" | grep . || echo none
}
while IFS= read -r scenario; do
  name=$(echo "$scenario" | sed 's|^scenarios/||; s|/|_|g; s|\.yaml$||')
  # Tipping points of one parameter (the search over all of them is a
  # benchmark, not a browser test): the page then has every kind of chart.
  "$negsim" run "$scenario" --format html --sensitivity "$(first_parameter "$scenario")" --out "$tmp/$name.html"
  pages+=("$tmp/$name.html")
done < <(find scenarios -name '*.yaml' | sort)
"$negsim" sweep scenarios/tiktok_2025.yaml --grid ban_cost_us=0:40:9 --grid extension_cost_us=0:20:5 \
  --no-progress --out "$tmp/sweep.csv" --report "$tmp/sweep.html"
pages+=("$tmp/sweep.html")
# The repeated game's payoff-set picture.
"$negsim" repeated scenarios/trade_war_tariffs.yaml --payoff-set --format html --out "$tmp/payoff_set.html"
pages+=("$tmp/payoff_set.html")
NEGSIM_BROWSER_PROFILE="$tmp/profile" "$python" "$root/tests/browser/check_reports.py" "$chromium" "${pages[@]}"
