#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test program and suite, then prints one total line.
#   tests/run.sh UNIT-BINARY...
# Each unit binary and each tests/*/*/check.sh suite ends its output with
# "N passed, N failed, N skipped"; this script adds them up.  Suites get
# MOSAIC, ARM_CC and QEMU_ARM in the environment (empty = tool missing).
src=$(cd "$(dirname "$0")/.." && pwd)
total_p=0 total_f=0 total_s=0
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

run() {
    name=$1; shift
    echo "== $name"
    "$@" > "$out" 2>&1
    rc=$?
    cat "$out"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$name: no summary line (exit $rc): counted as 1 failure"
        total_f=$((total_f + 1))
        return
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + ${s:-0}))
}

for bin in "$@"; do
    run "$bin" "$bin"
done
for suite in "$src"/tests/*/check.sh "$src"/tests/*/*/check.sh; do
    [ -x "$suite" ] || continue
    run "${suite#$src/}" "$suite"
done
echo
echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" -eq 0 ]
