/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the A32 media/DSP instructions: saturation, the parallel
 * add/subtract family, USAD8 and RBIT (SEL is inline IR).  Written from
 * the ARM ARM (ARMv7-A) pseudocode; translate-media.c calls them through
 * the IRHelper descriptors at the end.  All are pure functions of their
 * arguments.
 */
#include "frontend/arm/helper-media.h"

#include <stdbool.h>

static inline uint64_t pack_flag(uint32_t res, uint32_t flags)
{
    return res | (uint64_t)flags << 32;
}

/* SignedSatQ(i, n), 1 <= n <= 32: the result and whether it saturated */
static int64_t signed_sat(int64_t i, unsigned n, bool *sat)
{
    int64_t max = ((int64_t)1 << (n - 1)) - 1;
    int64_t min = -((int64_t)1 << (n - 1));

    if (i > max) {
        *sat = true;
        return max;
    }
    if (i < min) {
        *sat = true;
        return min;
    }
    return i;
}

/* UnsignedSatQ(i, n), 0 <= n <= 31 */
static int64_t unsigned_sat(int64_t i, unsigned n, bool *sat)
{
    int64_t max = ((int64_t)1 << n) - 1;

    if (i > max) {
        *sat = true;
        return max;
    }
    if (i < 0) {
        *sat = true;
        return 0;
    }
    return i;
}

