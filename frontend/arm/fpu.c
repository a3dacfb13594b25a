/* SPDX-License-Identifier: MIT */
/*
 * Software floating point after the ARMv7 ARM pseudocode (appendix
 * "Floating-point pseudocode"): values are unpacked into sign, exponent
 * and an integer significand, computed exactly in 128 bits (with a
 * sticky bit where an exact result would not fit) and rounded once by
 * fp_round(), a transcription of FPRound.  See README-fpu.md.
 */
#include "frontend/arm/fpu.h"

typedef unsigned __int128 u128;

typedef struct FPInfo {
    int ebits, fbits;
} FPInfo;

static const FPInfo fp_info[3] = { { 5, 10 }, { 8, 23 }, { 11, 52 } };

enum { FPC_ZERO, FPC_NORMAL, FPC_INF, FPC_QNAN, FPC_SNAN };

/* An unpacked value: (-1)^sign * sig * 2^exp */
typedef struct FPVal {
    int cls;
    bool sign;
    int exp;
    uint64_t sig;
} FPVal;

FPStatus fp_status_from_fpscr(uint32_t fpscr)
{
    FPStatus st = {
        .rmode = (int)((fpscr >> FPSCR_RMODE_SHIFT) & 3),
        .fz = fpscr & FPSCR_FZ, .dn = fpscr & FPSCR_DN,
        .ahp = fpscr & FPSCR_AHP, .flags = 0,
    };
    return st;
}

FPStatus fp_status_standard(uint32_t fpscr)
{
    FPStatus st = { .rmode = FP_RN, .fz = true, .dn = true,
                    .ahp = fpscr & FPSCR_AHP, .flags = 0 };
    return st;
}

static int fp_bias(FPFmt f)
{
    return (1 << (fp_info[f].ebits - 1)) - 1;
}

static uint64_t fp_sign_bit(FPFmt f)
{
    return 1ull << (fp_info[f].ebits + fp_info[f].fbits);
}

static uint64_t fp_emax(FPFmt f)
{
    return (1ull << fp_info[f].ebits) - 1;
}

static uint64_t fp_pack(FPFmt f, bool sign, uint64_t bexp, uint64_t frac)
{
    return (sign ? fp_sign_bit(f) : 0) | (bexp << fp_info[f].fbits) | frac;
}

static uint64_t fp_zero(FPFmt f, bool sign)
{
    return fp_pack(f, sign, 0, 0);
}

static uint64_t fp_inf(FPFmt f, bool sign)
{
    return fp_pack(f, sign, fp_emax(f), 0);
}

static uint64_t fp_default_nan(FPFmt f)
{
    return fp_pack(f, false, fp_emax(f), 1ull << (fp_info[f].fbits - 1));
}

static uint64_t fp_max_normal(FPFmt f, bool sign)
{
    return fp_pack(f, sign, fp_emax(f) - 1, (1ull << fp_info[f].fbits) - 1);
}

/* FPUnpack: FZ flushes single/double denormals (IDC), never half */
static FPVal fp_unpack(FPStatus *st, FPFmt f, uint64_t x)
{
    int fb = fp_info[f].fbits;
    uint64_t frac = x & ((1ull << fb) - 1);
    uint64_t bexp = (x >> fb) & fp_emax(f);
    FPVal v = { FPC_NORMAL, (x & fp_sign_bit(f)) != 0, 0, 0 };

    if (bexp == 0) {
        if (frac == 0 || (st->fz && f != FP_F16)) {
            if (frac) {
                st->flags |= FP_IDC;
            }
            v.cls = FPC_ZERO;
            return v;
        }
        v.exp = 1 - fp_bias(f) - fb;
        v.sig = frac;
    } else if (bexp == fp_emax(f) && !(f == FP_F16 && st->ahp)) {
        if (frac == 0) {
            v.cls = FPC_INF;
        } else {
            v.cls = (frac >> (fb - 1)) ? FPC_QNAN : FPC_SNAN;
        }
    } else {
        v.exp = (int)bexp - fp_bias(f) - fb;
        v.sig = frac | (1ull << fb);
    }
    return v;
}

