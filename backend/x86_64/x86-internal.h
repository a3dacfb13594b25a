/* SPDX-License-Identifier: MIT */
/*
 * Private to backend/x86_64: the backend context, the per-TB code
 * generation state (register file, relocations, out-of-line slow paths)
 * and the functions the files of the JIT share.  The flow of gen_code:
 *
 *   x86-backend.c   loop over ops -> x86_gen_op()        (x86-ops*.c)
 *   x86-ops*.c      x86_ra_* to place temps in registers  (x86-regalloc.c)
 *                   x86_* to emit instructions            (x86-emit.c)
 *   x86-tlb.c       qemu_ld/st fast path inline, slow paths at TB end
 */
#ifndef BACKEND_X86_64_X86_INTERNAL_H
#define BACKEND_X86_64_X86_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/x86_64/x86-emit.h"
#include "tcg/backend.h"
#include "tcg/ir.h"

/* env lives here for the whole of generated code */
#define X86_ENV X86_RBP

/*
 * Frame (rsp is 16-byte aligned in generated code):
 *   [rsp + 0, 128)               slow-path register save area
 *   [rsp + 128, + 8 * SLOTS)     spill slots of EBB/TB temps
 */
#define X86_SAVE_AREA 0
#define X86_SLOT_BASE 128
#define X86_NB_SLOTS 1024
#define X86_FRAME_SIZE (X86_SLOT_BASE + 8 * X86_NB_SLOTS + 8)

/* Caller-saved (SysV) registers, as a mask */
#define X86_CALL_CLOBBER                                                    \
    ((1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) |                  \
     (1u << X86_RSI) | (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) | \
     (1u << X86_R10) | (1u << X86_R11))
#define X86_ALLOCATABLE (0xffffu & ~(1u << X86_RSP) & ~(1u << X86_ENV))

/* Where a temp's value is (IRTemp.val_type) */
enum { VAL_DEAD, VAL_REG, VAL_MEM, VAL_CONST };

typedef struct X86Reloc {
    uint8_t *field;             /* rel32 to patch */
    uint32_t label;             /* index in f->labels */
} X86Reloc;

/* A qemu_ld/st miss path, emitted after the TB's code. */
typedef struct X86SlowPath {
    bool is_store;
    uint8_t type;               /* IRType of the data */
    uint32_t oi;                /* MemOpIdx */
    int8_t addr_reg;
    int8_t data_reg;            /* load: result; store: value (-1: const) */
    uint64_t data_const;        /* store of a constant */
    uint16_t save_mask;         /* live caller-saved registers */
    uint8_t *jne_field;         /* the fast path's miss branch */
    uint8_t *back;              /* where to resume */
} X86SlowPath;

typedef struct X86Backend X86Backend;

typedef struct X86Gen {
    X86Backend *be;
    IRFunc *f;
    TB *tb;
    X86Code c;
    IRTemp *reg_temp[X86_NB_REGS];
    uint32_t locked;            /* registers this op already uses */
    uint32_t dead_in;           /* dead input regs an output may take */
    /* spill slots */
    int nb_slots;
    int16_t *free_slots;
    int nb_free_slots;
    /* labels and slow paths */
    X86Reloc *relocs;
    int nb_relocs, cap_relocs;
    X86SlowPath *slow;
    int nb_slow, cap_slow;
    uint32_t *insn_off;         /* gen_code's output, per insn_start */
    int nb_insns;
    bool overflow;              /* buffer too small or frame exhausted */
} X86Gen;

/* A comparison ready to emit: cmp/test of ra with rb or imm. */
typedef struct X86Cmp {
    bool w64;
    bool use_imm;
    bool use_mem;               /* b is [base + disp] */
    int ra, rb, base;
    int32_t disp;
    int32_t imm;
    int cc;                     /* x86 condition for "a cond b" */
} X86Cmp;

/* The backend context: entry/exit stubs, host features, reused state. */
struct X86Backend {
    uint8_t *prologue;          /* uintptr_t (*)(env, code) */
    uint8_t *epilogue;          /* return rax */
    uint8_t *epilogue_ret0;     /* return 0 */
    bool have_lzcnt, have_bmi1, have_bmi2, have_movbe;
    X86Gen gen;                 /* arrays kept across TBs */
};

/* x86-regalloc.c */
void x86_ra_init(X86Gen *g);
uint64_t x86_temp_cval(const IRTemp *t);
bool x86_temp_is_const(const IRTemp *t);
int x86_ra_alloc(X86Gen *g, uint32_t avoid);
int x86_ra_scratch(X86Gen *g, uint32_t avoid);
int x86_ra_load(X86Gen *g, IRTemp *t, uint32_t avoid);
void x86_ra_load_into(X86Gen *g, IRTemp *t, int reg, bool keep);
void x86_ra_evict(X86Gen *g, int reg);
void x86_ra_copy_to(X86Gen *g, IRTemp *t, int reg);
int x86_ra_out(X86Gen *g, const IROp *op, int oi, int reuse_in, int reuse_in2,
               uint32_t avoid);
void x86_ra_finish(X86Gen *g, const IROp *op, const int *out_regs);
void x86_ra_sync(X86Gen *g, IRTemp *t);
void x86_ra_spill(X86Gen *g, IRTemp *t);
void x86_ra_dead(X86Gen *g, IRTemp *t);
void x86_ra_sync_globals(X86Gen *g, bool free_regs);
void x86_ra_bb_end_sync(X86Gen *g);
void x86_ra_bb_reset(X86Gen *g);
void x86_ra_free_clobbered(X86Gen *g, uint32_t mask);
void x86_ra_mem_operand(X86Gen *g, IRTemp *t, int *base, int32_t *disp);
void x86_ra_env_alias(X86Gen *g, int32_t off, int size, bool is_store);
bool x86_ra_mem_dead_input(X86Gen *g, const IROp *op, int i);
static inline bool x86_op_dead(const IROp *op, int i)
{
    return op->life & IR_DEAD_ARG(i);
}

/* x86-ops.c, x86-ops-bits.c, x86-control.c, x86-tlb.c */
void x86_gen_op(X86Gen *g, IROp *op, IROp *next, bool *skip_next);
void x86_gen_bits(X86Gen *g, IROp *op);
void x86_gen_call(X86Gen *g, IROp *op);
void x86_gen_control(X86Gen *g, IROp *op);
bool x86_gen_fused_setcond(X86Gen *g, IROp *op, IROp *next);
void x86_gen_qemu_ld(X86Gen *g, IROp *op);
void x86_gen_qemu_st(X86Gen *g, IROp *op);
void x86_gen_slow_paths(X86Gen *g);
void x86_cmp_load(X86Gen *g, const IROp *op, int ia, int ib, IRCond cond,
                  X86Cmp *cmp);
void x86_cmp_emit(X86Gen *g, const X86Cmp *cmp);
int x86_cond_cc(IRCond c);
void x86_reloc_add(X86Gen *g, uint8_t *field, uint32_t label);

#endif
