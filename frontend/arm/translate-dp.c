/* SPDX-License-Identifier: MIT */
/*
 * A32 data processing (immediate, immediate shift, register shift),
 * multiplies, divides, CLZ and MOVW/MOVT: the trans_* functions for
 * a32.decode.  Flags follow translate.h's lazy NF/ZF/CF/VF scheme; no
 * helper call for anything common (register-shifted logical S forms and
 * divides excepted).
 */
#include "frontend/arm/internals.h"
#include "frontend/arm/translate-priv.h"

/* Decode field functions */
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

static int negate(DisasContext *dc, int x)
{
    (void)dc;
    return -x;
}

static int t16_setflags(DisasContext *dc)
{
    return !in_it_block(dc);
}

/* ThumbExpandImm: (imm, rot) such that the value is ror(imm, rot) */
static int t32_expandimm_rot(DisasContext *dc, int x)
{
    (void)dc;
    return (x & 0xc00) ? (x >> 7) & 0x1f : 0;
}

static int t32_expandimm_imm(DisasContext *dc, int x)
{
    uint32_t imm = (uint32_t)x & 0xff;
    (void)dc;
    if (x & 0xc00) {
        return 0x80 | (x & 0x7f);
    }
    switch ((x >> 8) & 3) {
    case 1:
        return (int)(imm | imm << 16);
    case 2:
        return (int)(imm << 8 | imm << 24);
    case 3:
        return (int)(imm | imm << 8 | imm << 16 | imm << 24);
    default:
        return (int)imm;
    }
}

#include "frontend/arm/a32-decode.c.inc"
#include "frontend/arm/t16-dp-decode.c.inc"
#include "frontend/arm/t32-dp-decode.c.inc"

bool arm_decode_dp(DisasContext *dc, uint32_t insn)
{
    return decode_a32(dc, insn);
}

bool arm_decode_t16_dp(DisasContext *dc, uint32_t insn)
{
    return decode_t16_dp(dc, insn);
}

bool arm_decode_t32_dp(DisasContext *dc, uint32_t insn)
{
    return decode_t32_dp(dc, insn);
}

/* ---- The shifter (ARM ARM A8.4) ---- */

void gen_shift_imm(DisasContext *dc, IRTemp *dst, IRTemp *src, int shty,
                   int shim, bool set_carry)
{
    IRFunc *f = dc->f;
    switch (shty) {
    case 0: /* LSL */
        if (shim == 0) {
            ir_mov_i32(f, dst, src);
            return;
        }
        if (set_carry) {
            ir_extract(f, IR_I32, dc->cpu_CF, src, 32 - shim, 1);
        }
        ir_shli_i32(f, dst, src, shim);
        return;
    case 1: /* LSR; #0 means #32 */
        if (set_carry) {
            ir_extract(f, IR_I32, dc->cpu_CF, src, shim ? shim - 1 : 31, 1);
        }
        if (shim == 0) {
            ir_movi_i32(f, dst, 0);
        } else {
            ir_shri_i32(f, dst, src, shim);
        }
        return;
    case 2: /* ASR; #0 means #32 */
        if (set_carry) {
            ir_extract(f, IR_I32, dc->cpu_CF, src, shim ? shim - 1 : 31, 1);
        }
        ir_sari_i32(f, dst, src, shim ? shim : 31);
        return;
    default: /* ROR; #0 is RRX */
        if (shim == 0) {
            IRTemp *t = ir_temp_i32(f);
            ir_shli_i32(f, t, dc->cpu_CF, 31);
            if (set_carry) {
                ir_andi_i32(f, dc->cpu_CF, src, 1);
            }
            ir_shri_i32(f, dst, src, 1);
            ir_or_i32(f, dst, dst, t);
            return;
        }
        if (set_carry) {
            ir_extract(f, IR_I32, dc->cpu_CF, src, shim - 1, 1);
        }
        ir_rotri_i32(f, dst, src, shim);
        return;
    }
}

