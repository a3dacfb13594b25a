/* SPDX-License-Identifier: MIT */
/*
 * Is an -initrd file whole?  Linux takes a cpio archive (an initramfs),
 * possibly compressed, or an old-style file-system image.  A gzip one is
 * inflated to its end (a truncated or damaged one fails here rather than
 * in the guest's "Initramfs unpacking failed"); xz and zstd are checked
 * by their framing; anything unrecognisable is refused.
 */
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "machines/virt.h"

/* Inflate every byte of a gzip stream, keeping nothing. */
static bool check_gzip(const uint8_t *buf, size_t len, char *err,
                       size_t errlen)
{
    static uint8_t sink[65536];     /* written, never read */
    z_stream zs;
    int rc;

    memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        snprintf(err, errlen, "cannot start zlib");
        return false;
    }
    zs.next_in = (uint8_t *)buf;
    zs.avail_in = (uInt)len;
    do {
        zs.next_out = sink;
        zs.avail_out = sizeof(sink);
        rc = inflate(&zs, Z_NO_FLUSH);
    } while (rc == Z_OK);
    inflateEnd(&zs);
    if (rc == Z_STREAM_END) {
        return true;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
        snprintf(err, errlen, "truncated gzip data (%zu bytes)", len);
    } else {
        snprintf(err, errlen, "corrupt gzip data (%s)",
                 zs.msg ? zs.msg : "inflate failed");
    }
    return false;
}

/* xz: stream header magic and the footer's "YZ" (zero padding allowed). */
static bool check_xz(const uint8_t *buf, size_t len, char *err,
                     size_t errlen)
{
    while (len > 12 && buf[len - 1] == 0) {
        len--;
    }
    if (len < 24 || buf[len - 2] != 'Y' || buf[len - 1] != 'Z') {
        snprintf(err, errlen, "truncated xz data (no stream footer)");
        return false;
    }
    return true;
}

/* zstd: walk the blocks of each frame to its last one. */
static size_t zstd_frame_header(const uint8_t *p, size_t len)
{
    static const uint8_t fcs_size[4] = { 0, 2, 4, 8 };
    uint8_t fhd;
    size_t n;

    if (len < 5) {
        return 0;
    }
    fhd = p[4];
    n = 5 + ((fhd & 0x20) ? 0 : 1) + (fhd & 3 ? 1u << ((fhd & 3) - 1) : 0);
    n += fcs_size[fhd >> 6];
    if ((fhd >> 6) == 0 && (fhd & 0x20)) {
        n += 1;
    }
    return n <= len ? n : 0;
}

static bool check_zstd(const uint8_t *buf, size_t len, char *err,
                       size_t errlen)
{
    size_t pos = zstd_frame_header(buf, len);
    bool last = false;

    while (pos && !last) {
        uint32_t bh;
        size_t size;
        if (pos + 3 > len) {
            break;
        }
        bh = buf[pos] | buf[pos + 1] << 8 | (uint32_t)buf[pos + 2] << 16;
        last = bh & 1;
        size = ((bh >> 1) & 3) == 1 ? 1 : bh >> 3;    /* RLE: one byte */
        pos += 3 + size;
        if (pos > len) {
            pos = 0;
        }
    }
    if (!pos || !last || (buf[4] & 4 ? pos + 4 : pos) > len) {
        snprintf(err, errlen, "truncated zstd data (%zu bytes)", len);
        return false;
    }
    return true;
}

static bool starts(const uint8_t *buf, size_t len, const char *magic,
                   size_t n)
{
    return len >= n && memcmp(buf, magic, n) == 0;
}

bool virt_check_initrd(const uint8_t *buf, size_t len, char *err,
                       size_t errlen)
{
    if (len == 0) {
        snprintf(err, errlen, "empty file");
        return false;
    }
    if (starts(buf, len, "\x1f\x8b", 2)) {
        return check_gzip(buf, len, err, errlen);
    }
    if (starts(buf, len, "\xfd" "7zXZ\0", 6)) {
        return check_xz(buf, len, err, errlen);
    }
    if (starts(buf, len, "\x28\xb5\x2f\xfd", 4)) {
        return check_zstd(buf, len, err, errlen);
    }
    if (starts(buf, len, "07070", 5) || starts(buf, len, "BZh", 3) ||
        starts(buf, len, "\x02\x21\x4c\x18", 4) ||      /* lz4 legacy */
        starts(buf, len, "\x5d\x00\x00", 3) ||          /* lzma */
        starts(buf, len, "\x89LZO", 4) ||
        (len > 0x43a && buf[0x438] == 0x53 && buf[0x439] == 0xef)) {
        return true;    /* cpio, other compressors, an ext2/3/4 image */
    }
    snprintf(err, errlen, "not an initramfs or initrd (no cpio archive, "
             "known compression or file system found)");
    return false;
}
