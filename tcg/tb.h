/* SPDX-License-Identifier: MIT */
/*
 * Translation blocks and their cache.  A TB is the host code for a run of
 * guest instructions starting at (phys pc, flags) within one guest page.
 * Lookup: per-CPU jump cache (virtual pc) -> hash on (phys pc, pc, flags).
 * TBs are listed per guest physical page so a store into code invalidates
 * exactly the TBs on that page.  Chained TBs jump straight to each other;
 * invalidation unlinks incoming jumps.  See tcg/README.md.
 *
 *   TBCache *tbc = tbc_new(&x86_64_backend, 32 << 20);
 *   TB *tb = tb_lookup(cpu, pc, flags, cflags);    -- translates on a miss
 *   uintptr_t ret = tbc->backend->exec(cpu, tb);
 */
#ifndef TCG_TB_H
#define TCG_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

struct IRFunc;
struct Backend;

/* Per guest instruction: where its host code starts and its insn_start. */
typedef struct TBInsnInfo {
    uint32_t host_off;
    uint64_t data[2];
} TBInsnInfo;

typedef struct TB {
    uint64_t pc;                /* guest virtual pc of the first insn */
    uint64_t phys_pc;           /* guest physical address of it */
    uint32_t flags;             /* frontend mode flags */
    uint32_t cflags;            /* CF_* */
    uint32_t size;              /* guest bytes covered */
    uint32_t icount;            /* guest instructions */
    uint8_t *tc_ptr;            /* host code (or bytecode) */
    uint32_t tc_size;
    bool invalid;
    /* Direct chaining: goto_tb slot n */
    uint32_t jmp_reset_offset[2];   /* host offset of the unchained path */
    uint32_t jmp_insn_offset[2];    /* host offset of the patchable jump */
    struct TB *jmp_dest[2];         /* chained to, or NULL */
    uintptr_t jmp_incoming;         /* list of (tb | n) chained to us */
    uintptr_t jmp_next[2];          /* next in jmp_dest[n]'s incoming list */
    /* Cache membership */
    struct TB *hash_next;
    struct TB *page_next;           /* next TB on the same guest page */
    TBInsnInfo *insns;              /* icount entries */
} TB;

/* Exit values from generated code: (uintptr_t)tb | slot, or 0. */
#define TB_EXIT_MASK 3
#define TB_EXIT_IDX0 0
#define TB_EXIT_IDX1 1
#define TB_EXIT_REQUESTED 3         /* exit_request was set at TB entry */

typedef struct TBPage {
    uint64_t phys_page;
    TB *first;
    struct TBPage *next;
} TBPage;

typedef struct TBCache {
    const struct Backend *backend;
    void *backend_ctx;
    uint8_t *code_buf;              /* mmap'd RWX */
    size_t code_size, code_used;
    uint8_t *code_gen_start;        /* after the prologue */
    TB **tbs;                       /* all TBs, in code-buffer order */
    int nb_tbs, cap_tbs;
    TB **hash;                      /* phys hash buckets */
    unsigned hash_bits;
    TBPage **pages;                 /* phys page -> TBs */
    unsigned page_bits;
    struct IRFunc *ir;              /* reused per translation */
    CPUCommon **cpus;               /* whose jump caches to clear */
    int nb_cpus;
    uint64_t flushes;
} TBCache;

TBCache *tbc_new(const struct Backend *backend, size_t code_size);
void tbc_free(TBCache *tbc);
void tbc_add_cpu(TBCache *tbc, CPUCommon *cpu);

/* Find or translate the TB for the CPU's current state. */
TB *tb_lookup(CPUCommon *cpu, uint64_t pc, uint32_t flags, uint32_t cflags);
/* Host code pointer for the CPU's current state, for goto_ptr. */
const void *helper_lookup_tb_ptr(CPUCommon *cpu);
/* Chain tb's goto_tb slot n to next. */
void tb_add_jump(TBCache *tbc, TB *tb, int n, TB *next);
/* The TB whose host code contains host pc, or NULL. */
TB *tb_find_by_host_pc(TBCache *tbc, uintptr_t host_pc);
/* Invalidate the TBs overlapping [start, end) in guest physical memory. */
void tb_invalidate_phys_range(TBCache *tbc, uint64_t start, uint64_t end);
bool tb_page_has_code(TBCache *tbc, uint64_t phys_page);
/* Throw everything away (code buffer full, or a global change). */
void tb_flush(TBCache *tbc);

#endif
