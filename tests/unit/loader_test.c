/* SPDX-License-Identifier: MIT */
/*
 * Loader tests: ELF images built in memory (32/64-bit, both byte orders)
 * loaded into an AddressSpace with RAM at 0x40000000, plus the ways a
 * kernel file can be wrong.  Each failure must leave RAM untouched.
 */
#include <stdlib.h>
#include <unistd.h>

#include "hw/core/loader.h"
#include "hw/core/memory.h"
#include "tests/test.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x100000u

typedef struct Seg {
    uint32_t type;
    uint64_t vaddr, paddr, filesz, memsz;
    uint8_t fill;
} Seg;

typedef struct Img {
    uint8_t buf[4096];
    size_t len;
    bool is64, be;
} Img;

static void put(Img *im, size_t off, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned k = im->be ? size - 1 - i : i;
        im->buf[off + k] = (uint8_t)(v >> (8 * i));
    }
}

/* An executable with segs at file offset 0x200, 0x400, ... */
static void img_build(Img *im, bool is64, bool be, uint16_t machine,
                      uint64_t entry, const Seg *segs, int n)
{
    unsigned eh = is64 ? 64 : 52, ph = is64 ? 56 : 32;

    memset(im, 0, sizeof(*im));
    im->is64 = is64;
    im->be = be;
    memcpy(im->buf, "\177ELF", 4);
    im->buf[4] = is64 ? 2 : 1;
    im->buf[5] = be ? 2 : 1;
    im->buf[6] = 1;
    put(im, 16, 2, 2);                  /* ET_EXEC */
    put(im, 18, machine, 2);
    put(im, 20, 1, 4);
    put(im, 24, entry, is64 ? 8 : 4);
    put(im, is64 ? 32 : 28, eh, is64 ? 8 : 4);              /* e_phoff */
    put(im, is64 ? 54 : 42, ph, 2);
    put(im, is64 ? 56 : 44, (uint64_t)n, 2);
    im->len = 0x200;
    for (int i = 0; i < n; i++) {
        size_t p = eh + (size_t)i * ph, off = 0x200 + 0x200 * (size_t)i;
        put(im, p, segs[i].type, 4);
        put(im, p + (is64 ? 8 : 4), off, is64 ? 8 : 4);
        put(im, p + (is64 ? 16 : 8), segs[i].vaddr, is64 ? 8 : 4);
        put(im, p + (is64 ? 24 : 12), segs[i].paddr, is64 ? 8 : 4);
        put(im, p + (is64 ? 32 : 16), segs[i].filesz, is64 ? 8 : 4);
        put(im, p + (is64 ? 40 : 20), segs[i].memsz, is64 ? 8 : 4);
        memset(im->buf + off, segs[i].fill, 0x200);
        im->len = off + 0x200;
    }
}

static AddressSpace *ram_as(void)
{
    AddressSpace *as = as_new("test");

    as_add_ram(as, "ram", RAM_BASE, RAM_SIZE);
    memset(as_ram_ptr(as, RAM_BASE, RAM_SIZE), 0xee, RAM_SIZE);
    return as;
}

static uint8_t ram_byte(AddressSpace *as, uint64_t addr)
{
    return *as_ram_ptr(as, addr, 1);
}

/* The load fails, names the problem, and RAM keeps its 0xee pattern. */
static void expect_fail(const Img *im, const char *what)
{
    AddressSpace *as = ram_as();
    char err[200] = "";
    ElfInfo info;

    ASSERT_EQ(loader_load_elf(as, im->buf, im->len, EM_ARM, &info, err,
                              sizeof(err)), -1);
    if (!strstr(err, what)) {
        ASSERT_STR_EQ(err, what);
    }
    for (uint32_t off = 0; off < RAM_SIZE; off += 0x100) {
        ASSERT_EQ(ram_byte(as, RAM_BASE + off), 0xee);
    }
    as_free(as);
}

TEST(loader, elf32_paddr_and_bss)
{
    Seg segs[] = {
        { 1, 0x8000, RAM_BASE + 0x1000, 0x100, 0x180, 0xaa },
        { 4, 0, 0, 0x10, 0x10, 0 },                     /* PT_NOTE */
        { 1, 0x9000, RAM_BASE + 0x3000, 0x10, 0x10, 0xbb },
    };
    Img im;
    AddressSpace *as = ram_as();
    ElfInfo info;
    char err[200];

    img_build(&im, false, false, EM_ARM, RAM_BASE + 0x1001, segs, 3);
    ASSERT_EQ(loader_load_elf(as, im.buf, im.len, EM_ARM, &info, err,
                              sizeof(err)), 0);
    ASSERT_EQ(info.entry, RAM_BASE + 0x1001);   /* Thumb bit kept */
    ASSERT_EQ(info.low, RAM_BASE + 0x1000);
    ASSERT_EQ(info.high, RAM_BASE + 0x3010);
    ASSERT_EQ(info.nb_segments, 2);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x10ff), 0xaa);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x1100), 0);      /* .bss zeroed */
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x117f), 0);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x1180), 0xee);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x3000), 0xbb);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x0fff), 0xee);
    as_free(as);
}

