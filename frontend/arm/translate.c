/* SPDX-License-Identifier: MIT */
/*
 * A32 translator core: the FrontendOps the generic loop calls, the IR
 * globals, conditional execution (one brcond around each conditional
 * instruction), TB exits (goto_tb chaining for direct branches, a jump
 * cache lookup + goto_ptr for indirect ones) and the gen_* helpers shared
 * by translate-dp.c, translate-ldst.c, translate-sys.c and D2's
 * translate-media.c.  Decoding: unconditional space (cond = 0xf) first,
 * else the data-processing, load/store, system and media decoders in turn.
 */
#include <stdlib.h>

#include <capstone/capstone.h>

#include "frontend/arm/internals.h"
#include "frontend/arm/translate.h"
#include "frontend/arm/translate-priv.h"
#include "tcg/tb.h"

/* ---- IR globals ---- */

static const char *const arm_reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
};

#define G32(f, field, name) ir_global_i32(f, offsetof(ARMCPU, field), name)

static const ARMGlobals *arm_globals(IRFunc *f)
{
    if (f->frontend_data) {
        return f->frontend_data;
    }
    ARMGlobals *g = calloc(1, sizeof(*g));
    if (!g) {
        abort();
    }
    for (int i = 0; i < 16; i++) {
        g->R[i] = G32(f, regs[i], arm_reg_names[i]);
    }
    g->NF = G32(f, NF, "NF");
    g->ZF = G32(f, ZF, "ZF");
    g->CF = G32(f, CF, "CF");
    g->VF = G32(f, VF, "VF");
    g->QF = G32(f, QF, "QF");
    g->GE = G32(f, GE, "GE");
    g->excl_addr = G32(f, exclusive_addr, "excl_addr");
    g->excl_val = G32(f, exclusive_val, "excl_val");
    g->excl_high = G32(f, exclusive_high, "excl_high");
    g->excl_open = G32(f, exclusive_open, "excl_open");
    f->frontend_data = g;
    return g;
}

/* ---- Registers ---- */

IRTemp *load_reg_ro(DisasContext *dc, int reg)
{
    if (reg == 15) {
        return ir_const_i32(dc->f, read_pc(dc));
    }
    return dc->cpu_R[reg];
}

IRTemp *load_reg(DisasContext *dc, int reg)
{
    IRTemp *t = ir_temp_i32(dc->f);
    load_reg_var(dc, t, reg);
    return t;
}

void load_reg_var(DisasContext *dc, IRTemp *dst, int reg)
{
    if (reg == 15) {
        ir_movi_i32(dc->f, dst, read_pc(dc));
    } else {
        ir_mov_i32(dc->f, dst, dc->cpu_R[reg]);
    }
}

void store_reg(DisasContext *dc, int reg, IRTemp *v)
{
    if (reg == 15) {
        ir_andi_i32(dc->f, dc->cpu_R[15], v, dc->thumb ? ~1u : ~3u);
        dc->base.is_jmp = DISAS_JUMP;
    } else {
        ir_mov_i32(dc->f, dc->cpu_R[reg], v);
    }
}

/*
 * BX: bit 0 of the target is CPSR.T.  Thumb is not implemented: the state
 * change is made faithfully and the first Thumb TB raises UNDEFINED (see
 * README).
 */
void gen_bx(DisasContext *dc, IRTemp *v)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f), *rest = ir_temp_i32(f);
    ir_andi_i32(f, t, v, 1);
    ir_shli_i32(f, t, t, 5);
    ir_ld(f, IR_ld, IR_I32, rest, f->env, offsetof(ARMCPU, cpsr_rest));
    ir_andi_i32(f, rest, rest, ~CPSR_T);
    ir_or_i32(f, rest, rest, t);
    ir_st(f, IR_st, IR_I32, rest, f->env, offsetof(ARMCPU, cpsr_rest));
    ir_andi_i32(f, dc->cpu_R[15], v, ~1u);
    dc->base.is_jmp = DISAS_JUMP;
}

void store_reg_bx(DisasContext *dc, int reg, IRTemp *v)
{
    if (reg == 15 && !dc->thumb) {
        gen_bx(dc, v);
    } else {
        store_reg(dc, reg, v);
    }
}

/* ---- Flags ---- */

void gen_set_nz(DisasContext *dc, IRTemp *v)
{
    ir_mov_i32(dc->f, dc->cpu_NF, v);
    ir_mov_i32(dc->f, dc->cpu_ZF, v);
}

