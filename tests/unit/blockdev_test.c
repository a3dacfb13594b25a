/* SPDX-License-Identifier: MIT */
/*
 * Block layer tests: raw images in /tmp opened read-write, read-only and
 * as snapshots; bounds checks; image locking; a format given by its own
 * ops table whose host I/O fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw/block/blockdev.h"
#include "tests/test.h"

#define IMG_SIZE (3 * 65536 + 1000)     /* a partial last cluster */

static uint8_t pattern(uint64_t off)
{
    return (uint8_t)(off ^ (off >> 8) ^ (off >> 16));
}

static void make_image(char *path)
{
    static uint8_t img[IMG_SIZE];

    for (unsigned i = 0; i < IMG_SIZE; i++) {
        img[i] = pattern(i);
    }
    strcpy(path, "/tmp/mosaic-blockdev-XXXXXX");
    int fd = mkstemp(path);
    ASSERT(fd >= 0);
    ASSERT_EQ(write(fd, img, IMG_SIZE), IMG_SIZE);
    close(fd);
}

static bool image_unchanged(const char *path)
{
    static uint8_t img[IMG_SIZE + 1];
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, img, sizeof img);

    close(fd);
    if (n != IMG_SIZE) {
        return false;
    }
    for (unsigned i = 0; i < IMG_SIZE; i++) {
        if (img[i] != pattern(i)) {
            return false;
        }
    }
    return true;
}

TEST(blockdev, open_missing)
{
    char err[256] = "";

    ASSERT(blockdev_open("/nonexistent/disk.img", false, false, err,
                         sizeof err) == NULL);
    ASSERT(strstr(err, "/nonexistent/disk.img") != NULL);
    blockdev_close(NULL);
}

TEST(blockdev, read_write_bounds)
{
    char path[64], err[256];
    uint8_t buf[4096];

    make_image(path);
    BlockDev *bd = blockdev_open(path, false, false, err, sizeof err);
    ASSERT(bd != NULL);
    ASSERT_EQ(blockdev_size(bd), IMG_SIZE);
    ASSERT(!blockdev_is_read_only(bd));
    ASSERT_EQ(blockdev_read(bd, 70000, buf, 100), 0);
    ASSERT_EQ(buf[0], pattern(70000));
    ASSERT_EQ(buf[99], pattern(70099));
    ASSERT_EQ(blockdev_read(bd, IMG_SIZE - 10, buf, 11), -EINVAL);
    ASSERT_EQ(blockdev_read(bd, ~0ull - 5, buf, 10), -EINVAL);
    ASSERT_EQ(blockdev_write(bd, IMG_SIZE, buf, 1), -EINVAL);
    ASSERT_EQ(blockdev_read(bd, IMG_SIZE, buf, 0), 0);
    memset(buf, 0xee, sizeof buf);
    ASSERT_EQ(blockdev_write(bd, IMG_SIZE - 4, buf, 4), 0);
    ASSERT_EQ(blockdev_flush(bd), 0);
    blockdev_close(bd);
    int fd = open(path, O_RDONLY);
    ASSERT_EQ(lseek(fd, 0, SEEK_END), IMG_SIZE);
    ASSERT_EQ(pread(fd, buf, 5, IMG_SIZE - 5), 5);
    close(fd);
    ASSERT_EQ(buf[0], pattern(IMG_SIZE - 5));
    ASSERT_EQ(buf[1], 0xee);
    ASSERT_EQ(buf[4], 0xee);
    unlink(path);
}

TEST(blockdev, read_only)
{
    char path[64], err[256];
    uint8_t buf[16] = { 0 };

    make_image(path);
    BlockDev *bd = blockdev_open(path, true, false, err, sizeof err);
    ASSERT(bd != NULL);
    ASSERT(blockdev_is_read_only(bd));
    ASSERT_EQ(blockdev_write(bd, 0, buf, 16), -EROFS);
    ASSERT_EQ(blockdev_read(bd, 16, buf, 16), 0);
    ASSERT_EQ(buf[0], pattern(16));
    ASSERT_EQ(blockdev_flush(bd), 0);
    blockdev_close(bd);
    ASSERT(image_unchanged(path));
    unlink(path);
}

