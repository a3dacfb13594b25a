/* SPDX-License-Identifier: MIT */
/*
 * The memory map (hw/core/memory.h): a sorted array of regions searched
 * with a last-hit cache, then a binary search.  RAM and ROM are host
 * memory; MMIO goes through a device's MemOps, adjusted to the sizes the
 * device accepts and to its byte order.  Values passed to as_read/as_write
 * are little-endian: byte k of the value is the byte at addr + k.
 *
 * A MemRegion pointer returned by as_add_* stays valid only until the
 * next as_add_* on the same AddressSpace (the array is kept sorted).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hw/core/bytes.h"
#include "hw/core/log.h"
#include "hw/core/memory.h"

AddressSpace *as_new(const char *name)
{
    AddressSpace *as = calloc(1, sizeof(*as));

    if (!as) {
        die("out of memory creating address space %s", name);
    }
    as->name = name;
    return as;
}

void as_free(AddressSpace *as)
{
    if (!as) {
        return;
    }
    for (int i = 0; i < as->nb_regions; i++) {
        MemRegion *r = &as->regions[i];
        if (r->ram && !r->romd) {
            munmap(r->ram, r->size);
        }
    }
    free(as->regions);
    free(as);
}

/* Last byte of a region (inclusive, so a region may end at 2^64). */
static uint64_t region_last(const MemRegion *r)
{
    return r->base + (r->size - 1);
}