TEST(loader, elf64_big_endian)
{
    Seg segs[] = { { 1, 0, RAM_BASE + 0x2000, 0x20, 0x40, 0x5a } };
    Img im;
    AddressSpace *as = ram_as();
    ElfInfo info;
    char err[200];

    img_build(&im, true, true, EM_PPC64, RAM_BASE + 0x2000, segs, 1);
    ASSERT_EQ(loader_load_elf(as, im.buf, im.len, EM_PPC64, &info, err,
                              sizeof(err)), 0);
    ASSERT(info.is64 && info.big_endian);
    ASSERT_EQ(info.entry, RAM_BASE + 0x2000);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x201f), 0x5a);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x2020), 0);
    as_free(as);
}

TEST(loader, rejects_bad_files)
{
    Seg ok[] = { { 1, 0, RAM_BASE, 0x100, 0x100, 1 } };
    Img im;

    img_build(&im, false, false, EM_ARM, RAM_BASE, ok, 1);
    im.len = 40;
    expect_fail(&im, "truncated ELF header");
    img_build(&im, false, false, EM_ARM, RAM_BASE, ok, 1);
    im.len = 0x280;
    expect_fail(&im, "truncated ELF file");
    img_build(&im, false, false, EM_X86_64, RAM_BASE, ok, 1);
    expect_fail(&im, "ELF machine 62 (x86-64) is not ARM");
    img_build(&im, true, false, EM_AARCH64, RAM_BASE, ok, 1);
    expect_fail(&im, "(AArch64) is not ARM");
    img_build(&im, false, false, EM_ARM, RAM_BASE, ok, 1);
    im.buf[4] = 7;
    expect_fail(&im, "bad ELF class");
    img_build(&im, false, false, EM_ARM, RAM_BASE, ok, 1);
    put(&im, 28, 0x1000, 4);                    /* e_phoff past the end */
    expect_fail(&im, "truncated ELF program headers");
    img_build(&im, false, false, EM_ARM, RAM_BASE, ok, 0);
    expect_fail(&im, "no program headers");
}

TEST(loader, rejects_bad_segments)
{
    Seg outside[] = {
        { 1, 0, RAM_BASE, 0x100, 0x100, 1 },
        { 1, 0, 0x1000, 0x100, 0x100, 2 },          /* below RAM */
    };
    Seg past_end[] = { { 1, 0, RAM_BASE + RAM_SIZE - 0x10, 0x20, 0x20, 1 } };
    Seg wrap[] = { { 1, 0, 0xfffffff0, 0x10, 0x20, 1 } };
    Seg overlap[] = {
        { 1, 0, RAM_BASE, 0x100, 0x200, 1 },
        { 1, 0, RAM_BASE + 0x1f0, 0x10, 0x10, 2 },
    };
    Seg bigfile[] = { { 1, 0, RAM_BASE, 0x100, 0x80, 1 } };
    Seg none[] = { { 4, 0, RAM_BASE, 0x100, 0x100, 1 } };
    Img im;

    img_build(&im, false, false, EM_ARM, RAM_BASE, outside, 2);
    expect_fail(&im, "ELF segment 1 at 0x1000-0x10ff is outside RAM");
    img_build(&im, false, false, EM_ARM, RAM_BASE, past_end, 1);
    expect_fail(&im, "outside RAM");
    img_build(&im, false, false, EM_ARM, RAM_BASE, wrap, 1);
    expect_fail(&im, "outside RAM");
    img_build(&im, false, false, EM_ARM, RAM_BASE, overlap, 2);
    expect_fail(&im, "overlap");
    img_build(&im, false, false, EM_ARM, RAM_BASE, bigfile, 1);
    expect_fail(&im, "exceeds memory size");
    img_build(&im, false, false, EM_ARM, RAM_BASE, none, 1);
    expect_fail(&im, "no loadable segments");
}

TEST(loader, raw_images)
{
    AddressSpace *as = ram_as();
    uint8_t data[64];
    char err[200];

    memset(data, 0x33, sizeof(data));
    ASSERT_EQ(loader_load_raw(as, data, sizeof(data), RAM_BASE + 0x10000,
                              err, sizeof(err)), 0);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x1003f), 0x33);
    ASSERT_EQ(ram_byte(as, RAM_BASE + 0x10040), 0xee);
    ASSERT_EQ(loader_load_raw(as, data, 0, RAM_BASE, err, sizeof(err)), -1);
    ASSERT(strstr(err, "empty"));
    ASSERT_EQ(loader_load_raw(as, data, sizeof(data),
                              RAM_BASE + RAM_SIZE - 8, err, sizeof(err)), -1);
    ASSERT(strstr(err, "does not fit in RAM"));
    ASSERT(!loader_is_elf(data, sizeof(data)));
    as_free(as);
}

TEST(loader, read_file)
{
    char path[] = "/tmp/mosaic-loader-XXXXXX";
    int fd = mkstemp(path);
    size_t len = 0;
    char err[200];
    uint8_t *buf;

    ASSERT(fd >= 0);
    ASSERT_EQ(write(fd, "\177ELFxyz", 7), 7);
    close(fd);
    buf = loader_read_file(path, &len, err, sizeof(err));
    ASSERT(buf != NULL);
    ASSERT_EQ(len, 7);
    ASSERT(loader_is_elf(buf, len));
    free(buf);
    unlink(path);
    ASSERT(loader_read_file(path, &len, err, sizeof(err)) == NULL);
    ASSERT(strstr(err, "No such file"));
    ASSERT(loader_read_file("/tmp", &len, err, sizeof(err)) == NULL);
    ASSERT(strstr(err, "not a regular file"));
}
