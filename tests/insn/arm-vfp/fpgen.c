/* SPDX-License-Identifier: MIT */
/*
 * Generated-input VFP arithmetic test: every operation on special values
 * (zeros, denormals, extremes, infinities, quiet and signalling NaNs) and
 * on pseudo-random operands, under each rounding mode and with FZ and DN.
 * One line per operation and operands: the result and FPSCR flags for
 * each of the six control settings.  The instructions are inline asm
 * (".fpu" per statement: the C around them is soft-float).
 */
#include <stdint.h>

void puts_uart(const char *s);
void putc_uart(int c);
void puthex(uint32_t v);

#define FPU ".fpu vfpv4\n"

static const uint32_t ctl[6] = {
    0x00000000, 0x00400000, 0x00800000, 0x00c00000, 0x01000000, 0x02000000,
};

static void set_fpscr(uint32_t v)
{
    __asm__ volatile(FPU "vmsr fpscr, %0" : : "r"(v));
}

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile(FPU "vmrs %0, fpscr" : "=r"(v));
    return v;
}

static void vfp_enable(void)
{
    __asm__ volatile(FPU "mrc p15, 0, r0, c1, c0, 2\n"
                     "orr r0, r0, #0xf00000\n"
                     "mcr p15, 0, r0, c1, c0, 2\n"
                     "isb\n"
                     "mov r0, #0x40000000\n"
                     "vmsr fpexc, r0\n" : : : "r0");
}

typedef uint64_t (*OpFn)(uint64_t a, uint64_t b, uint64_t c);

#define S3(name, body)                                                      \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t c)                \
    {                                                                       \
        uint32_t r, x = (uint32_t)a, y = (uint32_t)b, z = (uint32_t)c;      \
        __asm__ volatile(FPU "vmov s0, %1\nvmov s1, %2\nvmov s2, %3\n"      \
                         body "\nvmov %0, s2"                               \
                         : "=r"(r) : "r"(x), "r"(y), "r"(z));               \
        return r;                                                           \
    }
#define D3(name, body)                                                      \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t c)                \
    {                                                                       \
        uint64_t r;                                                         \
        __asm__ volatile(FPU "vmov d0, %Q1, %R1\nvmov d1, %Q2, %R2\n"       \
                         "vmov d2, %Q3, %R3\n" body "\nvmov %Q0, %R0, d2"   \
                         : "=&r"(r) : "r"(a), "r"(b), "r"(c));              \
        return r;                                                           \
    }

S3(s_add, "vadd.f32 s2, s0, s1")
S3(s_sub, "vsub.f32 s2, s0, s1")
S3(s_mul, "vmul.f32 s2, s0, s1")
S3(s_nmul, "vnmul.f32 s2, s0, s1")
S3(s_div, "vdiv.f32 s2, s0, s1")
S3(s_sqrt, "vsqrt.f32 s2, s0")
S3(s_mla, "vmla.f32 s2, s0, s1")
S3(s_mls, "vmls.f32 s2, s0, s1")
S3(s_nmla, "vnmla.f32 s2, s0, s1")
S3(s_nmls, "vnmls.f32 s2, s0, s1")
S3(s_fma, "vfma.f32 s2, s0, s1")
S3(s_fms, "vfms.f32 s2, s0, s1")
S3(s_fnma, "vfnma.f32 s2, s0, s1")
S3(s_fnms, "vfnms.f32 s2, s0, s1")
S3(s_cmp, "vcmp.f32 s0, s1\nvmrs r12, fpscr\nvmov s2, r12")
S3(s_cmpe, "vcmpe.f32 s0, s1\nvmrs r12, fpscr\nvmov s2, r12")
S3(s_cmpz, "vcmpe.f32 s0, #0\nvmrs r12, fpscr\nvmov s2, r12")
S3(s_tod, "vcvt.f64.f32 d2, s0\nvmov r12, s5\nvmov s2, r12")
S3(s_tos32, "vcvt.s32.f32 s2, s0")
S3(s_tou32, "vcvt.u32.f32 s2, s0")
S3(s_tos32r, "vcvtr.s32.f32 s2, s0")
S3(s_tou32r, "vcvtr.u32.f32 s2, s0")
S3(s_fromu, "vcvt.f32.u32 s2, s0")
S3(s_froms, "vcvt.f32.s32 s2, s0")
S3(s_tox16, "vmov s2, s0\nvcvt.s16.f32 s2, s2, #7")
S3(s_toux32, "vmov s2, s0\nvcvt.u32.f32 s2, s2, #20")
S3(s_fromx32, "vmov s2, s0\nvcvt.f32.s32 s2, s2, #3")
S3(s_fromux16, "vmov s2, s0\nvcvt.f32.u16 s2, s2, #16")
S3(s_toh, "vmov s2, s1\nvcvtb.f16.f32 s2, s0\nvcvtt.f16.f32 s2, s0")
S3(s_fromhb, "vcvtb.f32.f16 s2, s0")
S3(s_fromht, "vcvtt.f32.f16 s2, s0")
D3(d_add, "vadd.f64 d2, d0, d1")
D3(d_sub, "vsub.f64 d2, d0, d1")
D3(d_mul, "vmul.f64 d2, d0, d1")
D3(d_div, "vdiv.f64 d2, d0, d1")
D3(d_sqrt, "vsqrt.f64 d2, d0")
D3(d_fma, "vfma.f64 d2, d0, d1")
D3(d_fnms, "vfnms.f64 d2, d0, d1")
D3(d_mla, "vmla.f64 d2, d0, d1")
D3(d_cmpe, "vcmpe.f64 d0, d1\nvmrs r12, fpscr\nvmov d2, r12, r12")
D3(d_tos, "vcvt.f32.f64 s4, d0\nvmov r12, s4\nvmov d2, r12, r12")
D3(d_tos32, "vcvt.s32.f64 s4, d0\nvmov r12, s4\nvmov d2, r12, r12")
D3(d_tou32r, "vcvtr.u32.f64 s4, d0\nvmov r12, s4\nvmov d2, r12, r12")
D3(d_fromx, "vmov.f64 d2, d0\nvcvt.f64.s32 d2, d2, #31")
D3(d_tox, "vmov.f64 d2, d0\nvcvt.u32.f64 d2, d2, #8")

