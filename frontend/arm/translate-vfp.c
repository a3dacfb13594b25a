/* SPDX-License-Identifier: MIT */
/*
 * VFPv4 for A32 and T32 (ARM ARM A7.5-A7.9): register file access, the
 * CPACR / FPEXC.EN access check, loads and stores, transfers to and from
 * core registers, VMRS/VMSR, and the data-processing instructions, which
 * call helper-vfp.c (the arithmetic itself is fpu.c).  The FP registers
 * live in ARMCPU.vfp_d and are read and written with ld/st from env.
 * Short vectors are not implemented (A15 has none): with FPSCR.LEN or
 * STRIDE nonzero every VFP instruction but VMRS/VMSR is UNDEFINED.
 */
#include <stddef.h>

#include "frontend/arm/helper-vfp.h"
#include "frontend/arm/translate-fp.h"
#include "frontend/arm/translate-priv.h"

/* FP system registers (VMRS/VMSR reg field) */
enum {
    VFP_REG_FPSID = 0, VFP_REG_FPSCR = 1, VFP_REG_MVFR1 = 6,
    VFP_REG_MVFR0 = 7, VFP_REG_FPEXC = 8,
};
#define FPEXC_EN (1u << 30)
/* FPSCR bits a VMSR can change (no trap enables) */
#define FPSCR_WRITE_MASK 0xfff7009fu
#define FPSCR_LEN_STRIDE 0x00370000u

#include "frontend/arm/vfp-decode.c.inc"

bool arm_decode_vfp(DisasContext *dc, uint32_t insn)
{
    return decode_vfp(dc, insn);
}

/* T32: hw1[15:12] = 1110 for VFP; 111x 1111 / 1111 1001 are NEON */
bool arm_decode_t32_vfp(DisasContext *dc, uint32_t insn)
{
    if ((insn >> 28) == 0xe && decode_vfp(dc, insn)) {
        return true;
    }
    if ((insn & 0xef000000u) == 0xef000000u) {
        uint32_t a32 = 0xf2000000u | ((insn >> 4) & 0x01000000u) |
                       (insn & 0x00ffffffu);
        return arm_decode_neon(dc, a32);
    }
    if ((insn & 0xff100000u) == 0xf9000000u) {
        return arm_decode_neon(dc, 0xf4000000u | (insn & 0x00ffffffu));
    }
    return false;
}

/* ---- Register file ---- */

int32_t vfp_reg_off(int reg, bool dp)
{
    int32_t base = (int32_t)offsetof(ARMCPU, vfp_d);
    if (dp) {
        return base + reg * 8;
    }
    return base + (reg >> 1) * 8 + (reg & 1) * 4;
}

IRTemp *vfp_load(DisasContext *dc, int reg, bool dp)
{
    IRTemp *t = ir_temp_i64(dc->f);
    ir_ld(dc->f, dp ? IR_ld : IR_ld32u, IR_I64, t, dc->f->env,
          vfp_reg_off(reg, dp));
    return t;
}

void vfp_store(DisasContext *dc, int reg, bool dp, IRTemp *v)
{
    ir_st(dc->f, dp ? IR_st : IR_st32, IR_I64, v, dc->f->env,
          vfp_reg_off(reg, dp));
}

static IRTemp *vfp_load32(DisasContext *dc, int sreg)
{
    IRTemp *t = ir_temp_i32(dc->f);
    ir_ld(dc->f, IR_ld, IR_I32, t, dc->f->env, vfp_reg_off(sreg, false));
    return t;
}

static void vfp_store32(DisasContext *dc, int sreg, IRTemp *v)
{
    ir_st(dc->f, IR_st, IR_I32, v, dc->f->env, vfp_reg_off(sreg, false));
}

/* ---- Access check ---- */

/*
 * CPACR.cp10 (bits 21:20) must allow the current privilege and, unless
 * need_en is false (FPSID/FPEXC/MVFR access), FPEXC.EN must be set and
 * (except for VMRS/VMSR: sys) FPSCR.LEN/STRIDE be zero; else UNDEFINED.
 * The full check is done once per TB from an unconditional instruction
 * (VMSR to FPSCR or FPEXC ends the TB; CPACR changes need an ISB).
 */
