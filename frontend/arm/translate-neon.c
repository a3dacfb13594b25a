/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD (NEON), A32 unconditional space (neon.decode); T32 comes
 * here through arm_decode_t32_vfp's re-encoding.  Implemented: three
 * registers of the same length (integer and F32), modified immediates,
 * VEXT, VDUP (scalar; the core form is in vfp.decode), the two-register
 * miscellaneous group, VLD1-4/VST1-4 (helper-neon-ldst.c); lanes are
 * computed by helper-neon.c per D register.  Shifts by an immediate,
 * three registers of different lengths, scalar forms, VTBL/VTBX and the
 * rest of the miscellaneous group go whole to helper-neon-ops.c.
 * Anything the decoders decline is UNDEFINED.
 */
#include "frontend/arm/helper-neon.h"
#include "frontend/arm/helper-vfp.h"
#include "frontend/arm/translate-fp.h"
#include "frontend/arm/translate-priv.h"

#include "frontend/arm/neon-decode.c.inc"

bool arm_decode_neon(DisasContext *dc, uint32_t insn)
{
    return decode_neon(dc, insn);
}

/* Q forms need even register numbers */
static bool q_regs_ok(int q, int a, int b, int c)
{
    return !q || !((a | b | c) & 1);
}

/* ---- Three registers of the same length ---- */

static bool n3_float_ok(DisasContext *dc, const arg_n3 *a)
{
    unsigned key = (unsigned)(a->op & 0xf) << 3 | (unsigned)(a->op >> 4) << 2 |
                   (unsigned)a->u << 1 | (unsigned)(a->size >> 1);
    static const uint8_t ok[] = {
        0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x64, 0x65, 0x70, 0x72,
        0x73, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d,
    };
    bool pairwise = key == 0x6a || key == 0x7a || key == 0x7b;
    if ((a->size & 1) || (pairwise && a->q) ||
        ((key == 0x64 || key == 0x65) && !arm_vfp_has_fma(dc->cpu))) {
        return false;
    }
    for (size_t i = 0; i < sizeof(ok); i++) {
        if (ok[i] == key) {
            return true;
        }
    }
    return false;
}

static bool n3_int_ok(const arg_n3 *a)
{
    int A = a->op & 0xf, B = a->op >> 4;
    if (A == 1 && B) {
        return true;                            /* logical */
    }
    if (a->size == 3) {
        return (B && (A == 0 || A == 2)) || A == 4 || A == 5 ||
               (A == 8 && !B);
    }
    switch (A) {
    case 0x9:
        return !(B && a->u && a->size != 0);    /* VMUL.P8 only */
    case 0xa:
        return !a->q;
    case 0xb:
        return B ? !a->u && !a->q : (a->size == 1 || a->size == 2);
    default:
        return A < 0xc;
    }
}

static bool trans_NEON_3same(DisasContext *dc, arg_n3 *a)
{
    IRFunc *f = dc->f;
    bool flt = (a->op & 0xf) >= 0xc;
    if (!q_regs_ok(a->q, a->vd, a->vn, a->vm) ||
        !(flt ? n3_float_ok(dc, a) : n3_int_ok(a))) {
        return false;
    }
    vfp_check(dc);
    uint32_t op = (uint32_t)(a->op | a->u << 5 | a->size << 6);
    for (int i = 0; i <= a->q; i++) {
        IRTemp *r = ir_temp_i64(f);
        IRTemp *args[4] = { vfp_load(dc, a->vd + i, true),
                            vfp_load(dc, a->vn + i, true),
                            vfp_load(dc, a->vm + i, true),
                            ir_const_i32(f, op) };
        gen_helper_call(dc, &arm_helper_neon_3same, r, args);
        vfp_store(dc, a->vd + i, true, r);
    }
    return true;
}

/* ---- Modified immediate ---- */

