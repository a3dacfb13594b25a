#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds, from the packages scripts/fetch-guests.sh unpacked into CACHE_DIR:
#   boot/busybox-initramfs.cpio.gz  busybox-static (armhf) + the kernel
#       modules for a virtio-blk ext4 root; /init mounts /proc /sys /dev, and
#       with root= on the command line loads the modules and switch_roots to
#       it, else runs a shell; rdinit=/bin/sh skips /init altogether.
#   boot/root.img  32 MiB ext4 image (mke2fs -d, no root or loop mounts) with
#       busybox and a /sbin/init that prints MOSAIC-ROOT-OK and runs a shell.
#   scripts/make-initramfs.sh CACHE_DIR
# The cpio is written by python3 (no cpio tool or root needed for /dev nodes).
set -euo pipefail

cache=${1:?usage: make-initramfs.sh CACHE_DIR}
die() { echo "make-initramfs: error: $*" >&2; exit 1; }
self=${BASH_SOURCE[0]}
bb=$cache/pkg/busybox-static-armhf/bin/busybox
mods=("$cache"/pkg/linux-image-armmp/lib/modules/*-armmp)
moddir=${mods[-1]}
[[ -f $bb ]] || die "$bb missing (run scripts/fetch-guests.sh)"
[[ -d $moddir ]] || die "no armmp kernel modules under $cache/pkg (run scripts/fetch-guests.sh)"
mkdir -p "$cache/boot"
cpio_out=$cache/boot/busybox-initramfs.cpio.gz
img_out=$cache/boot/root.img

# up_to_date FILE: FILE exists and is newer than busybox, the modules and us.
up_to_date() {
    [[ -s $1 && $1 -nt $bb && $1 -nt $moddir && $1 -nt $self ]]
}

# Applets linked in /bin (with rdinit=/bin/sh nothing runs --install).
applets="sh ash cat echo ls mount umount uname mkdir rmdir rm cp mv ln
 grep sed awk head tail wc sort uniq cut tr dd md5sum sha256sum sync sleep
 seq expr test [ true false printf env dmesg ps kill free df du find xargs
 poweroff reboot halt insmod lsmod modprobe switch_root chroot mknod stat
 date hostname id touch chmod chown basename dirname readlink tee yes vi
 more less hexdump od cmp diff gzip gunzip zcat tar cpio which clear
 setsid cttyhack ip ifconfig watch top uptime nproc taskset"

# shellcheck disable=SC2016  # guest scripts: expanded in the guest
init_script='#!/bin/sh
# initramfs /init (scripts/make-initramfs.sh)
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
/bin/busybox --install -s 2>/dev/null
root=
for w in $(cat /proc/cmdline); do
    case $w in root=*) root=${w#root=} ;; esac
done
if [ -n "$root" ]; then
    for m in $(cat /lib/modules/order); do
        insmod /lib/modules/$m.ko || echo "init: insmod $m failed"
    done
    n=0
    while [ ! -b "$root" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    mkdir -p /newroot
    if mount -t ext4 -o rw "$root" /newroot; then
        mount --move /dev /newroot/dev
        umount /sys /proc
        exec switch_root /newroot /sbin/init
    fi
    echo "init: cannot mount $root; starting a shell in the initramfs"
fi
echo MOSAIC-INITRAMFS-OK
exec /bin/sh'

root_init='#!/bin/sh
# root file system /sbin/init (scripts/make-initramfs.sh)
mount -t proc proc /proc
mount -t sysfs sysfs /sys
[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev
echo MOSAIC-ROOT-OK
exec /bin/sh'

if up_to_date "$cpio_out"; then
    echo "make-initramfs: cached    boot/${cpio_out##*/}"
else
    echo "make-initramfs: build     boot/${cpio_out##*/}"
    python3 - "$bb" "$moddir" "$cpio_out" "$applets" "$init_script" <<'EOF' ||