static void vfp_gen_check_len(DisasContext *dc, IRTemp *c)
{
    IRFunc *f = dc->f;
    IRTemp *l = ir_temp_i32(f);
    ir_ld(f, IR_ld, IR_I32, l, f->env, offsetof(ARMCPU, fpscr));
    ir_andi_i32(f, l, l, FPSCR_LEN_STRIDE);
    ir_setcond(f, IR_I32, IR_COND_EQ, l, l, ir_const_i32(f, 0));
    ir_and_i32(f, c, c, l);
}

static void vfp_gen_check_sys(DisasContext *dc, bool need_en, bool sys)
{
    IRFunc *f = dc->f;
    IRTemp *c = ir_temp_i32(f), *e = ir_temp_i32(f);
    IRLabel *ok = ir_label_new(f);
    int is_jmp = dc->base.is_jmp;

    if (dc->vfp_checked && need_en) {
        return;
    }
    need_en = need_en || !sys;
    ir_ld(f, IR_ld, IR_I32, c, f->env, offsetof(ARMCPU, cp15.cpacr));
    ir_extract(f, IR_I32, c, c, 20, 2);
    if (dc->user) {
        ir_setcond(f, IR_I32, IR_COND_EQ, c, c, ir_const_i32(f, 3));
    } else {
        ir_andi_i32(f, c, c, 1);
    }
    if (need_en) {
        ir_ld(f, IR_ld, IR_I32, e, f->env, offsetof(ARMCPU, fpexc));
        ir_extract(f, IR_I32, e, e, 30, 1);
        ir_and_i32(f, c, c, e);
    }
    if (!sys) {
        vfp_gen_check_len(dc, c);
    }
    ir_brcondi_i32(f, IR_COND_NE, c, 0, ok);
    gen_exception_insn(dc, ARM_EXCP_UDEF);
    dc->base.is_jmp = is_jmp;
    ir_set_label(f, ok);
    if (!sys && dc->cond >= 0xe) {
        dc->vfp_checked = true;
    }
}

void vfp_check(DisasContext *dc)
{
    vfp_gen_check_sys(dc, true, false);
}

/* ---- Data processing ---- */

static void vfp_gen_arith(DisasContext *dc, int vd, IRTemp *d, IRTemp *n,
                          IRTemp *m, uint32_t op, bool dp)
{
    IRTemp *r = ir_temp_i64(dc->f);
    IRTemp *args[4] = { d, n, m, ir_const_i32(dc->f, op) };
    gen_helper_call(dc, &arm_helper_vfp_arith, r, args);
    if (vd >= 0) {
        vfp_store(dc, vd, dp, r);
    }
}

/* Three-register op: d is read only by the accumulating ones */
static bool vfp_3op(DisasContext *dc, arg_vrrr *a, unsigned kind)
{
    bool dp = a->dp;
    bool acc = kind >= VFP_MLA;
    if (kind >= VFP_FMA && !arm_vfp_has_fma(dc->cpu)) {
        return false;
    }
    vfp_check(dc);
    IRTemp *d = acc ? vfp_load(dc, a->vd, dp) : ir_const_i64(dc->f, 0);
    IRTemp *n = vfp_load(dc, a->vn, dp);
    IRTemp *m = vfp_load(dc, a->vm, dp);
    vfp_gen_arith(dc, a->vd, d, n, m, kind | (dp ? VFP_OP_DP : 0), dp);
    return true;
}

#define VFP_3OP(name, kind)                                                 \
    static bool trans_##name##_sp(DisasContext *dc, arg_vrrr *a)            \
    {                                                                       \
        return vfp_3op(dc, a, kind);                                        \
    }                                                                       \
    static bool trans_##name##_dp(DisasContext *dc, arg_vrrr *a)            \
    {                                                                       \
        return vfp_3op(dc, a, kind);                                        \
    }
VFP_3OP(VADD, VFP_ADD)
VFP_3OP(VSUB, VFP_SUB)
VFP_3OP(VMUL, VFP_MUL)
VFP_3OP(VNMUL, VFP_NMUL)
VFP_3OP(VDIV, VFP_DIV)
VFP_3OP(VMLA, VFP_MLA)
VFP_3OP(VMLS, VFP_MLS)
VFP_3OP(VNMLA, VFP_NMLA)
VFP_3OP(VNMLS, VFP_NMLS)
VFP_3OP(VFMA, VFP_FMA)
VFP_3OP(VFMS, VFP_FMS)
VFP_3OP(VFNMA, VFP_FNMA)
VFP_3OP(VFNMS, VFP_FNMS)
#undef VFP_3OP

