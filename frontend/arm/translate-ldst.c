/* SPDX-License-Identifier: MIT */
/*
 * A32 loads and stores: LDR/STR and the byte, halfword, signed and dual
 * forms with immediate or (scaled) register offsets, pre/post-indexing and
 * writeback; LDRT/STRT; LDM/STM (with ^); LDREX/STREX; SWP.  trans_*
 * functions for a32-ldst.decode.  Loads into pc interwork (ARMv7).
 */
#include "frontend/arm/internals.h"
#include "frontend/arm/translate-priv.h"

/* Decode field functions */
static int plus_1(DisasContext *dc, int x)
{
    (void)dc;
    return x + 1;
}

static int times_2(DisasContext *dc, int x)
{
    (void)dc;
    return x * 2;
}

static int times_4(DisasContext *dc, int x)
{
    (void)dc;
    return x * 4;
}

/* PUSH {list, lr}: M at bit 8 selects lr; POP: P selects pc */
static int t16_push_list(DisasContext *dc, int x)
{
    (void)dc;
    return (x & 0xff) | ((x & 0x100) << 6);
}

static int t16_pop_list(DisasContext *dc, int x)
{
    (void)dc;
    return (x & 0xff) | ((x & 0x100) << 7);
}

/* T16 LDM writes back unless the base is in the list */
static int t16_ldm_w(DisasContext *dc, int x)
{
    (void)dc;
    return !((x & 0xff) & (1 << (x >> 8)));
}

#include "frontend/arm/a32-ldst-decode.c.inc"
#include "frontend/arm/t16-ldst-decode.c.inc"
#include "frontend/arm/t32-ldst-decode.c.inc"

bool arm_decode_ldst(DisasContext *dc, uint32_t insn)
{
    return decode_a32_ldst(dc, insn);
}

bool arm_decode_t16_ldst(DisasContext *dc, uint32_t insn)
{
    return decode_t16_ldst(dc, insn);
}

bool arm_decode_t32_ldst(DisasContext *dc, uint32_t insn)
{
    return decode_t32_ldst(dc, insn);
}

/* ---- Addressing ---- */

typedef struct LdstAddr {
    int p, u, w, rn;
    IRTemp *off;        /* unsigned offset; added or subtracted by u */
    bool user;          /* unprivileged (LDRT/STRT...) */
} LdstAddr;

/* The address of the first access */
static IRTemp *gen_ldst_addr(DisasContext *dc, const LdstAddr *la)
{
    IRTemp *addr = ir_temp_i32(dc->f);
    if (la->rn == 15 && dc->thumb) {
        ir_movi_i32(dc->f, addr, read_pc(dc) & ~3u);    /* Align(PC, 4) */
    } else {
        load_reg_var(dc, addr, la->rn);
    }
    if (la->p) {
        if (la->u) {
            ir_add_i32(dc->f, addr, addr, la->off);
        } else {
            ir_sub_i32(dc->f, addr, addr, la->off);
        }
    }
    return addr;
}

/* Base writeback; addr is the first access's address (clobbered) */
static void gen_ldst_wb(DisasContext *dc, const LdstAddr *la, IRTemp *addr)
{
    IRFunc *f = dc->f;
    if (!la->p) {
        if (la->u) {
            ir_add_i32(f, addr, addr, la->off);
        } else {
            ir_sub_i32(f, addr, addr, la->off);
        }
    } else if (!la->w) {
        return;
    }
    if (la->rn == 15) {
        log_mask(LOG_GUEST_ERROR, "arm: writeback to pc ignored at 0x%08x\n",
                 dc->pc_curr);
        return;
    }
    ir_mov_i32(f, dc->cpu_R[la->rn], addr);
}

static int ldst_mmu_idx(DisasContext *dc, const LdstAddr *la)
{
    return la->user ? ARM_MMU_IDX_USER : dc->mmu_idx;
}

/* LoadWritePC interworks in both states */
static void store_reg_from_load(DisasContext *dc, int rt, IRTemp *v)
{
    if (rt == 15) {
        gen_bx(dc, v);
    } else {
        store_reg(dc, rt, v);
    }
}

static bool op_load(DisasContext *dc, const LdstAddr *la, int rt, MemOp mop)
{
    if (dc->thumb && !la->p && !la->w) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = gen_ldst_addr(dc, la), *v = ir_temp_i32(dc->f);
    gen_aa32_ld_idx(dc, v, addr, mop, ldst_mmu_idx(dc, la));
    gen_ldst_wb(dc, la, addr);
    store_reg_from_load(dc, rt, v);
    return true;
}

