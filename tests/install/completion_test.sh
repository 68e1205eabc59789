#!/usr/bin/env bash
# CTest `bash_completion`: drives packaging/bash-completion/negsim as bash
# does (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT, then the function) and
# checks COMPREPLY against what the binary itself says (`negsim complete ...`,
# `negsim COMMAND --help`) and against the scenario files.
# Runs once with plain bash, and once more with bash-completion's helpers
# (_init_completion, _filedir) loaded when the package is installed.
#   usage: completion_test.sh NEGSIM_BINARY COMPLETION_SCRIPT   (from the project root)
set -uo pipefail
bin=$1
script=$2
failures=0

# complete_line WORD...: the words of a command line whose last word is being
# completed (pass "" to complete an empty word); sets COMPREPLY.
complete_line() {
    COMP_WORDS=("$bin" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _negsim
}

fail() {
    echo "FAIL [$mode] $*" >&2
    echo "  COMP_WORDS=(${COMP_WORDS[*]}) COMPREPLY=(${COMPREPLY[*]})" >&2
    failures=$((failures + 1))
}

# expect_set WORD... -- EXPECTED...: COMPREPLY is exactly EXPECTED (any order).
expect_set() {
    local words=() expected=()
    while [[ $1 != -- ]]; do words+=("$1"); shift; done
    shift
    expected=("$@")
    complete_line "${words[@]}"
    local got want
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
    want=$(printf '%s\n' "${expected[@]}" | sort)
    [[ $got == "$want" ]] || fail "expected (${expected[*]})"
}

# expect_contains WORD... -- ITEM...: every ITEM is in COMPREPLY. (grep reads
# all its input: with -q it may exit first and, under pipefail, printf's
# SIGPIPE would fail the check at random.)
expect_contains() {
    local words=() item
    while [[ $1 != -- ]]; do words+=("$1"); shift; done
    shift
    complete_line "${words[@]}"
    for item in "$@"; do
        printf '%s\n' "${COMPREPLY[@]}" | grep -xF -- "$item" >/dev/null || fail "missing '$item'"
    done
}

# expect_lacks WORD... -- ITEM...: no ITEM is in COMPREPLY.
expect_lacks() {
    local words=() item
    while [[ $1 != -- ]]; do words+=("$1"); shift; done
    shift
    complete_line "${words[@]}"
    for item in "$@"; do
        printf '%s\n' "${COMPREPLY[@]}" | grep -xF -- "$item" >/dev/null && fail "unexpected '$item'"
    done
}

# The parameter ids declared in a scenario file, read from the YAML itself
# (the keys indented under `parameters:`), independently of negsim.
yaml_parameters() {
    sed -n '/^parameters:/,/^[a-z]/{s/^  \([A-Za-z_][A-Za-z0-9_]*\):.*/\1/p}' "$1"
}

run_checks() {
    # Commands: exactly the binary's command table, plus the two top-level options.
    mapfile -t commands < <("$bin" complete commands)
    ((${#commands[@]} >= 5)) || fail "negsim complete commands listed ${#commands[@]} commands"
    expect_set "" -- "${commands[@]}" --help --version
    expect_set so -- solve
    expect_set --v -- --version

    # Options of each command, from its --help.
    expect_contains run --s -- --set
    expect_contains run - -- --set --format --out --max-profiles --time-limit --help
    expect_lacks run - -- --method --grid
    expect_set solve game.nfg --me -- --method
    expect_contains sweep scenarios/tiktok_2025.yaml --g -- --grid
    expect_contains sweep scenarios/tiktok_2025.yaml - -- --jobs -j --resume --analyses

    # --method: the registry's names, filtered by prefix.
    mapfile -t methods < <("$bin" complete methods)
    ((${#methods[@]} >= 3)) || fail "negsim complete methods listed ${#methods[@]} methods"
    expect_set solve game.nfg --method "" -- "${methods[@]}"
    local m=${methods[0]}
    complete_line solve game.nfg --method "${m:0:2}"
    ((${#COMPREPLY[@]} >= 1)) || fail "no method starts with ${m:0:2}"
    for word in "${COMPREPLY[@]}"; do [[ $word == "${m:0:2}"* ]] || fail "method $word lacks prefix ${m:0:2}"; done

    # An .efg game on the line: its own table of methods (cfr, lcp, ...).
    local efg=../shared/games/gambit-efg/2smp.efg
    mapfile -t efg_methods < <("$bin" complete methods "$efg")
    printf '%s\n' "${efg_methods[@]}" | grep -x cfr >/dev/null || fail "negsim complete methods $efg lacks cfr"
    expect_set solve "$efg" --method "" -- "${efg_methods[@]}"
    expect_set solve "$efg" --method cf -- cfr

    # --select and --dynamics: the values the options accept.
    expect_set run scenarios/tiktok_2025.yaml --select "" -- first welfare risk-dominant all
    expect_set bargain --select r -- risk-dominant
    mapfile -t dynamics < <("$bin" complete dynamics)
    ((${#dynamics[@]} >= 5)) || fail "negsim complete dynamics listed ${#dynamics[@]} dynamics"
    expect_set learn game.nfg --dynamics "" -- "${dynamics[@]}"
    # No method is listed twice.
    [[ $(printf '%s\n' "${methods[@]}" | sort | uniq -d) == "" ]] || fail "a method is listed twice"

    # --set: the parameters of the scenario on the line, with "=" appended.
    local file=scenarios/trade_war_tariffs.yaml
    mapfile -t params < <(yaml_parameters "$file")
    ((${#params[@]} >= 2)) || fail "read ${#params[@]} parameters from $file"
    expect_set run "$file" --set "" -- "${params[@]/%/=}"
    # ... also when the file comes after an option and its value.
    expect_set run --format json "$file" --set "" -- "${params[@]/%/=}"
    # ... and the embedded default scenario's when no file is given.
    mapfile -t default_params < <(yaml_parameters scenarios/tiktok_2025.yaml)
    expect_set run --set "" -- "${default_params[@]/%/=}"
    expect_contains run "$file" --set "${params[0]}" -- "${params[0]}="

    # sweep axes: parameters and player.lever names.
    expect_contains sweep scenarios/tiktok_2025.yaml --grid "" -- "${default_params[0]}=" us.tariff=
    expect_set sweep scenarios/tiktok_2025.yaml --list us.ta -- us.tariff=

    # --format values from each command's help line.
    expect_set run --format "" -- text json html markdown
    expect_set solve game.nfg --format "" -- text json gambit html markdown
    expect_set sweep scenarios/tiktok_2025.yaml --format "" -- csv jsonl

    # --analyses: the names listed by sweep --help, after a comma too.
    expect_contains sweep scenarios/tiktok_2025.yaml --analyses "" -- stage spe
    expect_set sweep scenarios/tiktok_2025.yaml --analyses stage,sp -- stage,spe
    # --refine-by: regime and the players' columns.
    expect_contains sweep scenarios/tiktok_2025.yaml --ref -- --refine --refine-by
    expect_contains sweep scenarios/tiktok_2025.yaml --refine-by "" -- regime action_us action_bytedance

    # Positionals: files.
    expect_contains run scenarios/tiktok -- scenarios/tiktok_2025.yaml
}

mode=plain
# shellcheck source=/dev/null
source "$script"
run_checks
# The same with bash-completion's helpers, as in an interactive Debian shell.
if [[ -r /usr/share/bash-completion/bash_completion ]]; then
    mode=bash-completion
    # shellcheck source=/dev/null
    source /usr/share/bash-completion/bash_completion
    source "$script"
    declare -F _init_completion >/dev/null || fail "bash_completion did not define _init_completion"
    run_checks
fi
if ((failures)); then
    echo "completion_test: $failures failure(s)" >&2
    exit 1
fi
echo "completion_test: all checks passed"
