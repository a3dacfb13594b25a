/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the memory map (hw/core/memory.c): region ordering and
 * overlap, RAM/ROM byte order, unmapped accesses, and MMIO size/endianness
 * adjustment through a fake device that records what it was asked.
 */
#include <stdlib.h>

#include "hw/core/log.h"
#include "hw/core/memory.h"
#include "tests/test.h"

/* A fake device: 16 bytes of registers stored in device byte order. */
typedef struct FakeDev {
    uint8_t regs[16];
    bool big_endian;
    int nb_reads, nb_writes;
    uint64_t last_off;
    unsigned last_size;
} FakeDev;

static uint64_t fake_read(void *opaque, uint64_t off, unsigned size)
{
    FakeDev *s = opaque;
    uint64_t v = 0;

    s->nb_reads++;
    s->last_off = off;
    s->last_size = size;
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = s->big_endian ? (size - 1 - i) * 8 : i * 8;
        v |= (uint64_t)s->regs[off + i] << shift;
    }
    return v;
}

static void fake_write(void *opaque, uint64_t off, uint64_t val,
                       unsigned size)
{
    FakeDev *s = opaque;

    s->nb_writes++;
    s->last_off = off;
    s->last_size = size;
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = s->big_endian ? (size - 1 - i) * 8 : i * 8;
        s->regs[off + i] = (uint8_t)(val >> shift);
    }
}

static void fake_fill(FakeDev *s)
{
    for (int i = 0; i < 16; i++) {
        s->regs[i] = (uint8_t)(0x10 + i);
    }
}

TEST(memory, ram_little_endian)
{
    AddressSpace *as = as_new("test");
    MemRegion *r = as_add_ram(as, "ram", 0x1000, 0x1000);
    uint64_t v;

    ASSERT(r != NULL);
    ASSERT_EQ(as_write(as, 0x1000, 0x11223344, 4), MEMTX_OK);
    ASSERT_EQ(r->ram[0], 0x44);
    ASSERT_EQ(r->ram[1], 0x33);
    ASSERT_EQ(r->ram[2], 0x22);
    ASSERT_EQ(r->ram[3], 0x11);
    ASSERT_EQ(as_read(as, 0x1001, &v, 2), MEMTX_OK);
    ASSERT_EQ(v, 0x2233);
    ASSERT_EQ(as_write(as, 0x1008, 0x0102030405060708ull, 8), MEMTX_OK);
    ASSERT_EQ(as_read(as, 0x1008, &v, 8), MEMTX_OK);
    ASSERT_EQ(v, 0x0102030405060708ull);
    ASSERT_EQ(as_read(as, 0x100f, &v, 1), MEMTX_OK);
    ASSERT_EQ(v, 0x01);
    ASSERT(as_ram_ptr(as, 0x1ff0, 0x10) == r->ram + 0xff0);
    ASSERT(as_ram_ptr(as, 0x1ff0, 0x11) == NULL);
    as_free(as);
}

TEST(memory, overlap_rejected)
{
    AddressSpace *as = as_new("test");

    ASSERT(as_add_ram(as, "a", 0x1000, 0x1000) != NULL);
    ASSERT(as_add_ram(as, "b", 0x3000, 0x1000) != NULL);
    ASSERT(as_add_ram(as, "c", 0x1800, 0x100) == NULL);
    ASSERT(as_add_ram(as, "d", 0x0800, 0x900) == NULL);
    ASSERT(as_add_ram(as, "e", 0x1fff, 0x2) == NULL);
    ASSERT(as_add_ram(as, "f", 0x2fff, 0x2) == NULL);
    ASSERT(as_add_ram(as, "g", 0x0, 0x10000) == NULL);
    ASSERT(as_add_ram(as, "h", 0x2000, 0x1000) != NULL);
    ASSERT(as_add_ram(as, "z", 0x5000, 0) == NULL);
    ASSERT_EQ(as->nb_regions, 3);
    for (int i = 1; i < as->nb_regions; i++) {
        ASSERT(as->regions[i - 1].base < as->regions[i].base);
    }
    as_free(as);
}