uint64_t helper_arm_qadd(uint32_t a, uint32_t b)
{
    bool sat = false;
    int64_t r = signed_sat((int64_t)(int32_t)a + (int32_t)b, 32, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_qsub(uint32_t a, uint32_t b)
{
    bool sat = false;
    int64_t r = signed_sat((int64_t)(int32_t)a - (int32_t)b, 32, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_qdadd(uint32_t m, uint32_t n)
{
    bool sat = false;
    int64_t d = signed_sat(2 * (int64_t)(int32_t)n, 32, &sat);
    int64_t r = signed_sat((int32_t)m + d, 32, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_qdsub(uint32_t m, uint32_t n)
{
    bool sat = false;
    int64_t d = signed_sat(2 * (int64_t)(int32_t)n, 32, &sat);
    int64_t r = signed_sat((int32_t)m - d, 32, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_ssat(uint32_t x, uint32_t bits)
{
    bool sat = false;
    int64_t r = signed_sat((int32_t)x, bits, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_usat(uint32_t x, uint32_t bits)
{
    bool sat = false;
    int64_t r = unsigned_sat((int32_t)x, bits, &sat);

    return pack_flag((uint32_t)r, sat);
}

uint64_t helper_arm_ssat16(uint32_t x, uint32_t bits)
{
    bool sat = false;
    int64_t lo = signed_sat((int16_t)x, bits, &sat);
    int64_t hi = signed_sat((int16_t)(x >> 16), bits, &sat);

    return pack_flag(((uint32_t)lo & 0xffff) | (uint32_t)hi << 16, sat);
}

uint64_t helper_arm_usat16(uint32_t x, uint32_t bits)
{
    bool sat = false;
    int64_t lo = unsigned_sat((int16_t)x, bits, &sat);
    int64_t hi = unsigned_sat((int16_t)(x >> 16), bits, &sat);

    return pack_flag((uint32_t)lo | (uint32_t)hi << 16, sat);
}

uint32_t helper_arm_usad8(uint32_t n, uint32_t m)
{
    uint32_t sum = 0;

    for (int i = 0; i < 32; i += 8) {
        int d = (int)((n >> i) & 0xff) - (int)((m >> i) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

uint32_t helper_arm_rbit(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
    return (x >> 16) | (x << 16);
}

/*
 * Parallel add/subtract.  Lane i of the result combines lane i of n with
 * lane i of m (ADD/SUB) or lane 1-i of m (ASX: lane 0 subtracts, lane 1
 * adds; SAX the other way round).  Lanes are sign- or zero-extended, the
 * exact sum is then wrapped (S, U), saturated (Q, UQ) or halved (SH, UH).
 * GE for a lane is sum >= 0 (signed, and unsigned subtract) or
 * sum >= 2^width (unsigned add); 16-bit lanes set two GE bits.
 */
static inline __attribute__((always_inline))
uint64_t pas_op(unsigned kind, unsigned op, uint32_t n, uint32_t m)
{
    bool is_signed = kind < ARM_PAS_U;
    unsigned w = (op == ARM_PAS_ADD8 || op == ARM_PAS_SUB8) ? 8 : 16;
    uint32_t lmask = (1u << w) - 1;
    uint32_t res = 0, ge = 0;

    for (unsigned i = 0; i < 32 / w; i++) {
        unsigned mi = (op == ARM_PAS_ASX || op == ARM_PAS_SAX) ? 1 - i : i;
        uint32_t ua = (n >> (i * w)) & lmask, ub = (m >> (mi * w)) & lmask;
        int32_t a = is_signed ? (int32_t)(ua << (32 - w)) >> (32 - w)
                              : (int32_t)ua;
        int32_t b = is_signed ? (int32_t)(ub << (32 - w)) >> (32 - w)
                              : (int32_t)ub;
        bool sub = op == ARM_PAS_SUB16 || op == ARM_PAS_SUB8 ||
                   (op == ARM_PAS_ASX && i == 0) ||
                   (op == ARM_PAS_SAX && i == 1);
        int32_t r = sub ? a - b : a + b;
        bool sat = false, g;

        g = (is_signed || sub) ? r >= 0 : r >= (int32_t)(1u << w);
        if (g) {
            ge |= (w == 16 ? 3u : 1u) << (i * (w == 16 ? 2 : 1));
        }
        if (kind == ARM_PAS_Q) {
            r = (int32_t)signed_sat(r, w, &sat);
        } else if (kind == ARM_PAS_UQ) {
            r = (int32_t)unsigned_sat(r, w, &sat);
        } else if (kind == ARM_PAS_SH || kind == ARM_PAS_UH) {
            r >>= 1;
        }
        res |= ((uint32_t)r & lmask) << (i * w);
    }
    if (kind != ARM_PAS_S && kind != ARM_PAS_U) {
        ge = 0;
    }
    return pack_flag(res, ge);
}

uint64_t arm_media_pas(unsigned kind, unsigned op, uint32_t n, uint32_t m)
{
    return pas_op(kind & 7, op & 7, n, m);
}

/* The descriptors: one specialised function per (kind, op). */
#define PAS_HELPER(k, o)                                                    \
    static uint64_t helper_arm_##k##o(uint32_t n, uint32_t m)               \
    {                                                                       \
        return pas_op(ARM_PAS_##k, ARM_PAS_##o, n, m);                      \
    }                                                                       \
    static IRHelper pas_##k##o = {                                          \
        "arm_" #k #o, (void *)helper_arm_##k##o, IR_CALL_PURE, IR_I64, 2,   \
        { IR_I32, IR_I32 }, NULL                                            \
    };
#define PAS_KIND(k)                                                         \
    PAS_HELPER(k, ADD16) PAS_HELPER(k, ASX) PAS_HELPER(k, SAX)              \
    PAS_HELPER(k, SUB16) PAS_HELPER(k, ADD8) PAS_HELPER(k, SUB8)
PAS_KIND(S) PAS_KIND(Q) PAS_KIND(SH) PAS_KIND(U) PAS_KIND(UQ) PAS_KIND(UH)
#undef PAS_KIND
#undef PAS_HELPER

#define PAS_ROW(k)                                                          \
    [ARM_PAS_##k] = { &pas_##k##ADD16, &pas_##k##ASX, &pas_##k##SAX,        \
                      &pas_##k##SUB16, &pas_##k##ADD8, NULL, NULL,          \
                      &pas_##k##SUB8 }
static IRHelper *const pas_helpers[8][8] = {
    PAS_ROW(S), PAS_ROW(Q), PAS_ROW(SH), PAS_ROW(U), PAS_ROW(UQ), PAS_ROW(UH),
};
#undef PAS_ROW

IRHelper *arm_media_pas_helper(unsigned kind, unsigned op)
{
    return pas_helpers[kind & 7][op & 7];
}

#define HELPER_DESC(name, ret, ...)                                         \
    IRHelper arm_helper_##name = {                                          \
        "arm_" #name, (void *)helper_arm_##name, IR_CALL_PURE, ret,         \
        sizeof((uint8_t[]){ __VA_ARGS__ }), { __VA_ARGS__ }, NULL           \
    };
HELPER_DESC(qadd, IR_I64, IR_I32, IR_I32)
HELPER_DESC(qsub, IR_I64, IR_I32, IR_I32)
HELPER_DESC(qdadd, IR_I64, IR_I32, IR_I32)
HELPER_DESC(qdsub, IR_I64, IR_I32, IR_I32)
HELPER_DESC(ssat, IR_I64, IR_I32, IR_I32)
HELPER_DESC(usat, IR_I64, IR_I32, IR_I32)
HELPER_DESC(ssat16, IR_I64, IR_I32, IR_I32)
HELPER_DESC(usat16, IR_I64, IR_I32, IR_I32)
HELPER_DESC(usad8, IR_I32, IR_I32, IR_I32)
HELPER_DESC(rbit, IR_I32, IR_I32)
#undef HELPER_DESC
