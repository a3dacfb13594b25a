/* SPDX-License-Identifier: MIT */
/*
 * Shared by the A32 translator files (translate*.c): the DisasContext, the
 * IR globals for guest registers and flags, and the gen_* helpers every
 * instruction group uses.  translate.c owns the per-instruction loop:
 * condition check, then decode_a32(), then arm_decode_a32_media() (D2),
 * else UNDEFINED.  A trans_* function only sees an unconditional world:
 * the condition branch around it is already emitted.
 */
#ifndef FRONTEND_ARM_TRANSLATE_H
#define FRONTEND_ARM_TRANSLATE_H

#include "frontend/arm/cpu.h"
#include "hw/core/log.h"
#include "tcg/ir.h"
#include "tcg/translator.h"

/* The IR globals of one IRFunc, created once (IRFunc.frontend_data). */
typedef struct ARMGlobals {
    IRTemp *R[16];
    IRTemp *NF, *ZF, *CF, *VF, *QF, *GE;
    IRTemp *excl_addr, *excl_val, *excl_high, *excl_open;
} ARMGlobals;

/* Our own ways to end a TB (DisasBase.is_jmp) */
enum {
    DISAS_JUMP = DISAS_TARGET_0,  /* R[15] holds the target: goto_ptr */
    DISAS_UPDATE_EXIT,            /* R[15] holds the next pc: exit to loop */
    DISAS_UPDATE_NEXT,            /* set R[15] = pc_next, exit to loop */
    DISAS_WFI,                    /* halt until an interrupt */
};

typedef struct DisasContext {
    DisasBase base;                 /* must be first */
    IRFunc *f;                      /* == base.f */
    ARMCPU *cpu;
    uint32_t insn;                  /* the instruction being translated */
    uint32_t pc_curr;               /* its address */
    int cond;                       /* its condition (0-15) */
    IRLabel *condlabel;             /* skip target when cond != AL */
    bool condjmp;                   /* condlabel is pending */
    bool cond_select;               /* conditional by movcond on Rd */
    bool user;                      /* CPSR.M == USR at translation */
    bool be_data;                   /* CPSR.E */
    bool align;                     /* SCTLR.A */
    bool semihost;
    bool thumb;                     /* Thumb state (T32/T16 decoding) */
    uint32_t itstate;               /* IT state for the next insn (Thumb) */
    uint32_t itstate_cur;           /* IT state of this insn */
    bool it_insn;                   /* this insn is IT: don't advance */
    int insn_len;                   /* 2 or 4 */
    int mmu_idx;
    bool vfp_checked;               /* VFP access check done in this TB */
    /* The IR globals (copied from ARMGlobals) */
    IRTemp *cpu_R[16];
    IRTemp *cpu_NF, *cpu_ZF, *cpu_CF, *cpu_VF, *cpu_QF, *cpu_GE;
    const ARMGlobals *g;
} DisasContext;

/* ---- Registers ---- */

/* pc as an operand: insn address + 8 (ARM) or + 4 (Thumb) */
static inline uint32_t read_pc(const DisasContext *dc)
{
    return dc->pc_curr + (dc->thumb ? 4 : 8);
}
/* In a Thumb IT block (T16 data processing then does not set flags) */
static inline bool in_it_block(const DisasContext *dc)
{
    return (dc->itstate_cur & 0xf) != 0;
}

/* Value of a register as an operand: r15 reads as read_pc(). */
IRTemp *load_reg(DisasContext *dc, int reg);
/* Copy a register into an existing temp (same r15 rule). */
void load_reg_var(DisasContext *dc, IRTemp *dst, int reg);
/* Write a register; r15 is a plain branch (ARM: bits [1:0] cleared,
 * Thumb: bit 0 cleared). */
void store_reg(DisasContext *dc, int reg, IRTemp *v);
/* Write a register; r15 is an interworking branch in ARM state (v7
 * ALUWritePC), a plain branch in Thumb state. */