static bool fp_is_nan(const FPVal *v)
{
    return v->cls == FPC_QNAN || v->cls == FPC_SNAN;
}

/* FPProcessNaN */
static uint64_t fp_process_nan(FPStatus *st, FPFmt f, const FPVal *v,
                               uint64_t x)
{
    if (v->cls == FPC_SNAN) {
        st->flags |= FP_IOC;
        x |= 1ull << (fp_info[f].fbits - 1);
    }
    return st->dn ? fp_default_nan(f) : x;
}

/* FPProcessNaNs: true (and *r) if one of the operands is a NaN */
static bool fp_process_nans(FPStatus *st, FPFmt f, const FPVal *a,
                            uint64_t xa, const FPVal *b, uint64_t xb,
                            uint64_t *r)
{
    if (a->cls == FPC_SNAN) {
        *r = fp_process_nan(st, f, a, xa);
    } else if (b->cls == FPC_SNAN) {
        *r = fp_process_nan(st, f, b, xb);
    } else if (a->cls == FPC_QNAN) {
        *r = fp_process_nan(st, f, a, xa);
    } else if (b->cls == FPC_QNAN) {
        *r = fp_process_nan(st, f, b, xb);
    } else {
        return false;
    }
    return true;
}

static int clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    if (hi) {
        return __builtin_clzll(hi);
    }
    return 64 + __builtin_clzll((uint64_t)x);
}

/* x >> n with the bits shifted out ORed into bit 0 */
static u128 shr_jam(u128 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x & (((u128)1 << n) - 1)) != 0);
}

/* Overflow result and flags (FPRound's biased_exp >= 2^E - 1 case) */
static uint64_t fp_overflow(FPStatus *st, FPFmt f, bool sign)
{
    bool to_inf = st->rmode == FP_RN || (st->rmode == FP_RP && !sign) ||
                  (st->rmode == FP_RM && sign);
    st->flags |= FP_OFC | FP_IXC;
    return to_inf ? fp_inf(f, sign) : fp_max_normal(f, sign);
}

/* Should a value with the given LSB, round bit and sticky round up? */
static bool fp_round_up(const FPStatus *st, bool sign, bool lsb, bool half,
                        bool sticky)
{
    switch (st->rmode) {
    case FP_RN:
        return half && (sticky || lsb);
    case FP_RP:
        return (half || sticky) && !sign;
    case FP_RM:
        return (half || sticky) && sign;
    default:
        return false;
    }
}

/*
 * FPRound of the nonzero value (-1)^sign * sig * 2^exp, where bit 0 of
 * sig may be a sticky bit (then sig must carry at least two bits below
 * the result's precision).
 */
static uint64_t fp_round(FPStatus *st, FPFmt f, bool sign, int exp, u128 sig)
{
    int fb = fp_info[f].fbits;
    int min_exp = 2 - fp_bias(f) - 1;           /* 1 - bias */
    int msb = 127 - clz128(sig);
    int e = exp + msb;                          /* 1.m * 2^e */

    if (st->fz && f != FP_F16 && e < min_exp) {
        st->flags |= FP_UFC;
        return fp_zero(f, sign);
    }
    uint64_t bexp = e - min_exp + 1 > 0 ? (uint64_t)(e - min_exp + 1) : 0;
    int shift = bexp == 0 ? min_exp - fb - exp : msb - fb;
    u128 mant;
    bool half = false, sticky = false;
    if (shift <= 0) {
        mant = sig << -shift;
    } else if (shift > 128) {
        mant = 0;
        sticky = true;
    } else {
        u128 rem = shift == 128 ? sig : sig & (((u128)1 << shift) - 1);
        mant = shift == 128 ? 0 : sig >> shift;
        half = (rem >> (shift - 1)) & 1;
        sticky = (rem & (((u128)1 << (shift - 1)) - 1)) != 0;
    }
    bool inexact = half || sticky;
    if (bexp == 0 && inexact) {
        st->flags |= FP_UFC;
    }
    if (fp_round_up(st, sign, mant & 1, half, sticky)) {
        mant++;
        if (mant == (u128)1 << fb) {
            bexp = 1;
        } else if (mant == (u128)1 << (fb + 1)) {
            bexp++;
            mant >>= 1;
        }
    }
    if (f == FP_F16 && st->ahp) {
        if (bexp >= 32) {
            st->flags |= FP_IOC;
            return fp_pack(f, sign, 31, 0x3ff);
        }
    } else if (bexp >= fp_emax(f)) {
        return fp_overflow(st, f, sign);
    }
    if (inexact) {
        st->flags |= FP_IXC;
    }
    return fp_pack(f, sign, bexp, (uint64_t)mant & ((1ull << fb) - 1));
}

