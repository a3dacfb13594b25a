/* SPDX-License-Identifier: MIT */
/*
 * CFI flash device tests: the command set driven through an
 * AddressSpace as a guest would (32-bit bus, two x16 chips), the ROM
 * device mapping switched between ROM and MMIO mode, the board hooks
 * counted, image loading and write-back checked.  No CPU involved.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "hw/block/pflash.h"
#include "hw/core/memory.h"
#include "tests/test.h"
#include "tests/unit/mmio-test.h"

#define BASE 0x04000000u
#define SIZE (64u << 20)

typedef struct Rig {
    AddressSpace *as;
    PFlashState *f;
    int mode_changes, writes;
    uint64_t last_addr, last_len;
} Rig;

static void hook_mode(void *opaque)
{
    ((Rig *)opaque)->mode_changes++;
}

static void hook_written(void *opaque, uint64_t addr, uint64_t len)
{
    Rig *r = opaque;

    r->writes++;
    r->last_addr = addr;
    r->last_len = len;
}

static Rig *rig_new(void)
{
    Rig *r = calloc(1, sizeof(*r));

    r->as = as_new("test");
    r->f = pflash_new("flash1", SIZE);
    ASSERT(pflash_map(r->f, r->as, BASE));
    pflash_set_hooks(r->f, hook_mode, hook_written, r);
    return r;
}

static void rig_free(Rig *r)
{
    as_free(r->as);
    pflash_free(r->f);
    free(r);
}

static uint32_t rd(Rig *r, uint32_t off)
{
    return (uint32_t)mmio_rd(r->as, BASE + off, 4);
}

static void wr(Rig *r, uint32_t off, uint32_t val)
{
    mmio_wr(r->as, BASE + off, val, 4);
}

/* A command as U-Boot/Linux write it: replicated in both chips. */
static void cmd(Rig *r, uint32_t off, uint8_t c)
{
    wr(r, off, (uint32_t)c | (uint32_t)c << 16);
}

static bool rom_mode(Rig *r)
{
    return as_ram_ptr(r->as, BASE, 4) != NULL;
}

static char *tmp_file(const void *data, size_t len)
{
    static char path[64];
    int fd;

    snprintf(path, sizeof path, "/tmp/pflash_test_XXXXXX");
    fd = mkstemp(path);
    ASSERT(fd >= 0);
    ASSERT_EQ(write(fd, data, len), len);
    close(fd);
    return path;
}