void store_reg_bx(DisasContext *dc, int reg, IRTemp *v);
/* BX semantics for a value (bit 0 selects Thumb: see README). */
void gen_bx(DisasContext *dc, IRTemp *v);

/* ---- Flags ---- */

/* N and Z from v; C and V unchanged. */
void gen_set_nz(DisasContext *dc, IRTemp *v);
/* Logical ops: N, Z from v (C set separately from the shifter). */
static inline void gen_logic_cc(DisasContext *dc, IRTemp *v)
{
    gen_set_nz(dc, v);
}
/* d = a + b / a - b / a + b + C / a - b - !C, setting NZCV. */
void gen_add_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
void gen_sub_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
void gen_adc_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
void gen_sbc_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
/* d = a + b + C / a - b - !C without flags. */
void gen_adc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
void gen_sbc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);
/* Branch to l when ARM condition cond (0-13) holds. */
void arm_gen_test_cc(DisasContext *dc, int cond, IRLabel *l);
/* dst = (the insn's condition holds) ? v : dst */
void arm_gen_cond_select(DisasContext *dc, IRTemp *dst, IRTemp *v);
/* CPSR as a value (for MRS); and a write under mask with the same rules
 * as MSR (mode changes switch banks; ends the TB). */
IRTemp *gen_cpsr_read(DisasContext *dc);
void gen_cpsr_write(DisasContext *dc, IRTemp *v, uint32_t mask);

/* ---- Memory ---- */

/* MemOp with the data endianness (and SCTLR.A alignment) applied. */
MemOp arm_memop(DisasContext *dc, MemOp mop);
/* Guest load/store at addr with the current mmu_idx (or a given one). */
void gen_aa32_ld(DisasContext *dc, IRTemp *val, IRTemp *addr, MemOp mop);
void gen_aa32_st(DisasContext *dc, IRTemp *val, IRTemp *addr, MemOp mop);
void gen_aa32_ld_idx(DisasContext *dc, IRTemp *val, IRTemp *addr,
                     MemOp mop, int mmu_idx);
void gen_aa32_st_idx(DisasContext *dc, IRTemp *val, IRTemp *addr,
                     MemOp mop, int mmu_idx);

/* ---- Exceptions and control ---- */

/* Raise excp for the current instruction (R[15] = its address). */
void gen_exception_insn(DisasContext *dc, int excp);
/* The instruction is UNDEFINED; always returns true (for trans_*). */
bool unallocated_encoding(DisasContext *dc);
/* Direct jump to dest (chained with goto_tb when possible); ends TB. */
void gen_jmp(DisasContext *dc, uint32_t dest);
/* Call a helper taking (env, args...). */
void gen_helper_call(DisasContext *dc, const IRHelper *h, IRTemp *ret,
                     IRTemp *const *args);

/* Instruction sets implemented by D2 (translate-media.c).  The Thumb ones
 * get the 16-bit insn in bits 15:0, the 32-bit one as hw1 << 16 | hw2;
 * translate.c has weak defaults that decline everything. */
bool arm_decode_a32_media(DisasContext *dc, uint32_t insn);
bool arm_decode_t16_media(DisasContext *dc, uint32_t insn);
bool arm_decode_t32_media(DisasContext *dc, uint32_t insn);

/* VFP and Advanced SIMD (translate-vfp.c, translate-neon.c): A32 VFP
 * (coprocessor 10/11 space, any cond), A32 unconditional NEON space, and
 * T32 (hw1 << 16 | hw2) for both; false means "not mine". */
bool arm_decode_vfp(DisasContext *dc, uint32_t insn);
bool arm_decode_neon(DisasContext *dc, uint32_t insn);
bool arm_decode_t32_vfp(DisasContext *dc, uint32_t insn);

/* Shared between translate files of this frontend */
void arm_gen_goto_tb(DisasContext *dc, int n, uint32_t dest);
void arm_gen_lookup_and_goto_ptr(DisasContext *dc);

#endif