/* Exact zero result of a sum: +0 unless rounding towards -inf */
static uint64_t fp_exact_zero(const FPStatus *st, FPFmt f)
{
    return fp_zero(f, st->rmode == FP_RM);
}

/* Round a + b for nonzero-or-zero finite parts (sig < 2^126). */
static uint64_t fp_add_parts(FPStatus *st, FPFmt f, bool sa, int ea,
                             u128 ma, bool sb, int eb, u128 mb)
{
    if (ma == 0 && mb == 0) {
        return sa == sb ? fp_zero(f, sa) : fp_exact_zero(st, f);
    }
    /* Normalise both to bit 125; a is the larger in magnitude order */
    if (ma) {
        int s = clz128(ma) - 2;
        ma <<= s;
        ea -= s;
    }
    if (mb) {
        int s = clz128(mb) - 2;
        mb <<= s;
        eb -= s;
    }
    if (ma == 0 || (mb != 0 && eb > ea)) {
        bool ts = sa;
        int te = ea;
        u128 tm = ma;
        sa = sb, ea = eb, ma = mb;
        sb = ts, eb = te, mb = tm;
    }
    mb = shr_jam(mb, ea - eb);
    u128 r;
    bool sign = sa;
    if (sa == sb) {
        r = ma + mb;
    } else if (ma >= mb) {
        r = ma - mb;
    } else {
        r = mb - ma;
        sign = sb;
    }
    if (r == 0) {
        return fp_exact_zero(st, f);
    }
    return fp_round(st, f, sign, ea, r);
}

static uint64_t fp_addsub(FPStatus *st, FPFmt f, uint64_t a, uint64_t b,
                          bool negate_b)
{
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);
    uint64_t r;

    if (fp_process_nans(st, f, &va, a, &vb, b, &r)) {
        return r;
    }
    vb.sign ^= negate_b;
    if (va.cls == FPC_INF && vb.cls == FPC_INF && va.sign != vb.sign) {
        st->flags |= FP_IOC;
        return fp_default_nan(f);
    }
    if (va.cls == FPC_INF || vb.cls == FPC_INF) {
        return fp_inf(f, va.cls == FPC_INF ? va.sign : vb.sign);
    }
    return fp_add_parts(st, f, va.sign, va.exp, va.sig, vb.sign, vb.exp,
                        vb.sig);
}

uint64_t fp_add(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    return fp_addsub(st, f, a, b, false);
}

uint64_t fp_sub(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    return fp_addsub(st, f, a, b, true);
}

uint64_t fp_mul(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);
    bool sign = va.sign ^ vb.sign;
    uint64_t r;

    if (fp_process_nans(st, f, &va, a, &vb, b, &r)) {
        return r;
    }
    if ((va.cls == FPC_INF && vb.cls == FPC_ZERO) ||
        (va.cls == FPC_ZERO && vb.cls == FPC_INF)) {
        st->flags |= FP_IOC;
        return fp_default_nan(f);
    }
    if (va.cls == FPC_INF || vb.cls == FPC_INF) {
        return fp_inf(f, sign);
    }
    if (va.cls == FPC_ZERO || vb.cls == FPC_ZERO) {
        return fp_zero(f, sign);
    }
    return fp_round(st, f, sign, va.exp + vb.exp, (u128)va.sig * vb.sig);
}