TEST(blockdev, snapshot)
{
    char path[64], err[256];
    static uint8_t buf[3 * 65536];

    make_image(path);
    BlockDev *bd = blockdev_open(path, false, true, err, sizeof err);
    ASSERT(bd != NULL);
    ASSERT(!blockdev_is_read_only(bd));
    /* A write across a cluster boundary, and one in the partial tail. */
    memset(buf, 0x11, 200);
    ASSERT_EQ(blockdev_write(bd, 65536 - 100, buf, 200), 0);
    ASSERT_EQ(blockdev_write(bd, IMG_SIZE - 1, buf, 1), 0);
    ASSERT_EQ(blockdev_write(bd, IMG_SIZE, buf, 1), -EINVAL);
    ASSERT_EQ(blockdev_read(bd, 0, buf, sizeof buf), 0);
    ASSERT_EQ(buf[65536 - 101], pattern(65536 - 101));
    ASSERT_EQ(buf[65536 - 100], 0x11);
    ASSERT_EQ(buf[65536 + 99], 0x11);
    ASSERT_EQ(buf[65536 + 100], pattern(65536 + 100));
    ASSERT_EQ(buf[2 * 65536 + 5], pattern(2 * 65536 + 5));
    ASSERT_EQ(blockdev_read(bd, IMG_SIZE - 2, buf, 2), 0);
    ASSERT_EQ(buf[0], pattern(IMG_SIZE - 2));
    ASSERT_EQ(buf[1], 0x11);
    ASSERT_EQ(blockdev_flush(bd), 0);
    blockdev_close(bd);
    ASSERT(image_unchanged(path));
    unlink(path);
}

TEST(blockdev, image_locked)
{
    char path[64], err[256];

    make_image(path);
    BlockDev *a = blockdev_open(path, false, false, err, sizeof err);
    ASSERT(a != NULL);
    ASSERT(blockdev_open(path, false, false, err, sizeof err) == NULL);
    ASSERT(strstr(err, "in use") != NULL);
    ASSERT(blockdev_open(path, true, false, err, sizeof err) == NULL);
    blockdev_close(a);
    BlockDev *b = blockdev_open(path, true, false, err, sizeof err);
    BlockDev *c = blockdev_open(path, false, true, err, sizeof err);
    ASSERT(b != NULL && c != NULL);     /* readers share */
    blockdev_close(b);
    blockdev_close(c);
    unlink(path);
}

/* A format whose host I/O always fails. */
static int fail_read(BlockDev *bd, uint64_t off, void *buf, size_t len)
{
    (void)bd, (void)off, (void)buf, (void)len;
    return -EIO;
}

static int fail_write(BlockDev *bd, uint64_t off, const void *buf,
                      size_t len)
{
    (void)bd, (void)off, (void)buf, (void)len;
    return -ENOSPC;
}

static int fail_flush(BlockDev *bd)
{
    (void)bd;
    return -EIO;
}

static void fail_close(BlockDev *bd)
{
    (void)bd;
}

static const BlockDevOps fail_ops = {
    .format = "failing",
    .read = fail_read,
    .write = fail_write,
    .flush = fail_flush,
    .close = fail_close,
};

TEST(blockdev, host_errors)
{
    uint8_t buf[512];
    BlockDev *bd = blockdev_new(&fail_ops, NULL, "failing", 1 << 20, false,
                                false);

    ASSERT_EQ(blockdev_read(bd, 0, buf, 512), -EIO);
    ASSERT_EQ(blockdev_write(bd, 0, buf, 512), -ENOSPC);
    ASSERT_EQ(blockdev_flush(bd), -EIO);
    ASSERT_EQ(blockdev_write(bd, 1 << 20, buf, 1), -EINVAL);
    blockdev_close(bd);
    /* A snapshot that cannot read the cluster it must copy fails too. */
    bd = blockdev_new(&fail_ops, NULL, "failing", 1 << 20, false, true);
    ASSERT_EQ(blockdev_write(bd, 0, buf, 512), -EIO);
    ASSERT_EQ(blockdev_read(bd, 0, buf, 512), -EIO);
    blockdev_close(bd);
}