void gen_shift_reg(DisasContext *dc, IRTemp *dst, IRTemp *src, int shty,
                   IRTemp *rs, bool set_carry)
{
    IRFunc *f = dc->f;
    IRTemp *n = ir_temp_i32(f), *t = ir_temp_i32(f);
    IRTemp *c31 = ir_const_i32(f, 31);
    if (set_carry) {
        IRTemp *args[2] = { src, rs };
        gen_helper_call(dc, &arm_helper_shift_cc[shty], dst, args);
        return;
    }
    ir_andi_i32(f, n, rs, 0xff);
    switch (shty) {
    case 0: /* LSL: 0 for counts above 31 */
    case 1: /* LSR */
        if (shty == 0) {
            ir_shl_i32(f, t, src, n);
        } else {
            ir_shr_i32(f, t, src, n);
        }
        ir_movcond(f, IR_I32, IR_COND_GTU, dst, n, c31, ir_const_i32(f, 0),
                   t);
        return;
    case 2: /* ASR: counts above 31 act as 31 */
        ir_movcond(f, IR_I32, IR_COND_GTU, n, n, c31, c31, n);
        ir_sar_i32(f, dst, src, n);
        return;
    default: /* ROR */
        ir_andi_i32(f, n, n, 31);
        ir_rotr_i32(f, dst, src, n);
        return;
    }
}

/* ---- Data processing ---- */

typedef void GenDPFn(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b);

typedef enum StoreKind {
    STREG_NONE,         /* compare: result discarded */
    STREG_NORMAL,       /* Rd = result; pc = interworking branch or, with
                         * S, exception return */
} StoreKind;

static void gen_and(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_and_i32(dc->f, d, a, b);
}
static void gen_eor(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_xor_i32(dc->f, d, a, b);
}
static void gen_orr(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_or_i32(dc->f, d, a, b);
}
static void gen_bic(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_andc_i32(dc->f, d, a, b);
}
static void gen_mov(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    (void)a;
    ir_mov_i32(dc->f, d, b);
}
static void gen_orn(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    IRTemp *t = ir_temp_i32(dc->f);
    ir_not_i32(dc->f, t, b);
    ir_or_i32(dc->f, d, a, t);
}
static void gen_mvn(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    (void)a;
    ir_not_i32(dc->f, d, b);
}
static void gen_add(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_add_i32(dc->f, d, a, b);
}
static void gen_sub(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_sub_i32(dc->f, d, a, b);
}
static void gen_rsb(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    ir_sub_i32(dc->f, d, b, a);
}
static void gen_rsb_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    gen_sub_cc(dc, d, b, a);
}
static void gen_rsc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    gen_sbc(dc, d, b, a);
}
static void gen_rsc_cc(DisasContext *dc, IRTemp *d, IRTemp *a, IRTemp *b)
{
    gen_sbc_cc(dc, d, b, a);
}

void gen_exception_return(DisasContext *dc, IRTemp *pc, IRTemp *psr)
{
    IRTemp *args[2] = { pc, psr };
    if (!psr) {
        args[1] = ir_temp_i32(dc->f);
        ir_ld(dc->f, IR_ld, IR_I32, args[1], dc->f->env,
              offsetof(ARMCPU, spsr));
    }
    gen_helper_call(dc, &arm_helper_exception_return, NULL, args);
    dc->base.is_jmp = DISAS_UPDATE_EXIT;
}

static bool store_dp_result(DisasContext *dc, int rd, IRTemp *v, bool s,
                            StoreKind kind)
{
    if (kind == STREG_NONE) {
        return true;
    }
    if (rd != 15) {
        if (dc->cond_select) {
            arm_gen_cond_select(dc, dc->cpu_R[rd], v);
        } else {
            ir_mov_i32(dc->f, dc->cpu_R[rd], v);
        }
    } else if (s) {
        /* SUBS pc, lr, #imm and friends: exception return */
        if (dc->user) {
            return unallocated_encoding(dc);
        }
        gen_exception_return(dc, v, NULL);
    } else {
        store_reg_bx(dc, 15, v);
    }
    return true;
}

/* Run the op on (Rn, operand2) with the flags rules of its class. */
static bool op_dp(DisasContext *dc, int rd, int rn, IRTemp *op2, bool s,
                  bool logic, GenDPFn *gen, StoreKind kind)
{
    IRTemp *res = ir_temp_i32(dc->f);
    gen(dc, res, load_reg_ro(dc, rn), op2);
    if (logic && s) {
        gen_logic_cc(dc, res);
    }
    return store_dp_result(dc, rd, res, s, kind);
}

static bool op_s_rrr_shi(DisasContext *dc, arg_s_rrr_shi *a, GenDPFn *gen,
                         bool logic, StoreKind kind)
{
    IRTemp *op2 = ir_temp_i32(dc->f);
    gen_shift_imm(dc, op2, load_reg_ro(dc, a->rm), a->shty, a->shim,
                  logic && a->s);
    return op_dp(dc, a->rd, a->rn, op2, a->s, logic, gen, kind);
}

