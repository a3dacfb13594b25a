#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot tests: runs the cases in tests/boot/cases/*.py against mosaic or
qemu-system-arm on the serial console (a pseudo-terminal), with timeouts.
    tests/boot/harness.py [--emulator mosaic|qemu] [--cache DIR] [--no-fetch]
                          [--timeout-scale F] [--log-dir DIR] [CASE...]
Prints PASS/FAIL/SKIP per case and ends with "N passed, N failed, N skipped";
exits 1 when a case failed.  Python 3 standard library only."""
import argparse
import importlib.util
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True         # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
ANSI = re.compile(rb'\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78])')
PANIC = re.compile(rb'Kernel panic - not syncing:[^\n]*(?=\n)')
OOPS = re.compile(rb'(Internal error|Unable to handle|Bad mode|BUG:)[^\n]*')
# A busybox shell prompt ("/ # "): a line with "# " and no "[" before it
# (kernel log lines start with a timestamp in brackets).
PROMPT = rb'(?m)^[^\n\[]*# '
SILENCE = 60        # seconds without any output at all: give up early
NEEDED = ('armmp-vmlinuz', 'armmp-lpae-vmlinuz',
          'busybox-initramfs.cpio.gz', 'root.img',
          'installer-vmlinuz', 'installer-initrd.gz', 'u-boot.bin')


class Skip(Exception):
    """The case cannot run here (missing tool or file)."""


class Fail(Exception):
    """The guest did not do what the case expects."""


class Emulator:
    """How to start one emulator: its binary and its flavour of flags."""

    def __init__(self, kind, binary):
        self.kind, self.binary = kind, binary

    def base(self):
        return [self.binary, '-M', 'virt', '-cpu', 'cortex-a15',
                '-m', '512M', '-nographic']

    def disk(self, path):
        """A raw image as a virtio-blk disk on a virtio-mmio transport.
        qemu's if=virtio would pick virtio-blk-pci on virt, so qemu gets
        the virtio-mmio device spelt out."""
        if self.kind == 'qemu':
            return ['-drive', 'file=%s,format=raw,if=none,id=vd0' % path,
                    '-device', 'virtio-blk-device,drive=vd0']
        return ['-drive', 'file=%s,format=raw,if=virtio' % path]

    def no_network(self):
        return ['-nic', 'none'] if self.kind == 'qemu' else []


class Console:
    """A running emulator on a pty: wait for text, type, always killed."""

    def __init__(self, argv, log_path, scale=1.0):
        self.argv, self.scale, self.t0 = argv, scale, time.monotonic()
        self.buf, self.pos, self.tag = b'', 0, 0
        self.silence = SILENCE
        self.log = open(log_path, 'wb')
        self.log.write(b'$ ' + ' '.join(argv).encode() + b'\n')
        master, slave = os.openpty()
        self.master = master
        try:
            self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave,
                                         stderr=slave, start_new_session=True,
                                         close_fds=True)
        finally:
            os.close(slave)

    def elapsed(self):
        return time.monotonic() - self.t0

    def _pump(self, deadline):
        """Reads what is there until deadline; False once output ended."""
        left = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
        if not ready:
            return self.proc.poll() is None
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b''
        if not data:
            return False
        self.log.write(data)
        self.log.flush()
        self.buf += data.replace(b'\r', b'')
        return True

    def expect(self, pattern, timeout, what=None):
        """Waits for regex pattern (bytes or str) in the output after the
        last match; escape sequences are ignored.  Returns the match."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout * self.scale
        while True:
            text = ANSI.sub(b'', self.buf[self.pos:])
            m = rx.search(text)
            if m:
                self.buf = self.buf[:self.pos] + text
                self.pos += m.end()
                return m
            dead = PANIC.search(text)
            if dead:
                oops = OOPS.search(self.buf)
                raise Fail('%s%s' % (dead.group(0).decode('latin-1'),
                                     oops and ' after "%s"' %
                                     oops.group(0).decode('latin-1') or ''))
            if not self.buf and self.elapsed() > self.silence * self.scale:
                raise Fail('no output at all in %.0f s' % self.elapsed())
            if time.monotonic() >= deadline:
                raise Fail('%s not seen after %.0f s%s' % (
                    what or repr(pattern), self.elapsed(),
                    '' if self.buf else ' (no output at all)'))
            if not self._pump(deadline):
                raise Fail('emulator ended (status %s) before %s' %
                           (self.proc.poll(), what or repr(pattern)))

    def send(self, text, chunk=8, pause=0.02):
        """Types text a few bytes at a time (a UART FIFO is small)."""
        data = text.encode()
        for i in range(0, len(data), chunk):
            os.write(self.master, data[i:i + chunk])
            time.sleep(pause)

    def shell(self, command, timeout=30):
        """Runs one shell command line; returns (output, exit status).
        The markers are typed as $((n)) so that the echo of the typed line
        (which the shell may wrap anywhere) never matches them."""
        self.tag += 1
        n = self.tag
        self.send('echo @@S$((%d))@@; %s; echo @@E$((%d))@@$?@@\n' %
                  (n, command, n))
        self.expect(rb'@@S%d@@\n' % n, timeout, 'start of `%s`' % command)
        start = self.pos
        m = self.expect(rb'@@E%d@@(\d+)@@' % n, timeout,
                        'end of `%s`' % command)
        out = self.buf[start:self.pos - len(m.group(0))].decode('latin-1')
        return out.strip('\n'), int(m.group(1))

    def wait_exit(self, timeout):
        """Waits for the emulator to exit by itself; its status."""
        deadline = time.monotonic() + timeout * self.scale
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(deadline)
        if self.proc.poll() is None:
            raise Fail('emulator still running %.0f s after poweroff' % timeout)
        while self._pump(time.monotonic() + 0.1):
            pass
        return self.proc.returncode

    def kill(self):
        """Ends the emulator and everything it started."""
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    pass
        os.close(self.master)
        self.log.close()


