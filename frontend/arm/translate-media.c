/* SPDX-License-Identifier: MIT */
/*
 * A32 and T32 media and DSP instructions (ARMv7-A): saturating arithmetic,
 * the signed halfword/dual multiplies, parallel add/subtract, packing,
 * extends, reversal and bit fields.  translate.c calls
 * arm_decode_a32_media() / arm_decode_t32_media() after its own decoders
 * decline; the condition (or IT state) is already handled.  Both decoders
 * share the trans_* functions below (the T16 forms, REV and the extends,
 * are in t16-dp.decode).  Simple cases are inline IR; the SIMD-within-
 * register and saturation families call the pure helpers of helper-media.c.
 *
 * UNPREDICTABLE register choices follow qemu-system-arm 7.2: r15 as an
 * operand reads as read_pc(), r15 as a destination is a plain branch
 * (store_reg), RdHi == RdLo keeps the high word, SMMLS with Ra == r15 is
 * SMMUL, and the encodings QEMU treats as UNDEFINED (UBFX/SBFX past bit
 * 31, BFI with msb < lsb, non-zero SBZ bits) are UNDEFINED here too.
 */
#include "frontend/arm/translate.h"
#include "frontend/arm/helper-media.h"

/* T32 parallel add/subtract: hw2[6:4] = U:op2 (op2 3 is UNDEFINED) */
static int t32_pas_kind(DisasContext *dc, int x)
{
    (void)dc;
    return (x & 3) == 3 ? 0 : (x & 4) | ((x & 3) + 1);
}

/* T32 parallel add/subtract: hw1[6:4] = op1; 3 and 7 are UNDEFINED (5) */
static int t32_pas_op(DisasContext *dc, int x)
{
    static const int a32_op[8] = {
        ARM_PAS_ADD8, ARM_PAS_ADD16, ARM_PAS_ASX, 5,
        ARM_PAS_SUB8, ARM_PAS_SUB16, ARM_PAS_SAX, 5,
    };
    (void)dc;
    return a32_op[x & 7];
}

#include "frontend/arm/a32-media-decode.c.inc"
#include "frontend/arm/t32-media-decode.c.inc"

bool arm_decode_a32_media(DisasContext *dc, uint32_t insn)
{
    return decode_a32_media(dc, insn);
}

bool arm_decode_t32_media(DisasContext *dc, uint32_t insn)
{
    return decode_t32_media(dc, insn);
}

/* ---- Small IR utilities ---- */

static IRTemp *new32(DisasContext *dc)
{
    return ir_temp_i32(dc->f);
}

static IRTemp *new64(DisasContext *dc)
{
    return ir_temp_i64(dc->f);
}

/* A pure helper returning result | flags << 32: split the two halves. */
static IRTemp *gen_call_flags(DisasContext *dc, const IRHelper *h,
                              IRTemp *a, IRTemp *b, IRTemp **flags)
{
    IRTemp *args[2] = { a, b };
    IRTemp *r64 = new64(dc);
    IRTemp *res = new32(dc);

    ir_call(dc->f, h, r64, args);
    ir_extrl_i64_i32(dc->f, res, r64);
    *flags = new32(dc);
    ir_extrh_i64_i32(dc->f, *flags, r64);
    return res;
}

/* QF |= q, where q is 0 or 1 */
static void gen_or_q(DisasContext *dc, IRTemp *q)
{
    ir_or_i32(dc->f, dc->cpu_QF, dc->cpu_QF, q);
}

/* Set Q if the i64 value v does not fit in 32 signed bits. */
static void gen_q_if_not_s32(DisasContext *dc, IRTemp *v)
{
    IRTemp *s = new64(dc), *ne = new64(dc), *q = new32(dc);

    ir_ext32s_i64(dc->f, s, v);
    ir_setcond(dc->f, IR_I64, IR_COND_NE, ne, v, s);
    ir_extrl_i64_i32(dc->f, q, ne);
    gen_or_q(dc, q);
}

/* Register as a sign-extended i64 */
static IRTemp *load_reg_s64(DisasContext *dc, int reg)
{
    IRTemp *v = new64(dc);

    ir_ext_i32_i64(dc->f, v, load_reg(dc, reg));
    return v;
}

