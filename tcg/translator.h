/* SPDX-License-Identifier: MIT */
/*
 * The generic translator loop.  It owns what every ISA shares: the
 * instruction limit, stopping at a guest page boundary, the exit-request
 * check at TB entry, insn_start markers and -d in_asm.  A frontend embeds
 * DisasBase at the start of its DisasContext and supplies FrontendOps.
 *
 *   translator_loop(cpu, tb, f, host);   -- called by tb_lookup on a miss
 *
 * Per instruction the loop calls ops->insn_start (which must emit exactly
 * one ir_insn_start), then ops->translate_insn, which advances pc_next and
 * may set is_jmp to end the TB.  At the end ops->tb_stop emits the exit.
 */
#ifndef TCG_TRANSLATOR_H
#define TCG_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"
#include "tcg/ir.h"
#include "tcg/tb.h"

typedef enum DisasJumpType {
    DISAS_NEXT,         /* keep translating */
    DISAS_TOO_MANY,     /* limit reached: fall through to pc_next */
    DISAS_NORETURN,     /* the TB's exit is already emitted */
    DISAS_TARGET_0,     /* first of the frontend's own kinds */
} DisasJumpType;

typedef struct DisasBase {
    TB *tb;
    CPUCommon *cpu;
    IRFunc *f;
    uint64_t pc_first;
    uint64_t pc_next;
    int is_jmp;
    int num_insns;
    int max_insns;
    uint32_t flags;     /* tb->flags */
    const uint8_t *host;    /* host address of pc_first's guest page */
} DisasBase;

typedef struct FrontendOps {
    size_t dc_size;     /* sizeof the frontend's DisasContext */
    void (*init_disas_context)(DisasBase *db, CPUCommon *cpu);
    void (*tb_start)(DisasBase *db, CPUCommon *cpu);
    void (*insn_start)(DisasBase *db, CPUCommon *cpu);
    void (*translate_insn)(DisasBase *db, CPUCommon *cpu);
    void (*tb_stop)(DisasBase *db, CPUCommon *cpu);
    /* capstone arch and mode for -d in_asm of this TB */
    void (*disas_mode)(DisasBase *db, int *cs_arch, int *cs_mode);
} FrontendOps;

#define TB_MAX_INSNS 512

/* Translate one TB into f (already reset); host maps the TB's first byte. */
void translator_loop(CPUCommon *cpu, TB *tb, IRFunc *f,
                     const void *host);

/* Fetch guest code at pc for the TB being translated (faults propagate). */
uint32_t translator_ldl(DisasBase *db, uint64_t pc, bool big_endian);
uint16_t translator_lduw(DisasBase *db, uint64_t pc, bool big_endian);

/* End the TB with a chained jump to dest when it is on the same page. */
bool translator_use_goto_tb(DisasBase *db, uint64_t dest);

/*
 * End the TB with an indirect jump: probe the CPU's jump cache for the TB
 * of (pc, flags) inline and jump straight to its code; on a miss ask
 * helper_lookup_tb_ptr, which returns to the exec loop if it finds none.
 * pc is the guest pc temp (i32 or i64) already stored to the CPU state;
 * flags (i32) must equal what get_tb_cpu_state will return for it.
 */
void translator_gen_lookup_and_goto_ptr(DisasBase *db, IRTemp *pc,
                                        IRTemp *flags);
extern const IRHelper tcg_helper_lookup_tb_ptr;

#endif
