/* SPDX-License-Identifier: MIT */
/*
 * The ISA-neutral part of a guest CPU: the soft-TLB and jump cache that
 * generated code reads, the exception/longjmp plumbing of the exec loop,
 * and CPUClass, the hooks a frontend provides.  Each frontend's CPU struct
 * starts with a CPUCommon, and generated code gets a pointer to it (env).
 */
#ifndef TCG_CPU_H
#define TCG_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hw/core/memory.h"

struct TB;
struct TBCache;
struct DisasBase;
struct FrontendOps;

/* Guest pages are 4 KiB for the TLB and the TB cache on every ISA. */
#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1u << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK (~(uint64_t)(GUEST_PAGE_SIZE - 1))

/* MemOp: size, sign, endianness and alignment of a guest memory access. */
enum {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 1 << 2,
    MO_BE = 1 << 3,        /* big-endian guest access (else little) */
    MO_ALIGN = 1 << 4,     /* fault if not aligned to the access size */
    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32, MO_UQ = MO_64,
    MO_SB = MO_8 | MO_SIGN, MO_SW = MO_16 | MO_SIGN, MO_SL = MO_32 | MO_SIGN,
};
typedef uint32_t MemOp;

/* MemOpIdx: a MemOp and an MMU index packed into one IR constant. */
typedef uint32_t MemOpIdx;
static inline MemOpIdx make_memop_idx(MemOp mop, unsigned mmu_idx)
{
    return (mop << 4) | mmu_idx;
}
static inline MemOp get_memop(MemOpIdx oi) { return oi >> 4; }
static inline unsigned get_mmuidx(MemOpIdx oi) { return oi & 15; }

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0, MMU_DATA_STORE = 1, MMU_INST_FETCH = 2,
} MMUAccessType;

/*
 * Soft-TLB.  An entry matches a guest access when
 *   (vaddr & (GUEST_PAGE_MASK | (size - 1))) == addr_read/addr_write
 * so any flag bit set in the tag, or a misaligned address, sends the access
 * to the slow path.  host = vaddr + addend for RAM pages.
 */
#define NB_MMU_MODES 8
#define TLB_BITS 10
#define TLB_SIZE (1 << TLB_BITS)
#define TLB_INVALID (1u << 11)  /* no translation */
#define TLB_MMIO (1u << 10)     /* not RAM: go through the memory map */
#define TLB_NOTDIRTY (1u << 9)  /* page holds translated code (writes) */

typedef struct TLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;
} TLBEntry;

/* Per-entry detail the slow path needs (physical address of the page). */
typedef struct TLBEntryFull {
    uint64_t phys;              /* guest physical page address */
    int prot;                   /* PAGE_READ | PAGE_WRITE | PAGE_EXEC */
} TLBEntryFull;

enum { PAGE_READ = 1, PAGE_WRITE = 2, PAGE_EXEC = 4 };

/* Jump cache: guest virtual pc -> TB, probed first by the lookup. */
#define JC_BITS 12
#define JC_SIZE (1 << JC_BITS)
static inline unsigned jc_hash(uint64_t pc)
{
    return (unsigned)((pc >> 2) ^ (pc >> (2 + JC_BITS))) & (JC_SIZE - 1);
}

/* Exception indexes the generic loop understands (frontend ones are >= 0) */
enum {
    EXCP_NONE = -1,
    EXCP_INTERRUPT = 0x10000,   /* exit request: check interrupts */
    EXCP_HLT,                   /* CPU halted (WFI): wait for interrupt */
    EXCP_DEBUG,
    EXCP_EXIT,                  /* machine shuts down (semihosting exit) */
    EXCP_YIELD,
};

/* Translation flags in TB.cflags */
enum {
    CF_COUNT_MASK = 0x1ff,      /* max insns (0 = default) */
    CF_TRANSIENT = 1 << 10,     /* run once; not in the cache/page lists */
    CF_NO_CHAIN = 1 << 11,
};

typedef struct CPUCommon CPUCommon;

