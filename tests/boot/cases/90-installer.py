# SPDX-License-Identifier: MIT
"""Debian 12's armhf netboot installer (vmlinuz + a 26 MB initrd.gz) to its
first dialog, the language selection, on the serial console.  Proves a
large initrd unpacks, udev and the installer's userland (glibc, Thumb-2,
NEON string functions) run; the emulator is then killed."""


def run(t):
    con = t.start(['-kernel', t.file('installer-vmlinuz'),
                   '-initrd', t.file('installer-initrd.gz'),
                   '-append', 'console=ttyAMA0'])
    con.expect(r'Run /init as init process', 120, 'the kernel starting /init')
    con.expect(r'Select a language', 300, 'the language dialog')
    t.mark('language dialog')
