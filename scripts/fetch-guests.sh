#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fetches the Debian 12 guest software the boot tests (tests/boot) and the
# boot benchmark use into a cache, unpacks it and builds the busybox
# initramfs and root disk image (scripts/make-initramfs.sh).
#   scripts/fetch-guests.sh [CACHE_DIR]
# CACHE_DIR: argument, else $MOSAIC_GUEST_CACHE, else ~/.cache/mosaic/guests.
# Only `apt-get download` and `dpkg -x`: nothing is installed and the host's
# apt/dpkg state is untouched; armhf is enabled in a private apt state under
# CACHE_DIR/.apt (own sources list, lists, cache and dpkg status).  The
# Debian mirror is the one the host's apt uses, or $MOSAIC_DEBIAN_MIRROR.
# Idempotent: what is already in the cache is not fetched or unpacked again.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case ${1:-} in
-*) sed -n '3,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
cache=${1:-${MOSAIC_GUEST_CACHE:-$HOME/.cache/mosaic/guests}}
suite=bookworm                          # Debian 12
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

die() { echo "fetch-guests: error: $*" >&2; exit 1; }
say() { echo "fetch-guests: $*"; }

for tool in apt-get apt-cache dpkg dpkg-deb python3 mke2fs debugfs; do
    command -v "$tool" >/dev/null ||
        die "$tool missing (a Debian host with apt, dpkg, python3 and e2fsprogs is needed)"
done
[[ -r $keyring ]] || die "$keyring missing: apt-get install debian-archive-keyring"

mkdir -p "$cache" || die "cannot create $cache"
cache=$(cd "$cache" && pwd)
apt=$cache/.apt
mkdir -p "$cache/debs" "$cache/pkg" "$apt/lists/partial" \
    "$apt/archives/partial" "$apt/etc/sources.list.d" "$apt/etc/preferences.d"
: >>"$apt/status"

# The Debian archive the host's apt is configured with (one-line or deb822).
host_mirror() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {
                 if ($(i + 1) ~ /^(bookworm|stable)$/) { print $i; exit } } }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             /(^|\n)Suites:[^\n]*(bookworm|stable)( |\n|$)/ && !/-security/ {
                 for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) {
                     split($i, u, " "); print u[2]; exit } }' "$f"
    done
}

mirror=${MOSAIC_DEBIAN_MIRROR:-$(host_mirror | head -n 1)}
[[ -n $mirror ]] ||
    die "no Debian mirror in the host's apt sources; set MOSAIC_DEBIAN_MIRROR=URL"

cat >"$apt/etc/sources.list" <<EOF
deb [signed-by=$keyring] $mirror $suite main
deb [signed-by=$keyring] $mirror $suite-updates main
EOF

host_arch=$(dpkg --print-architecture)
aptopts=(
    -o "Dir::Etc::SourceList=$apt/etc/sources.list"
    -o "Dir::Etc::SourceParts=$apt/etc/sources.list.d"
    -o "Dir::Etc::Preferences=$apt/etc/preferences"
    -o "Dir::Etc::PreferencesParts=$apt/etc/preferences.d"
    -o "Dir::State::Lists=$apt/lists"
    -o "Dir::State::Status=$apt/status"
    -o "Dir::Cache=$apt"
    -o "Dir::Cache::Archives=$apt/archives"
    -o "APT::Architecture=$host_arch"
    -o "APT::Architectures::=$host_arch"
    -o "APT::Architectures::=armhf"
    -o "Acquire::Languages=none"
    -o "Debug::NoLocking=1"
    -o "Acquire::Retries=1"
    -o "Acquire::http::Timeout=20"
    -o "Acquire::https::Timeout=20"
)
[[ $(id -u) = 0 ]] && aptopts+=(-o "APT::Sandbox::User=root")

