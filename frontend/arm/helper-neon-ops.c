/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD instructions whose operands and results have different
 * shapes (narrowing, widening, by-scalar, table lookup, shifts by an
 * immediate), performed by one helper per group straight from the A32
 * encoding on ARMCPU.vfp_d, after the ARM ARM pseudocode.  Sources are
 * copied first, so overlapping registers behave.  translate-neon.c has
 * rejected the UNDEFINED encodings.
 */
#include "frontend/arm/helper-neon.h"

#include "frontend/arm/fpu.h"

/* The bytes of n consecutive D registers as an array of elements */
typedef struct Vec {
    uint64_t w[4];
} Vec;

static int dreg(uint32_t insn, int lo, int hi)
{
    return (int)(((insn >> hi) & 1) << 4 | ((insn >> lo) & 0xf));
}

static Vec vload(const ARMCPU *cpu, int reg, int n)
{
    Vec v = { { 0, 0, 0, 0 } };
    for (int i = 0; i < n; i++) {
        v.w[i] = cpu->vfp_d[(reg + i) & 31];
    }
    return v;
}

static void vstore(ARMCPU *cpu, int reg, int n, const Vec *v)
{
    for (int i = 0; i < n; i++) {
        cpu->vfp_d[(reg + i) & 31] = v->w[i];
    }
}

static uint64_t eget(const Vec *v, int i, int esize)
{
    int per = 64 / esize;
    uint64_t w = v->w[i / per];
    return esize == 64 ? w : (w >> (i % per * esize)) & ((1ull << esize) - 1);
}

static int64_t sget(const Vec *v, int i, int esize)
{
    uint64_t x = eget(v, i, esize);
    return esize == 64 ? (int64_t)x
                       : (int64_t)(x << (64 - esize)) >> (64 - esize);
}

static __int128 vget(const Vec *v, int i, int esize, bool u)
{
    return u ? (__int128)eget(v, i, esize) : (__int128)sget(v, i, esize);
}

static void eset(Vec *v, int i, int esize, uint64_t x)
{
    int per = 64 / esize;
    if (esize == 64) {
        v->w[i] = x;
        return;
    }
    uint64_t mask = ((1ull << esize) - 1) << (i % per * esize);
    v->w[i / per] = (v->w[i / per] & ~mask) | ((x << (i % per * esize)) & mask);
}

static uint64_t sat(__int128 x, int esize, bool u, bool *q)
{
    __int128 max = u ? ((__int128)1 << esize) - 1
                     : ((__int128)1 << (esize - 1)) - 1;
    __int128 min = u ? 0 : -((__int128)1 << (esize - 1));
    if (x > max) {
        *q = true;
        return (uint64_t)max;
    }
    if (x < min) {
        *q = true;
        return (uint64_t)min;
    }
    return (uint64_t)x;
}

static void set_qc(ARMCPU *cpu, bool q)
{
    if (q) {
        cpu->fpscr |= FPSCR_QC;
    }
}

/* ---- Shifts by an immediate (A7.4.4) ---- */

