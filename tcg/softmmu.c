/* SPDX-License-Identifier: MIT */
/*
 * The soft-MMU slow path and TLB management.  Generated code handles TLB
 * hits inline; everything else lands here: misses (ask the frontend to
 * walk its page tables), MMIO, ROM, writes to pages holding translated
 * code (invalidate those TBs first), misaligned and page-crossing accesses.
 */
#include <string.h>

#include "hw/core/bytes.h"
#include "hw/core/log.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"

static uint64_t tlb_tag(const TLBEntry *e, MMUAccessType access)
{
    switch (access) {
    case MMU_DATA_LOAD:
        return e->addr_read;
    case MMU_DATA_STORE:
        return e->addr_write;
    default:
        return e->addr_code;
    }
}

static bool tlb_hit(uint64_t tag, uint64_t page)
{
    return (tag & (GUEST_PAGE_MASK | TLB_INVALID)) == page;
}

/* Find the TLB entry for vaddr, filling it on a miss (may not return). */
static TLBEntry *tlb_entry_get(CPUCommon *cpu, uint64_t vaddr, int size,
                               MMUAccessType access, int mmu_idx,
                               uintptr_t retaddr)
{
    TLBEntry *e = &cpu->tlb[mmu_idx][tlb_index(vaddr)];
    uint64_t page = vaddr & GUEST_PAGE_MASK;

    if (!tlb_hit(tlb_tag(e, access), page)) {
        cpu->stats.tlb_misses++;
        cpu->cc->tlb_fill(cpu, vaddr, size, access, mmu_idx, false, retaddr);
        if (!tlb_hit(tlb_tag(e, access), page)) {
            /* tlb_fill must install the page or raise; never loop. */
            log_printf("softmmu: tlb_fill did not map 0x%llx\n",
                       (unsigned long long)vaddr);
            cpu->exception_index = EXCP_EXIT;
            cpu->exit_code = 1;
            cpu_loop_exit(cpu);
        }
    }
    return e;
}

static uint64_t host_load(const uint8_t *p, unsigned size)
{
    uint8_t b;
    uint16_t h;
    uint32_t w;
    uint64_t d;

    switch (size) {
    case 1:
        memcpy(&b, p, 1);
        return b;
    case 2:
        memcpy(&h, p, 2);
        return h;
    case 4:
        memcpy(&w, p, 4);
        return w;
    default:
        memcpy(&d, p, 8);
        return d;
    }
}

static void host_store(uint8_t *p, uint64_t v, unsigned size)
{
    uint8_t b = (uint8_t)v;
    uint16_t h = (uint16_t)v;
    uint32_t w = (uint32_t)v;

    switch (size) {
    case 1:
        memcpy(p, &b, 1);
        break;
    case 2:
        memcpy(p, &h, 2);
        break;
    case 4:
        memcpy(p, &w, 4);
        break;
    default:
        memcpy(p, &v, 8);
        break;
    }
}

static uint64_t entry_paddr(CPUCommon *cpu, int mmu_idx, uint64_t vaddr)
{
    const TLBEntryFull *full = &cpu->tlb_full[mmu_idx][tlb_index(vaddr)];
    return full->phys | (vaddr & ~GUEST_PAGE_MASK);
}

/* A little-endian value of size bytes at vaddr, within one page. */
static uint64_t load_page(CPUCommon *cpu, uint64_t vaddr, unsigned size,
                          int mmu_idx, MMUAccessType access,
                          uintptr_t retaddr)
{
    TLBEntry *e = tlb_entry_get(cpu, vaddr, size, access, mmu_idx, retaddr);
    uint64_t tag = tlb_tag(e, access);
    uint64_t val = 0;

    if (!(tag & TLB_MMIO)) {
        return host_load((const uint8_t *)(uintptr_t)(vaddr + e->addend),
                         size);
    }
    uint64_t paddr = entry_paddr(cpu, mmu_idx, vaddr);
    if (as_read(cpu->as, paddr, &val, size) != MEMTX_OK) {
        cpu->cc->do_transaction_failed(cpu, vaddr, paddr, access, mmu_idx,
                                       retaddr);
        return 0;
    }
    return val;
}