void gen_add_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f), *x = ir_temp_i32(f);
    ir_add_i32(f, t, a, b);
    ir_setcond(f, IR_I32, IR_COND_LTU, dc->cpu_CF, t, a);
    ir_xor_i32(f, x, a, b);
    ir_xor_i32(f, dc->cpu_VF, t, a);
    ir_andc_i32(f, dc->cpu_VF, dc->cpu_VF, x);
    gen_set_nz(dc, t);
    ir_mov_i32(f, d, t);
}

void gen_sub_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f), *x = ir_temp_i32(f);
    ir_sub_i32(f, t, a, b);
    ir_setcond(f, IR_I32, IR_COND_GEU, dc->cpu_CF, a, b);
    ir_xor_i32(f, x, a, b);
    ir_xor_i32(f, dc->cpu_VF, t, a);
    ir_and_i32(f, dc->cpu_VF, dc->cpu_VF, x);
    gen_set_nz(dc, t);
    ir_mov_i32(f, d, t);
}

void gen_adc_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRFunc *f = dc->f;
    IRTemp *a64 = ir_temp_i64(f), *b64 = ir_temp_i64(f);
    IRTemp *t = ir_temp_i32(f), *x = ir_temp_i32(f);
    ir_extu_i32_i64(f, a64, a);
    ir_extu_i32_i64(f, b64, b);
    ir_add_i64(f, a64, a64, b64);
    ir_extu_i32_i64(f, b64, dc->cpu_CF);
    ir_add_i64(f, a64, a64, b64);
    ir_extrl_i64_i32(f, t, a64);
    ir_extrh_i64_i32(f, dc->cpu_CF, a64);
    ir_xor_i32(f, x, a, b);
    ir_xor_i32(f, dc->cpu_VF, t, a);
    ir_andc_i32(f, dc->cpu_VF, dc->cpu_VF, x);
    gen_set_nz(dc, t);
    ir_mov_i32(f, d, t);
}

void gen_sbc_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRTemp *nb = ir_temp_i32(dc->f);
    ir_not_i32(dc->f, nb, b);
    gen_adc_cc(dc, d, a, nb);
}

void gen_adc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRTemp *t = ir_temp_i32(dc->f);
    ir_add_i32(dc->f, t, a, b);
    ir_add_i32(dc->f, d, t, dc->cpu_CF);
}

void gen_sbc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRTemp *t = ir_temp_i32(dc->f);
    ir_sub_i32(dc->f, t, a, b);
    ir_add_i32(dc->f, t, t, dc->cpu_CF);
    ir_subi_i32(dc->f, d, t, 1);
}

/*
 * ARM condition cond (0-13, ARM ARM A8.3) as "*a c 0": returns c and the
 * temp to compare with zero.
 */
static IRCond arm_cond_expr(DisasContext *dc, int cond, IRTemp **a)
{
    IRFunc *f = dc->f;
    IRTemp *t;
    bool inv = cond & 1;
    switch (cond >> 1) {
    case 0: /* EQ / NE */
        *a = dc->cpu_ZF;
        return inv ? IR_COND_NE : IR_COND_EQ;
    case 1: /* CS / CC */
        *a = dc->cpu_CF;
        return inv ? IR_COND_EQ : IR_COND_NE;
    case 2: /* MI / PL */
        *a = dc->cpu_NF;
        return inv ? IR_COND_GE : IR_COND_LT;
    case 3: /* VS / VC */
        *a = dc->cpu_VF;
        return inv ? IR_COND_GE : IR_COND_LT;
    case 4: /* HI: C && !Z / LS */
        t = ir_temp_i32(f);
        ir_neg_i32(f, t, dc->cpu_CF);
        ir_and_i32(f, t, t, dc->cpu_ZF);
        *a = t;
        return inv ? IR_COND_EQ : IR_COND_NE;
    case 5: /* GE: N == V / LT */
        t = ir_temp_i32(f);
        ir_xor_i32(f, t, dc->cpu_VF, dc->cpu_NF);
        *a = t;
        return inv ? IR_COND_LT : IR_COND_GE;
    default: /* GT: !Z && N == V / LE */
        t = ir_temp_i32(f);
        ir_xor_i32(f, t, dc->cpu_VF, dc->cpu_NF);
        ir_sari_i32(f, t, t, 31);
        ir_andc_i32(f, t, dc->cpu_ZF, t);
        *a = t;
        return inv ? IR_COND_EQ : IR_COND_NE;
    }
}