uint64_t fp_div(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);
    bool sign = va.sign ^ vb.sign;
    uint64_t r;

    if (fp_process_nans(st, f, &va, a, &vb, b, &r)) {
        return r;
    }
    if ((va.cls == FPC_INF && vb.cls == FPC_INF) ||
        (va.cls == FPC_ZERO && vb.cls == FPC_ZERO)) {
        st->flags |= FP_IOC;
        return fp_default_nan(f);
    }
    if (va.cls == FPC_INF || vb.cls == FPC_ZERO) {
        if (va.cls != FPC_INF) {
            st->flags |= FP_DZC;
        }
        return fp_inf(f, sign);
    }
    if (va.cls == FPC_ZERO || vb.cls == FPC_INF) {
        return fp_zero(f, sign);
    }
    int s = clz128(va.sig) - 2;
    u128 num = (u128)va.sig << s;
    u128 q = num / vb.sig;
    bool rem = num % vb.sig != 0;
    return fp_round(st, f, sign, va.exp - s - vb.exp - 1, (q << 1) | rem);
}

/* Integer square root of x: floor(sqrt(x)), *exact when x is a square */
static uint64_t isqrt128(u128 x, bool *exact)
{
    u128 res = 0, bit = (u128)1 << 126;
    while (bit > x) {
        bit >>= 2;
    }
    while (bit) {
        if (x >= res + bit) {
            x -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    *exact = x == 0;
    return (uint64_t)res;
}

uint64_t fp_sqrt(FPStatus *st, FPFmt f, uint64_t a)
{
    FPVal v = fp_unpack(st, f, a);

    if (fp_is_nan(&v)) {
        return fp_process_nan(st, f, &v, a);
    }
    if (v.cls == FPC_ZERO) {
        return fp_zero(f, v.sign);
    }
    if (v.sign) {
        st->flags |= FP_IOC;
        return fp_default_nan(f);
    }
    if (v.cls == FPC_INF) {
        return fp_inf(f, false);
    }
    u128 m = v.sig;
    int e = v.exp;
    int s = clz128(m) - 2;          /* make the shifted exponent even */
    if ((e - s) & 1) {
        s--;
    }
    bool exact;
    uint64_t root = isqrt128(m << s, &exact);
    return fp_round(st, f, false, (e - s) / 2 - 1,
                    ((u128)root << 1) | !exact);
}

uint64_t fp_muladd(FPStatus *st, FPFmt f, uint64_t addend, uint64_t a,
                   uint64_t b)
{
    return fp_muladd_scaled(st, f, addend, a, b, 0);
}

uint64_t fp_muladd_scaled(FPStatus *st, FPFmt f, uint64_t addend,
                          uint64_t a, uint64_t b, int scale)
{
    FPVal vc = fp_unpack(st, f, addend);
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);
    bool inf_zero = (va.cls == FPC_INF && vb.cls == FPC_ZERO) ||
                    (va.cls == FPC_ZERO && vb.cls == FPC_INF);
    bool ps = va.sign ^ vb.sign;
    uint64_t r;

    /* FPProcessNaNs3(addend, a, b), then the QNaN + inf * 0 rule */
    const FPVal *vv[3] = { &vc, &va, &vb };
    const uint64_t xx[3] = { addend, a, b };
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 3; i++) {
            if (vv[i]->cls == (pass ? FPC_QNAN : FPC_SNAN)) {
                r = fp_process_nan(st, f, vv[i], xx[i]);
                if (vc.cls == FPC_QNAN && inf_zero) {
                    st->flags |= FP_IOC;
                    return fp_default_nan(f);
                }
                return r;
            }
        }
    }
    bool inf_p = va.cls == FPC_INF || vb.cls == FPC_INF;
    if (inf_zero || (vc.cls == FPC_INF && inf_p && vc.sign != ps)) {
        st->flags |= FP_IOC;
        return fp_default_nan(f);
    }
    if (vc.cls == FPC_INF || inf_p) {
        return fp_inf(f, vc.cls == FPC_INF ? vc.sign : ps);
    }
    bool zero_p = va.cls == FPC_ZERO || vb.cls == FPC_ZERO;
    u128 pm = zero_p ? 0 : (u128)va.sig * vb.sig;
    return fp_add_parts(st, f, vc.sign, vc.exp + scale, vc.sig, ps,
                        va.exp + vb.exp + scale, pm);
}

