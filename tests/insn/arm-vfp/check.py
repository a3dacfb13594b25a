# SPDX-License-Identifier: MIT
"""VFP instruction tests: every *.S and *.c here is one bare-metal program
(built with tests/guest-lib/arm), run on qemu-system-arm for the expected
output, then on mosaic with the JIT and the interpreter; cases compared
one by one.  The comparison rules (KNOWN-DIFF, EXPECT-EXIT) are those of
tests/insn/arm/check.py, which this imports.  See README.md."""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'guest-lib', 'arm'))
import armtest  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    'insn_arm_check', os.path.join(HERE, '..', 'arm', 'check.py'))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)


def main():
    return base.run_suite(HERE, ['*.S', '*.c'], 'insn-arm-vfp', 120)


if __name__ == '__main__':
    sys.exit(main())