/* dst = cond ? v : dst, for the current insn's condition (cond_select) */
void arm_gen_cond_select(DisasContext *dc, IRTemp *dst, IRTemp *v)
{
    IRTemp *a;
    IRCond c = arm_cond_expr(dc, dc->cond, &a);
    ir_movcond(dc->f, IR_I32, c, dst, a, ir_const_i32(dc->f, 0), v, dst);
}

/* Branch to l when cond holds. */
void arm_gen_test_cc(DisasContext *dc, int cond, IRLabel *l)
{
    IRTemp *a;
    if (cond >= 14) {
        if (!(cond & 1)) {
            ir_br(dc->f, l);
        }
        return;
    }
    IRCond c = arm_cond_expr(dc, cond, &a);
    ir_brcond(dc->f, IR_I32, c, a, ir_const_i32(dc->f, 0), l);
}

IRTemp *gen_cpsr_read(DisasContext *dc)
{
    IRTemp *t = ir_temp_i32(dc->f);
    gen_helper_call(dc, &arm_helper_cpsr_read, t, NULL);
    return t;
}

void gen_cpsr_write(DisasContext *dc, IRTemp *v, uint32_t mask)
{
    IRTemp *args[2] = { v, ir_const_i32(dc->f, mask) };
    gen_helper_call(dc, &arm_helper_cpsr_write, NULL, args);
    if (mask & CPSR_REST_MASK) {
        /* Mode, masks or endianness may change: re-check interrupts and
         * translate the rest under the new flags. */
        dc->base.is_jmp = DISAS_UPDATE_NEXT;
    }
}

/* ---- Memory ---- */

MemOp arm_memop(DisasContext *dc, MemOp mop)
{
    if (dc->be_data && (mop & MO_SIZE) != MO_8) {
        mop |= MO_BE;
    }
    if (dc->align) {
        mop |= MO_ALIGN;
    }
    return mop;
}

void gen_aa32_ld_idx(DisasContext *dc, IRTemp *val, IRTemp *addr,
                     MemOp mop, int mmu_idx)
{
    MemOpIdx oi = make_memop_idx(arm_memop(dc, mop), (unsigned)mmu_idx);
    if ((mop & MO_SIZE) == MO_64) {
        ir_qemu_ld(dc->f, IR_I64, val, addr, oi);
    } else {
        ir_qemu_ld(dc->f, IR_I32, val, addr, oi);
    }
}

void gen_aa32_st_idx(DisasContext *dc, IRTemp *val, IRTemp *addr,
                     MemOp mop, int mmu_idx)
{
    MemOpIdx oi = make_memop_idx(arm_memop(dc, mop), (unsigned)mmu_idx);
    if ((mop & MO_SIZE) == MO_64) {
        ir_qemu_st(dc->f, IR_I64, val, addr, oi);
    } else {
        ir_qemu_st(dc->f, IR_I32, val, addr, oi);
    }
}

void gen_aa32_ld(DisasContext *dc, IRTemp *val, IRTemp *addr, MemOp mop)
{
    gen_aa32_ld_idx(dc, val, addr, mop, dc->mmu_idx);
}

void gen_aa32_st(DisasContext *dc, IRTemp *val, IRTemp *addr, MemOp mop)
{
    gen_aa32_st_idx(dc, val, addr, mop, dc->mmu_idx);
}

/* ---- Exceptions and control flow ---- */

void gen_helper_call(DisasContext *dc, const IRHelper *h, IRTemp *ret,
                     IRTemp *const *args)
{
    IRTemp *all[IR_MAX_CALL_ARGS];
    all[0] = dc->f->env;
    for (int i = 1; i < h->nargs; i++) {
        all[i] = args[i - 1];
    }
    ir_call(dc->f, h, ret, all);
}

