/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of frontend/arm/helper-media.c.  The reference is the ARM ARM
 * (ARMv7-A) pseudocode, transliterated instruction by instruction below
 * (ref_*), checked on edge values and a pseudo-random sweep, plus literal
 * vectors worked out by hand from the pseudocode.
 */
#include "frontend/arm/helper-media.h"
#include "tests/test.h"

#include <stdbool.h>

/* ---- reference pseudocode ------------------------------------------- */

static int64_t sint(uint32_t x, int bits)
{
    return (int32_t)(x << (32 - bits)) >> (32 - bits);
}

static uint32_t field(uint32_t x, int lo, int bits)
{
    return (x >> lo) & (uint32_t)((1ull << bits) - 1);
}

/* SignedSatQ / UnsignedSatQ, as in the ARM ARM */
static int64_t ssatq(int64_t i, int n, bool *q)
{
    if (i > (1ll << (n - 1)) - 1) {
        *q = true;
        return (1ll << (n - 1)) - 1;
    }
    if (i < -(1ll << (n - 1))) {
        *q = true;
        return -(1ll << (n - 1));
    }
    return i;
}

static int64_t usatq(int64_t i, int n, bool *q)
{
    if (i > (1ll << n) - 1) {
        *q = true;
        return (1ll << n) - 1;
    }
    if (i < 0) {
        *q = true;
        return 0;
    }
    return i;
}

/*
 * One parallel add/subtract instruction.  x[k] / y[k] are the operand
 * lanes that the pseudocode combines into result lane k; sub[k] says
 * whether lane k is a difference.
 */
static uint64_t ref_pas(unsigned kind, unsigned op, uint32_t n, uint32_t m)
{
    int w = (op == ARM_PAS_ADD8 || op == ARM_PAS_SUB8) ? 8 : 16;
    int lanes = 32 / w;
    bool sgn = kind <= ARM_PAS_SH;
    uint32_t d = 0, ge = 0;

    for (int k = 0; k < lanes; k++) {
        /* ASX: lane 0 = n.lo - m.hi, lane 1 = n.hi + m.lo; SAX mirrored */
        int mk = k;
        bool sub = op == ARM_PAS_SUB16 || op == ARM_PAS_SUB8;
        if (op == ARM_PAS_ASX || op == ARM_PAS_SAX) {
            mk = 1 - k;
            sub = (op == ARM_PAS_ASX) == (k == 0);
        }
        int64_t a = sgn ? sint(field(n, k * w, w), w) : field(n, k * w, w);
        int64_t b = sgn ? sint(field(m, mk * w, w), w) : field(m, mk * w, w);
        int64_t r = sub ? a - b : a + b;
        bool q = false, g;
        switch (kind) {
        case ARM_PAS_Q: r = ssatq(r, w, &q); break;
        case ARM_PAS_UQ: r = usatq(r, w, &q); break;
        case ARM_PAS_SH: case ARM_PAS_UH:
            r = (r - (r & 1)) / 2;      /* bits <w:1> of the exact value */
            break;
        default: break;
        }
        d |= (uint32_t)(r & ((1 << w) - 1)) << (k * w);
        if (kind == ARM_PAS_S || (kind == ARM_PAS_U && sub)) {
            g = (sub ? a - b : a + b) >= 0;
        } else if (kind == ARM_PAS_U) {
            g = a + b >= (1 << w);
        } else {
            continue;
        }
        if (g) {
            ge |= w == 16 ? 3u << (2 * k) : 1u << k;
        }
    }
    return d | (uint64_t)ge << 32;
}

static const uint32_t edge[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe,
    0x7f7f7f7f, 0x80808080, 0x7fff8000, 0x80007fff, 0x12345678,
    0xdeadbeef, 0x00ff00ff, 0xff00ff00, 0x40000000, 0xc0000000,
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))