class Context:
    """What a case gets: files in the cache, the emulator, the console."""

    def __init__(self, args, emulator, name):
        self.args, self.emu, self.name = args, emulator, name
        self.console, self.notes = None, []
        self.tmp = os.path.join(args.log_dir, 'tmp-' + name)

    def file(self, name):
        path = os.path.join(self.args.cache, 'boot', name)
        if not os.path.exists(path):
            raise Skip('%s missing (run scripts/fetch-guests.sh)' % path)
        return path

    def scratch_copy(self, name):
        """A private copy of a cached file the guest may write to."""
        os.makedirs(self.tmp, exist_ok=True)
        dst = os.path.join(self.tmp, name)
        shutil.copyfile(self.file(name), dst)
        return dst

    def start(self, flags):
        log = os.path.join(self.args.log_dir,
                           '%s-%s.log' % (self.emu.kind, self.name))
        self.console = Console(self.emu.base() + flags, log,
                               self.args.timeout_scale)
        return self.console

    def note(self, text):
        self.notes.append(text)

    def mark(self, what):
        """Records the time since start at which 'what' was reached."""
        self.note('%s %.1f s' % (what, self.console.elapsed()))

    def check(self, cmd, want, timeout=30):
        """Runs a shell command; it must exit 0 and want(output) hold.
        Returns the output."""
        out, status = self.console.shell(cmd, timeout)
        if status != 0 or not want(out):
            raise Fail('`%s` gave status %d: %r' % (cmd, status, out[-300:]))
        return out


def load_cases():
    # Cases `import harness`: let that be this very module, so that their
    # harness.Fail is the Fail caught here even when run as a script.
    sys.modules.setdefault('harness', sys.modules[__name__])
    cases = []
    cdir = os.path.join(HERE, 'cases')
    for fname in sorted(os.listdir(cdir)):
        if not fname.endswith('.py'):
            continue
        spec = importlib.util.spec_from_file_location(fname[:-3],
                                                      os.path.join(cdir, fname))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        cases.append((fname[:-3], mod))
    return cases