static const uint32_t sv[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x7f7fffff,
    0x00800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fc00001,
    0x7f800005, 0xffc12345, 0x3eaaaaab, 0x4b000001, 0x33800001, 0x00fffffe,
    0x7f000000, 0x3f7fffff, 0xcf000000, 0x4f800000, 0x477fe000, 0x38800000,
};
#define NSV (sizeof(sv) / sizeof(sv[0]))

static const uint64_t dv[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7fefffffffffffffull, 0x0010000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000001ull, 0x7ff0000000000003ull, 0x3fd5555555555555ull,
    0x36a0000000000001ull, 0x47efffffe0000000ull, 0x41dfffffffc00000ull,
    0x380fffffe0000000ull, 0xc1e0000000000001ull,
};
#define NDV (sizeof(dv) / sizeof(dv[0]))

static uint32_t rng_state = 0x12345678;

static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state;
}

static void put_case(const char *op, int i, int j, int k)
{
    puts_uart(op);
    putc_uart('_');
    puthex((uint32_t)(i << 16 | j << 8 | k));
    putc_uart(':');
}

/* One line: op(a, b, c) under each control setting */
static void run(const char *name, OpFn fn, int i, int j, int k, uint64_t a,
                uint64_t b, uint64_t c, int dp)
{
    put_case(name, i, j, k);
    for (int m = 0; m < 6; m++) {
        set_fpscr(ctl[m]);
        uint64_t r = fn(a, b, c);
        uint32_t fl = get_fpscr();
        putc_uart(' ');
        if (dp) {
            puthex((uint32_t)(r >> 32));
        }
        puthex((uint32_t)r);
        putc_uart('/');
        puthex(fl & 0xf800009f);
    }
    putc_uart('\n');
}

static uint32_t rnd_single(void)
{
    /* exponents clustered so that sums round and cancel */
    uint32_t e = 100 + rng() % 56;
    return (rng() & 0x807fffffu) | e << 23;
}

static uint64_t rnd_double(void)
{
    uint64_t e = 1000 + rng() % 48;
    uint64_t m = (uint64_t)rng() << 32 | rng();
    return (m & 0x800fffffffffffffull) | e << 52;
}