/* Operand pairs: all edge pairs, then xorshift values */
static bool next_pair(unsigned idx, uint32_t *a, uint32_t *b)
{
    static const unsigned nrand = 3000;

    if (idx < NEDGE * NEDGE) {
        *a = edge[idx / NEDGE];
        *b = edge[idx % NEDGE];
        return true;
    }
    if (idx >= NEDGE * NEDGE + nrand) {
        return false;
    }
    uint32_t s = idx * 2654435761u + 12345;
    for (int i = 0; i < 3; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
    }
    *a = s;
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    *b = s;
    return true;
}

/* ---- literal vectors (worked from the pseudocode) ------------------- */

TEST(arm_media, qadd_vectors)
{
    ASSERT_EQ(helper_arm_qadd(1, 2), 3);
    ASSERT_EQ(helper_arm_qadd(0x7fffffff, 1), 0x17fffffffull);
    ASSERT_EQ(helper_arm_qadd(0x80000000, 0xffffffff), 0x180000000ull);
    ASSERT_EQ(helper_arm_qadd(0x80000000, 0x7fffffff), 0xffffffff);
    ASSERT_EQ(helper_arm_qsub(0x80000000, 1), 0x180000000ull);
    ASSERT_EQ(helper_arm_qsub(0, 0x80000000), 0x17fffffffull);
    ASSERT_EQ(helper_arm_qsub(5, 7), 0xfffffffe);
    /* QDADD: doubling 0x40000000 saturates even though the sum is ok */
    ASSERT_EQ(helper_arm_qdadd(0x80000000, 0x40000000), 0x1ffffffffull);
    ASSERT_EQ(helper_arm_qdadd(1, 0x20000000), 0x40000001);
    ASSERT_EQ(helper_arm_qdsub(0, 0xc0000000), 0x17fffffffull);
    ASSERT_EQ(helper_arm_qdsub(0xffffffff, 0xc0000000), 0x7fffffff);
    ASSERT_EQ(helper_arm_qdsub(10, 3), 4);
}

TEST(arm_media, sat_vectors)
{
    ASSERT_EQ(helper_arm_ssat(0x80, 8), 0x10000007full);
    ASSERT_EQ(helper_arm_ssat(0xffffff80, 8), 0xffffff80);
    ASSERT_EQ(helper_arm_ssat(0xffffff7f, 8), 0x1ffffff80ull);
    ASSERT_EQ(helper_arm_ssat(0x12345678, 32), 0x12345678);
    ASSERT_EQ(helper_arm_ssat(1, 1), 0x100000000ull);
    ASSERT_EQ(helper_arm_ssat(0xffffffff, 1), 0xffffffff);
    ASSERT_EQ(helper_arm_usat(0xffffffff, 8), 0x100000000ull);
    ASSERT_EQ(helper_arm_usat(0x100, 8), 0x1000000ffull);
    ASSERT_EQ(helper_arm_usat(0xff, 8), 0xff);
    ASSERT_EQ(helper_arm_usat(5, 0), 0x100000000ull);
    ASSERT_EQ(helper_arm_usat(0x7fffffff, 31), 0x7fffffff);
    ASSERT_EQ(helper_arm_ssat16(0x80007fff, 16), 0x80007fff);
    ASSERT_EQ(helper_arm_ssat16(0x80007fff, 8), 0x1ff80007full);
    ASSERT_EQ(helper_arm_ssat16(0x00050005, 8), 0x00050005);
    ASSERT_EQ(helper_arm_usat16(0x8000ffff, 4), 0x100000000ull);
    ASSERT_EQ(helper_arm_usat16(0x00100005, 4), 0x1000f0005ull);
    ASSERT_EQ(helper_arm_usat16(0x7fff0001, 15), 0x7fff0001);
}

