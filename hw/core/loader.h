/* SPDX-License-Identifier: MIT */
/*
 * Loading guest images into an AddressSpace: ELF32/ELF64 executables of
 * either byte order (PT_LOAD segments at their physical addresses,
 * p_paddr, as QEMU does for bare-metal -kernel) and raw binaries.  All
 * checks run before any byte is written, so a rejected image leaves
 * memory untouched.  Errors come back as one line in err (no prefix).
 *
 *   size_t len;
 *   uint8_t *buf = loader_read_file(path, &len, err, sizeof(err));
 *   if (loader_is_elf(buf, len))
 *       rc = loader_load_elf(as, buf, len, EM_ARM, &info, err, sizeof(err));
 *   else
 *       rc = loader_load_raw(as, buf, len, 0x40010000, err, sizeof(err));
 */
#ifndef HW_CORE_LOADER_H
#define HW_CORE_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/memory.h"

/* e_machine values the boards ask for */
enum {
    EM_SPARC = 2, EM_386 = 3, EM_PPC = 20, EM_PPC64 = 21, EM_ARM = 40,
    EM_SPARCV9 = 43, EM_X86_64 = 62, EM_AARCH64 = 183, EM_RISCV = 243,
};

typedef struct ElfInfo {
    uint64_t entry;             /* e_entry (bit 0 kept: Thumb on ARM) */
    uint64_t low, high;         /* physical span loaded: [low, high) */
    int nb_segments;            /* PT_LOAD segments with p_memsz > 0 */
    bool is64;
    bool big_endian;
    uint16_t machine;
} ElfInfo;

/* Whole file in a malloc'd buffer, or NULL with err filled (the reason
 * only, e.g. "No such file or directory": the caller names the file). */
uint8_t *loader_read_file(const char *path, size_t *len, char *err,
                          size_t errlen);
/* Does the buffer start with the ELF magic? */
bool loader_is_elf(const uint8_t *buf, size_t len);
/* Load an ELF executable for machine (e_machine); 0 or -1 with err. */
int loader_load_elf(AddressSpace *as, const uint8_t *buf, size_t len,
                    uint16_t machine, ElfInfo *info, char *err,
                    size_t errlen);
/* Copy a raw image to addr, which must be RAM/ROM; 0 or -1 with err. */
int loader_load_raw(AddressSpace *as, const uint8_t *buf, size_t len,
                    uint64_t addr, char *err, size_t errlen);
/* A short name for an e_machine value ("ARM", "x86-64", ...). */
const char *loader_machine_name(uint16_t machine);

#endif
