# SPDX-License-Identifier: MIT
"""Debian's armmp kernel with the busybox initramfs and rdinit=/bin/sh: the
kernel boots to a shell on ttyAMA0; typed commands answer correctly
(uname -m, /proc/cpuinfo, a shell loop, md5sum), and `poweroff -f` ends the
emulator with status 0.  Proves the CPU (Thumb-2 userland, VFP/NEON the
kernel probes), MMU, GIC, timer, PL011 and PSCI well enough for Linux."""
import hashlib
import harness


def run(t):
    con = t.start(['-kernel', t.file('armmp-vmlinuz'),
                   '-initrd', t.file('busybox-initramfs.cpio.gz'),
                   '-append', 'console=ttyAMA0 rdinit=/bin/sh'])
    con.expect(r'Run /bin/sh as init process', 120, 'the kernel starting /bin/sh')
    con.expect(harness.PROMPT, 30, 'shell prompt')
    t.mark('shell')
    t.check('mount -t proc proc /proc', lambda o: True)
    t.check('uname -m', lambda o: o == 'armv7l')
    cpu = t.check('cat /proc/cpuinfo',
                lambda o: 'ARMv7' in o and 'neon' in o and 'vfpv4' in o)
    t.note('cpu part %s' % (cpu.split('CPU part')[1].split()[1]
                            if 'CPU part' in cpu else '?'))
    t.check('i=0 s=0; while [ $i -lt 200 ]; do s=$((s+i*i)); i=$((i+1)); done; echo $s',
          lambda o: o == str(sum(i * i for i in range(200))))
    want = hashlib.md5(b'mosaic\n').hexdigest()
    t.check('echo mosaic | md5sum', lambda o: o.split()[:1] == [want])
    con.send('poweroff -f\n')
    status = con.wait_exit(30)
    t.mark('powered off')
    if status != 0:
        raise harness.Fail('exit status %d after poweroff -f' % status)
