# SPDX-License-Identifier: MIT
"""Debian's armmp-lpae kernel (long-descriptor page tables) with 3 GiB of
RAM and -smp 2 boots the busybox initramfs to a shell: /proc/cpuinfo names
lpae on both CPUs, the kernel sees the 3 GiB (most of it highmem, mapped
through LPAE tables), a shell loop computes the right sum, and `poweroff -f`
ends the emulator.  Proves the LPAE MMU (TTBCR.EAE, 64-bit TTBRs, MAIR)
with highmem.  The initramfs's modules are built for armmp and are not
loaded here."""
import harness


def run(t):
    con = t.start(['-m', '3G', '-smp', '2',
                   '-kernel', t.file('armmp-lpae-vmlinuz'),
                   '-initrd', t.file('busybox-initramfs.cpio.gz'),
                   '-append', 'console=ttyAMA0 rdinit=/bin/sh'])
    con.expect(r'Run /bin/sh as init process', 120, 'the kernel starting /bin/sh')
    con.expect(harness.PROMPT, 30, 'shell prompt')
    t.mark('shell')
    t.check('mount -t proc proc /proc', lambda o: True)
    t.check('uname -r', lambda o: o.endswith('-armmp-lpae'))
    t.check('grep -c "^Features.* lpae" /proc/cpuinfo', lambda o: o == '2')
    t.check("awk '/MemTotal/ {print $2}' /proc/meminfo",
            lambda o: o.isdigit() and int(o) > 2900 * 1024)
    t.check('i=0 s=0; while [ $i -lt 300 ]; do s=$((s+i)); i=$((i+1)); done; '
            'echo $s', lambda o: o == str(sum(range(300))))
    con.send('poweroff -f\n')
    status = con.wait_exit(30)
    if status != 0:
        raise harness.Fail('exit status %d after poweroff -f' % status)
