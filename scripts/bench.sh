#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: run ../shared/bench workloads on mosaic and on qemu-system-arm
# in the same run and print, per workload, the median time of each, the
# ratio qemu/mosaic (above 1 means mosaic is faster) and the geometric mean.
# Every checksum must match the native build's.
#   scripts/bench.sh MOSAIC SRC_DIR [BENCH_DIR]
# Environment: BENCH_RUNS (default 3), BENCH_ARGS (extra mosaic flags).
set -u
mosaic=$1
src=$2
bench=${3:-$src/../shared/bench}
runs=${BENCH_RUNS:-3}
out=obj/bench
qemu=$(command -v qemu-system-arm || true)

die() { echo "bench: $*" >&2; exit 1; }
[ -f "$bench/workloads.c" ] || die "no workloads at $bench (pass BENCH_DIR)"
command -v arm-none-eabi-gcc >/dev/null ||
    die "arm-none-eabi-gcc missing: apt-get install -y gcc-arm-none-eabi"
[ -n "$qemu" ] || die "qemu-system-arm missing: apt-get install -y qemu-system-arm"
mkdir -p "$out"
make -s -C "$bench/arm-virt" O="$(pwd)/$out" >/dev/null || die "building workloads failed"
cc -O2 -o "$out/native" "$src/tests/bench/native.c" "$bench/workloads.c" ||
    die "native build failed"
"$out/native" > "$out/native.txt" || die "native run failed"

now() { date +%s.%N; }
# time_run CMD...: prints elapsed seconds, output to $out/run.txt
time_run() {
    t0=$(now)
    "$@" > "$out/run.txt" 2>&1 < /dev/null
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }' 
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-8s %10s %10s %8s  %s\n' workload qemu mosaic ratio checksum
names=$(awk '{print $1}' "$out/native.txt" | grep -v BENCH)
i=0
logsum=0
for name in $names; do
    elf=$out/bench-$i.elf
    want=$(grep "^$name " "$out/native.txt")
    tq=""; tm=""; ok=yes
    for r in $(seq "$runs"); do
        tq="$tq $(time_run "$qemu" -M virt -cpu cortex-a15 -nographic \
            -semihosting -kernel "$elf")"
        grep -qx "$want" "$out/run.txt" || ok="qemu-mismatch"
        tm="$tm $(time_run "$mosaic" -M virt -cpu cortex-a15 -nographic \
            -semihosting ${BENCH_ARGS:-} -kernel "$elf")"
        grep -qx "$want" "$out/run.txt" || ok="MOSAIC-MISMATCH"
    done
    mq=$(echo $tq | tr ' ' '\n' | median)
    mm=$(echo $tm | tr ' ' '\n' | median)
    ratio=$(awk -v q="$mq" -v m="$mm" 'BEGIN { printf "%.4f", q / m }')
    logsum=$(awk -v s="$logsum" -v r="$ratio" 'BEGIN { printf "%.6f", s + log(r) }')
    printf '%-8s %9.3fs %9.3fs %8.2f  %s\n' "$name" "$mq" "$mm" "$ratio" "$ok"
    i=$((i + 1))
done
printf 'geometric mean ratio (qemu/mosaic): %.2f over %d workloads, median of %d runs\n' \
    "$(awk -v s="$logsum" -v n="$i" 'BEGIN { printf "%.4f", exp(s / n) }')" "$i" "$runs"