/* The IT state after an instruction with state it (ARM ARM ITAdvance) */
static uint32_t arm_it_advance(uint32_t it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

void gen_set_itstate(DisasContext *dc, uint32_t it)
{
    IRFunc *f = dc->f;
    IRTemp *rest = ir_temp_i32(f);
    ir_ld(f, IR_ld, IR_I32, rest, f->env, offsetof(ARMCPU, cpsr_rest));
    ir_andi_i32(f, rest, rest, ~CPSR_IT);
    if (it) {
        ir_ori_i32(f, rest, rest, arm_it_to_cpsr(it));
    }
    ir_st(f, IR_st, IR_I32, rest, f->env, offsetof(ARMCPU, cpsr_rest));
}

void gen_exception_insn(DisasContext *dc, int excp)
{
    IRTemp *arg = ir_const_i32(dc->f, (uint32_t)excp);
    if (dc->thumb && (dc->itstate_cur & 0xf)) {
        /* SVC returns past the insn: the advanced state */
        gen_set_itstate(dc, excp == ARM_EXCP_SWI
                                ? arm_it_advance(dc->itstate_cur)
                                : dc->itstate_cur);
    }
    ir_movi_i32(dc->f, dc->cpu_R[15], dc->pc_curr);
    gen_helper_call(dc, &arm_helper_exception, NULL, &arg);
    dc->base.is_jmp = DISAS_NORETURN;
}

bool unallocated_encoding(DisasContext *dc)
{
    if (dc->cond_select) {
        /* Branch-free translation abandoned: skip the trap if cond fails */
        dc->cond_select = false;
        dc->condlabel = ir_label_new(dc->f);
        arm_gen_test_cc(dc, dc->cond ^ 1, dc->condlabel);
        dc->condjmp = true;
    }
    gen_exception_insn(dc, ARM_EXCP_UDEF);
    return true;
}

/*
 * The TB flags after an indirect branch: a PC write or BX changes only
 * CPSR.T and ends any IT block, so everything but the Thumb and IT fields
 * is this TB's; those two are read back from cpsr_rest the way
 * arm_get_tb_cpu_state computes them.
 */
static IRTemp *gen_dest_tb_flags(DisasContext *dc)
{
    IRFunc *f = dc->f;
    uint32_t keep = dc->base.flags &
                    ~(ARM_TBFLAG_THUMB | (0xffu << ARM_TBFLAG_IT_SHIFT));
    IRTemp *rest = ir_temp_i32(f), *t = ir_temp_i32(f);
    IRTemp *it = ir_temp_i32(f), *hi = ir_temp_i32(f);

    ir_ld(f, IR_ld, IR_I32, rest, f->env, offsetof(ARMCPU, cpsr_rest));
    ir_extract(f, IR_I32, it, rest, 25, 2);         /* IT[1:0] */
    ir_extract(f, IR_I32, hi, rest, 10, 6);         /* IT[7:2] */
    ir_deposit(f, IR_I32, it, it, hi, 2, 6);
    ir_shli_i32(f, it, it, ARM_TBFLAG_IT_SHIFT);
    ir_extract(f, IR_I32, t, rest, 5, 1);           /* CPSR.T */
    ir_movcond(f, IR_I32, IR_COND_NE, it, t, ir_const_i32(f, 0), it,
               ir_const_i32(f, 0));
    ir_shli_i32(f, t, t, 1);                        /* ARM_TBFLAG_THUMB */
    ir_or_i32(f, t, t, it);
    ir_ori_i32(f, t, t, keep);
    return t;
}

void arm_gen_lookup_and_goto_ptr(DisasContext *dc)
{
    translator_gen_lookup_and_goto_ptr(&dc->base, dc->cpu_R[15],
                                       gen_dest_tb_flags(dc));
}

void arm_gen_goto_tb(DisasContext *dc, int n, uint32_t dest)
{
    IRFunc *f = dc->f;
    if (translator_use_goto_tb(&dc->base, dest)) {
        ir_goto_tb(f, n);
        ir_movi_i32(f, dc->cpu_R[15], dest);
        ir_exit_tb(f, (uintptr_t)dc->base.tb | (uintptr_t)n);
    } else {
        ir_movi_i32(f, dc->cpu_R[15], dest);
        arm_gen_lookup_and_goto_ptr(dc);
    }
}

void gen_jmp(DisasContext *dc, uint32_t dest)
{
    arm_gen_goto_tb(dc, 0, dest);
    dc->base.is_jmp = DISAS_NORETURN;
}

/* ---- FrontendOps ---- */

static void arm_init_disas_context(DisasBase *db, CPUCommon *cpu)
{
    DisasContext *dc = (DisasContext *)db;
    const ARMGlobals *g = arm_globals(db->f);
    dc->f = db->f;
    dc->cpu = arm_cpu(cpu);
    dc->user = !(db->flags & ARM_TBFLAG_PRIV);
    dc->be_data = db->flags & ARM_TBFLAG_BE_DATA;
    dc->align = db->flags & ARM_TBFLAG_ALIGN;
    dc->semihost = db->flags & ARM_TBFLAG_SEMIHOST;
    dc->mmu_idx = dc->user ? ARM_MMU_IDX_USER : ARM_MMU_IDX_PRIV;
    dc->thumb = db->flags & ARM_TBFLAG_THUMB;
    dc->itstate = (db->flags >> ARM_TBFLAG_IT_SHIFT) & 0xff;
    dc->condjmp = false;
    dc->g = g;
    for (int i = 0; i < 16; i++) {
        dc->cpu_R[i] = g->R[i];
    }
    dc->cpu_NF = g->NF;
    dc->cpu_ZF = g->ZF;
    dc->cpu_CF = g->CF;
    dc->cpu_VF = g->VF;
    dc->cpu_QF = g->QF;
    dc->cpu_GE = g->GE;
}

/* A TB starting inside an IT block clears CPSR.IT at once; exits and
 * restore_state_to_opc (insn_start data[1]) put the live state back. */
static void arm_tb_start(DisasBase *db, CPUCommon *cpu)
{
    DisasContext *dc = (DisasContext *)db;
    (void)cpu;
    if (dc->itstate) {
        gen_set_itstate(dc, 0);
    }
}

static void arm_insn_start(DisasBase *db, CPUCommon *cpu)
{
    DisasContext *dc = (DisasContext *)db;
    (void)cpu;
    ir_insn_start(db->f, db->pc_next, dc->itstate);
}

/* Weak defaults until the media decoders handle Thumb */
__attribute__((weak)) bool arm_decode_t16_media(DisasContext *dc,
                                                uint32_t insn)
{
    (void)dc, (void)insn;
    return false;
}

__attribute__((weak)) bool arm_decode_t32_media(DisasContext *dc,
                                                uint32_t insn)
{
    (void)dc, (void)insn;
    return false;
}

static bool arm_decode_thumb(DisasContext *dc, uint32_t insn)
{
    if (dc->insn_len == 4) {
        return arm_decode_t32_vfp(dc, insn) ||
               arm_decode_t32_dp(dc, insn) || arm_decode_t32_ldst(dc, insn) ||
               arm_decode_t32_sys(dc, insn) ||
               arm_decode_t32_media(dc, insn);
    }
    return arm_decode_t16_dp(dc, insn) || arm_decode_t16_ldst(dc, insn) ||
           arm_decode_t16_sys(dc, insn) || arm_decode_t16_media(dc, insn);
}

/* Thumb: 16-bit, or 32-bit when hw1[15:11] is 0b11101/11110/11111 */
static void arm_translate_thumb(DisasContext *dc)
{
    DisasBase *db = &dc->base;
    uint64_t pc = db->pc_next;
    uint32_t insn = translator_lduw(db, pc, false);
    bool is32 = (insn >> 11) >= 0x1d;
    if (is32 && (pc & ~GUEST_PAGE_MASK) == GUEST_PAGE_SIZE - 2 &&
        db->num_insns > 1) {
        db->is_jmp = DISAS_TOO_MANY;    /* straddles a page: next TB */
        return;
    }
    if (is32) {
        insn = (insn << 16) | translator_lduw(db, (uint32_t)(pc + 2), false);
    }
    dc->insn = insn;
    dc->insn_len = is32 ? 4 : 2;
    db->pc_next += (uint64_t)dc->insn_len;
    dc->itstate_cur = dc->itstate;
    dc->it_insn = false;
    dc->cond_select = false;
    dc->cond = in_it_block(dc) ? (int)(dc->itstate >> 4) : 0xe;
    if (dc->cond < 0xe) {
        dc->condlabel = ir_label_new(dc->f);
        arm_gen_test_cc(dc, dc->cond ^ 1, dc->condlabel);
        dc->condjmp = true;
    }
    if (!arm_decode_thumb(dc, insn)) {
        unallocated_encoding(dc);
    }
    if (!dc->it_insn && in_it_block(dc)) {
        dc->itstate = arm_it_advance(dc->itstate_cur);
    }
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        ir_set_label(dc->f, dc->condlabel);
        dc->condjmp = false;
    }
}

