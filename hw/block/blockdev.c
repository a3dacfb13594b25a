/* SPDX-License-Identifier: MIT */
/*
 * Block devices (hw/block/blockdev.h): bounds checks, the snapshot
 * overlay and the raw-file format.  The overlay is an array of 64 KiB
 * clusters, filled from the image on the first write to each; reads take
 * a cluster from the overlay when it is there, else from the format.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hw/block/blockdev.h"
#include "hw/core/log.h"

#define BLOCKDEV_MAX_REPORTS 10

/* ---- Raw files ---- */

typedef struct RawFile {
    int fd;
} RawFile;

static int raw_read(BlockDev *bd, uint64_t off, void *buf, size_t len)
{
    RawFile *f = bd->opaque;
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pread(f->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            return -EIO;            /* the file shrank under us */
        }
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

static int raw_write(BlockDev *bd, uint64_t off, const void *buf, size_t len)
{
    RawFile *f = bd->opaque;
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pwrite(f->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

static int raw_flush(BlockDev *bd)
{
    RawFile *f = bd->opaque;

    return fdatasync(f->fd) < 0 ? -errno : 0;
}

static void raw_close(BlockDev *bd)
{
    RawFile *f = bd->opaque;

    close(f->fd);
    free(f);
}

static const BlockDevOps raw_ops = {
    .format = "raw",
    .read = raw_read,
    .write = raw_write,
    .flush = raw_flush,
    .close = raw_close,
};

static BlockDev *open_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return NULL;
}

BlockDev *blockdev_open(const char *path, bool read_only, bool snapshot,
                        char *err, size_t errlen)
{
    bool rw = !read_only && !snapshot;
    int fd = open(path, (rw ? O_RDWR : O_RDONLY) | O_CLOEXEC);

    if (fd < 0) {
        return open_fail(err, errlen, "cannot open disk image %s: %s%s",
                         path, strerror(errno),
                         rw && (errno == EACCES || errno == EROFS)
                             ? " (use readonly=on or -snapshot)" : "");
    }
    if (flock(fd, (rw ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0) {
        close(fd);
        return open_fail(err, errlen, "disk image %s is in use by another "
                         "process", path);
    }
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 0) {
        int e = errno;
        close(fd);
        return open_fail(err, errlen, "cannot size disk image %s: %s",
                         path, strerror(e));
    }
    RawFile *f = calloc(1, sizeof(*f));
    if (!f) {
        die("out of memory opening %s", path);
    }
    f->fd = fd;
    return blockdev_new(&raw_ops, f, path, (uint64_t)end, read_only,
                        snapshot);
}

BlockDev *blockdev_new(const BlockDevOps *ops, void *opaque,
                       const char *path, uint64_t size, bool read_only,
                       bool snapshot)
{
    BlockDev *bd = calloc(1, sizeof(*bd));

    if (!bd || !(bd->path = strdup(path))) {
        die("out of memory opening %s", path);
    }
    bd->ops = ops;
    bd->opaque = opaque;
    bd->size = size;
    bd->read_only = read_only;
    bd->snapshot = snapshot && !read_only;
    if (bd->snapshot) {
        bd->nb_clusters = (size + BLOCKDEV_CLUSTER_SIZE - 1) /
                          BLOCKDEV_CLUSTER_SIZE;
        bd->overlay = calloc(bd->nb_clusters ? bd->nb_clusters : 1,
                             sizeof(*bd->overlay));
        if (!bd->overlay) {
            die("out of memory for the snapshot of %s", path);
        }
    }
    return bd;
}

/* Log the first few host errors; the caller reports them to the guest. */
static int report(BlockDev *bd, const char *what, uint64_t off, int ret)
{
    if (ret < 0 && bd->nb_errors++ < BLOCKDEV_MAX_REPORTS) {
        error_report("%s: host I/O error on %s at offset %llu: %s",
                     bd->path, what, (unsigned long long)off,
                     strerror(-ret));
    }
    return ret;
}

static bool in_bounds(const BlockDev *bd, uint64_t off, size_t len)
{
    return off <= bd->size && len <= bd->size - off;
}

/* ---- Snapshot overlay ---- */

/* The overlay cluster holding off, reading it in first if create. */
static int overlay_cluster(BlockDev *bd, uint64_t idx, bool create,
                           uint8_t **out)
{
    *out = bd->overlay[idx];
    if (*out || !create) {
        return 0;
    }
    uint8_t *c = calloc(1, BLOCKDEV_CLUSTER_SIZE);
    if (!c) {
        return -ENOMEM;
    }
    uint64_t start = idx * BLOCKDEV_CLUSTER_SIZE;
    uint64_t n = bd->size - start;
    n = n < BLOCKDEV_CLUSTER_SIZE ? n : BLOCKDEV_CLUSTER_SIZE;
    int ret = bd->ops->read(bd, start, c, (size_t)n);
    if (ret < 0) {
        free(c);
        return ret;
    }
    bd->overlay[idx] = *out = c;
    return 0;
}

/* Copy len bytes at off between buf and the overlay (falling back to
 * the image for reads of clusters never written). */
static int overlay_rw(BlockDev *bd, uint64_t off, uint8_t *buf, size_t len,
                      bool write)
{
    while (len > 0) {
        uint64_t idx = off / BLOCKDEV_CLUSTER_SIZE;
        uint64_t in = off % BLOCKDEV_CLUSTER_SIZE;
        size_t n = BLOCKDEV_CLUSTER_SIZE - in;
        n = n < len ? n : len;
        uint8_t *c;
        int ret = overlay_cluster(bd, idx, write, &c);
        if (ret < 0) {
            return ret;
        }
        if (write) {
            memcpy(c + in, buf, n);
        } else if (c) {
            memcpy(buf, c + in, n);
        } else if ((ret = bd->ops->read(bd, off, buf, n)) < 0) {
            return ret;
        }
        off += n;
        buf += n;
        len -= n;
    }
    return 0;
}

/* ---- Public interface ---- */

int blockdev_read(BlockDev *bd, uint64_t off, void *buf, size_t len)
{
    if (!in_bounds(bd, off, len)) {
        return -EINVAL;
    }
    if (bd->snapshot) {
        return report(bd, "read", off, overlay_rw(bd, off, buf, len, false));
    }
    return report(bd, "read", off, bd->ops->read(bd, off, buf, len));
}

int blockdev_write(BlockDev *bd, uint64_t off, const void *buf, size_t len)
{
    if (bd->read_only) {
        return -EROFS;
    }
    if (!in_bounds(bd, off, len)) {
        return -EINVAL;
    }
    if (bd->snapshot) {
        return report(bd, "write", off,
                      overlay_rw(bd, off, (uint8_t *)buf, len, true));
    }
    return report(bd, "write", off, bd->ops->write(bd, off, buf, len));
}

int blockdev_flush(BlockDev *bd)
{
    if (bd->read_only || bd->snapshot || !bd->ops->flush) {
        return 0;
    }
    return report(bd, "flush", 0, bd->ops->flush(bd));
}

uint64_t blockdev_size(const BlockDev *bd)
{
    return bd->size;
}

bool blockdev_is_read_only(const BlockDev *bd)
{
    return bd->read_only;
}

void blockdev_close(BlockDev *bd)
{
    if (!bd) {
        return;
    }
    blockdev_flush(bd);
    for (uint64_t i = 0; i < bd->nb_clusters; i++) {
        free(bd->overlay[i]);
    }
    free(bd->overlay);
    bd->ops->close(bd);
    free(bd->path);
    free(bd);
}