/* AdvSIMDExpandImm; false for the UNDEFINED cmode 1111 with op 1 */
static bool neon_expand_imm(int op, int cmode, uint64_t imm8, uint64_t *out)
{
    uint64_t r;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        r = imm8 << (8 * (cmode >> 1));
        r |= r << 32;
        break;
    case 4: case 5:
        r = imm8 << (8 * ((cmode >> 1) & 1));
        r *= 0x0001000100010001ull;
        break;
    case 6:
        r = (cmode & 1) ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
        r |= r << 32;
        break;
    default:
        if (!(cmode & 1)) {
            if (!op) {
                r = imm8 * 0x0101010101010101ull;
            } else {
                r = 0;
                for (int i = 0; i < 8; i++) {
                    r |= ((imm8 >> i) & 1) ? 0xffull << (8 * i) : 0;
                }
            }
        } else if (op) {
            return false;
        } else {
            uint64_t b = (imm8 >> 6) & 1;
            r = (imm8 >> 7) << 31 | (b ^ 1) << 30 | (b ? 0x3e000000u : 0) |
                (imm8 & 0x3f) << 19;
            r |= r << 32;
        }
        break;
    }
    *out = r;
    return true;
}

static bool trans_NEON_1imm(DisasContext *dc, arg_n1imm *a)
{
    IRFunc *f = dc->f;
    uint64_t imm;
    if ((a->q && (a->vd & 1)) ||
        !neon_expand_imm(a->op, a->cmode, (uint64_t)a->imm, &imm)) {
        return false;
    }
    bool orr_bic = (a->cmode & 1) && a->cmode < 12;
    bool invert = a->op && a->cmode != 14;
    vfp_check(dc);
    for (int i = 0; i <= a->q; i++) {
        IRTemp *v;
        if (orr_bic) {
            v = vfp_load(dc, a->vd + i, true);
            if (a->op) {
                ir_andi_i64(f, v, v, ~imm);     /* VBIC */
            } else {
                ir_ori_i64(f, v, v, imm);       /* VORR */
            }
        } else {
            v = ir_temp_i64(f);
            ir_movi_i64(f, v, invert ? ~imm : imm);
        }
        vfp_store(dc, a->vd + i, true, v);
    }
    return true;
}

/* ---- VEXT, VDUP (scalar) ---- */

static bool trans_VEXT(DisasContext *dc, arg_next *a)
{
    IRFunc *f = dc->f;
    if (!q_regs_ok(a->q, a->vd, a->vn, a->vm) || (!a->q && a->imm > 7)) {
        return false;
    }
    vfp_check(dc);
    int nw = a->q ? 2 : 1;
    IRTemp *w[4], *r[2];
    for (int i = 0; i < nw; i++) {
        w[i] = vfp_load(dc, a->vn + i, true);
        w[nw + i] = vfp_load(dc, a->vm + i, true);
    }
    for (int j = 0; j < nw; j++) {
        int o = a->imm + 8 * j, k = o / 8, sh = (o % 8) * 8;
        r[j] = ir_temp_i64(f);
        if (sh == 0) {
            ir_mov_i64(f, r[j], w[k]);
        } else {
            IRTemp *t = ir_temp_i64(f);
            ir_shri_i64(f, r[j], w[k], (uint64_t)sh);
            ir_shli_i64(f, t, w[k + 1], (uint64_t)(64 - sh));
            ir_or_i64(f, r[j], r[j], t);
        }
    }
    for (int j = 0; j < nw; j++) {
        vfp_store(dc, a->vd + j, true, r[j]);
    }
    return true;
}

static bool trans_VDUP_scalar(DisasContext *dc, arg_ndups *a)
{
    IRFunc *f = dc->f;
    int esize, index;
    uint64_t rep;
    if (a->imm & 1) {
        esize = 8, index = a->imm >> 1, rep = 0x0101010101010101ull;
    } else if (a->imm & 2) {
        esize = 16, index = a->imm >> 2, rep = 0x0001000100010001ull;
    } else if (a->imm & 4) {
        esize = 32, index = a->imm >> 3, rep = 0x0000000100000001ull;
    } else {
        return false;
    }
    if (a->q && (a->vd & 1)) {
        return false;
    }
    vfp_check(dc);
    IRTemp *v = vfp_load(dc, a->vm, true);
    ir_extract(f, IR_I64, v, v, (unsigned)(index * esize), (unsigned)esize);
    ir_muli_i64(f, v, v, rep);
    for (int i = 0; i <= a->q; i++) {
        vfp_store(dc, a->vd + i, true, v);
    }
    return true;
}