static bool op_s_rrr_shr(DisasContext *dc, arg_s_rrr_shr *a, GenDPFn *gen,
                         bool logic, StoreKind kind)
{
    IRTemp *op2 = ir_temp_i32(dc->f);
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->rs == 15) {
        /* UNPREDICTABLE: treated as UNDEFINED */
        return unallocated_encoding(dc);
    }
    gen_shift_reg(dc, op2, load_reg_ro(dc, a->rm), a->shty,
                  load_reg_ro(dc, a->rs), logic && a->s);
    return op_dp(dc, a->rd, a->rn, op2, a->s, logic, gen, kind);
}

static bool op_s_rri_rot(DisasContext *dc, arg_s_rri_rot *a, GenDPFn *gen,
                         bool logic, StoreKind kind)
{
    unsigned rot = (unsigned)a->rot & 31;
    uint32_t imm = (uint32_t)a->imm;
    if (rot) {
        imm = (imm >> rot) | (imm << (32 - rot));
        if (logic && a->s) {
            ir_movi_i32(dc->f, dc->cpu_CF, imm >> 31);
        }
    }
    return op_dp(dc, a->rd, a->rn, ir_const_i32(dc->f, imm), a->s, logic,
                 gen, kind);
}

#define DO_ANY3(NAME, OP, L, K)                                             \
    static bool trans_##NAME##_rrri(DisasContext *dc, arg_s_rrr_shi *a)     \
    {                                                                       \
        return op_s_rrr_shi(dc, a, OP, L, K);                               \
    }                                                                       \
    static bool trans_##NAME##_rrrr(DisasContext *dc, arg_s_rrr_shr *a)     \
    {                                                                       \
        return op_s_rrr_shr(dc, a, OP, L, K);                               \
    }                                                                       \
    static bool trans_##NAME##_rri(DisasContext *dc, arg_s_rri_rot *a)      \
    {                                                                       \
        return op_s_rri_rot(dc, a, OP, L, K);                               \
    }

#define DO_ANY2(NAME, OP, L, K)                                             \
    static bool trans_##NAME##_rxri(DisasContext *dc, arg_s_rrr_shi *a)     \
    {                                                                       \
        return op_s_rrr_shi(dc, a, OP, L, K);                               \
    }                                                                       \
    static bool trans_##NAME##_rxrr(DisasContext *dc, arg_s_rrr_shr *a)     \
    {                                                                       \
        return op_s_rrr_shr(dc, a, OP, L, K);                               \
    }                                                                       \
    static bool trans_##NAME##_rxi(DisasContext *dc, arg_s_rri_rot *a)      \
    {                                                                       \
        return op_s_rri_rot(dc, a, OP, L, K);                               \
    }

#define DO_CMP2(NAME, OP, L)                                                \
    static bool trans_##NAME##_xrri(DisasContext *dc, arg_s_rrr_shi *a)     \
    {                                                                       \
        return op_s_rrr_shi(dc, a, OP, L, STREG_NONE);                      \
    }                                                                       \
    static bool trans_##NAME##_xrrr(DisasContext *dc, arg_s_rrr_shr *a)     \
    {                                                                       \
        return op_s_rrr_shr(dc, a, OP, L, STREG_NONE);                      \
    }                                                                       \
    static bool trans_##NAME##_xri(DisasContext *dc, arg_s_rri_rot *a)      \
    {                                                                       \
        return op_s_rri_rot(dc, a, OP, L, STREG_NONE);                      \
    }

DO_ANY3(AND, gen_and, true, STREG_NORMAL)
DO_ANY3(EOR, gen_eor, true, STREG_NORMAL)
DO_ANY3(ORR, gen_orr, true, STREG_NORMAL)
DO_ANY3(BIC, gen_bic, true, STREG_NORMAL)

/* ORN exists in T32 only */
static bool trans_ORN_rrri(DisasContext *dc, arg_s_rrr_shi *a)
{
    return op_s_rrr_shi(dc, a, gen_orn, true, STREG_NORMAL);
}

