#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot tests (Linux, U-Boot) on the ARM virt board; see tests/boot/README.md.
#   tests/boot/run.sh [--emulator mosaic|qemu] [--cache DIR] [--no-fetch] [CASE...]
# make check runs the quick cases through tests/boot/check.sh; make
# check-boot runs them all.
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null || {
    echo "boot: python3 missing"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
exec python3 -B "$here/harness.py" "$@"
