/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of frontend/arm/fpu.c: finite results against the host's
 * IEEE arithmetic in all four rounding modes (results do not depend on
 * ARM's tininess rule), and hand-worked vectors from the ARM ARM
 * pseudocode for what the host cannot tell: NaN propagation, default NaN,
 * flush-to-zero, underflow before rounding, FPToFixed saturation,
 * half precision (IEEE and alternative) and fused multiply-add.
 */
#include "frontend/arm/fpu.h"
#include "tests/test.h"

#include <fenv.h>
#include <string.h>

static const int host_modes[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                   FE_TOWARDZERO };

static uint32_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 32);
}

static float f32(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

static uint32_t b32(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

static double f64(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}

static uint64_t b64(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

/* Finite operands with exponents close enough to interact */
static uint32_t rnd_f32(uint64_t *s)
{
    return (rng_next(s) & 0x807fffffu) | (90 + rng_next(s) % 76) << 23;
}

static uint64_t rnd_f64(uint64_t *s)
{
    uint64_t m = (uint64_t)rng_next(s) << 32 | rng_next(s);
    return (m & 0x800fffffffffffffull) | (uint64_t)(980 + rng_next(s) % 88)
                                             << 52;
}

TEST(arm_fpu, f32_vs_host)
{
    uint64_t s = 1;
    for (int i = 0; i < 20000; i++) {
        uint32_t a = rnd_f32(&s), b = rnd_f32(&s);
        int m = i & 3;
        FPStatus st = fp_status_from_fpscr((uint32_t)m << 22);
        fesetround(host_modes[m]);
        volatile float x = f32(a), y = f32(b);
        volatile float ra = x + y, rm = x * y, rd = x / y;
        uint32_t add = b32(ra), mul = b32(rm), dv = b32(rd);
        fesetround(FE_TONEAREST);
        ASSERT_EQ(fp_add(&st, FP_F32, a, b), add);
        ASSERT_EQ(fp_mul(&st, FP_F32, a, b), mul);
        ASSERT_EQ(fp_div(&st, FP_F32, a, b), dv);
    }
}

TEST(arm_fpu, f64_vs_host)
{
    uint64_t s = 2;
    for (int i = 0; i < 20000; i++) {
        uint64_t a = rnd_f64(&s), b = rnd_f64(&s);
        int m = i & 3;
        FPStatus st = fp_status_from_fpscr((uint32_t)m << 22);
        fesetround(host_modes[m]);
        volatile double x = f64(a), y = f64(b);
        volatile double rs = x - y, rm = x * y, rd = x / y;
        uint64_t sub = b64(rs), mul = b64(rm), dv = b64(rd);
        volatile double ax = x < 0 ? -x : x;
        volatile double rq = __builtin_sqrt(ax);
        uint64_t sq = b64(rq);
        fesetround(FE_TONEAREST);
        ASSERT_EQ(fp_sub(&st, FP_F64, a, b), sub);
        ASSERT_EQ(fp_mul(&st, FP_F64, a, b), mul);
        ASSERT_EQ(fp_div(&st, FP_F64, a, b), dv);
        ASSERT_EQ(fp_sqrt(&st, FP_F64, b64(ax)), sq);
    }
}

TEST(arm_fpu, nan_rules)
{
    FPStatus st = fp_status_from_fpscr(0);
    /* first SNaN wins over an earlier QNaN, quietened, IOC */
    ASSERT_EQ(fp_add(&st, FP_F32, 0x7fc00001, 0xff800002), 0xffc00002);
    ASSERT_EQ(st.flags, FP_IOC);
    st.flags = 0;
    ASSERT_EQ(fp_mul(&st, FP_F32, 0xffc00003, 0x7fc00004), 0xffc00003);
    ASSERT_EQ(st.flags, 0);
    st = fp_status_from_fpscr(FPSCR_DN);
    ASSERT_EQ(fp_add(&st, FP_F32, 0x7fc00001, 0x3f800000), 0x7fc00000);
    /* FMA: QNaN addend with inf * 0 is the default NaN and IOC */
    st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_muladd(&st, FP_F32, 0x7fc00009, 0x7f800000, 0), 0x7fc00000);
    ASSERT_EQ(st.flags, FP_IOC);
}

TEST(arm_fpu, underflow_and_flush)
{
    /* 2^-126 * (1 - 2^-24) rounds up (ties to even) to the minimum normal: tiny before
     * rounding, inexact, so UFC and IXC (ARM detects tininess before
     * rounding) */
    FPStatus st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_mul(&st, FP_F32, 0x3f7fffff, 0x00800000), 0x00800000);
    ASSERT_EQ(st.flags, FP_UFC | FP_IXC);
    /* FZ: the same result is flushed to zero, UFC only */
    st = fp_status_from_fpscr(FPSCR_FZ);
    ASSERT_EQ(fp_mul(&st, FP_F32, 0x3f7fffff, 0x00800000), 0);
    ASSERT_EQ(st.flags, FP_UFC);
    /* FZ on an input: IDC */
    st = fp_status_from_fpscr(FPSCR_FZ);
    ASSERT_EQ(fp_add(&st, FP_F32, 0x00000001, 0x3f800000), 0x3f800000);
    ASSERT_EQ(st.flags, FP_IDC);
    /* exact denormal result: no underflow */
    st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_sub(&st, FP_F32, 0x00800001, 0x00800000), 1);
    ASSERT_EQ(st.flags, 0);
}