static bool trans_ORN_rri(DisasContext *dc, arg_s_rri_rot *a)
{
    return op_s_rri_rot(dc, a, gen_orn, true, STREG_NORMAL);
}
DO_ANY3(SUB, a->s ? gen_sub_cc : gen_sub, false, STREG_NORMAL)
DO_ANY3(RSB, a->s ? gen_rsb_cc : gen_rsb, false, STREG_NORMAL)
DO_ANY3(ADD, a->s ? gen_add_cc : gen_add, false, STREG_NORMAL)
DO_ANY3(ADC, a->s ? gen_adc_cc : gen_adc, false, STREG_NORMAL)
DO_ANY3(SBC, a->s ? gen_sbc_cc : gen_sbc, false, STREG_NORMAL)
DO_ANY3(RSC, a->s ? gen_rsc_cc : gen_rsc, false, STREG_NORMAL)
DO_CMP2(TST, gen_and, true)
DO_CMP2(TEQ, gen_eor, true)
DO_CMP2(CMP, gen_sub_cc, false)
DO_CMP2(CMN, gen_add_cc, false)
DO_ANY2(MOV, gen_mov, true, STREG_NORMAL)
DO_ANY2(MVN, gen_mvn, true, STREG_NORMAL)

static bool trans_MOVW(DisasContext *dc, arg_ri *a)
{
    if (a->rd == 15) {
        return unallocated_encoding(dc);
    }
    ir_movi_i32(dc->f, dc->cpu_R[a->rd], (uint32_t)a->imm);
    return true;
}

static bool trans_MOVT(DisasContext *dc, arg_ri *a)
{
    if (a->rd == 15) {
        return unallocated_encoding(dc);
    }
    IRTemp *r = dc->cpu_R[a->rd];
    ir_andi_i32(dc->f, r, r, 0xffff);
    ir_ori_i32(dc->f, r, r, (uint32_t)a->imm << 16);
    return true;
}

/* ---- Multiplies ---- */

static bool op_mla(DisasContext *dc, arg_s_rrrr *a, bool add)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f);
    ir_mul_i32(f, t, load_reg_ro(dc, a->rn), load_reg_ro(dc, a->rm));
    if (add) {
        ir_add_i32(f, t, t, load_reg_ro(dc, a->ra));
    }
    if (a->s) {
        gen_set_nz(dc, t);
    }
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_MUL(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mla(dc, a, false);
}

static bool trans_MLA(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mla(dc, a, true);
}

static bool trans_MLS(DisasContext *dc, arg_rrrr *a)
{
    IRFunc *f = dc->f;
    IRTemp *t = ir_temp_i32(f);
    ir_mul_i32(f, t, load_reg_ro(dc, a->rn), load_reg_ro(dc, a->rm));
    ir_sub_i32(f, t, load_reg_ro(dc, a->ra), t);
    store_reg(dc, a->rd, t);
    return true;
}

/* 64-bit product of rn * rm, signed or not */
static IRTemp *gen_mul64(DisasContext *dc, int rn, int rm, bool sign)
{
    IRFunc *f = dc->f;
    IRTemp *x = ir_temp_i64(f), *y = ir_temp_i64(f);
    if (sign) {
        ir_ext_i32_i64(f, x, load_reg_ro(dc, rn));
        ir_ext_i32_i64(f, y, load_reg_ro(dc, rm));
    } else {
        ir_extu_i32_i64(f, x, load_reg_ro(dc, rn));
        ir_extu_i32_i64(f, y, load_reg_ro(dc, rm));
    }
    ir_mul_i64(f, x, x, y);
    return x;
}

/* x += zero-extended register */
static void gen_add_reg64(DisasContext *dc, IRTemp *x, int reg, int shift)
{
    IRTemp *y = ir_temp_i64(dc->f);
    ir_extu_i32_i64(dc->f, y, load_reg_ro(dc, reg));
    if (shift) {
        ir_shli_i64(dc->f, y, y, shift);
    }
    ir_add_i64(dc->f, x, x, y);
}

/* RdLo = ra, RdHi = rd */
static void gen_store_long(DisasContext *dc, int lo, int hi, IRTemp *x,
                           bool s)
{
    IRFunc *f = dc->f;
    IRTemp *l = ir_temp_i32(f), *h = ir_temp_i32(f);
    ir_extrl_i64_i32(f, l, x);
    ir_extrh_i64_i32(f, h, x);
    if (s) {
        ir_mov_i32(f, dc->cpu_NF, h);
        ir_or_i32(f, dc->cpu_ZF, l, h);
    }
    store_reg(dc, lo, l);
    store_reg(dc, hi, h);
}

