# SPDX-License-Identifier: MIT
"""Shared driver code for the A32 guest suites (tests/insn/arm, tests/diff/arm).

Finds the tools (ARM_CC, QEMU_ARM, MOSAIC from the environment; an unset
variable falls back to the usual place, an empty one means "missing"),
builds bare-metal ELFs with start.S/lib.c/link.ld from this directory, and
runs them on qemu-system-arm and on mosaic (JIT and interpreter).
"""
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

LIB = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(LIB, '..', '..', '..'))
MACHINE = ['-M', 'virt', '-cpu', 'cortex-a15', '-nographic', '-semihosting']
MODES = (('jit', []), ('interp', ['-accel', 'tcg,backend=interp']))
CFLAGS = ['-marm', '-mcpu=cortex-a15', '-nostdlib', '-ffreestanding', '-O2',
          '-g']


def _tool(var, default):
    """Absolute path of a tool, or None when it is missing."""
    val = os.environ.get(var)
    if val is None:
        val = default() or ''
    if not val:
        return None
    if os.sep not in val:
        val = shutil.which(val) or ''
        return val or None
    val = os.path.abspath(val)
    return val if os.access(val, os.X_OK) else None


def _default_mosaic():
    for cand in (os.path.join(os.getcwd(), 'mosaic'), os.path.join(SRC, 'mosaic')):
        if os.access(cand, os.X_OK):
            return cand
    return None


class Tools:
    def __init__(self):
        self.cc = _tool('ARM_CC', lambda: shutil.which('arm-none-eabi-gcc'))
        self.qemu = _tool('QEMU_ARM', lambda: shutil.which('qemu-system-arm'))
        self.mosaic = _tool('MOSAIC', _default_mosaic)
        self.objdump = None
        if self.cc:
            od = self.cc[:-3] + 'objdump' if self.cc.endswith('gcc') else None
            if od and os.access(od, os.X_OK):
                self.objdump = od
            else:
                self.objdump = shutil.which('arm-none-eabi-objdump')
        self.jobs = int(os.environ.get('JOBS', '2'))

    def missing_build(self):
        """Reason a case cannot even have an expected value, or None."""
        if not self.cc:
            return 'ARM_CC (arm-none-eabi-gcc) is missing'
        if not self.qemu:
            return 'QEMU_ARM (qemu-system-arm) is missing'
        return None

    def missing_mosaic(self):
        if not self.mosaic:
            return 'MOSAIC (the mosaic binary) is missing or not executable'
        return None


def build_dir(suite):
    base = os.environ.get('BUILD_DIR') or os.path.join(os.getcwd(), 'build-tests')
    path = os.path.join(os.path.abspath(base), suite)
    os.makedirs(path, exist_ok=True)
    return path


def build_elf(tools, sources, elf, extra_flags=()):
    """Compile sources with the start file and library; returns error text or None."""
    cmd = [tools.cc] + CFLAGS + list(extra_flags) + [
        '-I', LIB, '-T', os.path.join(LIB, 'link.ld'), '-o', elf,
        os.path.join(LIB, 'start.S'), os.path.join(LIB, 'lib.c')] + list(sources)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        return p.stdout.decode(errors='replace')
    return None


class RunResult:
    def __init__(self, rc, out, err, timed_out=False):
        self.rc, self.out, self.err, self.timed_out = rc, out, err, timed_out

    def describe(self):
        if self.timed_out:
            return 'timed out'
        return 'exit status %d' % self.rc


def run_emulator(argv, timeout):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return RunResult(p.returncode, p.stdout.decode(errors='replace'),
                         p.stderr.decode(errors='replace'))
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode(errors='replace')
        err = (e.stderr or b'').decode(errors='replace')
        return RunResult(-1, out, err, timed_out=True)
    except OSError as e:
        return RunResult(-1, '', str(e))


def run_qemu(tools, elf, timeout=60):
    return run_emulator([tools.qemu] + MACHINE + ['-kernel', elf], timeout)


class Timeouts:
    """Per-run time limits for mosaic: `normal` seconds (MOSAIC_TIMEOUT
    overrides), cut to `short` once two runs have timed out, so a mosaic
    that hangs on everything fails the suite in minutes, not hours."""

    def __init__(self, normal, short=5):
        self.normal = float(os.environ.get('MOSAIC_TIMEOUT', normal))
        self.short = min(short, self.normal)
        self.expired = 0

    def limit(self):
        return self.short if self.expired >= 2 else self.normal

    def note(self, res):
        if res.timed_out:
            self.expired += 1
        return res


def run_mosaic(tools, elf, mode_args, timeouts):
    argv = [tools.mosaic] + MACHINE + mode_args + ['-kernel', elf]
    return timeouts.note(run_emulator(argv, timeouts.limit()))


def parallel(tools, fn, items):
    """Map fn over items with at most tools.jobs at a time, keeping order."""
    with ThreadPoolExecutor(max_workers=max(1, tools.jobs)) as ex:
        return list(ex.map(fn, items))


def summary(passed, failed, skipped):
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    sys.stdout.flush()
    return 1 if failed else 0