static bool vfp_sqrt(DisasContext *dc, arg_vrr *a)
{
    bool dp = a->dp;
    vfp_check(dc);
    IRTemp *z = ir_const_i64(dc->f, 0);
    vfp_gen_arith(dc, a->vd, z, z, vfp_load(dc, a->vm, dp),
                  VFP_SQRT | (dp ? VFP_OP_DP : 0), dp);
    return true;
}

static bool trans_VSQRT_sp(DisasContext *dc, arg_vrr *a)
{
    return vfp_sqrt(dc, a);
}

static bool trans_VSQRT_dp(DisasContext *dc, arg_vrr *a)
{
    return vfp_sqrt(dc, a);
}

/* VMOV (register), VABS, VNEG: sign-bit operations, no exceptions */
static bool vfp_bitop(DisasContext *dc, arg_vrr *a, int kind)
{
    bool dp = a->dp;
    uint64_t sign = dp ? 1ull << 63 : 1ull << 31;
    vfp_check(dc);
    IRTemp *v = vfp_load(dc, a->vm, dp);
    if (kind == 1) {
        ir_andi_i64(dc->f, v, v, ~sign);
    } else if (kind == 2) {
        ir_xori_i64(dc->f, v, v, sign);
    }
    vfp_store(dc, a->vd, dp, v);
    return true;
}

static bool trans_VMOV_reg_sp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 0);
}

static bool trans_VMOV_reg_dp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 0);
}

static bool trans_VABS_sp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 1);
}

static bool trans_VABS_dp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 1);
}

static bool trans_VNEG_sp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 2);
}

static bool trans_VNEG_dp(DisasContext *dc, arg_vrr *a)
{
    return vfp_bitop(dc, a, 2);
}

/* VFPExpandImm */
static uint64_t vfp_expand_imm(uint32_t imm8, bool dp)
{
    uint64_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
    uint64_t cdefgh = imm8 & 0x3f;
    if (dp) {
        return a << 63 | (b ^ 1) << 62 | (b ? 0x3fc0000000000000ull : 0) |
               cdefgh << 48;
    }
    return a << 31 | (b ^ 1) << 30 | (b ? 0x3e000000u : 0) | cdefgh << 19;
}

static bool vfp_mov_imm(DisasContext *dc, arg_vimm *a)
{
    vfp_check(dc);
    vfp_store(dc, a->vd, a->dp,
              ir_const_i64(dc->f, vfp_expand_imm((uint32_t)a->imm, a->dp)));
    return true;
}

static bool trans_VMOV_imm_sp(DisasContext *dc, arg_vimm *a)
{
    return vfp_mov_imm(dc, a);
}

static bool trans_VMOV_imm_dp(DisasContext *dc, arg_vimm *a)
{
    return vfp_mov_imm(dc, a);
}

static bool vfp_cmp(DisasContext *dc, arg_vcmp *a)
{
    bool dp = a->dp;
    uint32_t op = (a->e ? VFP_CMPE : VFP_CMP) | (dp ? VFP_OP_DP : 0);
    vfp_check(dc);
    IRTemp *z = ir_const_i64(dc->f, 0);
    IRTemp *d = vfp_load(dc, a->vd, dp);
    IRTemp *m = a->z ? z : vfp_load(dc, a->vm, dp);
    vfp_gen_arith(dc, -1, d, z, m, op, dp);
    return true;
}

static bool trans_VCMP_sp(DisasContext *dc, arg_vcmp *a)
{
    return vfp_cmp(dc, a);
}

static bool trans_VCMP_dp(DisasContext *dc, arg_vcmp *a)
{
    return vfp_cmp(dc, a);
}

static bool trans_VCMPZ_sp(DisasContext *dc, arg_vcmp *a)
{
    return vfp_cmp(dc, a);
}

static bool trans_VCMPZ_dp(DisasContext *dc, arg_vcmp *a)
{
    return vfp_cmp(dc, a);
}

/* ---- Conversions ---- */