"""Writes a gzip'd newc cpio: busybox, applet links, /init, /dev/console and
the modules virtio_mmio, virtio_blk, crc32c_generic, ext4 with their
dependencies (read from each module's .modinfo depends=), in load order."""
import gzip, os, sys

bb, moddir, out, applets, init = sys.argv[1:6]
WANT = ['virtio_mmio', 'virtio_blk', 'crc32c_generic', 'ext4']

def modules_index():
    idx = {}
    for top, _, files in os.walk(moddir):
        for f in files:
            if f.endswith('.ko'):
                idx[f[:-3].replace('-', '_')] = os.path.join(top, f)
    return idx

def depends(path):
    data = open(path, 'rb').read()
    at = data.find(b'\0depends=')
    if at < 0:
        return []
    val = data[at + 9:data.index(b'\0', at + 9)].decode()
    return [d.replace('-', '_') for d in val.split(',') if d]

def load_order():
    idx, order = modules_index(), []
    def visit(name):
        if name in order:
            return
        if name not in idx:
            sys.exit('make-initramfs: module %s not found' % name)
        for dep in depends(idx[name]):
            visit(dep)
        order.append(name)
    for name in WANT:
        visit(name)
    return idx, order

class Cpio:
    def __init__(self):
        self.buf, self.ino = bytearray(), 1
    def add(self, name, mode, data=b'', rdev=(0, 0)):
        name = name.encode() + b'\0'
        fields = (self.ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(name), 0)
        self.buf += b'070701' + b''.join(b'%08x' % f for f in fields) + name
        self.buf += b'\0' * (-len(self.buf) % 4) + data
        self.buf += b'\0' * (-len(self.buf) % 4)
        self.ino += 1

c = Cpio()
for d in ('bin', 'sbin', 'dev', 'proc', 'sys', 'tmp', 'root', 'etc', 'mnt',
          'newroot', 'lib', 'lib/modules'):
    c.add(d, 0o40755)
c.add('dev/console', 0o20600, rdev=(5, 1))
c.add('dev/null', 0o20666, rdev=(1, 3))
c.add('bin/busybox', 0o100755, open(bb, 'rb').read())
for a in applets.split():
    c.add('bin/' + a, 0o120777, b'busybox')
c.add('init', 0o100755, init.encode() + b'\n')
idx, order = load_order()
for m in order:
    c.add('lib/modules/%s.ko' % m, 0o100644, open(idx[m], 'rb').read())
c.add('lib/modules/order', 0o100644, ('\n'.join(order) + '\n').encode())
c.add('TRAILER!!!', 0)
with open(out + '.tmp', 'wb') as f:
    f.write(gzip.compress(bytes(c.buf), 9, mtime=0))
os.replace(out + '.tmp', out)
print('make-initramfs: modules   ' + ' '.join(order))
EOF
    die "writing $cpio_out failed"
fi

if up_to_date "$img_out"; then
    echo "make-initramfs: cached    boot/${img_out##*/}"
    exit 0
fi
echo "make-initramfs: build     boot/${img_out##*/}"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,root,etc,mnt}
cp "$bb" "$stage/bin/busybox"
for a in $applets; do
    ln -s busybox "$stage/bin/$a"
done
printf '%s\n' "$root_init" >"$stage/sbin/init"
chmod 755 "$stage/sbin/init"
echo "mosaic root file system on virtio-blk" >"$stage/etc/mosaic-root"
rm -f "$img_out.tmp"
mke2fs -q -F -t ext4 -L mosaic-root -E root_owner=0:0 -d "$stage" \
    "$img_out.tmp" 32M >/dev/null || die "mke2fs failed"
# Device nodes without root: debugfs edits the image directly.
debugfs -w -f - "$img_out.tmp" >/dev/null 2>&1 <<'EOF' || die "debugfs failed"
cd /dev
mknod console c 5 1
sif console mode 020600
mknod null c 1 3
sif null mode 020666
EOF
mv "$img_out.tmp" "$img_out"
