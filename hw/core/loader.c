/* SPDX-License-Identifier: MIT */
/*
 * Guest image loader (see loader.h).  The ELF reader parses 32- and 64-bit
 * headers of either byte order into one form, checks every PT_LOAD
 * segment against the file and the memory map, then copies the file part
 * and zeroes the rest (.bss) of each segment.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hw/core/loader.h"

#define ELF_HDR32_SIZE 52
#define ELF_HDR64_SIZE 64
#define ELF_PHDR32_SIZE 32
#define ELF_PHDR64_SIZE 56
#define ELF_CLASS32 1
#define ELF_CLASS64 2
#define ELF_DATA2LSB 1
#define ELF_DATA2MSB 2
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1

/* One program header, whatever the class. */
typedef struct ElfSeg {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} ElfSeg;

/* Header fields the loader needs, and how to read the rest. */
typedef struct ElfFile {
    const uint8_t *buf;
    size_t len;
    bool is64, be;
    uint16_t type, machine, phentsize, phnum;
    uint64_t entry, phoff;
} ElfFile;

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (!err || errlen == 0) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static uint64_t rd_uint(const ElfFile *ef, size_t off, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        unsigned k = ef->be ? i : size - 1 - i;
        v = (v << 8) | ef->buf[off + k];
    }
    return v;
}

const char *loader_machine_name(uint16_t machine)
{
    switch (machine) {
    case EM_SPARC: return "SPARC";
    case EM_386: return "i386";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_ARM: return "ARM";
    case EM_SPARCV9: return "SPARC64";
    case EM_X86_64: return "x86-64";
    case EM_AARCH64: return "AArch64";
    case EM_RISCV: return "RISC-V";
    default: return "unknown";
    }
}

uint8_t *loader_read_file(const char *path, size_t *len, char *err,
                          size_t errlen)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *buf;

    if (!f) {
        set_err(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, errlen, "not a regular file");
        fclose(f);
        return NULL;
    }
    buf = malloc(st.st_size ? (size_t)st.st_size : 1);
    if (!buf) {
        set_err(err, errlen, "too large to load");
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        set_err(err, errlen, "read error: %s",
                ferror(f) ? strerror(errno) : "short read");
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = (size_t)st.st_size;
    return buf;
}

bool loader_is_elf(const uint8_t *buf, size_t len)
{
    return len >= 4 && memcmp(buf, "\177ELF", 4) == 0;
}

/* The identification and file header, checked against the file size. */
static int elf_parse_header(ElfFile *ef, char *err, size_t errlen)
{
    const uint8_t *b = ef->buf;

    if (!loader_is_elf(b, ef->len)) {
        set_err(err, errlen, "not an ELF file");
        return -1;
    }
    if (ef->len < 16) {
        set_err(err, errlen, "truncated ELF header");
        return -1;
    }
    if (b[4] != ELF_CLASS32 && b[4] != ELF_CLASS64) {
        set_err(err, errlen, "bad ELF class %u", b[4]);
        return -1;
    }
    if (b[5] != ELF_DATA2LSB && b[5] != ELF_DATA2MSB) {
        set_err(err, errlen, "bad ELF data encoding %u", b[5]);
        return -1;
    }
    ef->is64 = b[4] == ELF_CLASS64;
    ef->be = b[5] == ELF_DATA2MSB;
    if (ef->len < (ef->is64 ? ELF_HDR64_SIZE : ELF_HDR32_SIZE)) {
        set_err(err, errlen, "truncated ELF header");
        return -1;
    }
    ef->type = (uint16_t)rd_uint(ef, 16, 2);
    ef->machine = (uint16_t)rd_uint(ef, 18, 2);
    if (ef->is64) {
        ef->entry = rd_uint(ef, 24, 8);
        ef->phoff = rd_uint(ef, 32, 8);
        ef->phentsize = (uint16_t)rd_uint(ef, 54, 2);
        ef->phnum = (uint16_t)rd_uint(ef, 56, 2);
    } else {
        ef->entry = rd_uint(ef, 24, 4);
        ef->phoff = rd_uint(ef, 28, 4);
        ef->phentsize = (uint16_t)rd_uint(ef, 42, 2);
        ef->phnum = (uint16_t)rd_uint(ef, 44, 2);
    }
    return 0;
}

static int elf_check_header(const ElfFile *ef, uint16_t machine, char *err,
                            size_t errlen)
{
    unsigned want = ef->is64 ? ELF_PHDR64_SIZE : ELF_PHDR32_SIZE;

    if (ef->machine != machine) {
        set_err(err, errlen, "ELF machine %u (%s) is not %s", ef->machine,
                loader_machine_name(ef->machine),
                loader_machine_name(machine));
        return -1;
    }
    if (ef->type != ET_EXEC && ef->type != ET_DYN) {
        set_err(err, errlen, "ELF type %u is not an executable", ef->type);
        return -1;
    }
    if (ef->phnum == 0) {
        set_err(err, errlen, "ELF file has no program headers");
        return -1;
    }
    if (ef->phentsize != want) {
        set_err(err, errlen, "bad ELF program header size %u",
                ef->phentsize);
        return -1;
    }
    if (ef->phoff > ef->len ||
        (uint64_t)ef->phnum * want > ef->len - ef->phoff) {
        set_err(err, errlen, "truncated ELF program headers");
        return -1;
    }
    return 0;
}