/* ---- Two registers, miscellaneous ---- */

static bool n2_misc_ok(const arg_n2 *a)
{
    int b = a->b;
    switch (a->a) {
    case 0:
        if (b <= 2) {
            return a->size + b < 3;             /* VREV: group > esize */
        }
        if (b == 0xa || b == 0xb) {
            return a->size == 0;                /* VCNT, VMVN */
        }
        return (b == 8 || b == 9 || b >= 0xe) && a->size != 3;
    case 1:
        if (b & 8) {
            return a->size == 2 && (b & 7) != 5;
        }
        return a->size != 3 && (b & 7) != 5;
    case 3:
        return a->size == 2 && b >= 0xc;
    default:
        return false;
    }
}

/* ---- Whole-instruction helpers (helper-neon-ops.c) ---- */

static bool neon_call_raw(DisasContext *dc, const IRHelper *h, uint32_t raw)
{
    vfp_check(dc);
    IRTemp *arg = ir_const_i32(dc->f, raw);
    gen_helper_call(dc, h, NULL, &arg);
    return true;
}

static int raw_d(uint32_t raw, int lo, int hi)
{
    return (int)(((raw >> hi) & 1) << 4 | ((raw >> lo) & 0xf));
}

static bool trans_NEON_shimm(DisasContext *dc, arg_nraw *a)
{
    uint32_t r = (uint32_t)a->raw;
    bool u = (r >> 24) & 1, l = (r >> 7) & 1, q = (r >> 6) & 1;
    int imm6 = (r >> 16) & 0x3f, op = (r >> 8) & 0xf;
    int vd = raw_d(r, 12, 22), vm = raw_d(r, 0, 5);
    if (!l && imm6 < 8) {
        return false;
    }
    switch (op) {
    case 4: case 6:
        if (!u) {
            return false;
        }
        /* fall through */
    case 0: case 1: case 2: case 3: case 5: case 7:
        if (!q_regs_ok(q, vd, vm, 0)) {
            return false;
        }
        break;
    case 8: case 9:
        if (l || (vm & 1)) {
            return false;
        }
        break;
    case 10:
        if (l || q || (vd & 1)) {
            return false;
        }
        break;
    case 14: case 15:
        if (l || imm6 < 32 || !q_regs_ok(q, vd, vm, 0)) {
            return false;
        }
        break;
    default:
        return false;
    }
    return neon_call_raw(dc, &arm_helper_neon_shimm, r);
}

static bool trans_NEON_3diff(DisasContext *dc, arg_nraw *a)
{
    uint32_t r = (uint32_t)a->raw;
    bool u = (r >> 24) & 1;
    int size = (r >> 20) & 3, op = (r >> 8) & 0xf;
    int vd = raw_d(r, 12, 22), vn = raw_d(r, 16, 7), vm = raw_d(r, 0, 5);
    bool narrow = op == 4 || op == 6;
    if (size == 3 || op == 15 ||
        ((op == 9 || op == 11 || op == 13) && (u || size == 0)) ||
        (op == 14 && (u || size != 0)) ||
        (!narrow && (vd & 1)) || ((op == 1 || op == 3) && (vn & 1)) ||
        (narrow && ((vn | vm) & 1))) {
        return false;
    }
    return neon_call_raw(dc, &arm_helper_neon_3diff, r);
}