uint64_t fp_neg(FPFmt f, uint64_t a)
{
    return a ^ fp_sign_bit(f);
}

uint64_t fp_abs(FPFmt f, uint64_t a)
{
    return a & ~fp_sign_bit(f);
}

/* A finite unpacked value as a signed order key (sig < 2^53) */
static int fp_cmp_vals(const FPVal *a, const FPVal *b)
{
    if (a->cls == FPC_ZERO && b->cls == FPC_ZERO) {
        return 0;
    }
    if (a->sign != b->sign || a->cls == FPC_ZERO || b->cls == FPC_ZERO) {
        int sa = a->cls == FPC_ZERO ? 0 : (a->sign ? -1 : 1);
        int sb = b->cls == FPC_ZERO ? 0 : (b->sign ? -1 : 1);
        return sa < sb ? -1 : sa > sb;
    }
    int mag;
    if (a->cls == FPC_INF || b->cls == FPC_INF) {
        mag = (a->cls == FPC_INF) - (b->cls == FPC_INF);
    } else {
        u128 ma = a->sig, mb = b->sig;
        int ea = a->exp, eb = b->exp;
        int s = clz128(ma) - 2, t = clz128(mb) - 2;
        ma <<= s, ea -= s, mb <<= t, eb -= t;
        if (ea != eb) {
            mag = ea > eb ? 1 : -1;
        } else {
            mag = ma > mb ? 1 : (ma < mb ? -1 : 0);
        }
    }
    return a->sign ? -mag : mag;
}

static uint64_t fp_minmax(FPStatus *st, FPFmt f, uint64_t a, uint64_t b,
                          bool is_max)
{
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);
    uint64_t r;

    if (fp_process_nans(st, f, &va, a, &vb, b, &r)) {
        return r;
    }
    if (va.cls == FPC_ZERO && vb.cls == FPC_ZERO) {
        return fp_zero(f, is_max ? va.sign && vb.sign : va.sign || vb.sign);
    }
    int c = fp_cmp_vals(&va, &vb);
    bool pick_a = is_max ? c > 0 : c < 0;
    const FPVal *v = pick_a ? &va : &vb;
    if (v->cls == FPC_ZERO) {
        return fp_zero(f, v->sign);     /* a flushed denormal */
    }
    return pick_a ? a : b;
}

uint64_t fp_max(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    return fp_minmax(st, f, a, b, true);
}

uint64_t fp_min(FPStatus *st, FPFmt f, uint64_t a, uint64_t b)
{
    return fp_minmax(st, f, a, b, false);
}

uint32_t fp_compare(FPStatus *st, FPFmt f, uint64_t a, uint64_t b,
                    bool quiet_exc)
{
    FPVal va = fp_unpack(st, f, a), vb = fp_unpack(st, f, b);

    if (fp_is_nan(&va) || fp_is_nan(&vb)) {
        if (va.cls == FPC_SNAN || vb.cls == FPC_SNAN || quiet_exc) {
            st->flags |= FP_IOC;
        }
        return 0x3;
    }
    int c = fp_cmp_vals(&va, &vb);
    return c == 0 ? 0x6 : (c < 0 ? 0x8 : 0x2);
}