TEST(pflash, read_array_is_rom)
{
    Rig *r = rig_new();
    static const uint8_t img[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    char *path = tmp_file(img, sizeof img);

    ASSERT_EQ(pflash_load(r->f, path), 0);
    unlink(path);
    ASSERT(rom_mode(r));
    ASSERT_EQ(rd(r, 0), 0x04030201);
    ASSERT_EQ(rd(r, 4), 0x08070605);
    ASSERT_EQ(rd(r, 0x1000), 0);                        /* zero: no image */
    ASSERT_EQ(as_ram_ptr(r->as, BASE, 4), pflash_storage(r->f));
    ASSERT_EQ(pflash_size(r->f), SIZE);
    rig_free(r);
}

TEST(pflash, cfi_query_and_back_to_array)
{
    Rig *r = rig_new();

    cmd(r, 0x55 * 4, 0x98);
    ASSERT(!rom_mode(r));
    ASSERT_EQ(r->mode_changes, 1);
    ASSERT_EQ(rd(r, 0x10 * 4), 0x00510051);             /* 'Q' */
    ASSERT_EQ(rd(r, 0x11 * 4), 0x00520052);             /* 'R' */
    ASSERT_EQ(rd(r, 0x12 * 4), 0x00590059);             /* 'Y' */
    ASSERT_EQ(rd(r, 0x13 * 4), 0x00010001);             /* Intel/Sharp */
    ASSERT_EQ(rd(r, 0x15 * 4), 0x00310031);
    ASSERT_EQ(rd(r, 0x27 * 4) & 0xff, 25);              /* 32 MiB chip */
    ASSERT_EQ(rd(r, 0x28 * 4) & 0xff, 2);               /* x8/x16 */
    ASSERT_EQ(rd(r, 0x2a * 4) & 0xff, 11);              /* 2 KiB buffer */
    ASSERT_EQ(rd(r, 0x2c * 4) & 0xff, 1);
    ASSERT_EQ(rd(r, 0x2d * 4) & 0xff, 0xff);            /* 256 blocks */
    ASSERT_EQ(rd(r, 0x2e * 4) & 0xff, 0x00);
    ASSERT_EQ(rd(r, 0x2f * 4) & 0xff, 0x00);            /* 128 KiB/chip */
    ASSERT_EQ(rd(r, 0x30 * 4) & 0xff, 0x02);
    ASSERT_EQ(rd(r, 0x31 * 4) & 0xff, 'P');
    ASSERT_EQ(rd(r, 0x1000), 0);                        /* past table */
    {
        uint64_t v;
        ASSERT_EQ(as_read(r->as, BASE + 0x40, &v, 1), MEMTX_OK);
        ASSERT_EQ(v, 0x51);
        ASSERT_EQ(as_read(r->as, BASE + 0x42, &v, 2), MEMTX_OK);
        ASSERT_EQ(v, 0x51);
    }
    cmd(r, 0, 0xff);
    ASSERT(rom_mode(r));
    ASSERT_EQ(r->mode_changes, 2);
    ASSERT_EQ(rd(r, 0x40), 0);
    rig_free(r);
}

TEST(pflash, read_id_and_status)
{
    Rig *r = rig_new();

    cmd(r, 0, 0x90);
    ASSERT_EQ(rd(r, 0), 0x00890089);                    /* Intel */
    ASSERT_EQ(rd(r, 4), 0x00180018);
    ASSERT_EQ(rd(r, 8), 0);                             /* unlocked */
    cmd(r, 0, 0x70);
    ASSERT_EQ(rd(r, 0x123450), 0x00800080);             /* ready */
    cmd(r, 0, 0xf0);                                    /* AMD reset */
    ASSERT(rom_mode(r));
    rig_free(r);
}

TEST(pflash, erase_and_word_program)
{
    Rig *r = rig_new();

    cmd(r, 0x40008, 0x20);
    ASSERT_EQ(rd(r, 0x40008), 0x00800080);              /* status */
    cmd(r, 0x40008, 0xd0);
    ASSERT_EQ(rd(r, 0), 0x00800080);
    ASSERT_EQ(r->writes, 1);
    ASSERT_EQ(r->last_addr, BASE + 0x40000);
    ASSERT_EQ(r->last_len, PFLASH_SECTOR_SIZE);
    cmd(r, 0, 0xff);
    ASSERT_EQ(rd(r, 0x40000), 0xffffffff);
    ASSERT_EQ(rd(r, 0x7fffc), 0xffffffff);
    ASSERT_EQ(rd(r, 0x80000), 0);                       /* next sector */
    ASSERT_EQ(rd(r, 0x3fffc), 0);
    cmd(r, 0x40010, 0x40);
    wr(r, 0x40010, 0x12345678);
    ASSERT_EQ(rd(r, 0x40010), 0x00800080);
    ASSERT_EQ(r->last_addr, BASE + 0x40010);
    ASSERT_EQ(r->last_len, 4);
    cmd(r, 0, 0xff);
    ASSERT_EQ(rd(r, 0x40010), 0x12345678);
    cmd(r, 0x40010, 0x10);                              /* only clears */
    wr(r, 0x40010, 0xff00ff00);
    cmd(r, 0, 0xff);
    ASSERT_EQ(rd(r, 0x40010), 0x12005600);
    ASSERT_EQ(as_write(r->as, BASE + 0x40021, 0x40, 1), MEMTX_OK);
    ASSERT_EQ(as_write(r->as, BASE + 0x40021, 0xab, 1), MEMTX_OK);
    cmd(r, 0, 0xff);
    ASSERT_EQ(rd(r, 0x40020), 0xffffabff);
    rig_free(r);
}

TEST(pflash, buffered_program)
{
    Rig *r = rig_new();

    cmd(r, 0, 0x20);
    cmd(r, 0, 0xd0);
    cmd(r, 0x100, 0xe8);
    ASSERT_EQ(rd(r, 0x100), 0x00800080);                /* buffer free */
    cmd(r, 0x100, 3);                                   /* 4 words */
    for (uint32_t i = 0; i < 4; i++) {
        wr(r, 0x100 + 4 * i, 0xa0a0a0a0u + i);
    }
    cmd(r, 0x100, 0xd0);
    ASSERT_EQ(rd(r, 0x100), 0x00800080);
    cmd(r, 0, 0xff);
    for (uint32_t i = 0; i < 4; i++) {
        ASSERT_EQ(rd(r, 0x100 + 4 * i), 0xa0a0a0a0u + i);
    }
    ASSERT_EQ(rd(r, 0x110), 0xffffffff);
    cmd(r, 0x100, 0xe8);                                /* too many */
    wr(r, 0x100, 0x04000400);                           /* 1025 words */
    ASSERT_EQ(rd(r, 0), 0x00b000b0);
    rig_free(r);
}

TEST(pflash, bad_sequences_and_clear_status)
{
    Rig *r = rig_new();

    cmd(r, 0, 0x20);
    cmd(r, 0, 0xff);                                    /* not confirm */
    ASSERT(!rom_mode(r));
    ASSERT_EQ(rd(r, 0), 0x00b000b0);
    ASSERT_EQ(r->writes, 0);
    cmd(r, 0, 0x50);
    ASSERT(rom_mode(r));
    cmd(r, 0, 0x70);
    ASSERT_EQ(rd(r, 0), 0x00800080);
    cmd(r, 0, 0x60);                                    /* unlock */
    cmd(r, 0, 0xd0);
    ASSERT_EQ(rd(r, 0), 0x00800080);
    cmd(r, 0, 0x60);
    cmd(r, 0, 0x77);
    ASSERT_EQ(rd(r, 0), 0x00b000b0);
    cmd(r, 0, 0x42);                                    /* (program) */
    cmd(r, 0, 0x50);
    cmd(r, 0, 0xe8);
    cmd(r, 0, 0);
    wr(r, 0, 0);
    cmd(r, 0, 0x55);                                    /* not confirm */
    ASSERT_EQ(rd(r, 0), 0x00b000b0);
    cmd(r, 0, 0x33);                                    /* unknown */
    ASSERT(rom_mode(r));
    rig_free(r);
}

TEST(pflash, mmio_only_mapping)
{
    AddressSpace *as = as_new("test");
    PFlashState *f = pflash_new("flash0", 1u << 20);
    uint64_t v;

    as_add_mmio(as, "flash0", 0, 1u << 20, &pflash_ops, f);
    ASSERT_EQ(as_write(as, 0, 0x00980098, 4), MEMTX_OK);
    ASSERT_EQ(as_read(as, 0x40, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0x00510051);
    ASSERT_EQ(as_read(as, 0x27 * 4, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0x00130013);                           /* 512 KiB chip */
    ASSERT_EQ(as_write(as, 0, 0xff, 4), MEMTX_OK);
    pflash_storage(f)[8] = 0x5a;
    ASSERT_EQ(as_read(as, 8, &v, 1), MEMTX_OK);
    ASSERT_EQ(v, 0x5a);
    as_free(as);
    pflash_free(f);
}

TEST(pflash, loaders_fill_in_any_mode)
{
    Rig *r = rig_new();
    static const uint8_t data[4] = { 0xde, 0xad, 0xbe, 0xef };

    cmd(r, 0, 0x70);
    ASSERT(as_write_bytes(r->as, BASE + 0x200, data, 4));
    cmd(r, 0, 0xff);
    ASSERT_EQ(rd(r, 0x200), 0xefbeadde);
    rig_free(r);
}

TEST(pflash, load_errors_and_write_back)
{
    Rig *r = rig_new();
    PFlashState *small = pflash_new("small", PFLASH_SECTOR_SIZE);
    uint8_t *big = calloc(1, PFLASH_SECTOR_SIZE + 1);
    char *path = tmp_file(big, PFLASH_SECTOR_SIZE + 1);
    uint32_t word = 0;
    int fd;

    ASSERT_EQ(pflash_load(small, path), -1);
    unlink(path);
    ASSERT_EQ(pflash_load(small, "/nonexistent/flash.img"), -1);
    pflash_free(small);
    free(big);

    path = tmp_file("", 0);
    fd = open(path, O_RDWR);
    unlink(path);
    ASSERT(fd >= 0);
    pflash_set_backing_fd(r->f, fd);
    cmd(r, 0x40000, 0x20);
    cmd(r, 0x40000, 0xd0);
    cmd(r, 0x40004, 0x40);
    wr(r, 0x40004, 0x11223344);
    ASSERT_EQ(pread(fd, &word, 4, 0x40004), 4);
    ASSERT_EQ(word, 0x11223344);
    ASSERT_EQ(pread(fd, &word, 4, 0x7fffc), 4);
    ASSERT_EQ(word, 0xffffffff);
    close(fd);
    rig_free(r);
}

TEST(pflash, reset_returns_to_array)
{
    Rig *r = rig_new();

    cmd(r, 0, 0x98);
    ASSERT(!rom_mode(r));
    pflash_reset(r->f);
    ASSERT(rom_mode(r));
    ASSERT_EQ(rd(r, 0x40), 0);
    ASSERT_EQ(pflash_ops.read(r->f, SIZE, 4), 0);       /* past the end */
    pflash_ops.write(r->f, SIZE - 2, 0x98, 4);
    ASSERT(rom_mode(r));
    rig_free(r);
}