/* Vd = cvt(Vm); the registers' precision given separately */
static void vfp_gen_cvt(DisasContext *dc, int vd, bool d_dp, int vm,
                        bool m_dp, uint32_t op)
{
    IRTemp *r = ir_temp_i64(dc->f);
    IRTemp *args[2] = { vfp_load(dc, vm, m_dp), ir_const_i32(dc->f, op) };
    gen_helper_call(dc, &arm_helper_vfp_cvt, r, args);
    vfp_store(dc, vd, d_dp, r);
}

#define CVT_OP(kind, from, to)                                              \
    ((kind) | (uint32_t)(from) << VFP_CVT_FROM_SHIFT |                      \
     (uint32_t)(to) << VFP_CVT_TO_SHIFT)
enum { F16 = 0, F32 = 1, F64 = 2 };     /* FPFmt values */

static bool trans_VCVT_f64_f32(DisasContext *dc, arg_vrr *a)
{
    vfp_check(dc);
    vfp_gen_cvt(dc, a->vd, true, a->vm, false,
                CVT_OP(VFP_CVT_F2F, F32, F64));
    return true;
}

static bool trans_VCVT_f32_f64(DisasContext *dc, arg_vrr *a)
{
    vfp_check(dc);
    vfp_gen_cvt(dc, a->vd, false, a->vm, true,
                CVT_OP(VFP_CVT_F2F, F64, F32));
    return true;
}

/* VCVTB/VCVTT: a->dp holds T (top half) */
static bool trans_VCVT_f32_f16(DisasContext *dc, arg_vrr *a)
{
    IRFunc *f = dc->f;
    vfp_check(dc);
    IRTemp *h = vfp_load(dc, a->vm, false), *r = ir_temp_i64(f);
    if (a->dp) {
        ir_shri_i64(f, h, h, 16);
    }
    ir_andi_i64(f, h, h, 0xffff);
    IRTemp *args[2] = { h, ir_const_i32(f, CVT_OP(VFP_CVT_F2F, F16, F32)) };
    gen_helper_call(dc, &arm_helper_vfp_cvt, r, args);
    vfp_store(dc, a->vd, false, r);
    return true;
}

static bool trans_VCVT_f16_f32(DisasContext *dc, arg_vrr *a)
{
    IRFunc *f = dc->f;
    IRTemp *r = ir_temp_i64(f);
    vfp_check(dc);
    IRTemp *args[2] = { vfp_load(dc, a->vm, false),
                        ir_const_i32(f, CVT_OP(VFP_CVT_F2F, F32, F16)) };
    gen_helper_call(dc, &arm_helper_vfp_cvt, r, args);
    IRTemp *d = vfp_load(dc, a->vd, false);
    ir_deposit(f, IR_I64, d, d, r, a->dp ? 16 : 0, 16);
    vfp_store(dc, a->vd, false, d);
    return true;
}

/* Integer <-> float: the integer is always an S register */
static bool vfp_cvt_int(DisasContext *dc, arg_vcvt_int *a, bool to_int)
{
    int fmt = a->dp ? F64 : F32;
    uint32_t op;
    vfp_check(dc);
    if (to_int) {
        op = CVT_OP(VFP_CVT_F2I, fmt, F32) |
             (a->s ? 0 : VFP_CVT_UNSIGNED) | (a->rz ? VFP_CVT_RZ : 0);
        vfp_gen_cvt(dc, a->vd, false, a->vm, a->dp, op);
    } else {
        op = CVT_OP(VFP_CVT_I2F, F32, fmt) | (a->s ? 0 : VFP_CVT_UNSIGNED);
        vfp_gen_cvt(dc, a->vd, a->dp, a->vm, false, op);
    }
    return true;
}

static bool trans_VCVT_int_sp(DisasContext *dc, arg_vcvt_int *a)
{
    return vfp_cvt_int(dc, a, false);
}

static bool trans_VCVT_int_dp(DisasContext *dc, arg_vcvt_int *a)
{
    return vfp_cvt_int(dc, a, false);
}

static bool trans_VCVT_sp_int(DisasContext *dc, arg_vcvt_int *a)
{
    return vfp_cvt_int(dc, a, true);
}

static bool trans_VCVT_dp_int(DisasContext *dc, arg_vcvt_int *a)
{
    return vfp_cvt_int(dc, a, true);
}