/* RdHi:RdLo as an i64 */
static IRTemp *load_reg_pair(DisasContext *dc, int lo, int hi)
{
    IRTemp *l = new64(dc), *h = new64(dc), *v = new64(dc);

    ir_extu_i32_i64(dc->f, l, load_reg(dc, lo));
    ir_extu_i32_i64(dc->f, h, load_reg(dc, hi));
    ir_shli_i64(dc->f, h, h, 32);
    ir_or_i64(dc->f, v, h, l);
    return v;
}

/* Store an i64 to RdHi:RdLo (low first, as QEMU: hi wins if equal). */
static void store_reg_pair(DisasContext *dc, int lo, int hi, IRTemp *v)
{
    IRTemp *l = new32(dc), *h = new32(dc);

    ir_extrl_i64_i32(dc->f, l, v);
    ir_extrh_i64_i32(dc->f, h, v);
    store_reg(dc, lo, l);
    store_reg(dc, hi, h);
}

/* Signed 16-bit half of a register (top or bottom), as i32 */
static IRTemp *load_half_s(DisasContext *dc, int reg, bool top)
{
    IRTemp *v = new32(dc);

    ir_sextract(dc->f, IR_I32, v, load_reg(dc, reg), top ? 16 : 0, 16);
    return v;
}

/* ---- Saturating add and subtract ---- */

static bool gen_qarith(DisasContext *dc, arg_rrr *a, const IRHelper *h)
{
    IRTemp *q;
    IRTemp *res = gen_call_flags(dc, h, load_reg(dc, a->rm),
                                 load_reg(dc, a->rn), &q);

    gen_or_q(dc, q);
    store_reg(dc, a->rd, res);
    return true;
}

static bool trans_QADD(DisasContext *dc, arg_QADD *a)
{
    return gen_qarith(dc, a, &arm_helper_qadd);
}

static bool trans_QSUB(DisasContext *dc, arg_QSUB *a)
{
    return gen_qarith(dc, a, &arm_helper_qsub);
}

static bool trans_QDADD(DisasContext *dc, arg_QDADD *a)
{
    return gen_qarith(dc, a, &arm_helper_qdadd);
}

static bool trans_QDSUB(DisasContext *dc, arg_QDSUB *a)
{
    return gen_qarith(dc, a, &arm_helper_qdsub);
}

/* ---- Halfword multiplies ---- */