TEST(arm_fpu, fused_single_rounding)
{
    /* (1 + 2^-23) * (1 - 2^-23) - 1 = -2^-46 exactly with one rounding */
    FPStatus st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_muladd(&st, FP_F32, 0xbf800000, 0x3f800001, 0x3f7ffffe),
              0xa8800000);
    ASSERT_EQ(st.flags, 0);
}

TEST(arm_fpu, to_fixed)
{
    FPStatus st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_to_fixed(&st, FP_F32, 0x4f000000, 0, false, 32, true),
              0x7fffffff);
    ASSERT_EQ(st.flags, FP_IOC);
    st.flags = 0;
    ASSERT_EQ(fp_to_fixed(&st, FP_F32, 0xbf400000, 0, true, 32, false), 0);
    ASSERT_EQ(st.flags, FP_IOC);    /* -0.75 rounds to -1: saturates */
    st.flags = 0;
    ASSERT_EQ(fp_to_fixed(&st, FP_F32, 0x3fc00000, 0, false, 32, false), 2);
    ASSERT_EQ(st.flags, FP_IXC);
    st.flags = 0;
    ASSERT_EQ(fp_to_fixed(&st, FP_F64, 0x7ff8000000000000ull, 0, false, 32,
                          true), 0);
    ASSERT_EQ(st.flags, FP_IOC);
}

TEST(arm_fpu, half)
{
    FPStatus st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_convert(&st, FP_F32, FP_F16, 0x477ff000), 0x7c00);
    ASSERT_EQ(st.flags, FP_OFC | FP_IXC);
    st = fp_status_from_fpscr(FPSCR_AHP);
    ASSERT_EQ(fp_convert(&st, FP_F32, FP_F16, 0x477ff000), 0x7c00);
    ASSERT_EQ(st.flags, FP_IXC);    /* 65520 is normal in AHP */
    st.flags = 0;
    ASSERT_EQ(fp_convert(&st, FP_F32, FP_F16, 0x7f800000), 0x7fff);
    ASSERT_EQ(st.flags, FP_IOC);
    st.flags = 0;
    ASSERT_EQ(fp_convert(&st, FP_F16, FP_F32, 0x7c00), 0x47800000);
    st = fp_status_from_fpscr(0);
    ASSERT_EQ(fp_convert(&st, FP_F16, FP_F32, 0x0001), 0x33800000);
    ASSERT_EQ(st.flags, 0);
}