/* A store may hit a page holding TBs: invalidate what it overwrites. */
static void notdirty_write(CPUCommon *cpu, TLBEntry *e, uint64_t vaddr,
                           unsigned size, int mmu_idx, uintptr_t retaddr)
{
    uint64_t paddr = entry_paddr(cpu, mmu_idx, vaddr);
    TBCache *tbc = cpu->tbc;
    TB *cur = retaddr ? tb_find_by_host_pc(tbc, retaddr) : NULL;

    if (cur && !(cur->cflags & CF_TRANSIENT) &&
        paddr < cur->phys_pc + cur->size && paddr + size > cur->phys_pc) {
        /*
         * The store overwrites the TB that is running.  Re-execute this
         * one instruction from a throw-away TB, which does the store.
         */
        cpu_restore_state(cpu, retaddr);
        cpu->cflags_next_tb = 1 | CF_TRANSIENT;
        tb_invalidate_phys_range(tbc, paddr, paddr + size);
        cpu->exception_index = EXCP_NONE;
        cpu_loop_exit(cpu);
    }
    tb_invalidate_phys_range(tbc, paddr, paddr + size);
    if (!tb_page_has_code(tbc, paddr & GUEST_PAGE_MASK)) {
        e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
    }
}

static void store_page(CPUCommon *cpu, uint64_t vaddr, uint64_t val,
                       unsigned size, int mmu_idx, uintptr_t retaddr)
{
    TLBEntry *e = tlb_entry_get(cpu, vaddr, size, MMU_DATA_STORE, mmu_idx,
                                retaddr);

    if (e->addr_write & TLB_NOTDIRTY) {
        notdirty_write(cpu, e, vaddr, size, mmu_idx, retaddr);
    }
    if (!(e->addr_write & TLB_MMIO)) {
        host_store((uint8_t *)(uintptr_t)(vaddr + e->addend), val, size);
        return;
    }
    uint64_t paddr = entry_paddr(cpu, mmu_idx, vaddr);
    if (as_write(cpu->as, paddr, val, size) != MEMTX_OK) {
        cpu->cc->do_transaction_failed(cpu, vaddr, paddr, MMU_DATA_STORE,
                                       mmu_idx, retaddr);
    }
}

static void check_align(CPUCommon *cpu, uint64_t vaddr, MemOp mop,
                        MMUAccessType access, int mmu_idx, uintptr_t retaddr)
{
    unsigned size = 1u << (mop & MO_SIZE);

    if ((mop & MO_ALIGN) && (vaddr & (size - 1))) {
        cpu->cc->do_unaligned_access(cpu, vaddr, access, mmu_idx, retaddr);
    }
}

static bool crosses_page(uint64_t vaddr, unsigned size)
{
    return (vaddr & ~GUEST_PAGE_MASK) + size > GUEST_PAGE_SIZE;
}

/* Byte i of an access at vaddr, wrapping like the guest's addresses. */
static uint64_t byte_addr(const CPUCommon *cpu, uint64_t vaddr, unsigned i)
{
    uint64_t mask = cpu->cc->vaddr_mask;

    return mask ? (vaddr + i) & mask : vaddr + i;
}

static uint64_t load_any(CPUCommon *cpu, uint64_t vaddr, unsigned size,
                         int mmu_idx, MMUAccessType access, uintptr_t ra)
{
    uint64_t val = 0;

    if (!crosses_page(vaddr, size)) {
        return load_page(cpu, vaddr, size, mmu_idx, access, ra);
    }
    for (unsigned i = 0; i < size; i++) {
        val |= load_page(cpu, byte_addr(cpu, vaddr, i), 1, mmu_idx, access,
                         ra) << (8 * i);
    }
    return val;
}