/*
 * A conditional A32 data-processing insn without S that writes a register
 * other than pc only computes Rd: translate it branch-free, Rd = cond ?
 * result : Rd (movcond), instead of a brcond around it.
 */
static bool arm_insn_cond_selectable(uint32_t insn)
{
    uint32_t op = (insn >> 21) & 0xf;
    if ((insn >> 26) & 3) {
        return false;                       /* not data processing */
    }
    if ((insn & (1u << 20)) || (op & 0xc) == 0x8 ||
        ((insn >> 12) & 0xf) == 15) {
        return false;                       /* S, misc space, Rd = pc */
    }
    if (insn & (1u << 25)) {
        return true;                        /* immediate */
    }
    /* immediate shift (bit 4 = 0) or register shift (bit 7 = 0) */
    return !(insn & 0x10) || !(insn & 0x80);
}

static bool arm_decode_any(DisasContext *dc, uint32_t insn)
{
    return arm_decode_vfp(dc, insn) ||
           arm_decode_dp(dc, insn) || arm_decode_ldst(dc, insn) ||
           arm_decode_sys(dc, insn) || arm_decode_a32_media(dc, insn);
}

static void arm_translate_insn(DisasBase *db, CPUCommon *cpu)
{
    DisasContext *dc = (DisasContext *)db;
    (void)cpu;
    dc->pc_curr = (uint32_t)db->pc_next;
    if (dc->thumb) {
        arm_translate_thumb(dc);
        return;
    }
    uint32_t insn = translator_ldl(db, db->pc_next, false);
    dc->insn = insn;
    db->pc_next += 4;
    dc->cond = (int)(insn >> 28);
    if (dc->cond == 0xf) {
        if (!arm_decode_uncond(dc, insn) && !arm_decode_neon(dc, insn)) {
            unallocated_encoding(dc);
        }
        return;
    }
    dc->cond_select = dc->cond != 0xe && arm_insn_cond_selectable(insn);
    if (dc->cond != 0xe && !dc->cond_select) {
        dc->condlabel = ir_label_new(dc->f);
        arm_gen_test_cc(dc, dc->cond ^ 1, dc->condlabel);
        dc->condjmp = true;
    }
    if (!arm_decode_any(dc, insn)) {
        unallocated_encoding(dc);
    }
    if (dc->condjmp && db->is_jmp == DISAS_NEXT) {
        ir_set_label(dc->f, dc->condlabel);
        dc->condjmp = false;
    }
}

