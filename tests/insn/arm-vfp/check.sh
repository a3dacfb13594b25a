#!/bin/sh
# SPDX-License-Identifier: MIT
# VFP instruction tests (see README.md): qemu-system-arm gives the expected
# output, mosaic (JIT and interpreter) must match it case by case.
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP tests/insn/arm-vfp: python3 is missing"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
PYTHONDONTWRITEBYTECODE=1 exec python3 "$(dirname "$0")/check.py" "$@"