static bool op_mlal(DisasContext *dc, arg_s_rrrr *a, bool sign, bool acc)
{
    if (a->rd == a->ra) {
        /* RdHi == RdLo is UNPREDICTABLE; result as RdHi */
        log_mask(LOG_GUEST_ERROR, "arm: long multiply with RdHi == RdLo\n");
    }
    IRTemp *x = gen_mul64(dc, a->rn, a->rm, sign);
    if (acc) {
        gen_add_reg64(dc, x, a->ra, 0);
        gen_add_reg64(dc, x, a->rd, 32);
    }
    gen_store_long(dc, a->ra, a->rd, x, a->s);
    return true;
}

static bool trans_UMULL(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mlal(dc, a, false, false);
}

static bool trans_SMULL(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mlal(dc, a, true, false);
}

static bool trans_UMLAL(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mlal(dc, a, false, true);
}

static bool trans_SMLAL(DisasContext *dc, arg_s_rrrr *a)
{
    return op_mlal(dc, a, true, true);
}

static bool trans_UMAAL(DisasContext *dc, arg_rrrr *a)
{
    IRTemp *x = gen_mul64(dc, a->rn, a->rm, false);
    gen_add_reg64(dc, x, a->ra, 0);
    gen_add_reg64(dc, x, a->rd, 0);
    gen_store_long(dc, a->ra, a->rd, x, false);
    return true;
}

/* ---- Divide, CLZ ---- */

static bool op_div(DisasContext *dc, arg_rrr *a, const IRHelper *h)
{
    if (!dc->cpu->model->has_div) {
        return false;
    }
    IRTemp *t = ir_temp_i32(dc->f);
    IRTemp *args[2] = { load_reg_ro(dc, a->rn), load_reg_ro(dc, a->rm) };
    gen_helper_call(dc, h, t, args);
    store_reg(dc, a->rd, t);
    return true;
}

static bool trans_SDIV(DisasContext *dc, arg_rrr *a)
{
    return op_div(dc, a, &arm_helper_sdiv);
}

static bool trans_UDIV(DisasContext *dc, arg_rrr *a)
{
    return op_div(dc, a, &arm_helper_udiv);
}

static bool trans_CLZ(DisasContext *dc, arg_rr *a)
{
    IRTemp *t = ir_temp_i32(dc->f);
    if (a->rd == 15 || a->rm == 15) {
        return unallocated_encoding(dc);
    }
    ir_clz_i32(dc->f, t, load_reg_ro(dc, a->rm));
    store_reg(dc, a->rd, t);
    return true;
}

/* ---- Thumb-only forms ---- */

/* ADR: Align(pc, 4) + imm (imm negative for the subtract form) */
static bool trans_ADR(DisasContext *dc, arg_ri *a)
{
    uint32_t v = (read_pc(dc) & ~3u) + (uint32_t)a->imm;
    if (a->rd == 15) {
        return unallocated_encoding(dc);
    }
    ir_movi_i32(dc->f, dc->cpu_R[a->rd], v);
    return true;
}

/* SXTH, SXTB, UXTH, UXTB (16-bit encodings) */
static bool trans_T16_XT(DisasContext *dc, arg_T16_XT *a)
{
    IRFunc *f = dc->f;
    IRTemp *d = dc->cpu_R[a->rd], *m = dc->cpu_R[a->rm];
    switch (a->op) {
    case 0:
        ir_ext16s_i32(f, d, m);
        break;
    case 1:
        ir_ext8s_i32(f, d, m);
        break;
    case 2:
        ir_ext16u_i32(f, d, m);
        break;
    default:
        ir_ext8u_i32(f, d, m);
        break;
    }
    return true;
}

/* REV, REV16, (undefined), REVSH (16-bit encodings) */
static bool trans_T16_REV(DisasContext *dc, arg_T16_REV *a)
{
    IRFunc *f = dc->f;
    IRTemp *d = dc->cpu_R[a->rd], *m = dc->cpu_R[a->rm];
    IRTemp *t = ir_temp_i32(f), *u = ir_temp_i32(f);
    switch (a->op) {
    case 0:
        ir_bswap32_i32(f, d, m);
        return true;
    case 1: /* swap bytes in each halfword */
        ir_shri_i32(f, t, m, 8);
        ir_andi_i32(f, t, t, 0x00ff00ff);
        ir_andi_i32(f, u, m, 0x00ff00ff);
        ir_shli_i32(f, u, u, 8);
        ir_or_i32(f, d, t, u);
        return true;
    case 3:
        ir_bswap16_i32(f, t, m);
        ir_ext16s_i32(f, d, t);
        return true;
    default:
        return false;
    }
}