/* Fixed point, in place: frac_bits = size - imm (size 16 or 32) */
static bool vfp_cvt_fix(DisasContext *dc, arg_vcvt_fix *a)
{
    int size = a->sx ? 32 : 16;
    int frac = size - a->imm;
    int fmt = a->dp ? F64 : F32;
    uint32_t op = (a->u ? VFP_CVT_UNSIGNED : 0) |
                  (size == 16 ? VFP_CVT_16 : 0) |
                  (uint32_t)frac << VFP_CVT_FRAC_SHIFT;
    if (frac < 0) {
        return false;
    }
    vfp_check(dc);
    if (a->opc) {
        op |= CVT_OP(VFP_CVT_F2I, fmt, fmt) | VFP_CVT_RZ;
    } else {
        op |= CVT_OP(VFP_CVT_I2F, fmt, fmt);
    }
    vfp_gen_cvt(dc, a->vd, a->dp, a->vd, a->dp, op);
    return true;
}

static bool trans_VCVT_fix_sp(DisasContext *dc, arg_vcvt_fix *a)
{
    return vfp_cvt_fix(dc, a);
}

static bool trans_VCVT_fix_dp(DisasContext *dc, arg_vcvt_fix *a)
{
    return vfp_cvt_fix(dc, a);
}

/* ---- Loads and stores ---- */

/* One S register, or a D register as two words (MemA: word aligned) */
static void vfp_gen_ldst(DisasContext *dc, int reg, bool dp, IRTemp *addr,
                         bool load)
{
    IRFunc *f = dc->f;
    MemOp mop = MO_32 | MO_ALIGN;
    if (!dp) {
        IRTemp *v = load ? ir_temp_i32(f) : vfp_load32(dc, reg);
        if (load) {
            gen_aa32_ld(dc, v, addr, mop);
            vfp_store32(dc, reg, v);
        } else {
            gen_aa32_st(dc, v, addr, mop);
        }
        return;
    }
    /* word at addr is the low half (little-endian) or high half (BE) */
    IRTemp *a2 = ir_temp_i32(f);
    ir_addi_i32(f, a2, addr, 4);
    int first = dc->be_data ? 1 : 0;
    IRTemp *v = ir_temp_i32(f);
    for (int i = 0; i < 2; i++) {
        int s = reg * 2 + (i ^ first);
        IRTemp *ad = i ? a2 : addr;
        if (load) {
            gen_aa32_ld(dc, v, ad, mop);
            ir_st(f, IR_st, IR_I32, v, f->env, vfp_reg_off(0, true) + s * 4);
        } else {
            ir_ld(f, IR_ld, IR_I32, v, f->env, vfp_reg_off(0, true) + s * 4);
            gen_aa32_st(dc, v, ad, mop);
        }
    }
}

/* Base register value in a new temp; pc reads as Align(pc, 4) */
static IRTemp *vfp_base(DisasContext *dc, int rn)
{
    IRTemp *t = load_reg(dc, rn);
    if (rn == 15) {
        ir_movi_i32(dc->f, t, read_pc(dc) & ~3u);
    }
    return t;
}

static bool vfp_ldr(DisasContext *dc, arg_vldr *a)
{
    uint32_t off = (uint32_t)a->imm * 4;
    vfp_check(dc);
    IRTemp *addr = vfp_base(dc, a->rn);
    ir_addi_i32(dc->f, addr, addr, a->u ? off : -off);
    vfp_gen_ldst(dc, a->vd, a->dp, addr, a->l);
    return true;
}

static bool trans_VLDR_VSTR_sp(DisasContext *dc, arg_vldr *a)
{
    return vfp_ldr(dc, a);
}

static bool trans_VLDR_VSTR_dp(DisasContext *dc, arg_vldr *a)
{
    return vfp_ldr(dc, a);
}

