#!/bin/sh
# SPDX-License-Identifier: MIT
# A32 differential suite (see README.md): random instruction sequences run
# on qemu-system-arm and mosaic (JIT and interpreter) must leave the same
# registers, flags and memory.
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP tests/diff/arm: python3 is missing"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
PYTHONDONTWRITEBYTECODE=1 exec python3 "$(dirname "$0")/check.py" "$@"
