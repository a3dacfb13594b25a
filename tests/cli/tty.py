#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Terminal tests of mosaic -nographic under a pseudo-terminal: UART input
and output, C-a x quitting a guest that never reads, Ctrl-C going to the
guest, and the terminal settings restored afterwards.  The guests are
hand-assembled A32 raw images, so no cross compiler is needed.
    tests/cli/tty.py MOSAIC   -> PASS/FAIL lines and a summary line"""
import os
import struct
import sys
import tempfile
import termios
import time

# Echo each UART byte + 1 until 'q', then semihosting SYS_EXIT (0).
ECHO = [0xe3a01409, 0xe5913018, 0xe3130010, 0x1afffffc, 0xe5913000,
        0xe20330ff, 0xe3530071, 0x0a000002, 0xe2833001, 0xe5813000,
        0xeafffff5, 0xe3a00018, 0xe59f1004, 0xef123456, 0xeafffffe,
        0x00020026]
SPIN = [0xeafffffe]                     # b .


def spawn(argv):
    """Run argv on a new pty; returns (pid, master fd, slave fd)."""
    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        import fcntl
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execv(argv[0], argv)
    return pid, master, slave


def finish(pid, master, limit=5.0):
    """Collect output until the child exits; its status or None."""
    out, end = b'', time.time() + limit
    os.set_blocking(master, False)
    while time.time() < end:
        try:
            out += os.read(master, 4096)
        except (BlockingIOError, OSError):
            pass
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            try:
                out += os.read(master, 4096)
            except (BlockingIOError, OSError):
                pass
            return os.waitstatus_to_exitcode(st), out
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return None, out


def case(mosaic, image, keys):
    fd, path = tempfile.mkstemp(suffix='.bin')
    os.write(fd, struct.pack('<%dI' % len(image), *image))
    os.close(fd)
    try:
        pid, master, slave = spawn([mosaic, '-M', 'virt', '-nographic',
                                    '-semihosting', '-kernel', path])
        before = termios.tcgetattr(slave)
        time.sleep(0.5)
        for k in keys:
            os.write(master, k)
            time.sleep(0.2)
        status, out = finish(pid, master)
        after = termios.tcgetattr(slave)
        os.close(master)
        os.close(slave)
        return status, out, before == after
    finally:
        os.unlink(path)


def main():
    mosaic = os.path.abspath(sys.argv[1])
    results = []

    status, out, restored = case(mosaic, ECHO, [b'HAL', b'q'])
    results.append(('tty_uart_echo', status == 0 and b'IBM' in out,
                    'status %s, output %r' % (status, out)))
    results.append(('tty_restored', restored, 'terminal left changed'))
    status, out, restored = case(mosaic, SPIN, [b'\x01h', b'\x01x'])
    results.append(('tty_ctrl_a_x', status == 0 and b'terminated' in out
                    and b'C-a x' in out, 'status %s, output %r' % (status, out)))
    results.append(('tty_restored_after_quit', restored,
                    'terminal left changed'))
    status, out, restored = case(mosaic, ECHO, [b'\x03', b'q'])
    results.append(('tty_ctrl_c_to_guest', status == 0 and b'\x04' in out,
                    'status %s, output %r' % (status, out)))
    failed = 0
    for name, good, why in results:
        print('PASS ' + name if good else 'FAIL %s: %s' % (name, why))
        failed += not good
    print('%d passed, %d failed, 0 skipped' % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