static bool trans_NEON_scalar(DisasContext *dc, arg_nraw *a)
{
    uint32_t r = (uint32_t)a->raw;
    bool b24 = (r >> 24) & 1;
    int size = (r >> 20) & 3, op = (r >> 8) & 0xf;
    int vd = raw_d(r, 12, 22), vn = raw_d(r, 16, 7);
    bool longf = op == 2 || op == 3 || op == 6 || op == 7 || op == 10 ||
                 op == 11;
    bool flt = op == 1 || op == 5 || op == 9;
    if (size == 0 || size == 3 || op >= 14 || (flt && size != 2) ||
        ((op == 3 || op == 7 || op == 11) && b24) ||
        (longf ? (vd & 1) : !q_regs_ok(b24, vd, vn, 0))) {
        return false;
    }
    return neon_call_raw(dc, &arm_helper_neon_scalar, r);
}

static bool trans_NEON_vtbl(DisasContext *dc, arg_nraw *a)
{
    uint32_t r = (uint32_t)a->raw;
    int vn = raw_d(r, 16, 7), len = (r >> 8) & 3;
    if (vn + len >= 32) {
        return false;
    }
    return neon_call_raw(dc, &arm_helper_neon_vtbl, r);
}

/* The miscellaneous forms helper_neon_misc2 performs; false if none */
static bool n2_misc2_ok(const arg_n2 *a)
{
    int b = a->b;
    switch (a->a) {
    case 0:
        return (b == 4 || b == 5 || b == 0xc || b == 0xd) && a->size != 3;
    case 2:
        if (b == 4 || b == 5) {
            return a->size != 3 && !(a->vm & 1);
        }
        if (b == 6) {
            return !a->q && a->size != 3 && !(a->vd & 1);
        }
        if (b == 0xc || b == 0xe) {
            return !a->q && a->size == 1 && !((b == 0xc ? a->vm : a->vd) & 1);
        }
        return false;
    case 3:
        return b >= 8 && b <= 0xb && a->size == 2;
    default:
        return false;
    }
}

static bool trans_NEON_2misc(DisasContext *dc, arg_n2 *a)
{
    IRFunc *f = dc->f;
    if (n2_misc2_ok(a)) {
        bool full_q = a->a == 0 || a->a == 3;
        if (full_q && !q_regs_ok(a->q, a->vd, a->vm, 0)) {
            return false;
        }
        uint32_t raw = 0xf3b00000u | (uint32_t)(a->vd >> 4) << 22 |
                       (uint32_t)a->size << 18 | (uint32_t)a->a << 16 |
                       (uint32_t)(a->vd & 15) << 12 | (uint32_t)a->b << 7 |
                       (uint32_t)a->q << 6 | (uint32_t)(a->vm >> 4) << 5 |
                       (uint32_t)(a->vm & 15);
        return neon_call_raw(dc, &arm_helper_neon_misc2, raw);
    }
    if (!q_regs_ok(a->q, a->vd, a->vm, 0)) {
        return false;
    }
    if (a->a == 2 && a->b <= 3) {               /* VSWP VTRN VUZP VZIP */
        if ((a->b == 0 && a->size) || a->size == 3 ||
            (a->b >= 2 && !a->q && a->size == 2)) {
            return false;
        }
        vfp_check(dc);
        uint32_t op = (uint32_t)(a->b | a->size << 2 | a->q << 4 |
                                 a->vd << 5 | a->vm << 10);
        IRTemp *arg = ir_const_i32(f, op);
        gen_helper_call(dc, &arm_helper_neon_perm, NULL, &arg);
        return true;
    }
    if (!n2_misc_ok(a)) {
        return false;
    }
    vfp_check(dc);
    uint32_t op = (uint32_t)(a->b | a->a << 4 | a->size << 6);
    IRTemp *r[2];
    for (int i = 0; i <= a->q; i++) {
        IRTemp *args[2] = { vfp_load(dc, a->vm + i, true),
                            ir_const_i32(f, op) };
        r[i] = ir_temp_i64(f);
        gen_helper_call(dc, &arm_helper_neon_misc, r[i], args);
    }
    for (int i = 0; i <= a->q; i++) {
        vfp_store(dc, a->vd + i, true, r[i]);
    }
    return true;
}

