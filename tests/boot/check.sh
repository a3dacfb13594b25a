#!/bin/sh
# SPDX-License-Identifier: MIT
# Every boot case, for make check (tests/run.sh picks up this file):
# U-Boot to its prompt and poweroff, the armmp kernel + busybox initramfs
# to a shell (commands, poweroff), with its root on virtio-blk, with -smp 2
# and a reboot, the LPAE kernel with 3 GiB, and the netboot installer to its
# first dialog (about 60 s in all).  The
# guest cache is fetched when missing (scripts/fetch-guests.sh); without
# it and without a network every case skips.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run.sh" --emulator mosaic