TEST(arm_media, pas_vectors)
{
    /* SADD16: GE comes from the exact sum: 0x7fff + 1 = +32768 (GE 11)
     * although the lane wraps to 0x8000; -1 + -1 = -2 (GE 00) */
    ASSERT_EQ(arm_media_pas(ARM_PAS_S, ARM_PAS_ADD16, 0x00017fff,
                            0x00010001), 0xf00028000ull);
    ASSERT_EQ(arm_media_pas(ARM_PAS_S, ARM_PAS_ADD16, 0x0001ffff,
                            0x0001ffff), 0xc0002fffeull);
    /* QADD16 saturates instead, no GE */
    ASSERT_EQ(arm_media_pas(ARM_PAS_Q, ARM_PAS_ADD16, 0x00017fff,
                            0x00010001), 0x00027fff);
    /* UADD8: carries out of bytes 0 and 3 */
    ASSERT_EQ(arm_media_pas(ARM_PAS_U, ARM_PAS_ADD8, 0xff0102ff,
                            0x01010101), 0x900020300ull);
    /* USUB16: 1 - 2 borrows (GE 00), 5 - 5 does not (GE 11) */
    ASSERT_EQ(arm_media_pas(ARM_PAS_U, ARM_PAS_SUB16, 0x00050001,
                            0x00050002), 0xc0000ffffull);
    /* SASX: lo = n.lo - m.hi, hi = n.hi + m.lo */
    ASSERT_EQ(arm_media_pas(ARM_PAS_S, ARM_PAS_ASX, 0x00100003, 0x00050001),
              0xc0011fffeull);
    /* USAX: lo = n.lo + m.hi (carry), hi = n.hi - m.lo */
    ASSERT_EQ(arm_media_pas(ARM_PAS_U, ARM_PAS_SAX, 0x0003ffff, 0x00010004),
              0x3ffff0000ull);
    /* SHSUB8: (-128 - 127) >> 1 = -128 (0x80); (0 - 1) >> 1 = -1 */
    ASSERT_EQ(arm_media_pas(ARM_PAS_SH, ARM_PAS_SUB8, 0x00000080,
                            0x0000017f), 0x0000ff80);
    /* UHADD16: (0xffff + 0xffff) >> 1 = 0xffff */
    ASSERT_EQ(arm_media_pas(ARM_PAS_UH, ARM_PAS_ADD16, 0xffff0002,
                            0xffff0001), 0xffff0001);
    /* UQSUB8 floors at 0 */
    ASSERT_EQ(arm_media_pas(ARM_PAS_UQ, ARM_PAS_SUB8, 0x01020304,
                            0x02020202), 0x00000102);
}

TEST(arm_media, misc_vectors)
{
    ASSERT_EQ(helper_arm_usad8(0x01ff0010, 0xff000110), 0xfe + 0xff + 1);
    ASSERT_EQ(helper_arm_rbit(1), 0x80000000);
    ASSERT_EQ(helper_arm_rbit(0x12345678), 0x1e6a2c48);
    ASSERT_EQ(helper_arm_rbit(0xf0000001), 0x8000000f);
}

/* ---- sweeps against the reference ----------------------------------- */

TEST(arm_media, pas_sweep)
{
    static const unsigned kinds[] = { ARM_PAS_S, ARM_PAS_Q, ARM_PAS_SH,
                                      ARM_PAS_U, ARM_PAS_UQ, ARM_PAS_UH };
    static const unsigned ops[] = { ARM_PAS_ADD16, ARM_PAS_ASX, ARM_PAS_SAX,
                                    ARM_PAS_SUB16, ARM_PAS_ADD8,
                                    ARM_PAS_SUB8 };
    uint32_t a, b;

    for (unsigned k = 0; k < 6; k++) {
        for (unsigned o = 0; o < 6; o++) {
            IRHelper *h = arm_media_pas_helper(kinds[k], ops[o]);
            uint64_t (*fn)(uint32_t, uint32_t) =
                (uint64_t (*)(uint32_t, uint32_t))h->func;
            ASSERT(h != NULL && h->ret == IR_I64 && h->nargs == 2);
            for (unsigned i = 0; next_pair(i, &a, &b); i++) {
                uint64_t want = ref_pas(kinds[k], ops[o], a, b);
                ASSERT_EQ(arm_media_pas(kinds[k], ops[o], a, b), want);
                ASSERT_EQ(fn(a, b), want);
            }
        }
    }
    /* The UNDEFINED combinations have no helper */
    ASSERT(arm_media_pas_helper(ARM_PAS_S, 5) == NULL);
    ASSERT(arm_media_pas_helper(ARM_PAS_U, 6) == NULL);
    ASSERT(arm_media_pas_helper(0, ARM_PAS_ADD16) == NULL);
    ASSERT(arm_media_pas_helper(4, ARM_PAS_ADD16) == NULL);
}

