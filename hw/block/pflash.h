/* SPDX-License-Identifier: MIT */
/*
 * CFI parallel NOR flash with the Intel/Sharp command set, as QEMU's
 * pflash_cfi01 on the virt board: two banks of 64 MiB at 0x00000000 and
 * 0x04000000, each a 32-bit bus of two interleaved 16-bit chips (commands
 * and answers are replicated in both halves), 256 KiB erase sectors,
 * Intel manufacturer 0x89, device 0x18.
 *
 * Design: the array lives in host memory and is mapped as a ROM device
 * (as_add_romd).  In read-array mode the CPU reads and executes it like
 * ROM, at full speed, and writes (commands) reach pflash_ops; any other
 * command switches the region to MMIO mode, so reads return status, ID or
 * CFI data, until the guest writes Read Array (0xff) again.  On each
 * switch the board's mode_changed hook must flush every CPU's TLB; after
 * a program or erase its written hook must invalidate translated code in
 * the range (the guest may run from flash once back in read-array mode).
 *
 *   PFlashState *f0 = pflash_new("flash0", VIRT_FLASH_BANK_SIZE);
 *   pflash_load(f0, bios_path);                 -- -bios: into bank 0
 *   pflash_map(f0, as, 0x00000000);
 *   pflash_set_hooks(f0, flush_tlbs, invalidate_tbs, board);
 *
 * A board that does not care about speed may instead use
 * as_add_mmio(as, name, base, pflash_size(f), &pflash_ops, f): pflash_ops
 * serves reads in every mode.  The array starts zeroed (as on QEMU
 * without a backing file); erased sectors read 0xff.  Changes stay in
 * memory unless pflash_set_backing_fd gives a file to write them to.
 */
#ifndef HW_BLOCK_PFLASH_H
#define HW_BLOCK_PFLASH_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/memory.h"

#define PFLASH_BANK_WIDTH 4             /* bytes per bus access */
#define PFLASH_DEVICE_WIDTH 2           /* each chip is x16 */
#define PFLASH_SECTOR_SIZE (256u << 10) /* erase block of the bank */
#define PFLASH_WRITE_BUFFER 64          /* bus words per buffered program */

typedef enum PFlashMode {
    PFLASH_READ_ARRAY,
    PFLASH_READ_STATUS,
    PFLASH_READ_ID,
    PFLASH_CFI_QUERY,
    PFLASH_ERASE_SETUP,                 /* 0x20 seen, waiting for 0xd0 */
    PFLASH_PROGRAM_SETUP,               /* 0x10/0x40 seen, waiting data */
    PFLASH_BUFFER_COUNT,                /* 0xe8 seen, waiting word count */
    PFLASH_BUFFER_DATA,                 /* taking the buffer's words */
    PFLASH_BUFFER_CONFIRM,              /* waiting for 0xd0 */
    PFLASH_LOCK_SETUP,                  /* 0x60 seen */
} PFlashMode;

typedef struct PFlashState {
    const char *name;
    uint8_t *storage;                   /* the array, size bytes */
    uint64_t size;
    PFlashMode mode;
    uint8_t status;                     /* status register (per chip) */
    uint8_t cfi[0x40];                  /* one chip's CFI query table */
    /* buffered program in progress */
    uint64_t buf_start;                 /* offset of the first word */
    uint32_t buf_left;                  /* words still expected */
    /* where the array is mapped (pflash_map), or as == NULL */
    AddressSpace *as;
    uint64_t base;
    int backing_fd;                     /* -1: keep changes in memory */
    void (*mode_changed)(void *opaque);
    void (*written)(void *opaque, uint64_t addr, uint64_t len);
    void *hook_opaque;
} PFlashState;

extern const MemOps pflash_ops;

/* size: a multiple of PFLASH_SECTOR_SIZE (checked: dies). */
PFlashState *pflash_new(const char *name, uint64_t size);
void pflash_free(PFlashState *s);   /* after as_free of the mapping */
void pflash_reset(PFlashState *s);  /* read-array mode, status clear */
uint64_t pflash_size(PFlashState *s);
uint8_t *pflash_storage(PFlashState *s);
/* Copy a file into the start of the array; -1 after error_report if it
 * cannot be read or is larger than the flash. */
int pflash_load(PFlashState *s, const char *path);
/* Write each program/erase back to fd at the same offset. */
void pflash_set_backing_fd(PFlashState *s, int fd);
/* Map as a ROM device at base; false (after a message) on overlap. */
bool pflash_map(PFlashState *s, AddressSpace *as, uint64_t base);
/* mode_changed(opaque): flush TLBs.  written(opaque, guest address, len):
 * invalidate translated code there.  Either may be NULL. */
void pflash_set_hooks(PFlashState *s, void (*mode_changed)(void *opaque),
                      void (*written)(void *opaque, uint64_t addr,
                                      uint64_t len),
                      void *opaque);

#endif
