#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot benchmark: seconds from the emulator's start to the shell prompt of
# Debian's armmp kernel + the busybox initramfs (rdinit=/bin/sh), on mosaic
# and on qemu-system-arm in the same run; median of N runs and the ratio
# qemu/mosaic (above 1: mosaic is faster).  Each run ends with poweroff -f.
#   scripts/bench-boot.sh [MOSAIC]
# Environment: BENCH_RUNS (default 3), MOSAIC_GUEST_CACHE (guest cache,
# fetched by scripts/fetch-guests.sh when missing), BENCH_BOOT_TIMEOUT
# (seconds one boot may take, default 300), QEMU_SYSTEM_ARM.
# Exits 1 when either emulator did not reach the shell.
src=$(cd "$(dirname "$0")/.." && pwd)
mosaic=${1:-$src/mosaic}
cache=${MOSAIC_GUEST_CACHE:-$HOME/.cache/mosaic/guests}
runs=${BENCH_RUNS:-3}
qemu=${QEMU_SYSTEM_ARM:-$(command -v qemu-system-arm)}

die() { echo "bench-boot: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 missing"
if [ ! -f "$cache/boot/armmp-vmlinuz" ] ||
   [ ! -f "$cache/boot/busybox-initramfs.cpio.gz" ]; then
    "$src/scripts/fetch-guests.sh" "$cache" || die "no guest cache and fetching failed"
fi

# boot_time KIND BINARY: one boot; prints seconds, or FAIL: reason.
boot_time() {
    python3 -B - "$src/tests/boot" "$1" "$2" "$cache/boot" \
        "${BENCH_BOOT_TIMEOUT:-300}" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import harness
kind, binary, boot, limit = sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
emu = harness.Emulator(kind, binary)
log = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'bench-boot-%d.log' % os.getpid())
con = harness.Console(emu.base() + [
    '-kernel', os.path.join(boot, 'armmp-vmlinuz'),
    '-initrd', os.path.join(boot, 'busybox-initramfs.cpio.gz'),
    '-append', 'console=ttyAMA0 rdinit=/bin/sh'], log)
try:
    con.expect(r'Run /bin/sh as init process', limit, 'the kernel starting /bin/sh')
    con.expect(harness.PROMPT, 30, 'shell prompt')
    print('%.3f' % con.elapsed())
    con.send('poweroff -f\n')
    con.wait_exit(30)
except harness.Fail as e:
    print('FAIL: %s' % e)
finally:
    con.kill()
    os.unlink(log)
EOF
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# measure KIND BINARY: prints the median over $runs boots, or FAIL: reason.
measure() {
    if [ -z "$2" ] || [ ! -x "$2" ]; then
        echo "FAIL: $1 not found"
        return
    fi
    times=""
    for _ in $(seq "$runs"); do
        t=$(boot_time "$1" "$2")
        case $t in
        FAIL*) echo "$t"; return ;;
        esac
        times="$times $t"
    done
    echo "$times" | tr ' ' '\n' | grep . | median
}

echo "bench-boot: armmp kernel + busybox initramfs to the shell prompt, median of $runs"
tq=$(measure qemu "$qemu")
printf '  %-8s %s\n' qemu "$(echo "$tq" | sed 's/^\([0-9.]*\)$/\1 s/')"
tm=$(measure mosaic "$mosaic")
printf '  %-8s %s\n' mosaic "$(echo "$tm" | sed 's/^\([0-9.]*\)$/\1 s/')"
case "$tq$tm" in
*FAIL*)
    echo "  ratio    n/a (a boot did not reach the shell)"
    exit 1 ;;
esac
awk -v q="$tq" -v m="$tm" \
    'BEGIN { printf "  ratio    %.2f (qemu/mosaic; above 1: mosaic is faster)\n", q / m }'