static uint64_t ref_q(int64_t r1, bool q)
{
    bool sat = q;
    int64_t r = ssatq(r1, 32, &sat);
    return (uint32_t)r | (uint64_t)sat << 32;
}

TEST(arm_media, q_sweep)
{
    uint32_t a, b;

    for (unsigned i = 0; next_pair(i, &a, &b); i++) {
        int64_t sa = (int32_t)a, sb = (int32_t)b;
        bool dq = false;
        int64_t dbl = ssatq(2 * sb, 32, &dq);
        ASSERT_EQ(helper_arm_qadd(a, b), ref_q(sa + sb, false));
        ASSERT_EQ(helper_arm_qsub(a, b), ref_q(sa - sb, false));
        ASSERT_EQ(helper_arm_qdadd(a, b), ref_q(sa + dbl, dq));
        ASSERT_EQ(helper_arm_qdsub(a, b), ref_q(sa - dbl, dq));
    }
}

TEST(arm_media, sat_sweep)
{
    uint32_t a, b;

    for (unsigned i = 0; next_pair(i, &a, &b); i++) {
        for (int n = 1; n <= 32; n++) {
            bool q = false;
            uint32_t r = (uint32_t)ssatq((int32_t)a, n, &q);
            ASSERT_EQ(helper_arm_ssat(a, n), r | (uint64_t)q << 32);
        }
        for (int n = 0; n <= 31; n++) {
            bool q = false;
            uint32_t r = (uint32_t)usatq((int32_t)a, n, &q);
            ASSERT_EQ(helper_arm_usat(a, n), r | (uint64_t)q << 32);
        }
        for (int n = 1; n <= 16; n++) {
            bool q = false;
            uint32_t lo = (uint32_t)ssatq(sint(a, 16), n, &q) & 0xffff;
            uint32_t hi = (uint32_t)ssatq(sint(a >> 16, 16), n, &q);
            ASSERT_EQ(helper_arm_ssat16(a, n),
                      (lo | hi << 16) | (uint64_t)q << 32);
        }
        for (int n = 0; n <= 15; n++) {
            bool q = false;
            uint32_t lo = (uint32_t)usatq(sint(a, 16), n, &q);
            uint32_t hi = (uint32_t)usatq(sint(a >> 16, 16), n, &q);
            ASSERT_EQ(helper_arm_usat16(a, n),
                      (lo | hi << 16) | (uint64_t)q << 32);
        }
    }
}

TEST(arm_media, misc_sweep)
{
    uint32_t a, b;

    for (unsigned i = 0; next_pair(i, &a, &b); i++) {
        uint32_t sad = 0, rev = 0;
        for (int k = 0; k < 4; k++) {
            int64_t d = (int64_t)field(a, 8 * k, 8) - field(b, 8 * k, 8);
            sad += (uint32_t)(d < 0 ? -d : d);
        }
        for (int k = 0; k < 32; k++) {
            rev |= ((a >> k) & 1) << (31 - k);
        }
        ASSERT_EQ(helper_arm_usad8(a, b), sad);
        ASSERT_EQ(helper_arm_rbit(a), rev);
    }
}