/* VLDM/VSTM (IA with optional writeback, DB with writeback), VPUSH/VPOP */
static bool vfp_ldm(DisasContext *dc, arg_vldm *a)
{
    IRFunc *f = dc->f;
    int n = a->dp ? a->imm / 2 : a->imm;
    uint32_t bytes = (uint32_t)a->imm * 4;
    if (a->p == a->u || n == 0 || a->vd + n > (a->dp ? 32 : 32) ||
        (a->dp && n > 16) || (a->rn == 15 && (a->w || dc->thumb))) {
        return false;
    }
    vfp_check(dc);
    IRTemp *base = vfp_base(dc, a->rn), *addr = ir_temp_i32(f);
    ir_addi_i32(f, addr, base, a->p ? -bytes : 0);
    for (int i = 0; i < n; i++) {
        vfp_gen_ldst(dc, a->vd + i, a->dp, addr, a->l);
        ir_addi_i32(f, addr, addr, a->dp ? 8 : 4);
    }
    if (a->w) {
        ir_addi_i32(f, base, base, a->p ? -bytes : bytes);
        store_reg(dc, a->rn, base);
    }
    return true;
}

static bool trans_VLDM_VSTM_sp(DisasContext *dc, arg_vldm *a)
{
    return vfp_ldm(dc, a);
}

static bool trans_VLDM_VSTM_dp(DisasContext *dc, arg_vldm *a)
{
    return vfp_ldm(dc, a);
}

/* ---- Transfers with core registers ---- */

static bool trans_VMOV_single(DisasContext *dc, arg_vmov_sr *a)
{
    if (a->rt == 15 || (dc->thumb && a->rt == 13)) {
        return false;
    }
    vfp_check(dc);
    if (a->l) {
        store_reg(dc, a->rt, vfp_load32(dc, a->vn));
    } else {
        vfp_store32(dc, a->vn, load_reg(dc, a->rt));
    }
    return true;
}

static bool vfp_mov_64(DisasContext *dc, arg_vmov_2s *a, bool dp)
{
    int s = dp ? a->vm * 2 : a->vm;
    if (a->rt == 15 || a->rt2 == 15 || (!dp && a->vm == 31) ||
        (a->l && a->rt == a->rt2) ||
        (dc->thumb && (a->rt == 13 || a->rt2 == 13))) {
        return false;
    }
    vfp_check(dc);
    if (a->l) {
        store_reg(dc, a->rt, vfp_load32(dc, s));
        store_reg(dc, a->rt2, vfp_load32(dc, s + 1));
    } else {
        vfp_store32(dc, s, load_reg(dc, a->rt));
        vfp_store32(dc, s + 1, load_reg(dc, a->rt2));
    }
    return true;
}

static bool trans_VMOV_64_sp(DisasContext *dc, arg_vmov_2s *a)
{
    return vfp_mov_64(dc, a, false);
}

static bool trans_VMOV_64_dp(DisasContext *dc, arg_vmov_2s *a)
{
    return vfp_mov_64(dc, a, true);
}

/* VMOV between a core register and a scalar Dn[x] of 8, 16 or 32 bits */
static bool vfp_mov_scalar(DisasContext *dc, arg_vmov_sc *a)
{
    IRFunc *f = dc->f;
    int idx = a->idx, size, index;
    if (idx & 8) {
        size = 8, index = idx & 7;
    } else if (idx & 1) {
        size = 16, index = (idx >> 1) & 3;
    } else if (!(idx & 2)) {
        size = 32, index = idx >> 2;
    } else {
        return false;
    }
    if (a->rt == 15 || (dc->thumb && a->rt == 13) || (size == 32 && a->u)) {
        return false;
    }
    vfp_check(dc);
    int32_t off = vfp_reg_off(a->vn, true) + index * size / 8;
    IRTemp *v = ir_temp_i32(f);
    if (a->l) {
        static const IROpcode lds[2][3] = {
            { IR_ld8s, IR_ld16s, IR_ld }, { IR_ld8u, IR_ld16u, IR_ld },
        };
        ir_ld(f, lds[a->u][size / 16], IR_I32, v, f->env, off);
        store_reg(dc, a->rt, v);
    } else {
        static const IROpcode sts[3] = { IR_st8, IR_st16, IR_st };
        load_reg_var(dc, v, a->rt);
        ir_st(f, sts[size / 16], IR_I32, v, f->env, off);
    }
    return true;
}

static bool trans_VMOV_to_sc(DisasContext *dc, arg_vmov_sc *a)
{
    return vfp_mov_scalar(dc, a);
}

static bool trans_VMOV_from_sc(DisasContext *dc, arg_vmov_sc *a)
{
    return vfp_mov_scalar(dc, a);
}