static bool trans_SMULxy(DisasContext *dc, arg_SMULxy *a)
{
    IRTemp *d = new32(dc);

    ir_mul_i32(dc->f, d, load_half_s(dc, a->rn, a->nt),
               load_half_s(dc, a->rm, a->mt));
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SMLAxy(DisasContext *dc, arg_SMLAxy *a)
{
    IRFunc *f = dc->f;
    IRTemp *p = new32(dc), *acc = load_reg(dc, a->ra), *d = new32(dc);
    IRTemp *t = new32(dc), *u = new32(dc);

    ir_mul_i32(f, p, load_half_s(dc, a->rn, a->nt),
               load_half_s(dc, a->rm, a->mt));
    ir_add_i32(f, d, p, acc);
    /* signed overflow: the sum's sign differs from both operands' */
    ir_xor_i32(f, t, d, p);
    ir_xor_i32(f, u, d, acc);
    ir_and_i32(f, t, t, u);
    ir_shri_i32(f, t, t, 31);
    gen_or_q(dc, t);
    store_reg(dc, a->rd, d);
    return true;
}

/* SInt(Rn) * SInt(Rm half) >> 16, exact, as i64 */
static IRTemp *gen_mulw(DisasContext *dc, arg_rrrr_xy *a)
{
    IRTemp *h = new64(dc), *p = new64(dc);

    ir_ext_i32_i64(dc->f, h, load_half_s(dc, a->rm, a->mt));
    ir_mul_i64(dc->f, p, load_reg_s64(dc, a->rn), h);
    ir_sari_i64(dc->f, p, p, 16);
    return p;
}

static bool trans_SMULWy(DisasContext *dc, arg_SMULWy *a)
{
    IRTemp *d = new32(dc);

    ir_extrl_i64_i32(dc->f, d, gen_mulw(dc, a));
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SMLAWy(DisasContext *dc, arg_SMLAWy *a)
{
    /* (p + (Ra << 16)) >> 16 == (p >> 16) + Ra exactly */
    IRTemp *r = new64(dc), *d = new32(dc);

    ir_add_i64(dc->f, r, gen_mulw(dc, a), load_reg_s64(dc, a->ra));
    gen_q_if_not_s32(dc, r);
    ir_extrl_i64_i32(dc->f, d, r);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SMLALxy(DisasContext *dc, arg_SMLALxy *a)
{
    IRTemp *p = new32(dc), *p64 = new64(dc), *r = new64(dc);

    ir_mul_i32(dc->f, p, load_half_s(dc, a->rn, a->nt),
               load_half_s(dc, a->rm, a->mt));
    ir_ext_i32_i64(dc->f, p64, p);
    ir_add_i64(dc->f, r, load_reg_pair(dc, a->ra, a->rd), p64);
    store_reg_pair(dc, a->ra, a->rd, r);
    return true;
}

/* ---- Dual and most-significant-word multiplies ---- */

/*
 * p1 +/- p2 as an exact i64, where p1 = Rn.lo * Rm'.lo and
 * p2 = Rn.hi * Rm'.hi (Rm' = Rm with halves swapped when x).
 */
static IRTemp *gen_dual_mul(DisasContext *dc, arg_rrrr_x *a, bool sub)
{
    IRFunc *f = dc->f;
    IRTemp *m = load_reg(dc, a->rm);
    IRTemp *p1 = new32(dc), *p2 = new32(dc), *s1 = new64(dc);
    IRTemp *s2 = new64(dc), *r = new64(dc);

    if (a->x) {
        IRTemp *sw = new32(dc);
        ir_rotli_i32(f, sw, m, 16);
        m = sw;
    }
    IRTemp *ml = new32(dc), *mh = new32(dc);
    ir_sextract(f, IR_I32, ml, m, 0, 16);
    ir_sextract(f, IR_I32, mh, m, 16, 16);
    ir_mul_i32(f, p1, load_half_s(dc, a->rn, false), ml);
    ir_mul_i32(f, p2, load_half_s(dc, a->rn, true), mh);
    ir_ext_i32_i64(f, s1, p1);
    ir_ext_i32_i64(f, s2, p2);
    if (sub) {
        ir_sub_i64(f, r, s1, s2);
    } else {
        ir_add_i64(f, r, s1, s2);
    }
    return r;
}

/* SMLAD, SMLSD (SMUAD, SMUSD when ra == 15): Q on signed overflow */
static bool gen_smlad(DisasContext *dc, arg_rrrr_x *a, bool sub)
{
    IRTemp *r = gen_dual_mul(dc, a, sub), *d = new32(dc);

    if (a->ra != 15) {
        ir_add_i64(dc->f, r, r, load_reg_s64(dc, a->ra));
    }
    gen_q_if_not_s32(dc, r);
    ir_extrl_i64_i32(dc->f, d, r);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SMLAD(DisasContext *dc, arg_SMLAD *a)
{
    return gen_smlad(dc, a, false);
}

static bool trans_SMLSD(DisasContext *dc, arg_SMLSD *a)
{
    return gen_smlad(dc, a, true);
}

/* SMLALD, SMLSLD: 64-bit accumulate in RdHi:RdLo = rd:ra */
static bool gen_smlald(DisasContext *dc, arg_rrrr_x *a, bool sub)
{
    IRTemp *r = gen_dual_mul(dc, a, sub);

    ir_add_i64(dc->f, r, r, load_reg_pair(dc, a->ra, a->rd));
    store_reg_pair(dc, a->ra, a->rd, r);
    return true;
}

static bool trans_SMLALD(DisasContext *dc, arg_SMLALD *a)
{
    return gen_smlald(dc, a, false);
}

static bool trans_SMLSLD(DisasContext *dc, arg_SMLSLD *a)
{
    return gen_smlald(dc, a, true);
}

/*
 * SMMLA, SMMLS (x = round): Rd = ((Ra << 32) +/- Rn * Rm [+ 2^31]) >> 32.
 * ra == 15 is SMMUL; QEMU also takes SMMLS with ra == 15 as SMMUL.
 */
static bool gen_smmla(DisasContext *dc, arg_rrrr_x *a, bool sub)
{
    IRFunc *f = dc->f;
    IRTemp *r = new64(dc), *d = new32(dc);

    ir_mul_i64(f, r, load_reg_s64(dc, a->rn), load_reg_s64(dc, a->rm));
    if (a->ra != 15) {
        IRTemp *acc = new64(dc);
        ir_extu_i32_i64(f, acc, load_reg(dc, a->ra));
        ir_shli_i64(f, acc, acc, 32);
        if (sub) {
            ir_sub_i64(f, r, acc, r);
        } else {
            ir_add_i64(f, r, acc, r);
        }
    }
    if (a->x) {
        ir_addi_i64(f, r, r, 0x80000000u);
    }
    ir_extrh_i64_i32(f, d, r);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SMMLA(DisasContext *dc, arg_SMMLA *a)
{
    return gen_smmla(dc, a, false);
}

static bool trans_SMMLS(DisasContext *dc, arg_SMMLS *a)
{
    return gen_smmla(dc, a, true);
}

/* ---- Parallel add/subtract, SEL, USAD8 ---- */

/*
 * UADD8 inline (string routines use it with SEL): SWAR byte add, the
 * carry out of each byte from the top bits, GE gathered by a multiply
 * (bits 7, 15, 23, 31 land on 28..31 with no overlapping partial sums).
 */
static void gen_uadd8(DisasContext *dc, IRTemp *d, IRTemp *n, IRTemp *m)
{
    IRFunc *f = dc->f;
    IRTemp *s = new32(dc), *t = new32(dc), *c = new32(dc);

    ir_andi_i32(f, s, n, 0x7f7f7f7fu);
    ir_andi_i32(f, t, m, 0x7f7f7f7fu);
    ir_add_i32(f, s, s, t);
    ir_xor_i32(f, t, n, m);
    ir_andi_i32(f, t, t, 0x80808080u);
    ir_xor_i32(f, d, s, t);
    /* carry = (n & m) | ((n | m) & ~sum), per byte at bit 7 */
    ir_and_i32(f, c, n, m);
    ir_or_i32(f, t, n, m);
    ir_andc_i32(f, t, t, d);
    ir_or_i32(f, c, c, t);
    ir_shri_i32(f, c, c, 7);
    ir_andi_i32(f, c, c, 0x01010101u);
    ir_muli_i32(f, c, c, 0x10204080u);
    ir_shri_i32(f, dc->cpu_GE, c, 28);
}

static bool trans_PAS(DisasContext *dc, arg_PAS *a)
{
    const IRHelper *h = arm_media_pas_helper(a->kind, a->op);
    IRTemp *ge, *res;

    if (!h) {
        return false;
    }
    if (a->kind == ARM_PAS_U && a->op == ARM_PAS_ADD8) {
        res = new32(dc);
        gen_uadd8(dc, res, load_reg(dc, a->rn), load_reg(dc, a->rm));
        store_reg(dc, a->rd, res);
        return true;
    }
    res = gen_call_flags(dc, h, load_reg(dc, a->rn), load_reg(dc, a->rm),
                         &ge);
    if (a->kind == ARM_PAS_S || a->kind == ARM_PAS_U) {
        ir_mov_i32(dc->f, dc->cpu_GE, ge);
    }
    store_reg(dc, a->rd, res);
    return true;
}

/*
 * SEL: byte i from Rn if GE[i] else from Rm.  The byte mask comes from GE
 * without a loop: GE * 0x00204081 puts GE[i] at bit 8i (the four shifted
 * copies do not overlap, so nothing carries), then each 0x01 becomes 0xff.
 */
static bool trans_SEL(DisasContext *dc, arg_SEL *a)
{
    IRFunc *f = dc->f;
    IRTemp *mask = new32(dc), *t = new32(dc), *d = new32(dc);

    ir_muli_i32(f, mask, dc->cpu_GE, 0x00204081u);
    ir_andi_i32(f, mask, mask, 0x01010101u);
    ir_muli_i32(f, mask, mask, 0xff);
    ir_and_i32(f, t, load_reg(dc, a->rn), mask);
    ir_andc_i32(f, d, load_reg(dc, a->rm), mask);
    ir_or_i32(f, d, d, t);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_USADA8(DisasContext *dc, arg_USADA8 *a)
{
    IRTemp *d = new32(dc);
    IRTemp *args[2] = { load_reg(dc, a->rn), load_reg(dc, a->rm) };

    ir_call(dc->f, &arm_helper_usad8, d, args);
    if (a->ra != 15) {
        ir_add_i32(dc->f, d, d, load_reg(dc, a->ra));
    }
    store_reg(dc, a->rd, d);
    return true;
}

/* ---- Saturation and packing ---- */

/* SSAT/USAT operand: LSL #imm, or ASR #imm (imm 0 = ASR #32) */
static IRTemp *gen_sat_operand(DisasContext *dc, arg_sat *a)
{
    IRTemp *v = new32(dc);

    if (a->sh) {
        ir_sari_i32(dc->f, v, load_reg(dc, a->rn), a->imm ? a->imm : 31);
    } else {
        ir_shli_i32(dc->f, v, load_reg(dc, a->rn), a->imm);
    }
    return v;
}

static bool gen_sat(DisasContext *dc, arg_sat *a, const IRHelper *h,
                    IRTemp *v, unsigned bits)
{
    IRTemp *q;
    IRTemp *res = gen_call_flags(dc, h, v, ir_const_i32(dc->f, bits), &q);

    gen_or_q(dc, q);
    store_reg(dc, a->rd, res);
    return true;
}

static bool trans_SSAT(DisasContext *dc, arg_SSAT *a)
{
    return gen_sat(dc, a, &arm_helper_ssat, gen_sat_operand(dc, a),
                   a->satimm + 1);
}

static bool trans_USAT(DisasContext *dc, arg_USAT *a)
{
    return gen_sat(dc, a, &arm_helper_usat, gen_sat_operand(dc, a),
                   a->satimm);
}

static bool trans_SSAT16(DisasContext *dc, arg_SSAT16 *a)
{
    return gen_sat(dc, a, &arm_helper_ssat16, load_reg(dc, a->rn),
                   a->satimm + 1);
}

static bool trans_USAT16(DisasContext *dc, arg_USAT16 *a)
{
    return gen_sat(dc, a, &arm_helper_usat16, load_reg(dc, a->rn),
                   a->satimm);
}

/* PKHBT: Rn[15:0] | (Rm LSL imm)[31:16]; PKHTB: (Rm ASR imm)[15:0] |
 * Rn[31:16], imm 0 meaning ASR #32 */
static bool trans_PKH(DisasContext *dc, arg_PKH *a)
{
    IRTemp *m = new32(dc), *d = new32(dc);

    if (a->tb) {
        ir_sari_i32(dc->f, m, load_reg(dc, a->rm), a->imm ? a->imm : 31);
        ir_deposit(dc->f, IR_I32, d, load_reg(dc, a->rn), m, 0, 16);
    } else {
        ir_shli_i32(dc->f, m, load_reg(dc, a->rm), a->imm);
        ir_deposit(dc->f, IR_I32, d, m, load_reg(dc, a->rn), 0, 16);
    }
    store_reg(dc, a->rd, d);
    return true;
}

/* ---- Reversal ---- */

static bool trans_REV(DisasContext *dc, arg_REV *a)
{
    IRTemp *d = new32(dc);

    ir_bswap32_i32(dc->f, d, load_reg(dc, a->rm));
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_REV16(DisasContext *dc, arg_REV16 *a)
{
    IRFunc *f = dc->f;
    IRTemp *m = load_reg(dc, a->rm);
    IRTemp *hi = new32(dc), *lo = new32(dc), *d = new32(dc);

    ir_shri_i32(f, hi, m, 8);
    ir_andi_i32(f, hi, hi, 0x00ff00ffu);
    ir_andi_i32(f, lo, m, 0x00ff00ffu);
    ir_shli_i32(f, lo, lo, 8);
    ir_or_i32(f, d, hi, lo);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_REVSH(DisasContext *dc, arg_REVSH *a)
{
    IRTemp *d = new32(dc);

    ir_bswap16_i32(dc->f, d, load_reg(dc, a->rm));
    ir_ext16s_i32(dc->f, d, d);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_RBIT(DisasContext *dc, arg_RBIT *a)
{
    IRTemp *d = new32(dc);
    IRTemp *args[1] = { load_reg(dc, a->rm) };

    ir_call(dc->f, &arm_helper_rbit, d, args);
    store_reg(dc, a->rd, d);
    return true;
}

/* ---- Extends (rn == 15: no accumulate) ---- */

static IRTemp *gen_rotated(DisasContext *dc, arg_rrr_rot *a)
{
    IRTemp *m = load_reg(dc, a->rm);
    IRTemp *v;

    if (!a->rot) {
        return m;
    }
    v = new32(dc);
    ir_rotri_i32(dc->f, v, m, a->rot * 8);
    return v;
}

typedef void ExtendFn(IRFunc *f, IRTemp *d, IRTemp *a);

static bool gen_xta(DisasContext *dc, arg_rrr_rot *a, ExtendFn *ext)
{
    IRTemp *d = new32(dc);

    ext(dc->f, d, gen_rotated(dc, a));
    if (a->rn != 15) {
        ir_add_i32(dc->f, d, d, load_reg(dc, a->rn));
    }
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SXTAB(DisasContext *dc, arg_SXTAB *a)
{
    return gen_xta(dc, a, ir_ext8s_i32);
}

static bool trans_SXTAH(DisasContext *dc, arg_SXTAH *a)
{
    return gen_xta(dc, a, ir_ext16s_i32);
}

static bool trans_UXTAB(DisasContext *dc, arg_UXTAB *a)
{
    return gen_xta(dc, a, ir_ext8u_i32);
}

static bool trans_UXTAH(DisasContext *dc, arg_UXTAH *a)
{
    return gen_xta(dc, a, ir_ext16u_i32);
}

/*
 * XTAB16: bytes 0 and 2 of the rotated Rm, extended to 16 bits each and
 * added to the halves of Rn (each half wraps on its own).
 */
static bool gen_xtab16(DisasContext *dc, arg_rrr_rot *a, bool is_signed)
{
    IRFunc *f = dc->f;
    IRTemp *m = gen_rotated(dc, a);
    IRTemp *lo = new32(dc), *hi = new32(dc), *d = new32(dc);

    if (is_signed) {
        ir_ext8s_i32(f, lo, m);
        ir_sextract(f, IR_I32, hi, m, 16, 8);
        ir_shli_i32(f, hi, hi, 16);
    } else {
        ir_andi_i32(f, lo, m, 0xff);
        ir_andi_i32(f, hi, m, 0x00ff0000u);
    }
    if (a->rn != 15) {
        IRTemp *n = load_reg(dc, a->rn), *nh = new32(dc);
        ir_add_i32(f, lo, lo, n);
        ir_andi_i32(f, nh, n, 0xffff0000u);
        ir_add_i32(f, hi, hi, nh);
    }
    ir_deposit(f, IR_I32, d, hi, lo, 0, 16);
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SXTAB16(DisasContext *dc, arg_SXTAB16 *a)
{
    return gen_xtab16(dc, a, true);
}

static bool trans_UXTAB16(DisasContext *dc, arg_UXTAB16 *a)
{
    return gen_xtab16(dc, a, false);
}

/* ---- Bit fields ---- */

static bool gen_bfx(DisasContext *dc, arg_bfx *a, bool is_signed)
{
    unsigned width = a->widthm1 + 1;
    IRTemp *n, *d;

    if (a->lsb + width > 32) {
        return unallocated_encoding(dc);    /* UNPREDICTABLE; as QEMU */
    }
    n = load_reg(dc, a->rn);
    d = new32(dc);
    if (width == 32) {
        ir_mov_i32(dc->f, d, n);
    } else if (is_signed) {
        ir_sextract(dc->f, IR_I32, d, n, a->lsb, width);
    } else {
        ir_extract(dc->f, IR_I32, d, n, a->lsb, width);
    }
    store_reg(dc, a->rd, d);
    return true;
}

static bool trans_SBFX(DisasContext *dc, arg_SBFX *a)
{
    return gen_bfx(dc, a, true);
}

static bool trans_UBFX(DisasContext *dc, arg_UBFX *a)
{
    return gen_bfx(dc, a, false);
}

/* BFI, and BFC when rn == 15 */
static bool trans_BFI(DisasContext *dc, arg_BFI *a)
{
    unsigned width = a->msb + 1 - a->lsb;
    IRTemp *d;

    if (a->msb < a->lsb) {
        return unallocated_encoding(dc);    /* UNPREDICTABLE; as QEMU */
    }
    d = new32(dc);
    if (a->rn == 15) {
        uint32_t mask = (uint32_t)(((1ull << width) - 1) << a->lsb);
        ir_andi_i32(dc->f, d, load_reg(dc, a->rd), ~mask);
    } else if (width == 32) {
        ir_mov_i32(dc->f, d, load_reg(dc, a->rn));
    } else {
        ir_deposit(dc->f, IR_I32, d, load_reg(dc, a->rd),
                   load_reg(dc, a->rn), a->lsb, width);
    }
    store_reg(dc, a->rd, d);
    return true;
}