static ElfSeg elf_segment(const ElfFile *ef, unsigned i)
{
    ElfSeg s;
    size_t p = ef->phoff + (size_t)i * ef->phentsize;

    s.type = (uint32_t)rd_uint(ef, p, 4);
    if (ef->is64) {
        s.offset = rd_uint(ef, p + 8, 8);
        s.paddr = rd_uint(ef, p + 24, 8);
        s.filesz = rd_uint(ef, p + 32, 8);
        s.memsz = rd_uint(ef, p + 40, 8);
    } else {
        s.offset = rd_uint(ef, p + 4, 4);
        s.paddr = rd_uint(ef, p + 12, 4);
        s.filesz = rd_uint(ef, p + 16, 4);
        s.memsz = rd_uint(ef, p + 20, 4);
    }
    return s;
}

static bool seg_loadable(const ElfSeg *s)
{
    return s->type == PT_LOAD && s->memsz > 0;
}

/* One segment against the file, the memory map and the earlier ones. */
static int elf_check_segment(const ElfFile *ef, AddressSpace *as,
                             unsigned i, char *err, size_t errlen)
{
    ElfSeg s = elf_segment(ef, i);

    if (s.filesz > s.memsz) {
        set_err(err, errlen, "ELF segment %u: file size 0x%" PRIx64
                " exceeds memory size 0x%" PRIx64, i, s.filesz, s.memsz);
        return -1;
    }
    if (s.offset > ef->len || s.filesz > ef->len - s.offset) {
        set_err(err, errlen, "truncated ELF file (segment %u)", i);
        return -1;
    }
    if (s.paddr + s.memsz < s.paddr ||
        !as_ram_ptr(as, s.paddr, s.memsz)) {
        set_err(err, errlen, "ELF segment %u at 0x%" PRIx64 "-0x%" PRIx64
                " is outside RAM", i, s.paddr, s.paddr + s.memsz - 1);
        return -1;
    }
    for (unsigned j = 0; j < i; j++) {
        ElfSeg o = elf_segment(ef, j);
        if (seg_loadable(&o) && s.paddr < o.paddr + o.memsz &&
            o.paddr < s.paddr + s.memsz) {
            set_err(err, errlen, "ELF segments %u and %u overlap", j, i);
            return -1;
        }
    }
    return 0;
}

int loader_load_elf(AddressSpace *as, const uint8_t *buf, size_t len,
                    uint16_t machine, ElfInfo *info, char *err,
                    size_t errlen)
{
    ElfFile ef = { .buf = buf, .len = len };
    ElfInfo res = { .low = UINT64_MAX };

    if (elf_parse_header(&ef, err, errlen) < 0 ||
        elf_check_header(&ef, machine, err, errlen) < 0) {
        return -1;
    }
    for (unsigned i = 0; i < ef.phnum; i++) {
        ElfSeg s = elf_segment(&ef, i);
        if (seg_loadable(&s) &&
            elf_check_segment(&ef, as, i, err, errlen) < 0) {
            return -1;
        }
    }
    for (unsigned i = 0; i < ef.phnum; i++) {
        ElfSeg s = elf_segment(&ef, i);
        if (!seg_loadable(&s)) {
            continue;
        }
        uint8_t *host = as_ram_ptr(as, s.paddr, s.memsz);
        memcpy(host, buf + s.offset, s.filesz);
        memset(host + s.filesz, 0, s.memsz - s.filesz);
        as_ram_written(as, s.paddr, s.memsz);
        res.low = s.paddr < res.low ? s.paddr : res.low;
        res.high = s.paddr + s.memsz > res.high ? s.paddr + s.memsz
                                                : res.high;
        res.nb_segments++;
    }
    if (res.nb_segments == 0) {
        set_err(err, errlen, "ELF file has no loadable segments");
        return -1;
    }
    res.entry = ef.entry;
    res.is64 = ef.is64;
    res.big_endian = ef.be;
    res.machine = ef.machine;
    if (info) {
        *info = res;
    }
    return 0;
}

int loader_load_raw(AddressSpace *as, const uint8_t *buf, size_t len,
                    uint64_t addr, char *err, size_t errlen)
{
    if (len == 0) {
        set_err(err, errlen, "image is empty");
        return -1;
    }
    if (addr + len < addr || !as_ram_ptr(as, addr, len)) {
        set_err(err, errlen, "image of %zu bytes at 0x%" PRIx64
                " does not fit in RAM", len, addr);
        return -1;
    }
    as_write_bytes(as, addr, buf, len);     /* tells the TB cache */
    return 0;
}