/* Index of the first region whose base is above addr. */
static int as_upper_bound(const AddressSpace *as, uint64_t addr)
{
    int lo = 0, hi = as->nb_regions;

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (as->regions[mid].base <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static bool as_overlaps(const AddressSpace *as, int pos, uint64_t base,
                        uint64_t last)
{
    if (pos > 0 && region_last(&as->regions[pos - 1]) >= base) {
        error_report("%s: region at 0x%" PRIx64 " overlaps '%s'", as->name,
                     base, as->regions[pos - 1].name);
        return true;
    }
    if (pos < as->nb_regions && as->regions[pos].base <= last) {
        error_report("%s: region at 0x%" PRIx64 " overlaps '%s'", as->name,
                     base, as->regions[pos].name);
        return true;
    }
    return false;
}

/* Insert a copy of r in order; NULL (with a message) if it overlaps. */
static MemRegion *as_insert(AddressSpace *as, const MemRegion *r)
{
    if (r->size == 0 || region_last(r) < r->base) {
        error_report("%s: region '%s' at 0x%" PRIx64 " has a bad size",
                     as->name, r->name, r->base);
        return NULL;
    }
    int pos = as_upper_bound(as, r->base);
    if (as_overlaps(as, pos, r->base, region_last(r))) {
        return NULL;
    }
    if (as->nb_regions == as->cap_regions) {
        int cap = as->cap_regions ? as->cap_regions * 2 : 16;
        MemRegion *n = realloc(as->regions, cap * sizeof(*n));
        if (!n) {
            die("out of memory growing address space %s", as->name);
        }
        as->regions = n;
        as->cap_regions = cap;
    }
    memmove(&as->regions[pos + 1], &as->regions[pos],
            (as->nb_regions - pos) * sizeof(*r));
    as->regions[pos] = *r;
    as->nb_regions++;
    as->last_hit = pos;
    return &as->regions[pos];
}

static MemRegion *as_add_host(AddressSpace *as, const char *name,
                              uint64_t base, uint64_t size, bool readonly)
{
    MemRegion r = { .name = name, .base = base, .size = size,
                    .readonly = readonly };

    if (size == 0 || size > SIZE_MAX) {
        error_report("%s: bad size for RAM region '%s'", as->name, name);
        return NULL;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        error_report("%s: cannot allocate %" PRIu64 " bytes for '%s': %s",
                     as->name, size, name, strerror(errno));
        return NULL;
    }
    r.ram = p;
    MemRegion *mr = as_insert(as, &r);
    if (!mr) {
        munmap(p, size);
    }
    return mr;
}

MemRegion *as_add_ram(AddressSpace *as, const char *name, uint64_t base,
                      uint64_t size)
{
    return as_add_host(as, name, base, size, false);
}

MemRegion *as_add_rom(AddressSpace *as, const char *name, uint64_t base,
                      uint64_t size)
{
    return as_add_host(as, name, base, size, true);
}

MemRegion *as_add_mmio(AddressSpace *as, const char *name, uint64_t base,
                       uint64_t size, const MemOps *ops, void *opaque)
{
    MemRegion r = { .name = name, .base = base, .size = size, .ops = ops,
                    .opaque = opaque };

    if (!ops || !ops->read || !ops->write) {
        error_report("%s: MMIO region '%s' needs read and write ops",
                     as->name, name);
        return NULL;
    }
    return as_insert(as, &r);
}

MemRegion *as_add_romd(AddressSpace *as, const char *name, uint64_t base,
                       uint64_t size, uint8_t *ram, const MemOps *ops,
                       void *opaque)
{
    MemRegion r = { .name = name, .base = base, .size = size, .ram = ram,
                    .readonly = true, .ops = ops, .opaque = opaque,
                    .romd = true, .romd_ram = ram };

    if (!ram || !ops || !ops->read || !ops->write) {
        error_report("%s: ROM device '%s' needs memory, read and write ops",
                     as->name, name);
        return NULL;
    }
    return as_insert(as, &r);
}

bool as_romd_set(AddressSpace *as, uint64_t base, bool rom_mode)
{
    MemRegion *r = as_find(as, base);

    if (!r || !r->romd || r->base != base) {
        return false;
    }
    r->ram = rom_mode ? r->romd_ram : NULL;
    return true;
}

MemRegion *as_find(AddressSpace *as, uint64_t addr)
{
    if (as->nb_regions == 0) {
        return NULL;
    }
    MemRegion *r = &as->regions[as->last_hit];
    if (addr >= r->base && addr <= region_last(r)) {
        return r;
    }
    int pos = as_upper_bound(as, addr) - 1;
    if (pos < 0) {
        return NULL;
    }
    r = &as->regions[pos];
    if (addr > region_last(r)) {
        return NULL;
    }
    as->last_hit = pos;
    return r;
}

/* True if [addr, addr + len) lies inside r (len >= 1). */
static bool region_holds(const MemRegion *r, uint64_t addr, uint64_t len)
{
    return addr >= r->base && len - 1 <= region_last(r) - addr;
}

uint8_t *as_ram_ptr(AddressSpace *as, uint64_t addr, uint64_t len)
{
    MemRegion *r = as_find(as, addr);

    if (!r || !r->ram || (len && !region_holds(r, addr, len))) {
        return NULL;
    }
    return r->ram + (addr - r->base);
}

/* ---- Byte order ---- */

static uint64_t mask_bytes(unsigned size)
{
    return size >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (size * 8)) - 1;
}

/* ---- MMIO dispatch ---- */

static void mmio_sizes(const MemOps *ops, unsigned *min, unsigned *max)
{
    *min = ops->min_size ? ops->min_size : 1;
    *max = ops->max_size ? ops->max_size : 8;
}

/* One access the device accepts as is: converts its order to LE. */
static uint64_t mmio_read_direct(MemRegion *r, uint64_t off, unsigned size)
{
    uint64_t v = r->ops->read(r->opaque, off, size) & mask_bytes(size);

    return r->ops->endian == DEVICE_BIG_ENDIAN ? bswap_bytes(v, size) : v;
}

static void mmio_write_direct(MemRegion *r, uint64_t off, uint64_t v,
                              unsigned size)
{
    v &= mask_bytes(size);
    if (r->ops->endian == DEVICE_BIG_ENDIAN) {
        v = bswap_bytes(v, size);
    }
    r->ops->write(r->opaque, off, v, size);
}

static MemTxResult mmio_bad_size(AddressSpace *as, MemRegion *r,
                                 uint64_t off, unsigned size, bool write)
{
    log_mask(LOG_GUEST_ERROR,
             "%s: %u-byte %s at %s+0x%" PRIx64 " not possible with this "
             "device's access sizes\n", as->name, size,
             write ? "write" : "read", r->name, off);
    return MEMTX_ERROR;
}

static MemTxResult mmio_read(AddressSpace *as, MemRegion *r, uint64_t off,
                             uint64_t *val, unsigned size)
{
    unsigned min, max;

    mmio_sizes(r->ops, &min, &max);
    if (size > max) {
        /* Split into device-sized pieces, assembled little-endian. */
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i += max) {
            uint64_t piece;
            MemTxResult res = mmio_read(as, r, off + i, &piece, max);
            if (res != MEMTX_OK) {
                *val = 0;
                return res;
            }
            v |= piece << (i * 8);
        }
        *val = v;
        return MEMTX_OK;
    }
    if (size < min) {
        /* Widen to one aligned device access and pick our bytes. */
        uint64_t wide_off = off & ~(uint64_t)(min - 1);
        unsigned shift = (unsigned)(off - wide_off);
        if (shift + size > min || wide_off + min - 1 > r->size - 1) {
            *val = 0;
            return mmio_bad_size(as, r, off, size, false);
        }
        uint64_t wide = mmio_read_direct(r, wide_off, min);
        *val = (wide >> (shift * 8)) & mask_bytes(size);
        return MEMTX_OK;
    }
    *val = mmio_read_direct(r, off, size);
    return MEMTX_OK;
}

