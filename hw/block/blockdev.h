/* SPDX-License-Identifier: MIT */
/*
 * Block devices: a disk image behind a small format-neutral interface
 * (an ops table; raw files today, qcow2 could be added as another table).
 * virtio-blk and the board's -drive handling sit on top.  Offsets and
 * lengths are in bytes; every access is bounds-checked against the size,
 * so a guest can never touch the file outside the image.
 *
 *   char err[256];
 *   BlockDev *bd = blockdev_open("disk.img", false, false, err, sizeof err);
 *   if (!bd) die("%s", err);
 *   blockdev_read(bd, 0, buf, 512);        -- 0 or -errno
 *   blockdev_close(bd);                    -- flushes, then frees
 *
 * snapshot: the file is opened read-only and guest writes go to an
 * in-memory overlay that is dropped at close (like qemu -snapshot).
 */
#ifndef HW_BLOCK_BLOCKDEV_H
#define HW_BLOCK_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct BlockDev BlockDev;

/* What a format provides; all return 0 or -errno.  Bounds already checked. */
typedef struct BlockDevOps {
    const char *format;
    int (*read)(BlockDev *bd, uint64_t off, void *buf, size_t len);
    int (*write)(BlockDev *bd, uint64_t off, const void *buf, size_t len);
    int (*flush)(BlockDev *bd);
    void (*close)(BlockDev *bd);       /* release the format's state */
} BlockDevOps;

struct BlockDev {
    const BlockDevOps *ops;
    char *path;
    uint64_t size;          /* bytes the guest sees */
    bool read_only;         /* guest writes refused */
    bool snapshot;          /* writes kept in memory only */
    void *opaque;           /* the format's state */
    uint8_t **overlay;      /* snapshot: one cluster pointer per cluster */
    uint64_t nb_clusters;
    unsigned nb_errors;     /* host I/O errors reported so far */
};

#define BLOCKDEV_CLUSTER_SIZE 65536u

/*
 * Open a raw image.  NULL with a one-line reason in err on failure (file
 * missing, not writable, in use by another process, ...).
 */
BlockDev *blockdev_open(const char *path, bool read_only, bool snapshot,
                        char *err, size_t errlen);
/* Wrap a format's ops (for other formats and tests); takes ownership. */
BlockDev *blockdev_new(const BlockDevOps *ops, void *opaque,
                       const char *path, uint64_t size, bool read_only,
                       bool snapshot);

/* 0, -EINVAL past the end, -EROFS if read-only, or the host's -errno. */
int blockdev_read(BlockDev *bd, uint64_t off, void *buf, size_t len);
int blockdev_write(BlockDev *bd, uint64_t off, const void *buf, size_t len);
int blockdev_flush(BlockDev *bd);      /* fsync (no-op for snapshots) */
uint64_t blockdev_size(const BlockDev *bd);
bool blockdev_is_read_only(const BlockDev *bd);
void blockdev_close(BlockDev *bd);     /* flushes; NULL is fine */

#endif