static const struct { const char *n; OpFn f; } sbin[] = {
    { "sadd", s_add }, { "ssub", s_sub }, { "smul", s_mul },
    { "snmul", s_nmul }, { "sdiv", s_div }, { "scmp", s_cmp },
    { "scmpe", s_cmpe }, { "smla", s_mla }, { "sfma", s_fma },
};
static const struct { const char *n; OpFn f; } sun[] = {
    { "ssqrt", s_sqrt }, { "stod", s_tod }, { "stos32", s_tos32 },
    { "stou32", s_tou32 }, { "stos32r", s_tos32r }, { "stou32r", s_tou32r },
    { "sfromu", s_fromu }, { "sfroms", s_froms }, { "stox16", s_tox16 },
    { "stoux32", s_toux32 }, { "sfromx32", s_fromx32 },
    { "sfromux16", s_fromux16 }, { "stoh", s_toh }, { "sfromhb", s_fromhb },
    { "sfromht", s_fromht }, { "scmpz", s_cmpz },
};
static const struct { const char *n; OpFn f; } s3[] = {
    { "sfma3", s_fma }, { "sfms3", s_fms }, { "sfnma3", s_fnma },
    { "sfnms3", s_fnms }, { "smla3", s_mla }, { "smls3", s_mls },
    { "snmla3", s_nmla }, { "snmls3", s_nmls },
};
static const struct { const char *n; OpFn f; } dbin[] = {
    { "dadd", d_add }, { "dsub", d_sub }, { "dmul", d_mul },
    { "ddiv", d_div }, { "dcmpe", d_cmpe }, { "dfma", d_fma },
};
static const struct { const char *n; OpFn f; } dun[] = {
    { "dsqrt", d_sqrt }, { "dtos", d_tos }, { "dtos32", d_tos32 },
    { "dtou32r", d_tou32r }, { "dfromx", d_fromx }, { "dtox", d_tox },
};

#define N(x) (int)(sizeof(x) / sizeof(x[0]))

static void specials(void)
{
    for (int o = 0; o < N(sbin); o++)
        for (unsigned i = 0; i < NSV; i++)
            for (unsigned j = 0; j < NSV; j++)
                run(sbin[o].n, sbin[o].f, i, j, 0, sv[i], sv[j], sv[5], 0);
    for (int o = 0; o < N(sun); o++)
        for (unsigned i = 0; i < NSV; i++)
            run(sun[o].n, sun[o].f, i, 0, 0, sv[i], sv[3], 0, 0);
    for (int o = 0; o < N(s3); o++)
        for (unsigned i = 0; i < NSV; i += 2)
            for (unsigned j = 1; j < NSV; j += 2)
                for (unsigned k = 0; k < NSV; k += 3)
                    run(s3[o].n, s3[o].f, i, j, k, sv[i], sv[j], sv[k], 0);
    for (int o = 0; o < N(dbin); o++)
        for (unsigned i = 0; i < NDV; i++)
            for (unsigned j = 0; j < NDV; j++)
                run(dbin[o].n, dbin[o].f, i, j, 0, dv[i], dv[j], dv[4], 1);
    for (int o = 0; o < N(dun); o++)
        for (unsigned i = 0; i < NDV; i++)
            run(dun[o].n, dun[o].f, i, 0, 0, dv[i], 0, 0, 1);
}

static void randoms(void)
{
    for (int n = 0; n < 300; n++) {
        uint32_t a = rnd_single(), b = rnd_single(), c = rnd_single();
        for (int o = 0; o < N(sbin); o++)
            run(sbin[o].n, sbin[o].f, 0xff, n >> 8, n & 0xff, a, b, c, 0);
        run("srfma3", s_fma, 0xfe, n >> 8, n & 0xff, a, b, c, 0);
        run("srsqrt", s_sqrt, 0xfe, n >> 8, n & 0xff, a & 0x7fffffff, 0,
            0, 0);
        run("srfroms", s_froms, 0xfe, n >> 8, n & 0xff, rng(), 0, 0, 0);
        run("srtoh", s_toh, 0xfe, n >> 8, n & 0xff,
            (a & 0x8fffffff) | 0x30000000, 0, 0, 0);
    }
    for (int n = 0; n < 200; n++) {
        uint64_t a = rnd_double(), b = rnd_double(), c = rnd_double();
        for (int o = 0; o < N(dbin); o++)
            run(dbin[o].n, dbin[o].f, 0xff, n >> 8, n & 0xff, a, b, c, 1);
        run("drsqrt", d_sqrt, 0xfe, n >> 8, n & 0xff, a << 1 >> 1, 0, 0, 1);
        run("drtos", d_tos, 0xfe, n >> 8, n & 0xff,
            (a & 0x800fffffffffffffull) | (uint64_t)(0x360 + n % 0x120) << 52,
            0, 0, 1);
    }
}

void test_main(void)
{
    vfp_enable();
    specials();
    randoms();
}