static bool op_store(DisasContext *dc, const LdstAddr *la, int rt,
                     MemOp mop)
{
    if (dc->thumb && !la->p && !la->w) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = gen_ldst_addr(dc, la);
    gen_aa32_st_idx(dc, load_reg(dc, rt), addr, mop, ldst_mmu_idx(dc, la));
    gen_ldst_wb(dc, la, addr);
    return true;
}

static LdstAddr la_ri(DisasContext *dc, arg_ldst_ri *a)
{
    /* A32: the P=0 W=1 forms are the unprivileged (T) variants */
    LdstAddr la = { a->p, a->u, a->w, a->rn,
                    ir_const_i32(dc->f, (uint32_t)a->imm),
                    !dc->thumb && !a->p && a->w };
    return la;
}

static LdstAddr la_rr(DisasContext *dc, arg_ldst_rr *a)
{
    IRTemp *off = ir_temp_i32(dc->f);
    gen_shift_imm(dc, off, load_reg_ro(dc, a->rm), a->shtype, a->shimm,
                  false);
    LdstAddr la = { a->p, a->u, a->w, a->rn, off,
                    !dc->thumb && !a->p && a->w };
    return la;
}

#define DO_LDST(NAME, OP, MOP)                                              \
    static bool trans_##NAME##_ri(DisasContext *dc, arg_ldst_ri *a)         \
    {                                                                       \
        LdstAddr la = la_ri(dc, a);                                         \
        return OP(dc, &la, a->rt, MOP);                                     \
    }                                                                       \
    static bool trans_##NAME##_rr(DisasContext *dc, arg_ldst_rr *a)         \
    {                                                                       \
        LdstAddr la = la_rr(dc, a);                                         \
        return OP(dc, &la, a->rt, MOP);                                     \
    }

/* T32 unprivileged forms: offset added, no writeback */
#define DO_LDST_T(NAME, OP, MOP)                                            \
    static bool trans_##NAME(DisasContext *dc, arg_ldst_ri *a)              \
    {                                                                       \
        LdstAddr la = la_ri(dc, a);                                         \
        la.user = true;                                                     \
        return OP(dc, &la, a->rt, MOP);                                     \
    }

DO_LDST_T(LDRT, op_load, MO_UL)
DO_LDST_T(LDRBT, op_load, MO_UB)
DO_LDST_T(LDRHT, op_load, MO_UW)
DO_LDST_T(LDRSBT, op_load, MO_SB)
DO_LDST_T(LDRSHT, op_load, MO_SW)
DO_LDST_T(STRT, op_store, MO_UL)
DO_LDST_T(STRBT, op_store, MO_UB)
DO_LDST_T(STRHT, op_store, MO_UW)

/* PLD, PLDW, PLI and unallocated hints in the T32 load space */
static bool trans_T32_PLD(DisasContext *dc, arg_T32_PLD *a)
{
    (void)dc, (void)a;
    return true;
}

DO_LDST(LDR, op_load, MO_UL)
DO_LDST(LDRB, op_load, MO_UB)
DO_LDST(LDRH, op_load, MO_UW)
DO_LDST(LDRSB, op_load, MO_SB)
DO_LDST(LDRSH, op_load, MO_SW)
DO_LDST(STR, op_store, MO_UL)
DO_LDST(STRB, op_store, MO_UB)
DO_LDST(STRH, op_store, MO_UW)

/* ---- Dual ---- */

static bool op_ldrd2(DisasContext *dc, const LdstAddr *la, int rt, int rt2)
{
    IRFunc *f = dc->f;
    IRTemp *addr = gen_ldst_addr(dc, la);
    IRTemp *lo = ir_temp_i32(f), *hi = ir_temp_i32(f);
    gen_aa32_ld(dc, lo, addr, MO_UL | MO_ALIGN);
    ir_addi_i32(f, addr, addr, 4);
    gen_aa32_ld(dc, hi, addr, MO_UL | MO_ALIGN);
    ir_subi_i32(f, addr, addr, 4);
    gen_ldst_wb(dc, la, addr);
    store_reg(dc, rt, lo);
    store_reg(dc, rt2, hi);
    return true;
}

