/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD helpers: one call per 64-bit D register (or per D half of
 * a Q register) computes every lane of an instruction, from the ARM ARM
 * pseudocode.  Saturation sets FPSCR.QC; floating-point lanes use fpu.c
 * with the standard FPSCR value.  Called from translate-neon.c.
 */
#include "frontend/arm/helper-neon.h"

#include "frontend/arm/fpu.h"

static uint64_t lane(uint64_t v, int i, int esize)
{
    return esize == 64 ? v : (v >> (i * esize)) & ((1ull << esize) - 1);
}

static int64_t slane(uint64_t v, int i, int esize)
{
    uint64_t x = lane(v, i, esize);
    return esize == 64 ? (int64_t)x
                       : (int64_t)(x << (64 - esize)) >> (64 - esize);
}

static uint64_t put(uint64_t r, int i, int esize, uint64_t x)
{
    if (esize == 64) {
        return x;
    }
    uint64_t mask = ((1ull << esize) - 1) << (i * esize);
    return (r & ~mask) | ((x << (i * esize)) & mask);
}

/* Saturate x (exact, in a wide type) to esize bits; sets *q */
static uint64_t sat_s(__int128 x, int esize, bool *q)
{
    __int128 max = ((__int128)1 << (esize - 1)) - 1, min = -max - 1;
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

static uint64_t sat_u(__int128 x, int esize, bool *q)
{
    __int128 max = esize == 64 ? (__int128)UINT64_MAX
                               : ((__int128)1 << esize) - 1;
    if (x > max) {
        *q = true;
        return (uint64_t)max;
    }
    if (x < 0) {
        *q = true;
        return 0;
    }
    return (uint64_t)x;
}

/* VSHL/VRSHL/VQSHL/VQRSHL by the signed low byte of the shift lane */
static uint64_t shift_lane(__int128 x, int sh, int esize, bool u, bool round,
                           bool sat, bool *q)
{
    __int128 r;
    if (sh >= esize) {
        if (!sat || x == 0) {
            return 0;
        }
        r = x > 0 ? (__int128)1 << 100 : -((__int128)1 << 100);
    } else if (sh >= 0) {
        r = x * ((__int128)1 << sh);
    } else {
        int n = -sh > 65 ? 65 : -sh;
        r = (x + (round ? (__int128)1 << (n - 1) : 0)) >> n;
    }
    if (sat) {
        return u ? sat_u(r, esize, q) : sat_s(r, esize, q);
    }
    return (uint64_t)r;
}

static __int128 val(uint64_t v, int i, int esize, bool u)
{
    return u ? (__int128)lane(v, i, esize) : (__int128)slane(v, i, esize);
}

/* Integer "three registers of the same length" on one lane */
static uint64_t int3(unsigned a, bool b, bool u, int esize, uint64_t d,
                     uint64_t n, uint64_t m, int i, bool *q)
{
    __int128 x = val(n, i, esize, u), y = val(m, i, esize, u);
    uint64_t mask = esize == 64 ? ~0ull : (1ull << esize) - 1;
    switch (a << 1 | b) {
    case 0x00:                                      /* VHADD */
        return (uint64_t)((x + y) >> 1);
    case 0x01:                                      /* VQADD */
        return u ? sat_u(x + y, esize, q) : sat_s(x + y, esize, q);
    case 0x02:                                      /* VRHADD */
        return (uint64_t)((x + y + 1) >> 1);
    case 0x04:                                      /* VHSUB */
        return (uint64_t)((x - y) >> 1);
    case 0x05:                                      /* VQSUB */
        return u ? sat_u(x - y, esize, q) : sat_s(x - y, esize, q);
    case 0x06:                                      /* VCGT */
        return x > y ? mask : 0;
    case 0x07:                                      /* VCGE */
        return x >= y ? mask : 0;
    case 0x08: case 0x09: case 0x0a: case 0x0b: {   /* VSHL family */
        int sh = (int8_t)lane(n, i, esize);         /* value m, shift n */
        return shift_lane(y, sh, esize, u, a == 5, b, q);
    }
    case 0x0c:                                      /* VMAX */
        return (uint64_t)(x > y ? x : y);
    case 0x0d:                                      /* VMIN */
        return (uint64_t)(x < y ? x : y);
    case 0x0e:                                      /* VABD */
        return (uint64_t)(x > y ? x - y : y - x);
    case 0x0f:                                      /* VABA */
        return lane(d, i, esize) + (uint64_t)(x > y ? x - y : y - x);
    case 0x10:                                      /* VADD / VSUB */
        return u ? (uint64_t)(x - y) : (uint64_t)(x + y);
    case 0x11:                                      /* VTST / VCEQ */
        if (u) {
            return lane(n, i, esize) == lane(m, i, esize) ? mask : 0;
        }
        return (lane(n, i, esize) & lane(m, i, esize)) ? mask : 0;
    case 0x12:                                      /* VMLA / VMLS */
        return u ? lane(d, i, esize) - (uint64_t)(x * y)
                 : lane(d, i, esize) + (uint64_t)(x * y);
    case 0x13: {                                    /* VMUL (int/poly) */
        if (!u) {
            return (uint64_t)(x * y);
        }
        uint64_t r = 0, p = lane(n, i, esize), s = lane(m, i, esize);
        for (int k = 0; k < esize; k++) {
            if ((s >> k) & 1) {
                r ^= p << k;
            }
        }
        return r;
    }
    case 0x16: {                                    /* VQ(R)DMULH */
        __int128 p = 2 * slane(n, i, esize) * (__int128)slane(m, i, esize);
        if (u) {
            p += (__int128)1 << (esize - 1);
        }
        return sat_s(p >> esize, esize, q);
    }
    default:
        return 0;
    }
}

/* Pairwise ops: lanes of n then m, combined in adjacent pairs */
static uint64_t pairwise(unsigned a, bool b, bool u, int esize, uint64_t n,
                         uint64_t m)
{
    int lanes = 64 / esize;
    uint64_t r = 0;
    for (int i = 0; i < lanes; i++) {
        uint64_t src = i < lanes / 2 ? n : m;
        int j = (i % (lanes / 2)) * 2;
        __int128 x = val(src, j, esize, u), y = val(src, j + 1, esize, u);
        __int128 v = a == 0xb ? x + y : (b ? (x < y ? x : y)
                                           : (x > y ? x : y));
        r = put(r, i, esize, (uint64_t)v);
    }
    return r;
}

static uint64_t neon_int3(ARMCPU *cpu, uint64_t d, uint64_t n, uint64_t m,
                          uint32_t op)
{
    unsigned a = op & 0xf;
    bool b = (op >> 4) & 1, u = (op >> 5) & 1;
    int esize = 8 << ((op >> 6) & 3);
    bool q = false;
    uint64_t r = 0;

    if (a == 0x1 && b) {                            /* logical */
        switch (((op >> 6) & 3) | u << 2) {
        case 0: return n & m;
        case 1: return n & ~m;
        case 2: return n | m;
        case 3: return n | ~m;
        case 4: return n ^ m;
        case 5: return (n & d) | (m & ~d);          /* VBSL */
        case 6: return (n & m) | (d & ~m);          /* VBIT */
        default: return (d & m) | (n & ~m);         /* VBIF */
        }
    }
    if (a == 0xa || (a == 0xb && b)) {
        return pairwise(a, b, u, esize, n, m);
    }
    for (int i = 0; i < 64 / esize; i++) {
        r = put(r, i, esize, int3(a, b, u, esize, d, n, m, i, &q));
    }
    if (q) {
        cpu->fpscr |= FPSCR_QC;
    }
    return r;
}

/* FPRecipStep / FPRSqrtStep (ARMv7: product rounded first) */
static uint32_t fstep(FPStatus *st, uint32_t a, uint32_t b, bool rsqrt)
{
    uint32_t fa = a & 0x7fffffff, fb = b & 0x7fffffff;
    bool nan = fa > 0x7f800000 || fb > 0x7f800000;
    bool az = st->fz ? (fa & 0x7f800000) == 0 : fa == 0;
    bool bz = st->fz ? (fb & 0x7f800000) == 0 : fb == 0;
    if (!nan && ((fa == 0x7f800000 && bz) || (az && fb == 0x7f800000))) {
        if ((fa && fa < 0x00800000) || (fb && fb < 0x00800000)) {
            st->flags |= FP_IDC;
        }
        return rsqrt ? 0x3fc00000 : 0x40000000;
    }
    uint64_t p = fp_mul(st, FP_F32, a, b);
    if (rsqrt) {                                /* FPHalvedSub(3, p) */
        return (uint32_t)fp_muladd_scaled(st, FP_F32, 0x40400000,
                                          fp_neg(FP_F32, p), 0x3f800000, -1);
    }
    return (uint32_t)fp_sub(st, FP_F32, 0x40000000, p);
}

static uint32_t fcmp_mask(FPStatus *st, uint32_t a, uint32_t b, int kind)
{
    uint32_t c;
    if (kind >= 3) {                                /* VACGE / VACGT */
        a &= 0x7fffffff, b &= 0x7fffffff;
        kind -= 2;
    }
    c = fp_compare(st, FP_F32, a, b, kind != 0);
    switch (kind) {
    case 0: return c == 0x6 ? ~0u : 0;              /* EQ */
    case 1: return (c == 0x6 || c == 0x2) ? ~0u : 0; /* GE */
    default: return c == 0x2 ? ~0u : 0;             /* GT */
    }
}

/* Float "three registers same length" on one lane (F32) */
static uint32_t flt3(FPStatus *st, unsigned a, bool b, bool u, bool hi,
                     uint32_t d, uint32_t n, uint32_t m)
{
    switch (a << 3 | b << 2 | u << 1 | hi) {
    case 0x68: return (uint32_t)fp_add(st, FP_F32, n, m);
    case 0x69: return (uint32_t)fp_sub(st, FP_F32, n, m);
    case 0x6b: return (uint32_t)fp_abs(FP_F32, fp_sub(st, FP_F32, n, m));
    case 0x6c: return (uint32_t)fp_add(st, FP_F32, d, fp_mul(st, FP_F32, n, m));
    case 0x6d:
        return (uint32_t)fp_add(st, FP_F32, d,
                                fp_neg(FP_F32, fp_mul(st, FP_F32, n, m)));
    case 0x6e: return (uint32_t)fp_mul(st, FP_F32, n, m);
    case 0x64: return (uint32_t)fp_muladd(st, FP_F32, d, n, m);
    case 0x65: return (uint32_t)fp_muladd(st, FP_F32, d,
                                          fp_neg(FP_F32, n), m);
    case 0x70: return fcmp_mask(st, n, m, 0);
    case 0x72: return fcmp_mask(st, n, m, 1);
    case 0x73: return fcmp_mask(st, n, m, 2);
    case 0x76: return fcmp_mask(st, n, m, 3);
    case 0x77: return fcmp_mask(st, n, m, 4);
    case 0x78: return (uint32_t)fp_max(st, FP_F32, n, m);
    case 0x79: return (uint32_t)fp_min(st, FP_F32, n, m);
    case 0x7c: return fstep(st, n, m, false);
    case 0x7d: return fstep(st, n, m, true);
    default: return 0;
    }
}

static uint64_t neon_flt3(ARMCPU *cpu, uint64_t d, uint64_t n, uint64_t m,
                          uint32_t op)
{
    FPStatus st = fp_status_standard(cpu->fpscr);
    unsigned a = op & 0xf;
    bool b = (op >> 4) & 1, u = (op >> 5) & 1, hi = (op >> 7) & 1;
    uint64_t r = 0;
    if (u && !b && ((a == 0xd && !hi) || a == 0xf)) { /* pairwise */
        uint32_t x[4] = { (uint32_t)n, (uint32_t)(n >> 32), (uint32_t)m,
                          (uint32_t)(m >> 32) };
        for (int i = 0; i < 2; i++) {
            uint32_t v = a == 0xd ? (uint32_t)fp_add(&st, FP_F32, x[2 * i],
                                                     x[2 * i + 1])
                         : hi ? (uint32_t)fp_min(&st, FP_F32, x[2 * i],
                                                 x[2 * i + 1])
                              : (uint32_t)fp_max(&st, FP_F32, x[2 * i],
                                                 x[2 * i + 1]);
            r |= (uint64_t)v << (32 * i);
        }
    } else {
        for (int i = 0; i < 2; i++) {
            uint32_t v = flt3(&st, a, b, u, hi, (uint32_t)(d >> (32 * i)),
                              (uint32_t)(n >> (32 * i)),
                              (uint32_t)(m >> (32 * i)));
            r |= (uint64_t)v << (32 * i);
        }
    }
    cpu->fpscr |= st.flags;
    return r;
}

uint64_t helper_neon_3same(ARMCPU *cpu, uint64_t d, uint64_t n, uint64_t m,
                           uint32_t op)
{
    if ((op & 0xf) >= 0xc) {
        return neon_flt3(cpu, d, n, m, op);
    }
    return neon_int3(cpu, d, n, m, op);
}


static uint64_t misc_lane(FPStatus *st, unsigned a, unsigned b, int esize,
                          uint64_t x, bool *q)
{
    uint64_t mask = (1ull << esize) - 1;
    int64_t sx = (int64_t)(x << (64 - esize)) >> (64 - esize);
    if (a == 0) {
        switch (b) {
        case 0x8: {                                 /* VCLS */
            uint64_t y = (sx < 0 ? ~x : x) & mask;
            return y ? (uint64_t)(__builtin_clzll(y) - (64 - esize) - 1)
                     : (uint64_t)esize - 1;
        }
        case 0x9:                                   /* VCLZ */
            return x ? (uint64_t)(__builtin_clzll(x) - (64 - esize))
                     : (uint64_t)esize;
        case 0xa:                                   /* VCNT */
            return (uint64_t)__builtin_popcountll(x);
        case 0xb:                                   /* VMVN */
            return ~x & mask;
        case 0xe:                                   /* VQABS */
            return sat_s(sx < 0 ? -(__int128)sx : sx, esize, q);
        default:                                    /* VQNEG */
            return sat_s(-(__int128)sx, esize, q);
        }
    }
    if (a == 1 && (b & 8)) {                        /* float */
        uint32_t f = (uint32_t)x;
        switch (b & 7) {
        case 0: return fcmp_mask(st, f, 0, 2);
        case 1: return fcmp_mask(st, f, 0, 1);
        case 2: return fcmp_mask(st, f, 0, 0);
        case 3: return fcmp_mask(st, 0, f, 1);
        case 4: return fcmp_mask(st, 0, f, 2);
        case 6: return f & 0x7fffffffu;
        default: return f ^ 0x80000000u;
        }
    }
    if (a == 1) {
        switch (b & 7) {
        case 0: return sx > 0 ? mask : 0;
        case 1: return sx >= 0 ? mask : 0;
        case 2: return sx == 0 ? mask : 0;
        case 3: return sx <= 0 ? mask : 0;
        case 4: return sx < 0 ? mask : 0;
        case 6: return (uint64_t)(sx < 0 ? -sx : sx) & mask;
        default: return (uint64_t)-sx & mask;
        }
    }
    /* a == 3: VCVT between F32 and 32-bit integers, bits 8:7 of b */
    switch (b & 3) {
    case 0: return fp_from_fixed(st, FP_F32, (int32_t)x, 0);
    case 1: return fp_from_fixed(st, FP_F32, (uint32_t)x, 0);
    case 2: return fp_to_fixed(st, FP_F32, x, 0, false, 32, true);
    default: return fp_to_fixed(st, FP_F32, x, 0, true, 32, true);
    }
}

/* Element reversal within 16/32/64-bit groups (VREV16/32/64) */
static uint64_t rev(uint64_t x, int esize, int group)
{
    uint64_t r = 0;
    int n = group / esize;
    for (int i = 0; i < 64 / esize; i++) {
        int j = (i / n) * n + (n - 1 - i % n);
        r = put(r, j, esize, lane(x, i, esize));
    }
    return r;
}

uint64_t helper_neon_misc(ARMCPU *cpu, uint64_t m, uint32_t op)
{
    FPStatus st = fp_status_standard(cpu->fpscr);
    unsigned b = op & 0xf, a = (op >> 4) & 3;
    int esize = 8 << ((op >> 6) & 3);
    bool q = false;
    uint64_t r = 0;

    if (a == 0 && b <= 2) {
        return rev(m, esize, 64 >> b);
    }
    for (int i = 0; i < 64 / esize; i++) {
        r = put(r, i, esize, misc_lane(&st, a, b, esize, lane(m, i, esize),
                                       &q));
    }
    if (q) {
        cpu->fpscr |= FPSCR_QC;
    }
    cpu->fpscr |= st.flags;
    return r;
}

/* Lane i of the concatenation of n registers starting at D<base> */
static uint64_t get_el(const uint64_t *w, int i, int esize)
{
    int per = 64 / esize;
    return lane(w[i / per], i % per, esize);
}

static void set_el(uint64_t *w, int i, int esize, uint64_t v)
{
    int per = 64 / esize;
    w[i / per] = put(w[i / per], i % per, esize, v);
}

void helper_neon_perm(ARMCPU *cpu, uint32_t op)
{
    int kind = op & 3, esize = 8 << ((op >> 2) & 3);
    int regs = (op >> 4) & 1 ? 2 : 1;
    int vd = (op >> 5) & 31, vm = (op >> 10) & 31;
    uint64_t d[2], m[2], rd[2], rm[2];
    int n = regs * 64 / esize;

    for (int i = 0; i < regs; i++) {
        d[i] = rd[i] = cpu->vfp_d[vd + i];
        m[i] = rm[i] = cpu->vfp_d[vm + i];
    }
    for (int i = 0; i < n; i++) {
        uint64_t x;
        switch (kind) {
        case 0:                                     /* VSWP */
            rd[i * esize / 64] = m[i * esize / 64];
            rm[i * esize / 64] = d[i * esize / 64];
            break;
        case 1:                                     /* VTRN */
            if (i & 1) {
                set_el(rd, i, esize, get_el(m, i - 1, esize));
                set_el(rm, i - 1, esize, get_el(d, i, esize));
            }
            break;
        case 2:                                     /* VUZP */
            x = i < n / 2 ? get_el(d, 2 * i, esize)
                          : get_el(m, 2 * i - n, esize);
            set_el(rd, i, esize, x);
            x = i < n / 2 ? get_el(d, 2 * i + 1, esize)
                          : get_el(m, 2 * i + 1 - n, esize);
            set_el(rm, i, esize, x);
            break;
        default:                                    /* VZIP */
            x = (i & 1) ? get_el(m, i / 2, esize) : get_el(d, i / 2, esize);
            set_el(rd, i, esize, x);
            x = (i & 1) ? get_el(m, n / 2 + i / 2, esize)
                        : get_el(d, n / 2 + i / 2, esize);
            set_el(rm, i, esize, x);
            break;
        }
    }
    for (int i = 0; i < regs; i++) {
        cpu->vfp_d[vd + i] = rd[i];
        cpu->vfp_d[vm + i] = rm[i];
    }
}

#define HELPER_DESC(name, ret, ...)                                         \
    IRHelper arm_helper_##name = {                                          \
        "arm_" #name, (void *)helper_##name,                                \
        IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS, ret,            \
        sizeof((uint8_t[]){ __VA_ARGS__ }), { __VA_ARGS__ }, NULL           \
    };
HELPER_DESC(neon_3same, IR_I64, IR_I64, IR_I64, IR_I64, IR_I64, IR_I32)
HELPER_DESC(neon_misc, IR_I64, IR_I64, IR_I64, IR_I32)
HELPER_DESC(neon_perm, IR_VOID, IR_I64, IR_I32)
#undef HELPER_DESC
