/* SPDX-License-Identifier: MIT */
/*
 * The memory map: a flat list of regions, each RAM/ROM (host memory) or
 * MMIO (a device's MemOps).  The soft-MMU, the loaders and KVM's memslots
 * all read it.  An access that hits nothing returns MEMTX_DECODE_ERROR and
 * is logged under guest_errors; the CPU turns it into a bus fault.
 *
 *   AddressSpace *as = as_new("system");
 *   as_add_ram(as, "ram", 0x40000000, 256 << 20);
 *   as_add_mmio(as, "pl011", 0x09000000, 0x1000, &pl011_ops, s);
 *   as_write(as, 0x09000000, 'A', 4);
 */
#ifndef HW_CORE_MEMORY_H
#define HW_CORE_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,          /* the device refused the access */
    MEMTX_DECODE_ERROR = 2,   /* nothing mapped there */
} MemTxResult;

enum { DEVICE_LITTLE_ENDIAN = 0, DEVICE_BIG_ENDIAN = 1 };

/*
 * A device's register interface.  read/write see offsets relative to the
 * region base and sizes in bytes within [min_size, max_size]; the bus
 * splits or widens other accesses.  Values are in host order: the bus
 * handles the guest/device byte order.
 */
typedef struct MemOps {
    uint64_t (*read)(void *opaque, uint64_t off, unsigned size);
    void (*write)(void *opaque, uint64_t off, uint64_t val, unsigned size);
    uint8_t min_size, max_size;   /* 0 means 1 and 8 */
    uint8_t endian;               /* DEVICE_*_ENDIAN */
} MemOps;

typedef struct MemRegion {
    const char *name;
    uint64_t base, size;
    uint8_t *ram;           /* RAM/ROM: host memory, else NULL */
    bool readonly;          /* ROM: guest writes are logged and ignored */
    const MemOps *ops;      /* MMIO */
    void *opaque;
    bool romd;              /* ROM device (as_add_romd) */
    uint8_t *romd_ram;      /* ROM device: its memory (ram is NULL in
                             * MMIO mode) */
} MemRegion;

typedef struct AddressSpace {
    const char *name;
    MemRegion *regions;     /* sorted by base, non-overlapping */
    int nb_regions, cap_regions;
    int last_hit;           /* index of the last region found */
    /*
     * Told about every write into RAM that does not come from the CPU's
     * own fast path (loaders, DMA, as_write): the TB cache uses it to drop
     * translations of overwritten code.  May be NULL.
     */
    void (*ram_write_notify)(void *opaque, uint64_t addr, uint64_t len);
    void *ram_write_opaque;
} AddressSpace;

AddressSpace *as_new(const char *name);
void as_free(AddressSpace *as);   /* frees RAM it allocated */
/*
 * Returns the region, or NULL (with a message) if it overlaps another.  The
 * pointer is valid until the next as_add_* (the array is kept sorted).
 */
MemRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base,
                      uint64_t size);
MemRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base,
                      uint64_t size);
MemRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base,
                       uint64_t size, const MemOps *ops, void *opaque);
/*
 * A ROM device (flash): host memory `ram` of size bytes that stays the
 * caller's (as_free does not free it).  In ROM mode (the start) reads,
 * code fetches included, come straight from ram while every write goes
 * to ops->write; in MMIO mode reads go to ops->read too.  Loaders
 * (as_write_bytes) fill ram in either mode.  After as_romd_set, CPUs
 * must flush their TLBs: they may hold pages of the old mode.
 */
MemRegion *as_add_romd(AddressSpace *as, const char *name, uint64_t base,
                       uint64_t size, uint8_t *ram, const MemOps *ops,
                       void *opaque);
/* Switch the ROM device that starts at base; false if there is none. */
bool as_romd_set(AddressSpace *as, uint64_t base, bool rom_mode);

MemRegion *as_find(AddressSpace *as, uint64_t addr);
/* Host pointer for RAM/ROM at addr with at least len bytes, else NULL. */
uint8_t *as_ram_ptr(AddressSpace *as, uint64_t addr, uint64_t len);
/* Whoever wrote RAM through as_ram_ptr says so (ram_write_notify: the
 * TB cache drops code translated from there). */
void as_ram_written(AddressSpace *as, uint64_t addr, uint64_t len);

/* Little-endian guest-visible accesses of 1, 2, 4 or 8 bytes. */
MemTxResult as_read(AddressSpace *as, uint64_t addr, uint64_t *val,
                    unsigned size);
MemTxResult as_write(AddressSpace *as, uint64_t addr, uint64_t val,
                     unsigned size);
/* Bulk copies (loaders, DMA): only RAM/ROM; false if not all mapped. */
bool as_write_bytes(AddressSpace *as, uint64_t addr, const void *buf,
                    size_t len);
bool as_read_bytes(AddressSpace *as, uint64_t addr, void *buf, size_t len);

#endif