# Refresh the private package lists once a day (FORCE_UPDATE=1: now).
stamp=$apt/updated.stamp
if [[ ${FORCE_UPDATE:-0} = 1 || ! -f $stamp ||
      -n $(find "$stamp" -mmin +1440 2>/dev/null) ]]; then
    say "apt-get update from $mirror ($suite, armhf) into $apt"
    if ! apt-get "${aptopts[@]}" -q update >"$apt/update.log" 2>&1 ||
       grep -qE '^(E:|Err:)' "$apt/update.log"; then
        tail -n 5 "$apt/update.log" >&2
        die "apt-get update failed (network down or mirror unreachable; log: $apt/update.log)"
    fi
    touch "$stamp"
else
    say "package lists are fresh (FORCE_UPDATE=1 refreshes them)"
fi

# linux-image-FLAVOUR:armhf is a meta package; the kernel is what it
# depends on (FLAVOUR: armmp, or armmp-lpae for the LPAE page tables).
resolve_kernel() {
    apt-cache "${aptopts[@]}" depends --no-recommends --no-suggests \
        "linux-image-$1:armhf" 2>/dev/null |
        awk -v f="$1" '$0 ~ ("Depends: linux-image-6\\.1[.0-9-]*-" f "(:|$)") {
            sub(/:.*/, "", $2); print $2; exit }'
}
kernel=$(resolve_kernel armmp)
kernel_lpae=$(resolve_kernel armmp-lpae)
[[ -n $kernel && -n $kernel_lpae ]] ||
    die "cannot resolve linux-image-armmp(-lpae):armhf (see $apt/update.log)"

# fetch SPEC DIR: download SPEC's candidate .deb unless cached, unpack to DIR.
fetch() {
    local spec=$1 dir=$cache/pkg/$2 info ver arch deb
    info=$(apt-cache "${aptopts[@]}" show --no-all-versions "$spec" 2>/dev/null) ||
        die "$spec: not in the package lists"
    ver=$(awk '/^Version:/ { print $2; exit }' <<<"$info")
    arch=$(awk '/^Architecture:/ { print $2; exit }' <<<"$info")
    deb=${spec%%:*}_${ver//:/%3a}_$arch.deb
    if [[ -s $cache/debs/$deb ]]; then
        say "cached    $deb"
    else
        say "download  $deb"
        (cd "$cache/debs" && apt-get "${aptopts[@]}" -qq download "$spec") ||
            die "downloading $spec failed (network or mirror)"
    fi
    if [[ -f $dir/.from && $(cat "$dir/.from") = "$deb" ]]; then
        return
    fi
    say "unpack    $deb -> pkg/$2"
    rm -rf "$dir" && mkdir -p "$dir"
    dpkg -x "$cache/debs/$deb" "$dir" || die "dpkg -x $deb failed"
    echo "$deb" >"$dir/.from"
}

fetch debian-installer-12-netboot-armhf debian-installer-armhf
fetch "$kernel:armhf" linux-image-armmp
fetch "$kernel_lpae:armhf" linux-image-armmp-lpae
fetch busybox-static:armhf busybox-static-armhf
fetch u-boot-qemu u-boot-qemu

# Stable names for what the tests use (the package versions change).
di=$cache/pkg/debian-installer-armhf/usr/lib/debian-installer/images/12/armhf/text/debian-installer/armhf
mkdir -p "$cache/boot"
link() {
    [[ -f $1 ]] || die "expected file missing: $1"
    ln -sfn "$1" "$cache/boot/$2"
}
link "$di/vmlinuz" installer-vmlinuz
link "$di/initrd.gz" installer-initrd.gz
kernels=("$cache"/pkg/linux-image-armmp/boot/vmlinuz-*-armmp)
link "${kernels[-1]}" armmp-vmlinuz
kernels=("$cache"/pkg/linux-image-armmp-lpae/boot/vmlinuz-*-armmp-lpae)
link "${kernels[-1]}" armmp-lpae-vmlinuz
link "$cache/pkg/u-boot-qemu/usr/lib/u-boot/qemu_arm/u-boot.bin" u-boot.bin

"$here/make-initramfs.sh" "$cache" || die "building the initramfs or root image failed"

say "ready in $cache/boot:"
for f in "$cache"/boot/*; do
    printf '  %-22s %9d bytes\n' "${f##*/}" "$(stat -L -c %s "$f")"
done