typedef struct CPUClass {
    const char *name;               /* "arm" */
    const struct FrontendOps *translator;
    size_t state_size;              /* sizeof the frontend's CPU struct */
    /* State the translation depends on: pc and mode flags. */
    void (*get_tb_cpu_state)(CPUCommon *cpu, uint64_t *pc, uint32_t *flags);
    /* Set the guest pc/state from an insn_start's data words. */
    void (*restore_state_to_opc)(CPUCommon *cpu, const uint64_t *data);
    /*
     * Translate vaddr for access at mmu_idx; on success call tlb_set_page
     * and return true.  On a fault: if probe, return false; else raise the
     * guest exception (cpu_loop_exit_restore), never returning.
     */
    bool (*tlb_fill)(CPUCommon *cpu, uint64_t vaddr, int size,
                     MMUAccessType access, int mmu_idx, bool probe,
                     uintptr_t retaddr);
    /* An access hit nothing on the bus, or a device refused it. */
    void (*do_transaction_failed)(CPUCommon *cpu, uint64_t vaddr,
                                  uint64_t paddr, MMUAccessType access,
                                  int mmu_idx, uintptr_t retaddr);
    void (*do_unaligned_access)(CPUCommon *cpu, uint64_t vaddr,
                                MMUAccessType access, int mmu_idx,
                                uintptr_t retaddr);
    /* Take exception_index into the guest (vectors, mode switch). */
    void (*do_interrupt)(CPUCommon *cpu);
    /* Deliver a pending interrupt if unmasked; true if taken. */
    bool (*exec_interrupt)(CPUCommon *cpu);
    void (*dump_state)(CPUCommon *cpu, FILE *out);
    int (*mmu_index)(CPUCommon *cpu, bool ifetch);
    /* Virtual addresses wrap at this mask (0: 64 bits): an access that
     * crosses the top of a 32-bit space continues at 0. */
    uint64_t vaddr_mask;
} CPUClass;

struct CPUCommon {
    /* Read by generated code: keep these first. */
    volatile int32_t exit_request;  /* nonzero: leave at next TB entry */
    int32_t pad0;
    const CPUClass *cc;
    struct TB *jmp_cache[JC_SIZE];
    TLBEntry tlb[NB_MMU_MODES][TLB_SIZE];

    /* C side only. */
    TLBEntryFull tlb_full[NB_MMU_MODES][TLB_SIZE];
    AddressSpace *as;
    struct TBCache *tbc;            /* shared by all CPUs of a machine */
    int cpu_index;
    int exception_index;
    bool halted;
    bool stopped;                   /* powered off / exit requested */
    int exit_code;                  /* EXCP_EXIT: the process status */
    uint32_t interrupt_request;     /* frontend-defined pending bits */
    uint32_t cflags_next_tb;        /* one-shot cflags for the next TB */
    sigjmp_buf jmp_env;
    uintptr_t tb_exit_last;         /* (TB | slot) of the last exit, or 0 */
    bool return_request;            /* cpu_exit(): return from cpu_exec */
    struct {
        uint64_t tbs;               /* TBs translated */
        uint64_t chained;           /* direct jumps patched */
        uint64_t tlb_misses;        /* tlb_fill calls */
        uint64_t exits;             /* returns to the exec loop */
        uint64_t exceptions;        /* guest exceptions taken */
        uint64_t helper_calls;      /* counted only with -d stats */
    } stats;
};

/* Unwind to the exec loop (exception_index already set). */
_Noreturn void cpu_loop_exit(CPUCommon *cpu);
/* Restore the guest state of the instruction at host retaddr, then exit. */
_Noreturn void cpu_loop_exit_restore(CPUCommon *cpu, uintptr_t retaddr);
/* Restart at the instruction at retaddr, without an exception. */
_Noreturn void cpu_loop_exit_noexc(CPUCommon *cpu, uintptr_t retaddr);
/* Set guest state from retaddr; true if retaddr was inside a TB. */
bool cpu_restore_state(CPUCommon *cpu, uintptr_t retaddr);

/*
 * GETPC(): in a helper called from generated code, the "host pc" used to
 * find the guest instruction.  The JIT's is the return address; the
 * interpreter stores its bytecode position in tcg_interp_retaddr.
 */
extern __thread uintptr_t tcg_interp_retaddr;
#define GETPC()                                                             \
    (tcg_interp_retaddr ? tcg_interp_retaddr                                \
                        : (uintptr_t)__builtin_return_address(0))

#endif