/* ---- VLD1-4 / VST1-4 ---- */

/* Bytes moved by a multiple-structures form, or -1 if UNDEFINED */
static int ldst_multi_bytes(const arg_nldst *a)
{
    static const int8_t n_of[11] = { 4, 4, 1, 2, 3, 3, 1, 1, 2, 2, 1 };
    static const int8_t regs_of[11] = { 1, 1, 4, 2, 1, 1, 3, 1, 1, 1, 2 };
    static const int8_t inc_of[11] = { 1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 1 };
    int type = a->b, size = a->c >> 2, align = a->c & 3;
    if (type > 10) {
        return -1;
    }
    int n = n_of[type], regs = regs_of[type], inc = inc_of[type];
    if ((n > 1 && size == 3) || ((regs == 1 || regs == 3) && n == 1 &&
                                 (align & 2)) ||
        (n == 2 && regs == 1 && align == 3) || (n == 3 && (align & 2)) ||
        (regs == 2 && n == 1 && align == 3) ||
        a->vd + (n - 1) * inc + regs > 32) {
        return -1;
    }
    return 8 * n * regs;
}

/* One lane (size != 3) or all lanes (size == 3, loads only) */
static int ldst_single_bytes(const arg_nldst *a)
{
    int size = a->b >> 2, n = (a->b & 3) + 1, ia = a->c;
    if (size == 3) {
        int s = ia >> 2, t = (ia >> 1) & 1, al = ia & 1;
        int inc = n == 1 ? 1 : t + 1, regs = n == 1 ? t + 1 : 1;
        if (!a->l || (s == 3 && (n != 4 || !al)) ||
            (n == 1 && s == 0 && al) || (n == 3 && al) ||
            a->vd + (n - 1) * inc + regs > 32) {
            return -1;
        }
        return n * (1 << (s == 3 ? 2 : s));
    }
    int inc = size == 0 ? 1 : ((ia >> size) & 1) + 1;
    bool bad;
    switch (n) {
    case 1:
        bad = size == 0 ? (ia & 1) : size == 1 ? (ia & 2)
              : ((ia & 4) || ((ia & 3) != 0 && (ia & 3) != 3));
        inc = 1;
        break;
    case 2:
        bad = size == 2 && (ia & 2);
        break;
    case 3:
        bad = size == 0 ? (ia & 1) : size == 1 ? (ia & 1) : (ia & 3);
        break;
    default:
        bad = size == 2 && (ia & 3) == 3;
        break;
    }
    if (bad || a->vd + (n - 1) * inc > 31) {
        return -1;
    }
    return n << size;
}

static bool trans_NEON_ldst(DisasContext *dc, arg_nldst *a)
{
    IRFunc *f = dc->f;
    int bytes = a->a ? ldst_single_bytes(a) : ldst_multi_bytes(a);
    if (bytes < 0 || a->rn == 15) {
        return false;
    }
    vfp_check(dc);
    uint32_t insn = 0xf4000000u | (uint32_t)a->a << 23 |
                    (uint32_t)(a->vd >> 4) << 22 | (uint32_t)a->l << 21 |
                    (uint32_t)a->rn << 16 | (uint32_t)(a->vd & 15) << 12 |
                    (uint32_t)a->b << 8 | (uint32_t)a->c << 4 |
                    (uint32_t)a->rm;
    IRTemp *addr = load_reg(dc, a->rn);
    IRTemp *args[2] = { addr, ir_const_i32(f, insn) };
    gen_helper_call(dc, &arm_helper_neon_ldst, NULL, args);
    if (a->rm == 13) {
        ir_addi_i32(f, addr, addr, (uint32_t)bytes);
        store_reg(dc, a->rn, addr);
    } else if (a->rm != 15) {
        ir_add_i32(f, addr, addr, load_reg_ro(dc, a->rm));
        store_reg(dc, a->rn, addr);
    }
    return true;
}