static uint64_t ones(int n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static __int128 shr_round(__int128 x, int sh, bool round)
{
    if (sh == 0) {
        return x;
    }
    return (x + (round ? (__int128)1 << (sh - 1) : 0)) >> sh;
}

static uint64_t shift_elem(uint32_t insn, int a, bool u, int esize, int rsh,
                           int lsh, uint64_t d, __int128 x, bool *q)
{
    switch (a) {
    case 0: case 2:                                 /* VSHR, VRSHR */
        return (uint64_t)shr_round(x, rsh, a == 2);
    case 1: case 3:                                 /* VSRA, VRSRA */
        return d + (uint64_t)shr_round(x, rsh, a == 3);
    case 4: {                                       /* VSRI */
        uint64_t m = ones(esize) >> rsh;
        return (d & ~m) | (rsh >= 64 ? 0 : ((uint64_t)x >> rsh) & m);
    }
    case 5:                                         /* VSHL, VSLI */
        if (u) {
            uint64_t m = ones(esize) << lsh;
            return (d & ~m) | (((uint64_t)x << lsh) & m);
        }
        return (uint64_t)x << lsh;
    case 6:                                         /* VQSHLU */
        return sat(x * ((__int128)1 << lsh), esize, true, q);
    default:                                        /* VQSHL */
        (void)insn;
        return sat(x * ((__int128)1 << lsh), esize, u, q);
    }
}

void helper_neon_shimm(ARMCPU *cpu, uint32_t insn)
{
    bool u = (insn >> 24) & 1, l = (insn >> 7) & 1, qf = (insn >> 6) & 1;
    int imm6 = (insn >> 16) & 0x3f, a = (insn >> 8) & 0xf;
    int esize = l ? 64 : imm6 >= 32 ? 32 : imm6 >= 16 ? 16 : 8;
    int rsh = (esize == 64 ? 64 : 2 * esize) - imm6;
    int lsh = imm6 - (esize == 64 ? 0 : esize);
    int vd = dreg(insn, 12, 22), vm = dreg(insn, 0, 5);
    bool q = false;

    if (a == 8 || a == 9) {                         /* narrowing */
        Vec m = vload(cpu, vm, 2), r = { { 0 } };
        bool round = qf, in_u = a == 9 ? u : false;
        bool out_u = u;
        for (int i = 0; i < 64 / esize; i++) {
            __int128 x = shr_round(vget(&m, i, 2 * esize, in_u), rsh, round);
            uint64_t v = (a == 8 && !u) ? (uint64_t)x
                                        : sat(x, esize, out_u, &q);
            eset(&r, i, esize, v);
        }
        vstore(cpu, vd, 1, &r);
    } else if (a == 10) {                           /* VSHLL, VMOVL */
        Vec m = vload(cpu, vm, 1), r = { { 0 } };
        for (int i = 0; i < 64 / esize; i++) {
            eset(&r, i, 2 * esize,
                 (uint64_t)(vget(&m, i, esize, u) << lsh));
        }
        vstore(cpu, vd, 2, &r);
    } else if (a >= 14) {                           /* VCVT fixed */
        FPStatus st = fp_status_standard(cpu->fpscr);
        Vec m = vload(cpu, vm, qf + 1), r = { { 0 } };
        int frac = 64 - imm6;
        for (int i = 0; i < 2 * (qf + 1); i++) {
            uint32_t x = (uint32_t)eget(&m, i, 32);
            uint64_t v = a == 15
                ? fp_to_fixed(&st, FP_F32, x, frac, u, 32, true)
                : fp_from_fixed(&st, FP_F32,
                                u ? (int64_t)x : (int64_t)(int32_t)x, frac);
            eset(&r, i, 32, v);
        }
        cpu->fpscr |= st.flags;
        vstore(cpu, vd, qf + 1, &r);
    } else {
        int n = qf + 1;
        Vec m = vload(cpu, vm, n), d = vload(cpu, vd, n);
        bool in_u = u && a != 6;
        for (int i = 0; i < n * 64 / esize; i++) {
            eset(&d, i, esize,
                 shift_elem(insn, a, u, esize, rsh, lsh, eget(&d, i, esize),
                            vget(&m, i, esize, in_u), &q));
        }
        vstore(cpu, vd, n, &d);
    }
    set_qc(cpu, q);
}

/* ---- Three registers of different lengths (A7.4.2) ---- */

static __int128 poly_mul(uint64_t a, uint64_t b)
{
    __int128 r = 0;
    for (int k = 0; k < 8; k++) {
        if ((b >> k) & 1) {
            r ^= (__int128)a << k;
        }
    }
    return r;
}

void helper_neon_3diff(ARMCPU *cpu, uint32_t insn)
{
    bool u = (insn >> 24) & 1, q = false;
    int a = (insn >> 8) & 0xf, esize = 8 << ((insn >> 20) & 3);
    int vd = dreg(insn, 12, 22), vn = dreg(insn, 16, 7), vm = dreg(insn, 0, 5);
    int lanes = 64 / esize;
    bool wide_n = a == 1 || a == 3 || a == 4 || a == 6;
    bool wide_m = a == 4 || a == 6;
    Vec n = vload(cpu, vn, wide_n ? 2 : 1), m = vload(cpu, vm, wide_m ? 2 : 1);
    Vec d = vload(cpu, vd, 2), r = { { 0 } };
    int dw = 2 * esize;

    for (int i = 0; i < lanes; i++) {
        __int128 x = vget(&n, i, wide_n ? dw : esize, u);
        __int128 y = vget(&m, i, wide_m ? dw : esize, u);
        __int128 acc = vget(&d, i, dw, u), v;
        switch (a) {
        case 0: case 1: v = x + y; break;           /* VADDL/W */
        case 2: case 3: v = x - y; break;           /* VSUBL/W */
        case 4: case 6: {                           /* V(R)ADDHN/SUBHN */
            v = a == 4 ? x + y : x - y;
            v += u ? (__int128)1 << (esize - 1) : 0;
            eset(&r, i, esize, (uint64_t)(v >> esize));
            continue;
        }
        case 5: v = acc + (x > y ? x - y : y - x); break;   /* VABAL */
        case 7: v = x > y ? x - y : y - x; break;           /* VABDL */
        case 8: v = acc + x * y; break;                     /* VMLAL */
        case 10: v = acc - x * y; break;                    /* VMLSL */
        case 12: v = x * y; break;                          /* VMULL */
        case 14:                                    /* VMULL.P8 */
            v = poly_mul(eget(&n, i, esize), eget(&m, i, esize));
            break;
        default: {                                  /* VQDMLAL/SL/MULL */
            int64_t p = (int64_t)sat(2 * x * y, dw, false, &q);
            if (a == 13) {
                v = p;
            } else {
                __int128 s = sget(&d, i, dw);
                v = (int64_t)sat(a == 9 ? s + p : s - p, dw, false, &q);
            }
            break;
        }
        }
        eset(&r, i, dw, (uint64_t)v);
    }
    vstore(cpu, vd, (a == 4 || a == 6) ? 1 : 2, &r);
    set_qc(cpu, q);
}

/* ---- Two registers and a scalar (A7.4.3) ---- */

static uint64_t scalar_flt(FPStatus *st, int a, uint32_t d, uint32_t n,
                           uint32_t s)
{
    uint64_t p = fp_mul(st, FP_F32, n, s);
    if (a == 9) {
        return p;
    }
    return fp_add(st, FP_F32, d, a == 1 ? p : fp_neg(FP_F32, p));
}

void helper_neon_scalar(ARMCPU *cpu, uint32_t insn)
{
    bool b24 = (insn >> 24) & 1, q = false;
    int a = (insn >> 8) & 0xf, esize = 8 << ((insn >> 20) & 3);
    int vd = dreg(insn, 12, 22), vn = dreg(insn, 16, 7);
    int vm = esize == 16 ? (int)(insn & 7) : (int)(insn & 15);
    int idx = esize == 16 ? (int)(((insn >> 4) & 2) | ((insn >> 3) & 1))
                          : (int)((insn >> 5) & 1);
    bool longf = a == 2 || a == 3 || a == 6 || a == 7 || a == 10 || a == 11;
    int nregs = longf ? 1 : b24 + 1, dregs = longf ? 2 : b24 + 1;
    Vec mv = vload(cpu, vm, 1), n = vload(cpu, vn, nregs);
    Vec d = vload(cpu, vd, dregs), r = { { 0 } };
    bool u = longf && b24;
    __int128 sc = vget(&mv, idx, esize, u);
    FPStatus st = fp_status_standard(cpu->fpscr);
    int dw = longf ? 2 * esize : esize;

    for (int i = 0; i < nregs * 64 / esize; i++) {
        __int128 x = vget(&n, i, esize, u), acc = vget(&d, i, dw, false), v;
        switch (a) {
        case 0: case 2: v = acc + x * sc; break;
        case 4: case 6: v = acc - x * sc; break;
        case 8: case 10: v = x * sc; break;
        case 1: case 5: case 9:
            v = scalar_flt(&st, a, (uint32_t)acc, (uint32_t)x,
                           (uint32_t)sc);
            break;
        case 12: case 13: {
            __int128 p = 2 * x * sc + (a == 13 ? (__int128)1 << (esize - 1)
                                               : 0);
            v = (int64_t)sat(p >> esize, esize, false, &q);
            break;
        }
        default: {                                  /* VQDMLAL/SL/MULL */
            int64_t p = (int64_t)sat(2 * x * sc, dw, false, &q);
            v = a == 11 ? p
                        : (int64_t)sat(a == 3 ? acc + p : acc - p, dw, false,
                                       &q);
            break;
        }
        }
        eset(&r, i, dw, (uint64_t)v);
    }
    cpu->fpscr |= st.flags;
    vstore(cpu, vd, dregs, &r);
    set_qc(cpu, q);
}

/* ---- VTBL / VTBX ---- */

void helper_neon_vtbl(ARMCPU *cpu, uint32_t insn)
{
    int len = ((insn >> 8) & 3) + 1;
    bool tbx = (insn >> 6) & 1;
    int vd = dreg(insn, 12, 22), vn = dreg(insn, 16, 7), vm = dreg(insn, 0, 5);
    Vec t = vload(cpu, vn, len), m = vload(cpu, vm, 1);
    Vec d = vload(cpu, vd, 1);
    for (int i = 0; i < 8; i++) {
        uint64_t ix = eget(&m, i, 8);
        if (ix < (uint64_t)len * 8) {
            eset(&d, i, 8, eget(&t, (int)ix, 8));
        } else if (!tbx) {
            eset(&d, i, 8, 0);
        }
    }
    vstore(cpu, vd, 1, &d);
}

/* ---- Two registers, miscellaneous: the rest (A7.4.5) ---- */

/* RecipEstimate / RecipSqrtEstimate (ARMv7) in integers, on 9-bit fixed
 * inputs: a/512 in [0.5, 1) (reciprocal) or [0.25, 1) (square root);
 * the result s/256 in [1, 2) as s in [256, 511] */
static int recip_est(int a)
{
    a = a * 2 + 1;
    int b = (1 << 19) / a;
    return (b + 1) >> 1;
}

static int rsqrt_est(int a)
{
    /* a in [128, 512): a/512 in [0.25, 1) */
    int b;
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    b = 512;
    while (a * (b + 1) * (b + 1) < (1 << 28)) {
        b++;
    }
    return (b + 1) >> 1;
}

static uint32_t frecpe(FPStatus *st, uint32_t x)
{
    uint32_t e = (x >> 23) & 0xff, sign = x & 0x80000000u;
    if ((x & 0x7fffffff) > 0x7f800000) {
        if (!(x & 0x00400000)) {
            st->flags |= FP_IOC;
        }
        return 0x7fc00000;
    }
    if ((x & 0x7fffffff) == 0x7f800000) {
        return sign;
    }
    if (e == 0) {
        if (x & 0x7fffff) {
            st->flags |= FP_IDC;
        }
        st->flags |= FP_DZC;
        return sign | 0x7f800000;
    }
    if (e >= 253) {
        st->flags |= FP_UFC;
        return sign;
    }
    int est = recip_est((int)(256 | ((x >> 15) & 0xff)));
    uint32_t re = 253 - e;
    return sign | re << 23 | (uint32_t)(est & 0xff) << 15;
}

static uint32_t frsqrte(FPStatus *st, uint32_t x)
{
    uint32_t e = (x >> 23) & 0xff;
    if ((x & 0x7fffffff) > 0x7f800000) {
        if (!(x & 0x00400000)) {
            st->flags |= FP_IOC;
        }
        return 0x7fc00000;
    }
    if ((x & 0x7fffffff) == 0 || e == 0) {
        if (x & 0x7fffff) {
            st->flags |= FP_IDC;
        }
        st->flags |= FP_DZC;
        return (x & 0x80000000u) | 0x7f800000;
    }
    if (x & 0x80000000u) {
        st->flags |= FP_IOC;
        return 0x7fc00000;
    }
    if (x == 0x7f800000) {
        return 0;
    }
    /* scaled = 0.1xxxxxxxx (even exponent) or 0.01xxxxxxx (odd) */
    int a = (e & 1) ? (int)(128 | ((x >> 16) & 0x7f))
                    : (int)(256 | ((x >> 15) & 0xff));
    int est = rsqrt_est(a);
    uint32_t re = (380 - e) / 2;
    return re << 23 | (uint32_t)(est & 0xff) << 15;
}

static uint32_t urecpe(uint32_t x)
{
    if (!(x & 0x80000000u)) {
        return 0xffffffffu;
    }
    return (uint32_t)recip_est((int)(x >> 23)) << 23;
}

static uint32_t ursqrte(uint32_t x)
{
    if (!(x & 0xc0000000u)) {
        return 0xffffffffu;
    }
    return (uint32_t)rsqrt_est((int)(x >> 23)) << 23;
}

void helper_neon_misc2(ARMCPU *cpu, uint32_t insn)
{
    int size = (insn >> 18) & 3, esize = 8 << size;
    int a = (insn >> 16) & 3, b = (insn >> 7) & 0xf;
    bool qf = (insn >> 6) & 1, q = false;
    int vd = dreg(insn, 12, 22), vm = dreg(insn, 0, 5);
    FPStatus st = fp_status_standard(cpu->fpscr);
    Vec m = vload(cpu, vm, 2), d = vload(cpu, vd, 2), r = { { 0 } };
    int n = qf + 1, outn = n;

    if (a == 0) {                                   /* VPADDL, VPADAL */
        bool u = b & 1;
        for (int i = 0; i < n * 32 / esize; i++) {
            __int128 v = vget(&m, 2 * i, esize, u) +
                         vget(&m, 2 * i + 1, esize, u);
            if (b >= 0xc) {
                v += vget(&d, i, 2 * esize, u);
            }
            eset(&r, i, 2 * esize, (uint64_t)v);
        }
    } else if (a == 2 && b == 6) {                  /* VSHLL #esize */
        for (int i = 0; i < 64 / esize; i++) {
            eset(&r, i, 2 * esize, eget(&m, i, esize) << esize);
        }
        outn = 2;
    } else if (a == 2 && (b == 4 || b == 5)) {      /* VMOVN, VQMOV(U)N */
        bool in_u = b == 5 && qf, out_u = qf;
        for (int i = 0; i < 64 / esize; i++) {
            __int128 x = vget(&m, i, 2 * esize, in_u);
            eset(&r, i, esize, (b == 4 && !qf) ? (uint64_t)x
                                               : sat(x, esize, out_u, &q));
        }
        outn = 1;
    } else if (a == 2) {                            /* VCVT F16 <-> F32 */
        if (b == 0xc) {
            for (int i = 0; i < 4; i++) {
                eset(&r, i, 16, fp_convert(&st, FP_F32, FP_F16,
                                           eget(&m, i, 32)));
            }
            outn = 1;
        } else {
            for (int i = 0; i < 4; i++) {
                eset(&r, i, 32, fp_convert(&st, FP_F16, FP_F32,
                                           eget(&m, i, 16)));
            }
            outn = 2;
        }
    } else {                                        /* VRECPE, VRSQRTE */
        for (int i = 0; i < 2 * n; i++) {
            uint32_t x = (uint32_t)eget(&m, i, 32);
            uint32_t v = (b & 2) ? ((b & 1) ? frsqrte(&st, x)
                                            : frecpe(&st, x))
                                 : ((b & 1) ? ursqrte(x) : urecpe(x));
            eset(&r, i, 32, v);
        }
    }
    cpu->fpscr |= st.flags;
    vstore(cpu, vd, outn, &r);
    set_qc(cpu, q);
}

#define HELPER_DESC(name)                                                   \
    IRHelper arm_helper_##name = {                                          \
        "arm_" #name, (void *)helper_##name,                                \
        IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, IR_VOID, 2,     \
        { IR_I64, IR_I32 }, NULL                                            \
    };
HELPER_DESC(neon_shimm)
HELPER_DESC(neon_3diff)
HELPER_DESC(neon_scalar)
HELPER_DESC(neon_vtbl)
HELPER_DESC(neon_misc2)
#undef HELPER_DESC