uint64_t softmmu_ld(CPUCommon *cpu, uint64_t vaddr, MemOpIdx oi,
                    uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = 1u << (mop & MO_SIZE);
    uint64_t val;

    check_align(cpu, vaddr, mop, MMU_DATA_LOAD, mmu_idx, retaddr);
    val = load_any(cpu, vaddr, size, mmu_idx, MMU_DATA_LOAD, retaddr);
    if (mop & MO_BE) {
        val = bswap_bytes(val, size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned shift = 64 - 8 * size;
        val = (uint64_t)((int64_t)(val << shift) >> shift);
    }
    return val;
}

void softmmu_st(CPUCommon *cpu, uint64_t vaddr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = 1u << (mop & MO_SIZE);

    check_align(cpu, vaddr, mop, MMU_DATA_STORE, mmu_idx, retaddr);
    if (mop & MO_BE) {
        val = bswap_bytes(val, size);
    }
    if (!crosses_page(vaddr, size)) {
        store_page(cpu, vaddr, val, size, mmu_idx, retaddr);
        return;
    }
    /* Probe both pages first so a fault on the second stores nothing. */
    tlb_entry_get(cpu, vaddr, 1, MMU_DATA_STORE, mmu_idx, retaddr);
    tlb_entry_get(cpu, byte_addr(cpu, vaddr, size - 1), 1, MMU_DATA_STORE,
                  mmu_idx, retaddr);
    for (unsigned i = 0; i < size; i++) {
        store_page(cpu, byte_addr(cpu, vaddr, i), (val >> (8 * i)) & 0xff, 1,
                   mmu_idx, retaddr);
    }
}

uint64_t softmmu_code_phys(CPUCommon *cpu, uint64_t vaddr, void **hostp)
{
    int mmu_idx = cpu->cc->mmu_index(cpu, true);
    TLBEntry *e = tlb_entry_get(cpu, vaddr, 1, MMU_INST_FETCH, mmu_idx, 0);
    uint64_t paddr = entry_paddr(cpu, mmu_idx, vaddr);

    if (e->addr_code & TLB_MMIO) {
        /* Only RAM and ROM can hold code we translate. */
        if (hostp) {
            *hostp = NULL;
        }
        cpu->cc->do_transaction_failed(cpu, vaddr, paddr, MMU_INST_FETCH,
                                       mmu_idx, 0);
        return paddr;
    }
    if (hostp) {
        *hostp = (void *)(uintptr_t)(vaddr + e->addend);
    }
    return paddr;
}

uint32_t softmmu_ldl_code(CPUCommon *cpu, uint64_t vaddr, MemOp mop)
{
    int mmu_idx = cpu->cc->mmu_index(cpu, true);
    uint64_t v = load_any(cpu, vaddr, 4, mmu_idx, MMU_INST_FETCH, 0);
    return (uint32_t)((mop & MO_BE) ? bswap_bytes(v, 4) : v);
}

uint16_t softmmu_lduw_code(CPUCommon *cpu, uint64_t vaddr, MemOp mop)
{
    int mmu_idx = cpu->cc->mmu_index(cpu, true);
    uint64_t v = load_any(cpu, vaddr, 2, mmu_idx, MMU_INST_FETCH, 0);
    return (uint16_t)((mop & MO_BE) ? bswap_bytes(v, 2) : v);
}

void tlb_set_page(CPUCommon *cpu, uint64_t vaddr, uint64_t paddr, int prot,
                  int mmu_idx)
{
    uint64_t page = vaddr & GUEST_PAGE_MASK;
    uint64_t ppage = paddr & GUEST_PAGE_MASK;
    unsigned idx = tlb_index(vaddr);
    TLBEntry *e = &cpu->tlb[mmu_idx][idx];
    MemRegion *r = as_find(cpu->as, ppage);
    bool ram = r && r->ram && ppage >= r->base &&
               ppage + GUEST_PAGE_SIZE <= r->base + r->size;
    uint64_t flags = ram ? 0 : TLB_MMIO;
    uint64_t wflags = flags;

    if (ram && r->readonly) {
        wflags = TLB_MMIO;  /* ROM: writes go to the bus, which logs them */
    } else if (ram && tb_page_has_code(cpu->tbc, ppage)) {
        wflags |= TLB_NOTDIRTY;
    }
    e->addr_read = (prot & PAGE_READ) ? (page | flags) : (uint64_t)-1;
    e->addr_write = (prot & PAGE_WRITE) ? (page | wflags) : (uint64_t)-1;
    e->addr_code = (prot & PAGE_EXEC) ? (page | flags) : (uint64_t)-1;
    e->addend = ram ? (uintptr_t)(r->ram + (ppage - r->base)) -
                          (uintptr_t)page
                    : 0;
    cpu->tlb_full[mmu_idx][idx].phys = ppage;
    cpu->tlb_full[mmu_idx][idx].prot = prot;
}

void tlb_flush(CPUCommon *cpu)
{
    memset(cpu->tlb, 0xff, sizeof(cpu->tlb));
    /* The jump cache is keyed by virtual pc: mappings may have changed. */
    memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
}

void tlb_flush_page(CPUCommon *cpu, uint64_t vaddr)
{
    uint64_t page = vaddr & GUEST_PAGE_MASK;
    unsigned idx = tlb_index(vaddr);

    for (int m = 0; m < NB_MMU_MODES; m++) {
        TLBEntry *e = &cpu->tlb[m][idx];
        if (tlb_hit(e->addr_read, page) || tlb_hit(e->addr_write, page) ||
            tlb_hit(e->addr_code, page)) {
            memset(e, 0xff, sizeof(*e));
        }
    }
    for (uint64_t pc = page; pc < page + GUEST_PAGE_SIZE; pc += 4) {
        struct TB **slot = &cpu->jmp_cache[jc_hash(pc)];
        if (*slot && ((*slot)->pc & GUEST_PAGE_MASK) == page) {
            *slot = NULL;
        }
    }
}

void tlb_flush_all_cpus(CPUCommon *cpu)
{
    TBCache *tbc = cpu->tbc;

    tlb_flush(cpu);
    for (int i = 0; tbc && i < tbc->nb_cpus; i++) {
        if (tbc->cpus[i] != cpu) {
            tlb_flush(tbc->cpus[i]);
        }
    }
}

void tlb_flush_page_all_cpus(CPUCommon *cpu, uint64_t vaddr)
{
    TBCache *tbc = cpu->tbc;

    tlb_flush_page(cpu, vaddr);
    for (int i = 0; tbc && i < tbc->nb_cpus; i++) {
        if (tbc->cpus[i] != cpu) {
            tlb_flush_page(tbc->cpus[i], vaddr);
        }
    }
}

/* Set or clear `flag` in the write tags of entries mapping RAM page paddr. */
static void tlb_mark_writes(CPUCommon *cpu, uint64_t paddr, bool set)
{
    uint64_t ppage = paddr & GUEST_PAGE_MASK;

    for (int m = 0; m < NB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_SIZE; i++) {
            TLBEntry *e = &cpu->tlb[m][i];
            if (cpu->tlb_full[m][i].phys != ppage ||
                (e->addr_write & (TLB_INVALID | TLB_MMIO))) {
                continue;
            }
            if (set) {
                e->addr_write |= TLB_NOTDIRTY;
            } else {
                e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
            }
        }
    }
}

void tlb_protect_code(CPUCommon *cpu, uint64_t paddr)
{
    tlb_mark_writes(cpu, paddr, true);
}

void tlb_unprotect_code(CPUCommon *cpu, uint64_t paddr)
{
    tlb_mark_writes(cpu, paddr, false);
}
