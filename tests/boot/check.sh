#!/bin/sh
# SPDX-License-Identifier: MIT
# The boot cases that make check runs (tests/run.sh picks up this file):
# U-Boot to its prompt and poweroff, the armmp kernel + busybox initramfs
# to a shell (commands, poweroff), and the same kernel with its root on
# virtio-blk.  The guest cache is fetched when missing (scripts/
# fetch-guests.sh); without it and without a network every case skips.
# The installer and -smp cases run with `make check-boot` (all cases).
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run.sh" --emulator mosaic 10-u-boot 20-armmp-shell \
    30-armmp-virtio-root