/* A NaN converted to another format: quieted, payload's top bits kept */
static uint64_t fp_convert_nan(FPStatus *st, FPFmt from, FPFmt to,
                               const FPVal *v, uint64_t a)
{
    if (v->cls == FPC_SNAN) {
        st->flags |= FP_IOC;
    }
    if (to == FP_F16 && st->ahp) {
        st->flags |= FP_IOC;
        return fp_zero(to, v->sign);
    }
    if (st->dn) {
        return fp_default_nan(to);
    }
    int fa = fp_info[from].fbits, fb = fp_info[to].fbits;
    uint64_t frac = a & ((1ull << fa) - 1);
    frac = fa > fb ? frac >> (fa - fb) : frac << (fb - fa);
    return fp_pack(to, v->sign, fp_emax(to), frac | (1ull << (fb - 1)));
}

uint64_t fp_convert(FPStatus *st, FPFmt from, FPFmt to, uint64_t a)
{
    FPVal v = fp_unpack(st, from, a);

    if (fp_is_nan(&v)) {
        return fp_convert_nan(st, from, to, &v, a);
    }
    if (v.cls == FPC_INF) {
        if (to == FP_F16 && st->ahp) {
            st->flags |= FP_IOC;
            return fp_pack(to, v.sign, 31, 0x3ff);
        }
        return fp_inf(to, v.sign);
    }
    if (v.cls == FPC_ZERO) {
        return fp_zero(to, v.sign);
    }
    return fp_round(st, to, v.sign, v.exp, v.sig);
}

/* x * 2^sh rounded to an integer (magnitude), flags for inexactness */
static u128 fp_scale_round(FPStatus *st, const FPVal *v, int sh,
                           bool round_zero, bool *inexact, bool *big)
{
    u128 m = v->sig;
    *inexact = false;
    *big = false;
    if (sh >= 0) {
        if (sh > 70) {
            *big = true;
            return 0;
        }
        return m << sh;
    }
    int n = -sh;
    u128 q = n >= 128 ? 0 : m >> n;
    u128 rem = n >= 128 ? m : m & (((u128)1 << n) - 1);
    bool half = n <= 128 && ((rem >> (n - 1)) & 1);
    bool sticky = n > 128 ? m != 0
                          : (rem & (((u128)1 << (n - 1)) - 1)) != 0;
    *inexact = half || sticky;
    FPStatus rs = *st;
    if (round_zero) {
        rs.rmode = FP_RZ;
    }
    if (fp_round_up(&rs, v->sign, q & 1, half, sticky)) {
        q++;
    }
    return q;
}

uint32_t fp_to_fixed(FPStatus *st, FPFmt f, uint64_t a, int frac_bits,
                     bool is_unsigned, int bits, bool round_zero)
{
    FPVal v = fp_unpack(st, f, a);
    int64_t lo = is_unsigned ? 0 : -((int64_t)1 << (bits - 1));
    int64_t hi = is_unsigned ? ((int64_t)1 << bits) - 1
                             : ((int64_t)1 << (bits - 1)) - 1;
    bool inexact = false, big = false;
    int64_t r;

    if (fp_is_nan(&v)) {
        st->flags |= FP_IOC;
        return 0;
    }
    if (v.cls == FPC_INF) {
        big = true;
    } else if (v.cls != FPC_ZERO) {
        u128 q = fp_scale_round(st, &v, v.exp + frac_bits, round_zero,
                                &inexact, &big);
        if (q > ((u128)1 << 40)) {
            big = true;
        }
        r = v.sign ? -(int64_t)q : (int64_t)q;
    }
    if (v.cls == FPC_ZERO) {
        r = 0;
    }
    if (big || r < lo || r > hi) {
        st->flags |= FP_IOC;
        r = v.sign ? lo : hi;
    } else if (inexact) {
        st->flags |= FP_IXC;
    }
    return (uint32_t)r;
}

uint64_t fp_from_fixed(FPStatus *st, FPFmt f, int64_t v, int frac_bits)
{
    if (v == 0) {
        return fp_zero(f, false);
    }
    bool sign = v < 0;
    uint64_t m = sign ? -(uint64_t)v : (uint64_t)v;
    return fp_round(st, f, sign, -frac_bits, m);
}