TEST(memory, top_of_address_space)
{
    AddressSpace *as = as_new("test");
    uint64_t v;

    ASSERT(as_add_ram(as, "top", 0xfffffffffffff000ull, 0x1000) != NULL);
    ASSERT_EQ(as_write(as, 0xfffffffffffffffcull, 0xaabbccdd, 4), MEMTX_OK);
    ASSERT_EQ(as_read(as, 0xfffffffffffffffcull, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0xaabbccdd);
    ASSERT(as_add_ram(as, "wrap", 0xfffffffffffff000ull - 0x1000, 0x2001)
           == NULL);
    as_free(as);
}

TEST(memory, find_many_regions)
{
    AddressSpace *as = as_new("test");

    /* Added out of order; lookups alternate to defeat the last-hit cache */
    for (int i = 99; i >= 0; i--) {
        ASSERT(as_add_ram(as, "r", 0x10000 * (uint64_t)i, 0x100) != NULL);
    }
    for (int k = 0; k < 400; k++) {
        int i = (k * 37) % 100;
        MemRegion *r = as_find(as, 0x10000 * (uint64_t)i + 0x80);
        ASSERT(r != NULL);
        ASSERT_EQ(r->base, 0x10000 * (uint64_t)i);
        ASSERT(as_find(as, 0x10000 * (uint64_t)i + 0x100) == NULL);
    }
    as_free(as);
}

TEST(memory, unmapped_decode_error)
{
    AddressSpace *as = as_new("test");
    uint64_t v = 1234;

    ASSERT_EQ(as_read(as, 0x10, &v, 4), MEMTX_DECODE_ERROR);
    ASSERT_EQ(v, 0);
    as_add_ram(as, "ram", 0x1000, 0x1000);
    v = 99;
    ASSERT_EQ(as_read(as, 0x2000, &v, 8), MEMTX_DECODE_ERROR);
    ASSERT_EQ(v, 0);
    ASSERT_EQ(as_write(as, 0x800, 5, 1), MEMTX_DECODE_ERROR);
    /* Straddling the end of RAM: the mapped bytes still land */
    ASSERT_EQ(as_write(as, 0x1ffe, 0x44332211, 4), MEMTX_DECODE_ERROR);
    ASSERT_EQ(as_read(as, 0x1ffe, &v, 2), MEMTX_OK);
    ASSERT_EQ(v, 0x2211);
    ASSERT_EQ(as_read(as, 0x1ffe, &v, 4), MEMTX_DECODE_ERROR);
    ASSERT_EQ(v, 0x2211);
    as_free(as);
}

TEST(memory, rom_writes_ignored)
{
    AddressSpace *as = as_new("test");
    MemRegion *r = as_add_rom(as, "rom", 0, 0x100);
    static const uint8_t img[4] = { 1, 2, 3, 4 };
    uint64_t v;

    ASSERT(r != NULL && r->readonly);
    ASSERT(as_write_bytes(as, 0, img, sizeof(img)));
    ASSERT_EQ(as_write(as, 0, 0xffffffff, 4), MEMTX_OK);
    ASSERT_EQ(as_read(as, 0, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0x04030201);
    as_free(as);
}

TEST(memory, bulk_copies)
{
    AddressSpace *as = as_new("test");
    uint8_t buf[0x30], out[0x30];

    as_add_ram(as, "a", 0x1000, 0x10);
    as_add_ram(as, "b", 0x1010, 0x10);
    for (int i = 0; i < 0x30; i++) {
        buf[i] = (uint8_t)i;
    }
    ASSERT(as_write_bytes(as, 0x1000, buf, 0x20));
    ASSERT(as_read_bytes(as, 0x1000, out, 0x20));
    ASSERT(memcmp(buf, out, 0x20) == 0);
    /* Partly unmapped: false, the mapped part copied, the rest zero */
    memset(out, 0xee, sizeof(out));
    ASSERT(!as_read_bytes(as, 0xff8, out, 0x30));
    ASSERT_EQ(out[0], 0);
    ASSERT_EQ(out[8], 0);
    ASSERT_EQ(out[0x27], 0x1f);
    ASSERT_EQ(out[0x28], 0);
    ASSERT(!as_write_bytes(as, 0x101c, buf, 8));
    ASSERT(as_read_bytes(as, 0x101c, out, 4));
    ASSERT_EQ(out[3], 3);
    as_free(as);
}

static const MemOps fake_le_any = { fake_read, fake_write, 0, 0,
                                    DEVICE_LITTLE_ENDIAN };
static const MemOps fake_le_max2 = { fake_read, fake_write, 1, 2,
                                     DEVICE_LITTLE_ENDIAN };
static const MemOps fake_le_min4 = { fake_read, fake_write, 4, 4,
                                     DEVICE_LITTLE_ENDIAN };
static const MemOps fake_be_4 = { fake_read, fake_write, 4, 4,
                                  DEVICE_BIG_ENDIAN };

TEST(memory, mmio_direct)
{
    AddressSpace *as = as_new("test");
    FakeDev d = { 0 };
    uint64_t v;

    fake_fill(&d);
    ASSERT(as_add_mmio(as, "dev", 0x9000, 0x10, &fake_le_any, &d) != NULL);
    ASSERT_EQ(as_read(as, 0x9004, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0x17161514);
    ASSERT_EQ(d.last_off, 4);
    ASSERT_EQ(d.last_size, 4);
    ASSERT_EQ(as_write(as, 0x9008, 0x0807060504030201ull, 8), MEMTX_OK);
    ASSERT_EQ(d.nb_writes, 1);
    ASSERT_EQ(d.regs[8], 0x01);
    ASSERT_EQ(d.regs[15], 0x08);
    as_free(as);
}

TEST(memory, mmio_split_wide)
{
    AddressSpace *as = as_new("test");
    FakeDev d = { 0 };
    uint64_t v;

    fake_fill(&d);
    as_add_mmio(as, "dev", 0x9000, 0x10, &fake_le_max2, &d);
    ASSERT_EQ(as_read(as, 0x9000, &v, 8), MEMTX_OK);
    ASSERT_EQ(v, 0x1716151413121110ull);
    ASSERT_EQ(d.nb_reads, 4);
    ASSERT_EQ(d.last_size, 2);
    ASSERT_EQ(as_write(as, 0x9004, 0xaabbccdd, 4), MEMTX_OK);
    ASSERT_EQ(d.nb_writes, 2);
    ASSERT_EQ(d.regs[4], 0xdd);
    ASSERT_EQ(d.regs[7], 0xaa);
    as_free(as);
}

TEST(memory, mmio_widen_narrow)
{
    AddressSpace *as = as_new("test");
    FakeDev d = { 0 };
    uint64_t v;

    fake_fill(&d);
    as_add_mmio(as, "dev", 0x9000, 0x10, &fake_le_min4, &d);
    ASSERT_EQ(as_read(as, 0x9005, &v, 1), MEMTX_OK);
    ASSERT_EQ(v, 0x15);
    ASSERT_EQ(d.last_off, 4);
    ASSERT_EQ(d.last_size, 4);
    ASSERT_EQ(as_read(as, 0x9006, &v, 2), MEMTX_OK);
    ASSERT_EQ(v, 0x1716);
    /* Straddles two device words: refused */
    ASSERT_EQ(as_read(as, 0x9003, &v, 2), MEMTX_ERROR);
    ASSERT_EQ(v, 0);
    /* A narrow write is widened with zeros in the other bytes */
    ASSERT_EQ(as_write(as, 0x9001, 0x41, 1), MEMTX_OK);
    ASSERT_EQ(d.last_off, 0);
    ASSERT_EQ(d.last_size, 4);
    ASSERT_EQ(d.regs[0], 0);
    ASSERT_EQ(d.regs[1], 0x41);
    ASSERT_EQ(d.regs[2], 0);
    ASSERT_EQ(as_write(as, 0x9003, 0x4142, 2), MEMTX_ERROR);
    as_free(as);
}

TEST(memory, mmio_big_endian)
{
    AddressSpace *as = as_new("test");
    FakeDev d = { .big_endian = true };
    uint64_t v;

    fake_fill(&d);
    as_add_mmio(as, "dev", 0x9000, 0x10, &fake_be_4, &d);
    /* Guest-visible byte order is the same whatever the device's order */
    ASSERT_EQ(as_read(as, 0x9000, &v, 4), MEMTX_OK);
    ASSERT_EQ(v, 0x13121110);
    ASSERT_EQ(as_read(as, 0x9001, &v, 1), MEMTX_OK);
    ASSERT_EQ(v, 0x11);
    ASSERT_EQ(as_read(as, 0x9008, &v, 8), MEMTX_OK);
    ASSERT_EQ(v, 0x1f1e1d1c1b1a1918ull);
    ASSERT_EQ(as_write(as, 0x9004, 0x44332211, 4), MEMTX_OK);
    ASSERT_EQ(d.regs[4], 0x11);
    ASSERT_EQ(d.regs[7], 0x44);
    as_free(as);
}

TEST(memory, mmio_needs_ops)
{
    AddressSpace *as = as_new("test");
    static const MemOps no_write = { fake_read, NULL, 0, 0, 0 };

    ASSERT(as_add_mmio(as, "bad", 0, 0x10, &no_write, NULL) == NULL);
    ASSERT(as_add_mmio(as, "bad", 0, 0x10, NULL, NULL) == NULL);
    ASSERT_EQ(as->nb_regions, 0);
    as_free(as);
}

TEST(memory, guest_errors_logged)
{
    AddressSpace *as = as_new("test");
    FILE *saved_file = log_file;
    unsigned saved_mask = log_level_mask;
    char text[512] = "";
    uint64_t v;

    as_add_rom(as, "rom", 0, 0x100);
    log_file = tmpfile();
    ASSERT(log_file != NULL);
    log_level_mask = LOG_GUEST_ERROR;
    as_read(as, 0x5000, &v, 4);
    as_write(as, 0x10, 1, 1);
    log_level_mask = 0;
    as_read(as, 0x6000, &v, 4);     /* masked: not logged */
    rewind(log_file);
    size_t n = fread(text, 1, sizeof(text) - 1, log_file);
    text[n] = '\0';
    fclose(log_file);
    log_file = saved_file;
    log_level_mask = saved_mask;
    ASSERT(strstr(text, "unmapped 0x5000") != NULL);
    ASSERT(strstr(text, "ROM") != NULL);
    ASSERT(strstr(text, "0x6000") == NULL);
    as_free(as);
}
