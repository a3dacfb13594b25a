/* SPDX-License-Identifier: MIT */
/*
 * The soft-MMU: guest virtual accesses through the TLB.  Generated code
 * probes the TLB inline and calls softmmu_ld/softmmu_st only on a miss;
 * C helpers and the interpreter call them directly.  A miss asks the
 * frontend (CPUClass.tlb_fill) to walk the guest page tables, then the
 * memory map (hw/core/memory.h) for RAM or a device.
 */
#ifndef TCG_SOFTMMU_H
#define TCG_SOFTMMU_H

#include "tcg/cpu.h"

/* Load: the result is zero- or sign-extended to 64 bits per the MemOp. */
uint64_t softmmu_ld(CPUCommon *cpu, uint64_t vaddr, MemOpIdx oi,
                    uintptr_t retaddr);
void softmmu_st(CPUCommon *cpu, uint64_t vaddr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr);
/* Instruction fetch for the translator (raises prefetch faults). */
uint32_t softmmu_ldl_code(CPUCommon *cpu, uint64_t vaddr, MemOp mop);
uint16_t softmmu_lduw_code(CPUCommon *cpu, uint64_t vaddr, MemOp mop);
/* Guest physical address of the code at vaddr (fills the TLB). */
uint64_t softmmu_code_phys(CPUCommon *cpu, uint64_t vaddr, void **hostp);

/* Called by tlb_fill with the result of the guest's page walk. */
void tlb_set_page(CPUCommon *cpu, uint64_t vaddr, uint64_t paddr, int prot,
                  int mmu_idx);
void tlb_flush(CPUCommon *cpu);
void tlb_flush_page(CPUCommon *cpu, uint64_t vaddr);
/* The same on every CPU sharing cpu's TB cache (the Inner Shareable
 * broadcast forms; the others are not running on this thread). */
void tlb_flush_all_cpus(CPUCommon *cpu);
void tlb_flush_page_all_cpus(CPUCommon *cpu, uint64_t vaddr);
/* A RAM page now holds code: make writes to it take the slow path. */
void tlb_protect_code(CPUCommon *cpu, uint64_t paddr);
/* The page holds no more code: writes may go fast again. */
void tlb_unprotect_code(CPUCommon *cpu, uint64_t paddr);

static inline unsigned tlb_index(uint64_t vaddr)
{
    return (unsigned)(vaddr >> GUEST_PAGE_BITS) & (TLB_SIZE - 1);
}

#endif
