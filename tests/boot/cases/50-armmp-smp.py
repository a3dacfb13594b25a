# SPDX-License-Identifier: MIT
"""The armmp kernel and busybox initramfs with -smp 2: the secondary CPU
comes up through PSCI CPU_ON, the kernel sees two CPUs, a job runs on each
(taskset), timer interrupts and rescheduling IPIs count on both; `reboot -f`
(PSCI SYSTEM_RESET) boots the kernel again with both CPUs, and `poweroff -f`
then ends the emulator.  Proves -smp, PSCI CPU_ON, GIC SGIs, per-CPU timers
and the board reset."""
import harness


def both_busy(out):
    """Each /proc/interrupts line shows interrupts on both CPUs."""
    rows = [line.split()[1:3] for line in out.splitlines()]
    return len(rows) >= 2 and all(len(r) == 2 and r[0].isdigit() and
                                  r[1].isdigit() and int(r[0]) and int(r[1])
                                  for r in rows)


def boot(con, what):
    con.expect(r'SMP: Total of 2 processors activated', 120,
               'both CPUs activated' + what)
    con.expect(r'Run /bin/sh as init process', 60,
               'the kernel starting /bin/sh' + what)
    con.expect(harness.PROMPT, 30, 'shell prompt' + what)


def run(t):
    con = t.start(['-smp', '2', '-kernel', t.file('armmp-vmlinuz'),
                   '-initrd', t.file('busybox-initramfs.cpio.gz'),
                   '-append', 'console=ttyAMA0 rdinit=/bin/sh'])
    boot(con, '')
    t.mark('shell')
    t.check('mount -t proc proc /proc', lambda o: True)
    t.check('grep -c ^processor /proc/cpuinfo', lambda o: o == '2')
    for cpu in (0, 1):
        t.check('taskset -c %d sh -c "grep Cpus_allowed_list /proc/self/status"'
              % cpu, lambda o, c=cpu: o.split()[-1:] == [str(c)])
    t.check('grep -E "arch_timer|Rescheduling" /proc/interrupts', both_busy)
    con.send('reboot -f\n')
    con.expect(r'Booting Linux on physical CPU 0x0', 60, 'the kernel again')
    boot(con, ' after reboot')
    t.mark('shell again')
    t.check('mount -t proc proc /proc', lambda o: True)
    t.check('grep -c ^processor /proc/cpuinfo', lambda o: o == '2')
    con.send('poweroff -f\n')
    status = con.wait_exit(30)
    if status != 0:
        raise harness.Fail('exit status %d after poweroff -f' % status)