/*
 * A write narrower than the device accepts is widened to one aligned
 * access with zeros in the other bytes (as QEMU does), which suits data
 * registers written with byte stores; one that straddles two device
 * units is refused.
 */
static MemTxResult mmio_write(AddressSpace *as, MemRegion *r, uint64_t off,
                              uint64_t val, unsigned size)
{
    unsigned min, max;

    mmio_sizes(r->ops, &min, &max);
    if (size > max) {
        for (unsigned i = 0; i < size; i += max) {
            MemTxResult res = mmio_write(as, r, off + i, val >> (i * 8), max);
            if (res != MEMTX_OK) {
                return res;
            }
        }
        return MEMTX_OK;
    }
    if (size < min) {
        uint64_t wide_off = off & ~(uint64_t)(min - 1);
        unsigned shift = (unsigned)(off - wide_off);
        if (shift + size > min || wide_off + min - 1 > r->size - 1) {
            return mmio_bad_size(as, r, off, size, true);
        }
        uint64_t wide = (val & mask_bytes(size)) << (shift * 8);
        mmio_write_direct(r, wide_off, wide, min);
        return MEMTX_OK;
    }
    mmio_write_direct(r, off, val, size);
    return MEMTX_OK;
}

/* ---- Guest accesses ---- */

static MemTxResult as_unmapped(AddressSpace *as, uint64_t addr,
                               unsigned size, bool write)
{
    log_mask(LOG_GUEST_ERROR, "%s: %u-byte %s at unmapped 0x%" PRIx64 "\n",
             as->name, size, write ? "write" : "read", addr);
    return MEMTX_DECODE_ERROR;
}