static bool op_strd2(DisasContext *dc, const LdstAddr *la, int rt, int rt2)
{
    IRFunc *f = dc->f;
    IRTemp *addr = gen_ldst_addr(dc, la);
    gen_aa32_st(dc, load_reg(dc, rt), addr, MO_UL | MO_ALIGN);
    ir_addi_i32(f, addr, addr, 4);
    gen_aa32_st(dc, load_reg(dc, rt2), addr, MO_UL | MO_ALIGN);
    ir_subi_i32(f, addr, addr, 4);
    gen_ldst_wb(dc, la, addr);
    return true;
}

/* A32: Rt even, Rt2 = Rt + 1; P=0 W=1 is UNPREDICTABLE */
static bool op_ldrd(DisasContext *dc, const LdstAddr *la, int rt, MemOp mop)
{
    (void)mop;
    if ((rt & 1) || rt == 14 || (!la->p && la->w)) {
        return unallocated_encoding(dc);
    }
    return op_ldrd2(dc, la, rt, rt + 1);
}

static bool op_strd(DisasContext *dc, const LdstAddr *la, int rt, MemOp mop)
{
    (void)mop;
    if ((rt & 1) || rt == 14 || (!la->p && la->w)) {
        return unallocated_encoding(dc);
    }
    return op_strd2(dc, la, rt, rt + 1);
}

DO_LDST(LDRD, op_ldrd, MO_UL)
DO_LDST(STRD, op_strd, MO_UL)

/* T32: r13 and r15 are UNPREDICTABLE as data registers */
static bool bad_reg(int r)
{
    return r == 13 || r == 15;
}

static bool trans_LDRD_t32(DisasContext *dc, arg_ldstd *a)
{
    LdstAddr la = { a->p, a->u, a->w, a->rn,
                    ir_const_i32(dc->f, (uint32_t)a->imm), false };
    if (a->rt == a->rt2 || bad_reg(a->rt) || bad_reg(a->rt2)) {
        return unallocated_encoding(dc);
    }
    return op_ldrd2(dc, &la, a->rt, a->rt2);
}

static bool trans_STRD_t32(DisasContext *dc, arg_ldstd *a)
{
    LdstAddr la = { a->p, a->u, a->w, a->rn,
                    ir_const_i32(dc->f, (uint32_t)a->imm), false };
    if (bad_reg(a->rt) || bad_reg(a->rt2) || a->rn == 15) {
        return unallocated_encoding(dc);
    }
    return op_strd2(dc, &la, a->rt, a->rt2);
}

/* TBB/TBH: pc = pc + 2 * table[Rm] */
static bool op_tbranch(DisasContext *dc, arg_tbranch *a, bool half)
{
    IRFunc *f = dc->f;
    IRTemp *addr = load_reg(dc, a->rn), *v = ir_temp_i32(f);
    IRTemp *m = load_reg(dc, a->rm);
    if (half) {
        ir_add_i32(f, addr, addr, m);
    }
    ir_add_i32(f, addr, addr, m);
    gen_aa32_ld(dc, v, addr, half ? MO_UW : MO_UB);
    ir_shli_i32(f, v, v, 1);
    ir_addi_i32(f, v, v, read_pc(dc));
    store_reg(dc, 15, v);
    return true;
}

static bool trans_TBB(DisasContext *dc, arg_tbranch *a)
{
    return op_tbranch(dc, a, false);
}

static bool trans_TBH(DisasContext *dc, arg_tbranch *a)
{
    return op_tbranch(dc, a, true);
}

/* ---- Block transfers ---- */

/* Address of the lowest word and the writeback value */
static IRTemp *gen_block_addr(DisasContext *dc, arg_ldst_block *a, int n)
{
    IRTemp *addr = load_reg(dc, a->rn);
    int32_t off;
    if (a->i) {
        off = a->b ? 4 : 0;
    } else {
        off = a->b ? -4 * n : -4 * n + 4;
    }
    if (off) {
        ir_addi_i32(dc->f, addr, addr, (uint32_t)off);
    }
    return addr;
}

/* addr points just past the last word accessed */
static void gen_block_wb(DisasContext *dc, arg_ldst_block *a, IRTemp *addr,
                         int n)
{
    int32_t off;
    if (!a->w) {
        return;
    }
    if (a->i) {
        off = a->b ? -4 : 0;
    } else {
        off = a->b ? -4 * n : -4 * n - 4;
    }
    ir_addi_i32(dc->f, dc->cpu_R[a->rn], addr, (uint32_t)off);
}