def find_emulator(kind):
    if kind == 'qemu':
        path = os.environ.get('QEMU_SYSTEM_ARM') or shutil.which('qemu-system-arm')
    else:
        path = os.environ.get('MOSAIC') or os.path.join(SRC, 'mosaic')
    if not path or not os.access(path, os.X_OK):
        return None
    return Emulator(kind, path)


def ensure_cache(args):
    """None when the cache is usable, else why not (fetching if allowed)."""
    missing = [n for n in NEEDED
               if not os.path.exists(os.path.join(args.cache, 'boot', n))]
    if not missing:
        return None
    if args.no_fetch:
        return 'guest cache %s incomplete (%s); run scripts/fetch-guests.sh' % (
            args.cache, ', '.join(missing))
    print('boot: guest cache incomplete, fetching into %s' % args.cache)
    sys.stdout.flush()
    rc = subprocess.call([os.path.join(SRC, 'scripts', 'fetch-guests.sh'),
                          args.cache])
    if rc != 0:
        return 'no guest cache and fetching failed (no network?)'
    return None


def run_case(name, mod, args, emu):
    ctx = Context(args, emu, name)
    t0 = time.monotonic()
    try:
        mod.run(ctx)
        verdict, why = 'PASS', ''
    except Skip as e:
        verdict, why = 'SKIP', str(e)
    except Fail as e:
        verdict, why = 'FAIL', str(e)
    except Exception as e:              # a harness or case bug: still a FAIL
        verdict, why = 'FAIL', 'harness error: %r' % e
    finally:
        if ctx.console:
            ctx.console.kill()
        shutil.rmtree(ctx.tmp, ignore_errors=True)
    info = ', '.join(ctx.notes + ['total %.1f s' % (time.monotonic() - t0)])
    print('%s: %s (%s) %s%s' % (verdict, name, emu.kind, why and why + '; ',
                                info))
    if verdict == 'FAIL' and ctx.console:
        print('  log: %s' % ctx.console.log.name)
        with open(ctx.console.log.name, 'rb') as f:
            tail = f.read().decode('latin-1').replace('\r', '')
        for line in tail.splitlines()[-12:]:
            print('  | ' + ANSI.sub(b'', line.encode('latin-1')).decode('latin-1'))
    sys.stdout.flush()
    return verdict


def parse_args():
    ap = argparse.ArgumentParser(description='Linux/U-Boot boot tests')
    ap.add_argument('--emulator', choices=('mosaic', 'qemu'), default='mosaic')
    ap.add_argument('--cache', default=os.environ.get('MOSAIC_GUEST_CACHE') or
                    os.path.expanduser('~/.cache/mosaic/guests'))
    ap.add_argument('--no-fetch', action='store_true',
                    help='skip instead of fetching a missing cache')
    ap.add_argument('--timeout-scale', type=float, default=float(
        os.environ.get('MOSAIC_BOOT_TIMEOUT_SCALE', '1')))
    ap.add_argument('--log-dir', default=os.path.join(
        os.environ.get('BUILD_DIR') or os.path.join(SRC, 'build-tests'), 'boot'))
    ap.add_argument('cases', nargs='*', help='case names (default: all)')
    return ap.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.log_dir, exist_ok=True)
    cases = load_cases()
    if args.cases:
        unknown = set(args.cases) - {n for n, _ in cases}
        if unknown:
            sys.exit('boot: unknown case(s): %s' % ' '.join(sorted(unknown)))
        cases = [(n, m) for n, m in cases if n in args.cases]
    emu = find_emulator(args.emulator)
    why = None
    if emu is None:
        why = '%s not found (build it, or set %s)' % (
            args.emulator, 'QEMU_SYSTEM_ARM' if args.emulator == 'qemu' else 'MOSAIC')
    else:
        why = ensure_cache(args)
    counts = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    for name, mod in cases:
        if why:
            print('SKIP: %s (%s) %s' % (name, args.emulator, why))
            counts['SKIP'] += 1
            continue
        counts[run_case(name, mod, args, emu)] += 1
    print('%d passed, %d failed, %d skipped' % (counts['PASS'], counts['FAIL'],
                                                counts['SKIP']))
    return 1 if counts['FAIL'] else 0


if __name__ == '__main__':
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