static bool valid_size(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

/* An access that crosses a region boundary: one byte at a time. */
static MemTxResult as_read_split(AddressSpace *as, uint64_t addr,
                                 uint64_t *val, unsigned size)
{
    uint64_t v = 0;
    MemTxResult worst = MEMTX_OK;

    for (unsigned i = 0; i < size; i++) {
        uint64_t b;
        MemTxResult res = as_read(as, addr + i, &b, 1);
        if (res != MEMTX_OK) {
            worst = res > worst ? res : worst;
            b = 0;
        }
        v |= b << (i * 8);
    }
    *val = v;
    return worst;
}

MemTxResult as_read(AddressSpace *as, uint64_t addr, uint64_t *val,
                    unsigned size)
{
    if (!valid_size(size)) {
        error_report("as_read: bad access size %u", size);
        abort();
    }
    MemRegion *r = as_find(as, addr);
    if (!r) {
        *val = 0;
        return as_unmapped(as, addr, size, false);
    }
    if (!region_holds(r, addr, size)) {
        return as_read_split(as, addr, val, size);
    }
    if (r->ram) {
        *val = get_le_bytes(r->ram + (addr - r->base), size);
        return MEMTX_OK;
    }
    return mmio_read(as, r, addr - r->base, val, size);
}

static MemTxResult as_write_split(AddressSpace *as, uint64_t addr,
                                  uint64_t val, unsigned size)
{
    MemTxResult worst = MEMTX_OK;

    for (unsigned i = 0; i < size; i++) {
        MemTxResult res = as_write(as, addr + i, val >> (i * 8), 1);
        worst = res > worst ? res : worst;
    }
    return worst;
}

void as_ram_written(AddressSpace *as, uint64_t addr, uint64_t len)
{
    if (as->ram_write_notify && len) {
        as->ram_write_notify(as->ram_write_opaque, addr, len);
    }
}

MemTxResult as_write(AddressSpace *as, uint64_t addr, uint64_t val,
                     unsigned size)
{
    if (!valid_size(size)) {
        error_report("as_write: bad access size %u", size);
        abort();
    }
    MemRegion *r = as_find(as, addr);
    if (!r) {
        return as_unmapped(as, addr, size, true);
    }
    if (!region_holds(r, addr, size)) {
        return as_write_split(as, addr, val, size);
    }
    if (r->romd) {
        return mmio_write(as, r, addr - r->base, val, size);
    }
    if (r->readonly) {
        log_mask(LOG_GUEST_ERROR, "%s: %u-byte write to ROM %s+0x%" PRIx64
                 " ignored\n", as->name, size, r->name, addr - r->base);
        return MEMTX_OK;
    }
    if (r->ram) {
        put_le_bytes(r->ram + (addr - r->base), val, size);
        as_ram_written(as, addr, size);
        return MEMTX_OK;
    }
    return mmio_write(as, r, addr - r->base, val, size);
}

/* ---- Bulk copies ---- */

/*
 * Copy between buf and RAM/ROM, region by region.  Writes into ROM are
 * allowed here: loaders fill ROMs this way.  Unmapped or MMIO parts are
 * skipped (reads leave zeros) and make the result false.
 */
static bool as_copy(AddressSpace *as, uint64_t addr, uint8_t *buf,
                    size_t len, bool write)
{
    bool ok = true;

    while (len > 0) {
        MemRegion *r = as_find(as, addr);
        uint64_t chunk = len;
        if (r) {
            uint64_t room = region_last(r) - addr;  /* bytes after addr */
            chunk = room >= len - 1 ? len : room + 1;
        } else {
            int pos = as_upper_bound(as, addr);
            if (pos < as->nb_regions && as->regions[pos].base - addr < len) {
                chunk = as->regions[pos].base - addr;
            }
        }
        uint8_t *ram = r ? (r->romd ? r->romd_ram : r->ram) : NULL;
        if (ram) {
            uint8_t *host = ram + (addr - r->base);
            if (write) {
                memcpy(host, buf, chunk);
            } else {
                memcpy(buf, host, chunk);
            }
        } else {
            if (!write) {
                memset(buf, 0, chunk);
            }
            ok = false;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return ok;
}

bool as_write_bytes(AddressSpace *as, uint64_t addr, const void *buf,
                    size_t len)
{
    bool ok = as_copy(as, addr, (uint8_t *)buf, len, true);

    as_ram_written(as, addr, len);
    return ok;
}

bool as_read_bytes(AddressSpace *as, uint64_t addr, void *buf, size_t len)
{
    return as_copy(as, addr, buf, len, false);
}