static bool trans_STM(DisasContext *dc, arg_ldst_block *a)
{
    IRFunc *f = dc->f;
    int n = __builtin_popcount((unsigned)a->list);
    if (n == 0 || a->rn == 15 || (a->u && dc->user)) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = gen_block_addr(dc, a, n);
    for (int r = 0; r < 16; r++) {
        if (!(a->list & (1 << r))) {
            continue;
        }
        IRTemp *v;
        if (a->u && r >= 8 && r != 15) {
            v = ir_temp_i32(f);
            IRTemp *reg = ir_const_i32(f, (uint32_t)r);
            gen_helper_call(dc, &arm_helper_get_user_reg, v, &reg);
        } else {
            v = load_reg(dc, r);
        }
        gen_aa32_st(dc, v, addr, MO_UL | MO_ALIGN);
        ir_addi_i32(f, addr, addr, 4);
    }
    gen_block_wb(dc, a, addr, n);
    return true;
}

static void gen_ldm_user_reg(DisasContext *dc, int r, IRTemp *v)
{
    IRTemp *args[2] = { ir_const_i32(dc->f, (uint32_t)r), v };
    gen_helper_call(dc, &arm_helper_set_user_reg, NULL, args);
}

static bool trans_LDM(DisasContext *dc, arg_ldst_block *a)
{
    IRFunc *f = dc->f;
    int n = __builtin_popcount((unsigned)a->list);
    bool pc = a->list & (1 << 15), user = a->u && !pc;
    if (n == 0 || a->rn == 15 || (a->u && dc->user)) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = gen_block_addr(dc, a, n);
    IRTemp *base_val = NULL, *pc_val = NULL;
    for (int r = 0; r < 16; r++) {
        if (!(a->list & (1 << r))) {
            continue;
        }
        IRTemp *v = ir_temp_i32(f);
        gen_aa32_ld(dc, v, addr, MO_UL | MO_ALIGN);
        ir_addi_i32(f, addr, addr, 4);
        if (r == 15) {
            pc_val = v;
        } else if (user && r >= 8) {
            gen_ldm_user_reg(dc, r, v);
        } else if (r == a->rn) {
            base_val = v;
        } else {
            ir_mov_i32(f, dc->cpu_R[r], v);
        }
    }
    gen_block_wb(dc, a, addr, n);
    if (base_val) {
        ir_mov_i32(f, dc->cpu_R[a->rn], base_val);
    }
    if (pc_val) {
        if (a->u) {
            gen_exception_return(dc, pc_val, NULL);
        } else {
            gen_bx(dc, pc_val);
        }
    }
    return true;
}

/* ---- Exclusives and SWP ---- */

static bool op_ldrex(DisasContext *dc, arg_ldrex *a, MemOp mop)
{
    IRFunc *f = dc->f;
    const ARMGlobals *g = dc->g;
    if (a->rn == 15 || a->rt == 15 ||
        (mop == MO_64 && !dc->thumb && (a->rt & 1))) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = load_reg(dc, a->rn);
    if (a->imm) {
        ir_addi_i32(f, addr, addr, (uint32_t)a->imm);
    }
    if (mop == MO_64) {
        IRTemp *v = ir_temp_i64(f), *lo = ir_temp_i32(f);
        IRTemp *hi = ir_temp_i32(f);
        gen_aa32_ld(dc, v, addr, MO_UQ | MO_ALIGN);
        ir_extrl_i64_i32(f, lo, v);
        ir_extrh_i64_i32(f, hi, v);
        ir_mov_i32(f, g->excl_val, lo);
        ir_mov_i32(f, g->excl_high, hi);
        if (dc->be_data) {
            ir_mov_i32(f, dc->cpu_R[a->rt], hi);
            ir_mov_i32(f, dc->cpu_R[a->rt2], lo);
        } else {
            ir_mov_i32(f, dc->cpu_R[a->rt], lo);
            ir_mov_i32(f, dc->cpu_R[a->rt2], hi);
        }
    } else {
        IRTemp *v = ir_temp_i32(f);
        gen_aa32_ld(dc, v, addr, mop | MO_ALIGN);
        ir_mov_i32(f, g->excl_val, v);
        ir_mov_i32(f, dc->cpu_R[a->rt], v);
    }
    ir_mov_i32(f, g->excl_addr, addr);
    return true;
}

static bool trans_LDREX(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UL);
}

static bool trans_LDREXB(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UB);
}

static bool trans_LDREXH(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_UW);
}

static bool trans_LDREXD(DisasContext *dc, arg_ldrex *a)
{
    return op_ldrex(dc, a, MO_64);
}