/* ---- VMRS / VMSR ---- */

static bool vfp_vmrs(DisasContext *dc, arg_vsys *a)
{
    IRFunc *f = dc->f;
    IRTemp *v = ir_temp_i32(f);
    if (a->reg == VFP_REG_FPSCR) {
        ir_ld(f, IR_ld, IR_I32, v, f->env, offsetof(ARMCPU, fpscr));
        if (a->rt == 15) {
            ir_mov_i32(f, dc->cpu_NF, v);
            ir_andi_i32(f, dc->cpu_ZF, v, 1u << 30);
            ir_xori_i32(f, dc->cpu_ZF, dc->cpu_ZF, 1u << 30);
            ir_extract(f, IR_I32, dc->cpu_CF, v, 29, 1);
            ir_shli_i32(f, dc->cpu_VF, v, 3);
            return true;
        }
    } else if (a->reg == VFP_REG_FPEXC) {
        ir_ld(f, IR_ld, IR_I32, v, f->env, offsetof(ARMCPU, fpexc));
    } else {
        uint32_t id = a->reg == VFP_REG_FPSID   ? arm_vfp_fpsid(dc->cpu)
                      : a->reg == VFP_REG_MVFR0 ? arm_vfp_mvfr0(dc->cpu)
                                                : arm_vfp_mvfr1(dc->cpu);
        ir_movi_i32(f, v, id);
    }
    store_reg(dc, a->rt, v);
    return true;
}

static bool vfp_vmsr(DisasContext *dc, arg_vsys *a)
{
    IRFunc *f = dc->f;
    IRTemp *v = load_reg(dc, a->rt);
    if (a->reg == VFP_REG_FPSCR) {
        ir_andi_i32(f, v, v, FPSCR_WRITE_MASK);
        ir_st(f, IR_st, IR_I32, v, f->env, offsetof(ARMCPU, fpscr));
        dc->base.is_jmp = DISAS_UPDATE_NEXT;
    } else if (a->reg == VFP_REG_FPEXC) {
        ir_andi_i32(f, v, v, FPEXC_EN);
        ir_st(f, IR_st, IR_I32, v, f->env, offsetof(ARMCPU, fpexc));
        dc->base.is_jmp = DISAS_UPDATE_NEXT;
    } else if (a->reg != VFP_REG_FPSID) {
        return false;
    }
    return true;
}

static bool trans_VMSR_VMRS(DisasContext *dc, arg_vsys *a)
{
    bool fpscr = a->reg == VFP_REG_FPSCR;
    bool known = fpscr || a->reg == VFP_REG_FPSID ||
                 a->reg == VFP_REG_FPEXC || a->reg == VFP_REG_MVFR0 ||
                 a->reg == VFP_REG_MVFR1;
    if (!known || (dc->user && !fpscr) || (a->rt == 15 && !(a->l && fpscr)) ||
        (dc->thumb && a->rt == 13) ||
        (!a->l && (a->reg == VFP_REG_MVFR0 || a->reg == VFP_REG_MVFR1))) {
        return false;
    }
    vfp_gen_check_sys(dc, fpscr, true);
    return a->l ? vfp_vmrs(dc, a) : vfp_vmsr(dc, a);
}

/* ---- Advanced SIMD VDUP from a core register ---- */

static bool trans_VDUP_core(DisasContext *dc, arg_vdup *a)
{
    IRFunc *f = dc->f;
    if (a->be == 3 || a->rt == 15 || (a->q && (a->vd & 1)) ||
        (dc->thumb && a->rt == 13)) {
        return false;
    }
    vfp_check(dc);
    IRTemp *v = ir_temp_i64(f);
    ir_extu_i32_i64(f, v, load_reg_ro(dc, a->rt));
    if (a->be == 2) {
        ir_andi_i64(f, v, v, 0xff);
        ir_muli_i64(f, v, v, 0x0101010101010101ull);
    } else if (a->be == 1) {
        ir_andi_i64(f, v, v, 0xffff);
        ir_muli_i64(f, v, v, 0x0001000100010001ull);
    } else {
        ir_muli_i64(f, v, v, 0x0000000100000001ull);
    }
    for (int i = 0; i <= a->q; i++) {
        vfp_store(dc, a->vd + i, true, v);
    }
    return true;
}
