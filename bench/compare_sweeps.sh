#!/usr/bin/env bash
# Compares the output of two negsim builds on the shipped sweeps, byte for byte:
# the check that a change to the per-point path (compile once, bind per point)
# leaves every sweep's output as it was. Usage, from the source tree:
#   bench/compare_sweeps.sh OLD_NEGSIM NEW_NEGSIM
# Exit 0 if every sweep gives identical bytes (stdout, exit code), else 1 with
# the first differing lines. Sweeps: the regime maps of docs/sweeps.md (cut
# down), lever and label-lever axes, sets, random and LHS axes, huge values,
# and every analysis (stage, mixed, correlated, spe, bargaining, repeated,
# learn), CSV and JSON lines, 1 and 2 jobs.
set -uo pipefail
old=${1:?usage: compare_sweeps.sh OLD_NEGSIM NEW_NEGSIM}
new=${2:?usage: compare_sweeps.sh OLD_NEGSIM NEW_NEGSIM}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tiktok=$root/scenarios/tiktok_2025.yaml
trade=$root/scenarios/trade_war_tariffs.yaml
pd=$root/scenarios/classic/prisoners_dilemma.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sweeps=(
  "$tiktok --grid value_with_algorithm=0:200:21 --grid extension_cost_us=0:20:21"
  "$tiktok --grid ban_cost_us=0:60:16 --grid extension_cost_us=0:20:11 --jobs 2"
  "$tiktok --grid algorithm_control_cost=0:20:11 --grid champion_weight=0:1:11"
  "$tiktok --grid us.tariff=0:30:4 --list china.farm=boycott,resume"
  "$tiktok --list us.tariff=0|10,0|10|20|30 --grid ban_cost_us=0:40:5"
  "$tiktok --lhs ban_cost_us=0:60 --random extension_cost_us=0:20 --samples 40 --seed 3"
  "$tiktok --list ban_cost_us=1e300,-1e300,0 --format jsonl"
  "$tiktok --grid ban_cost_us=0:40:9 --analyses stage,spe,bargaining,repeated"
  "$tiktok --grid sale_bid_without_algorithm=0:60:9 --analyses bargaining --format jsonl"
  "$tiktok --grid ban_cost_us=0:40:5 --analyses spe --select all"
  "$tiktok --grid ban_cost_us=0:40:3 --analyses mixed,correlated"
  "$trade --grid tot_gain=0:2:11 --analyses stage,repeated,mixed"
  "$pd --grid T=3:8:6 --analyses stage,learn"
  "$trade --lhs tot_gain=0:2 --samples 30 --analyses stage,repeated --jobs 2 --format jsonl"
)
status=0
for i in "${!sweeps[@]}"; do
  read -r -a args <<<"${sweeps[$i]}"
  "$old" sweep "${args[@]}" --out "$tmp/old_$i" >"$tmp/old_$i.stdout" 2>"$tmp/old_$i.stderr"
  old_rc=$?
  "$new" sweep "${args[@]}" --out "$tmp/new_$i" >"$tmp/new_$i.stdout" 2>"$tmp/new_$i.stderr"
  new_rc=$?
  same_file=yes
  if [[ -e $tmp/old_$i || -e $tmp/new_$i ]] && ! cmp -s "$tmp/old_$i" "$tmp/new_$i"; then same_file=no; fi
  if [[ $old_rc != "$new_rc" || $same_file == no ]]; then
    echo "DIFFERENT (exit $old_rc vs $new_rc): sweep ${sweeps[$i]}"
    diff "$tmp/old_$i" "$tmp/new_$i" | head -5
    head -3 "$tmp/new_$i.stderr"
    status=1
  else
    echo "same ($(cat "$tmp/new_$i" 2>/dev/null | wc -l) lines, exit $new_rc): sweep ${sweeps[$i]}"
  fi
done
exit $status