/* The 64-bit value of Rt:Rt2 as memory order wants it */
static IRTemp *gen_pair64(DisasContext *dc, int rt, int rt2)
{
    IRFunc *f = dc->f;
    IRTemp *v = ir_temp_i64(f), *h = ir_temp_i64(f);
    int lo = dc->be_data ? rt2 : rt, hi = dc->be_data ? rt : rt2;
    ir_extu_i32_i64(f, v, load_reg_ro(dc, lo));
    ir_extu_i32_i64(f, h, load_reg_ro(dc, hi));
    ir_shli_i64(f, h, h, 32);
    ir_or_i64(f, v, v, h);
    return v;
}

/* Succeeds when the monitor holds this address and memory still holds
 * the value LDREX saw (single-copy: good enough for round-robin SMP). */
static bool op_strex(DisasContext *dc, arg_strex *a, MemOp mop)
{
    IRFunc *f = dc->f;
    const ARMGlobals *g = dc->g;
    if (a->rn == 15 || a->rt == 15 || a->rd == 15 ||
        (mop == MO_64 && !dc->thumb && (a->rt & 1))) {
        return unallocated_encoding(dc);
    }
    IRLabel *fail = ir_label_new(f), *done = ir_label_new(f);
    IRTemp *addr = ir_local_i32(f);
    load_reg_var(dc, addr, a->rn);
    if (a->imm) {
        ir_addi_i32(f, addr, addr, (uint32_t)a->imm);
    }
    ir_brcond(f, IR_I32, IR_COND_NE, addr, g->excl_addr, fail);
    if (mop == MO_64) {
        IRTemp *cur = ir_temp_i64(f), *old = ir_temp_i64(f);
        IRTemp *h = ir_temp_i64(f);
        gen_aa32_ld(dc, cur, addr, MO_UQ | MO_ALIGN);
        ir_extu_i32_i64(f, old, g->excl_val);
        ir_extu_i32_i64(f, h, g->excl_high);
        ir_shli_i64(f, h, h, 32);
        ir_or_i64(f, old, old, h);
        ir_brcond(f, IR_I64, IR_COND_NE, cur, old, fail);
        gen_aa32_st(dc, gen_pair64(dc, a->rt, a->rt2), addr,
                    MO_UQ | MO_ALIGN);
    } else {
        IRTemp *cur = ir_temp_i32(f);
        gen_aa32_ld(dc, cur, addr, mop | MO_ALIGN);
        ir_brcond(f, IR_I32, IR_COND_NE, cur, g->excl_val, fail);
        gen_aa32_st(dc, load_reg(dc, a->rt), addr, mop | MO_ALIGN);
    }
    ir_movi_i32(f, dc->cpu_R[a->rd], 0);
    ir_br(f, done);
    ir_set_label(f, fail);
    ir_movi_i32(f, dc->cpu_R[a->rd], 1);
    ir_set_label(f, done);
    ir_movi_i32(f, g->excl_addr, UINT32_MAX);
    return true;
}

static bool trans_STREX(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UL);
}

static bool trans_STREXB(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UB);
}

static bool trans_STREXH(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_UW);
}

static bool trans_STREXD(DisasContext *dc, arg_strex *a)
{
    return op_strex(dc, a, MO_64);
}

/*
 * SWP/SWPB: UNDEFINED unless SCTLR.SW = 1 (ARMv7 with the Multiprocessing
 * Extensions; qemu 7.2 always executes them).
 */
static bool op_swp(DisasContext *dc, arg_swp *a, MemOp mop)
{
    IRFunc *f = dc->f;
    if (!(dc->base.flags & ARM_TBFLAG_SWP) || a->rn == 15 || a->rt == 15 || a->rt2 == 15) {
        return unallocated_encoding(dc);
    }
    IRTemp *addr = load_reg(dc, a->rn), *old = ir_temp_i32(f);
    IRTemp *nv = load_reg(dc, a->rt2);
    gen_aa32_ld(dc, old, addr, mop | MO_ALIGN);
    gen_aa32_st(dc, nv, addr, mop | MO_ALIGN);
    store_reg(dc, a->rt, old);
    return true;
}

static bool trans_SWP(DisasContext *dc, arg_swp *a)
{
    return op_swp(dc, a, MO_UL);
}

static bool trans_SWPB(DisasContext *dc, arg_swp *a)
{
    return op_swp(dc, a, MO_UB);
}
