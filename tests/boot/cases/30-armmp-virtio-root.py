# SPDX-License-Identifier: MIT
"""The armmp kernel with its root file system on a virtio-blk disk (an ext4
image, raw): the initramfs loads virtio_mmio, virtio_blk and ext4, mounts
root=/dev/vda and switch_roots to its /sbin/init.  The shell reads a file
from the disk, writes one, and after `poweroff -f` the host finds the new
file in the image.  Proves virtio-mmio + virtio-blk reads and writes and
interrupts, and the modules (relocations) loading."""
import shutil
import subprocess
import harness


def run(t):
    disk = t.scratch_copy('root.img')
    con = t.start(['-kernel', t.file('armmp-vmlinuz'),
                   '-initrd', t.file('busybox-initramfs.cpio.gz'),
                   '-append', 'console=ttyAMA0 root=/dev/vda']
                  + t.emu.disk(disk))
    con.expect(r'MOSAIC-ROOT-OK', 120, 'the root file system\'s init')
    con.expect(harness.PROMPT, 30, 'shell prompt')
    t.mark('shell on /dev/vda')
    t.check('grep " / " /proc/mounts', lambda o: o.startswith('/dev/vda / ext4'))
    t.check('cat /etc/mosaic-root', lambda o: 'virtio-blk' in o)
    t.check('echo written-by-guest > /root/note; sync; cat /root/note',
          lambda o: o == 'written-by-guest')
    t.check('mount -o remount,ro /', lambda o: True)
    con.send('poweroff -f\n')
    status = con.wait_exit(30)
    if status != 0:
        raise harness.Fail('exit status %d after poweroff -f' % status)
    if shutil.which('debugfs'):
        got = subprocess.run(['debugfs', '-R', 'cat /root/note', disk],
                             capture_output=True, text=True).stdout
        if got.strip() != 'written-by-guest':
            raise harness.Fail('the file the guest wrote is not in the image')
        t.note('write reached the image')