/* The exit of the last instruction when it ended the TB itself. */
static void arm_gen_tb_exit(DisasContext *dc, int n)
{
    IRFunc *f = dc->f;
    int j = dc->base.is_jmp;
    if (dc->itstate && j != DISAS_NORETURN && j != DISAS_UPDATE_EXIT) {
        gen_set_itstate(dc, dc->itstate);
    }
    switch (j) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        arm_gen_goto_tb(dc, n, (uint32_t)dc->base.pc_next);
        break;
    case DISAS_JUMP:
        arm_gen_lookup_and_goto_ptr(dc);
        break;
    case DISAS_UPDATE_NEXT:
        ir_movi_i32(f, dc->cpu_R[15], (uint32_t)dc->base.pc_next);
        ir_exit_tb(f, 0);
        break;
    case DISAS_UPDATE_EXIT:
        ir_exit_tb(f, 0);
        break;
    case DISAS_WFI:
        ir_movi_i32(f, dc->cpu_R[15], (uint32_t)dc->base.pc_next);
        gen_helper_call(dc, &arm_helper_wfi, NULL, NULL);
        ir_exit_tb(f, 0);
        break;
    default: /* DISAS_NORETURN */
        break;
    }
}

static void arm_tb_stop(DisasBase *db, CPUCommon *cpu)
{
    DisasContext *dc = (DisasContext *)db;
    (void)cpu;
    if (dc->condjmp) {
        /* Taken path of a conditional TB-ending insn, then fall through */
        arm_gen_tb_exit(dc, 0);
        ir_set_label(dc->f, dc->condlabel);
        dc->condjmp = false;
        if (dc->itstate) {
            gen_set_itstate(dc, dc->itstate);
        }
        arm_gen_goto_tb(dc, 1, (uint32_t)db->pc_next);
        return;
    }
    arm_gen_tb_exit(dc, 0);
}

static void arm_disas_mode(DisasBase *db, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_ARM;
    *cs_mode = (db->flags & ARM_TBFLAG_THUMB) ? CS_MODE_THUMB : CS_MODE_ARM;
}

const FrontendOps arm_frontend = {
    .dc_size = sizeof(DisasContext),
    .init_disas_context = arm_init_disas_context,
    .tb_start = arm_tb_start,
    .insn_start = arm_insn_start,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
    .disas_mode = arm_disas_mode,
};
