/* SPDX-License-Identifier: MIT */
/*
 * Code generation tests for the x86-64 JIT: build IR with the builder,
 * run ir_optimize and ir_liveness, generate into an mmap'ed RWX buffer and
 * execute on a test env (a CPUCommon followed by fields used as globals).
 * Results are checked against C reference code for every op and both
 * widths, in several operand shapes (globals, dead temps, constants, the
 * same temp twice), plus calls, branches, spills, chaining and qemu_ld/st
 * through a TLB filled by hand.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backend/x86_64/x86-internal.h"
#include "tcg/backend.h"
#include "tcg/cpu.h"
#include "tcg/ir.h"
#include "tests/test.h"

typedef struct TestEnv {
    CPUCommon common;
    uint32_t r32[8];
    uint64_t r64[8];
    uint8_t bytes[64];
} TestEnv;

typedef struct Jit {
    uint8_t *buf;
    size_t size, used;
    void *ctx;
    IRFunc *f;
    IRTemp *g32[8], *g64[8];
    TestEnv *env;
    TB tb;
    uint8_t *code;
} Jit;

#define CODE_SIZE (4u << 20)
#define OFF32(i) ((int32_t)offsetof(TestEnv, r32[i]))
#define OFF64(i) ((int32_t)offsetof(TestEnv, r64[i]))

static Jit *jit_new(void)
{
    static const char *const n32[8] = { "a", "b", "c", "d", "e", "f", "g",
                                        "h" };
    static const char *const n64[8] = { "A", "B", "C", "D", "E", "F", "G",
                                        "H" };
    Jit *j = calloc(1, sizeof(*j));

    j->size = CODE_SIZE;
    j->buf = mmap(NULL, j->size, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT(j->buf != MAP_FAILED);
    j->ctx = x86_64_backend.init(j->buf, j->size, &j->used);
    ASSERT(j->ctx != NULL);
    j->used = (j->used + 63) & ~(size_t)63;
    j->f = ir_func_new();
    for (int i = 0; i < 8; i++) {
        j->g32[i] = ir_global_i32(j->f, OFF32(i), n32[i]);
        j->g64[i] = ir_global_i64(j->f, OFF64(i), n64[i]);
    }
    j->env = calloc(1, sizeof(TestEnv));
    return j;
}

static void jit_free(Jit *j)
{
    x86_64_backend.fini(j->ctx);
    munmap(j->buf, j->size);
    ir_func_free(j->f);
    free(j->env);
    free(j);
}

static IRFunc *jit_begin(Jit *j)
{
    ir_func_reset(j->f);
    return j->f;
}

/* Optimize, run liveness and generate at the next free spot. */
static uint8_t *jit_gen(Jit *j)
{
    uint32_t offs[64];
    int n;

    ir_optimize(j->f);
    ir_liveness(j->f);
    if (j->used + 65536 > j->size) {
        j->used = 4096;     /* wrap: older code is not reused by tests */
    }
    memset(&j->tb, 0, sizeof(j->tb));
    j->code = j->buf + j->used;
    j->tb.tc_ptr = j->code;
    n = x86_64_backend.gen_code(j->ctx, j->f, &j->tb, j->code,
                                j->size - j->used, offs);
    ASSERT(n > 0);
    j->tb.tc_size = (uint32_t)n;
    j->used += ((size_t)n + 63) & ~(size_t)63;
    return j->code;
}

static uintptr_t jit_run(Jit *j)
{
    return x86_64_backend.exec(j->ctx, &j->env->common, &j->tb);
}

static const uint64_t vals[] = {
    0, 1, 2, 5, 31, 32, 63, 0x7f, 0x80, 0xff, 0x1234, 0x7fffffff,
    0x80000000, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
};
#define NB_VALS ((int)(sizeof(vals) / sizeof(vals[0])))

static uint64_t wmask(bool w)
{
    return w ? ~0ull : 0xffffffffull;
}

/* ---- binary ops ---- */

static uint64_t ref_rot(uint64_t a, unsigned sh, int bits, bool left)
{
    uint64_t m = bits == 64 ? ~0ull : 0xffffffffull;
    if (sh == 0) {
        return a;
    }
    if (!left) {
        sh = bits - sh;
    }
    return ((a << sh) | (a >> (bits - sh))) & m;
}

static uint64_t ref_bin(int opc, bool w, uint64_t a, uint64_t b)
{
    uint64_t m = wmask(w), r;
    int bits = w ? 64 : 32;
    unsigned sh;

    a &= m;
    b &= m;
    sh = (unsigned)(b & (bits - 1));
    switch (opc) {
    case IR_add: r = a + b; break;
    case IR_sub: r = a - b; break;
    case IR_mul: r = a * b; break;
    case IR_and: r = a & b; break;
    case IR_or: r = a | b; break;
    case IR_xor: r = a ^ b; break;
    case IR_andc: r = a & ~b; break;
    case IR_shl: r = a << sh; break;
    case IR_shr: r = a >> sh; break;
    case IR_sar:
        r = w ? (uint64_t)((int64_t)a >> sh)
              : (uint32_t)((int32_t)(uint32_t)a >> sh);
        break;
    case IR_rotl: r = ref_rot(a, sh, bits, true); break;
    case IR_rotr: r = ref_rot(a, sh, bits, false); break;
    default: r = 0; break;
    }
    return r & m;
}

static const int bin_ops[] = {
    IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_shl,
    IR_shr, IR_sar, IR_rotl, IR_rotr,
};

static IRTemp *gin(Jit *j, bool w, int i)
{
    return w ? j->g64[i] : j->g32[i];
}

static void set_in(Jit *j, bool w, int i, uint64_t v)
{
    if (w) {
        j->env->r64[i] = v;
    } else {
        j->env->r32[i] = (uint32_t)v;
    }
}

static uint64_t get_out(Jit *j, bool w, int i)
{
    return w ? j->env->r64[i] : j->env->r32[i];
}

/*
 * Shapes: 0 globals in, new result; 1 in place (a = a op b); 2 dead temps;
 * 3 a live after, b dead; 4 same temp twice.
 */
static void build_bin(Jit *j, int opc, bool w, int shape)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    IRTemp *a = gin(j, w, 0), *b = gin(j, w, 1), *out = gin(j, w, 2);
    IRTemp *t1, *t2, *t3;

    switch (shape) {
    case 0:
        ir_emit2(f, (IROpcode)opc, ty, out, a, b);
        break;
    case 1:
        ir_emit2(f, (IROpcode)opc, ty, a, a, b);
        ir_emit1(f, IR_mov, ty, out, a);
        break;
    case 2:
    case 3:
        t1 = ir_temp_new(f, ty, IR_TEMP_EBB);
        t2 = ir_temp_new(f, ty, IR_TEMP_EBB);
        t3 = ir_temp_new(f, ty, IR_TEMP_EBB);
        ir_emit1(f, IR_mov, ty, t1, a);
        ir_emit1(f, IR_mov, ty, t2, b);
        ir_emit2(f, (IROpcode)opc, ty, t3, t1, t2);
        ir_emit1(f, IR_mov, ty, out, t3);
        if (shape == 3) {
            ir_emit1(f, IR_mov, ty, gin(j, w, 3), t1);
        }
        break;
    default:
        ir_emit2(f, (IROpcode)opc, ty, out, a, a);
        break;
    }
    ir_exit_tb(f, 0);
    jit_gen(j);
}

static void check_bin(Jit *j, int opc, bool w, int shape)
{
    build_bin(j, opc, w, shape);
    for (int x = 0; x < NB_VALS; x++) {
        for (int y = 0; y < NB_VALS; y++) {
            uint64_t a = vals[x] & wmask(w), b = vals[y] & wmask(w);
            uint64_t want = ref_bin(opc, w, a, shape == 4 ? a : b);
            set_in(j, w, 0, a);
            set_in(j, w, 1, b);
            ASSERT_EQ(jit_run(j), 0);
            if (get_out(j, w, 2) != want) {
                fprintf(stderr, "  %s_i%d shape %d: 0x%llx, 0x%llx\n",
                        ir_op_defs[opc].name, w ? 64 : 32, shape,
                        (unsigned long long)a, (unsigned long long)b);
            }
            ASSERT_EQ(get_out(j, w, 2), want);
            if (shape == 3) {
                ASSERT_EQ(get_out(j, w, 3), a);
            }
        }
    }
}

TEST(x86_codegen, binary_ops_registers)
{
    Jit *j = jit_new();
    X86Backend *be = j->ctx;
    bool bmi1 = be->have_bmi1, bmi2 = be->have_bmi2;

    /* pass 0: base x86-64 (shifts by cl); pass 1: andn/shlx if present */
    for (int pass = 0; pass < 2; pass++) {
        be->have_bmi1 = pass && bmi1;
        be->have_bmi2 = pass && bmi2;
        for (size_t k = 0; k < sizeof(bin_ops) / sizeof(bin_ops[0]); k++) {
            for (int w = 0; w < 2; w++) {
                for (int shape = 0; shape < 5; shape++) {
                    check_bin(j, bin_ops[k], w, shape);
                }
            }
        }
    }
    jit_free(j);
}

/* b (or a, when const_a) is an IR constant */
static void check_bin_const(Jit *j, int opc, bool w, uint64_t c, bool ca)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    IRTemp *k = ir_const(f, ty, c & wmask(w));
    IRTemp *x = gin(j, w, 0);

    ir_emit2(f, (IROpcode)opc, ty, gin(j, w, 2), ca ? k : x, ca ? x : k);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int i = 0; i < NB_VALS; i++) {
        uint64_t a = vals[i] & wmask(w), cc = c & wmask(w);
        uint64_t want = ca ? ref_bin(opc, w, cc, a) : ref_bin(opc, w, a, cc);
        set_in(j, w, 0, a);
        jit_run(j);
        if (get_out(j, w, 2) != want) {
            fprintf(stderr, "  %s_i%d const %s 0x%llx, x 0x%llx\n",
                    ir_op_defs[opc].name, w ? 64 : 32, ca ? "a" : "b",
                    (unsigned long long)cc, (unsigned long long)a);
        }
        ASSERT_EQ(get_out(j, w, 2), want);
    }
}

TEST(x86_codegen, binary_ops_constants)
{
    Jit *j = jit_new();
    for (size_t k = 0; k < sizeof(bin_ops) / sizeof(bin_ops[0]); k++) {
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < NB_VALS; i++) {
                check_bin_const(j, bin_ops[k], w, vals[i], false);
                check_bin_const(j, bin_ops[k], w, vals[i], true);
            }
        }
    }
    jit_free(j);
}

/* ---- unary ops ---- */

static uint64_t ref_clz(uint64_t a, int bits)
{
    return a ? (uint64_t)(__builtin_clzll(a) - (64 - bits)) : (uint64_t)bits;
}

static uint64_t ref_un(int opc, bool w, uint64_t a)
{
    uint64_t m = wmask(w), r;

    a &= m;
    switch (opc) {
    case IR_neg: r = -a; break;
    case IR_not: r = ~a; break;
    case IR_clz: r = ref_clz(a, w ? 64 : 32); break;
    case IR_ctz: r = a ? (uint64_t)__builtin_ctzll(a) : (w ? 64 : 32); break;
    case IR_bswap16: r = __builtin_bswap16((uint16_t)a); break;
    case IR_bswap32: r = __builtin_bswap32((uint32_t)a); break;
    case IR_bswap64: r = __builtin_bswap64(a); break;
    case IR_ext8s: r = (uint64_t)(int64_t)(int8_t)a; break;
    case IR_ext8u: r = (uint8_t)a; break;
    case IR_ext16s: r = (uint64_t)(int64_t)(int16_t)a; break;
    case IR_ext16u: r = (uint16_t)a; break;
    case IR_ext32s: r = (uint64_t)(int64_t)(int32_t)a; break;
    case IR_ext32u: r = (uint32_t)a; break;
    default: r = 0; break;
    }
    return r & m;
}

static const int un_ops[] = {
    IR_neg, IR_not, IR_clz, IR_ctz, IR_bswap16, IR_bswap32, IR_bswap64,
    IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u, IR_ext32s, IR_ext32u,
};

static void check_un(Jit *j, int opc, bool w, bool via_temp)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    IRTemp *src = gin(j, w, 0);

    if (via_temp) {
        IRTemp *t = ir_temp_new(f, ty, IR_TEMP_EBB);
        ir_emit1(f, IR_mov, ty, t, src);
        src = t;
    }
    ir_emit1(f, (IROpcode)opc, ty, gin(j, w, 2), src);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int i = 0; i < NB_VALS; i++) {
        uint64_t a = vals[i] & wmask(w);
        set_in(j, w, 0, a);
        jit_run(j);
        if (get_out(j, w, 2) != ref_un(opc, w, a)) {
            fprintf(stderr, "  %s_i%d 0x%llx\n", ir_op_defs[opc].name,
                    w ? 64 : 32, (unsigned long long)a);
        }
        ASSERT_EQ(get_out(j, w, 2), ref_un(opc, w, a));
    }
}

TEST(x86_codegen, unary_ops)
{
    Jit *j = jit_new();
    X86Backend *be = j->ctx;
    bool lz = be->have_lzcnt, bmi = be->have_bmi1;

    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: bsr/bsf + cmov; pass 1: lzcnt/tzcnt if the host has them */
        be->have_lzcnt = pass && lz;
        be->have_bmi1 = pass && bmi;
        for (size_t k = 0; k < sizeof(un_ops) / sizeof(un_ops[0]); k++) {
            for (int w = 0; w < 2; w++) {
                if (!w && (ir_op_defs[un_ops[k]].flags & IRF_64)) {
                    continue;
                }
                check_un(j, un_ops[k], w, false);
                check_un(j, un_ops[k], w, true);
            }
        }
    }
    jit_free(j);
}

TEST(x86_codegen, width_changes)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);

    ir_ext_i32_i64(f, j->g64[2], j->g32[0]);
    ir_extu_i32_i64(f, j->g64[3], j->g32[0]);
    ir_extrl_i64_i32(f, j->g32[2], j->g64[0]);
    ir_extrh_i64_i32(f, j->g32[3], j->g64[0]);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int i = 0; i < NB_VALS; i++) {
        j->env->r32[0] = (uint32_t)vals[i];
        j->env->r64[0] = vals[i];
        jit_run(j);
        ASSERT_EQ(j->env->r64[2], (uint64_t)(int64_t)(int32_t)vals[i]);
        ASSERT_EQ(j->env->r64[3], (uint32_t)vals[i]);
        ASSERT_EQ(j->env->r32[2], (uint32_t)vals[i]);
        ASSERT_EQ(j->env->r32[3], (uint32_t)(vals[i] >> 32));
    }
    jit_free(j);
}

/* ---- comparisons ---- */

static const IRCond conds[] = {
    IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE, IR_COND_LE, IR_COND_GT,
    IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU, IR_COND_ALWAYS,
    IR_COND_NEVER,
};
#define NB_CONDS ((int)(sizeof(conds) / sizeof(conds[0])))

/* kind 0 setcond, 1 movcond, 2 brcond, 3 setcond fused into brcond */
static void build_cmp(Jit *j, int kind, bool w, IRCond c, bool bconst,
                      uint64_t bval)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    IRTemp *a = gin(j, w, 0), *out = gin(j, w, 2);
    IRTemp *b = bconst ? ir_const(f, ty, bval) : gin(j, w, 1);
    IRLabel *l;
    IRTemp *t;

    switch (kind) {
    case 0:
        ir_setcond(f, ty, c, out, a, b);
        break;
    case 1:
        ir_movcond(f, ty, c, out, a, b, gin(j, w, 3), gin(j, w, 4));
        break;
    default:
        l = ir_label_new(f);
        ir_movi_i32(f, j->g32[5], 1);
        if (kind == 2) {
            ir_brcond(f, ty, c, a, b, l);
        } else {
            t = ir_temp_new(f, ty, IR_TEMP_EBB);
            ir_setcond(f, ty, c, t, a, b);
            ir_brcond(f, ty, IR_COND_NE, t, ir_const(f, ty, 0), l);
        }
        ir_movi_i32(f, j->g32[5], 0);
        ir_set_label(f, l);
        break;
    }
    ir_exit_tb(f, 0);
    jit_gen(j);
}

static void run_cmp(Jit *j, int kind, bool w, IRCond c, uint64_t a,
                    uint64_t b)
{
    bool want = ir_cond_eval(c, w ? IR_I64 : IR_I32, a, b);

    set_in(j, w, 0, a);
    set_in(j, w, 1, b);
    set_in(j, w, 3, 0x1111);
    set_in(j, w, 4, 0x2222);
    jit_run(j);
    switch (kind) {
    case 0:
        ASSERT_EQ(get_out(j, w, 2), want);
        break;
    case 1:
        ASSERT_EQ(get_out(j, w, 2), want ? 0x1111 : 0x2222);
        break;
    default:
        ASSERT_EQ(j->env->r32[5], want);
        break;
    }
}

TEST(x86_codegen, compares_registers)
{
    Jit *j = jit_new();
    for (int kind = 0; kind < 4; kind++) {
        for (int w = 0; w < 2; w++) {
            for (int ci = 0; ci < NB_CONDS; ci++) {
                build_cmp(j, kind, w, conds[ci], false, 0);
                for (int x = 0; x < NB_VALS; x++) {
                    for (int y = 0; y < NB_VALS; y++) {
                        run_cmp(j, kind, w, conds[ci], vals[x] & wmask(w),
                                vals[y] & wmask(w));
                    }
                }
            }
        }
    }
    jit_free(j);
}

TEST(x86_codegen, compares_constants)
{
    Jit *j = jit_new();
    for (int kind = 0; kind < 4; kind++) {
        for (int w = 0; w < 2; w++) {
            for (int ci = 0; ci < NB_CONDS; ci++) {
                for (int y = 0; y < NB_VALS; y++) {
                    uint64_t b = vals[y] & wmask(w);
                    build_cmp(j, kind, w, conds[ci], true, b);
                    for (int x = 0; x < NB_VALS; x++) {
                        run_cmp(j, kind, w, conds[ci], vals[x] & wmask(w), b);
                    }
                }
            }
        }
    }
    jit_free(j);
}

/* ---- multi-output and bit-field ops ---- */

TEST(x86_codegen, mul2)
{
    Jit *j = jit_new();
    for (int w = 0; w < 2; w++) {
        for (int sgn = 0; sgn < 2; sgn++) {
            IRFunc *f = jit_begin(j);
            IRType ty = w ? IR_I64 : IR_I32;
            IRTemp *lo = ir_temp_new(f, ty, IR_TEMP_EBB);
            IRTemp *hi = ir_temp_new(f, ty, IR_TEMP_EBB);
            if (sgn) {
                ir_muls2(f, ty, lo, hi, gin(j, w, 0), gin(j, w, 1));
            } else {
                ir_mulu2(f, ty, lo, hi, gin(j, w, 0), gin(j, w, 1));
            }
            ir_emit1(f, IR_mov, ty, gin(j, w, 2), lo);
            ir_emit1(f, IR_mov, ty, gin(j, w, 3), hi);
            /* inputs stay live: they must survive rdx:rax */
            ir_emit2(f, IR_xor, ty, gin(j, w, 4), gin(j, w, 0), gin(j, w, 1));
            ir_exit_tb(f, 0);
            jit_gen(j);
            for (int x = 0; x < NB_VALS; x++) {
                for (int y = 0; y < NB_VALS; y++) {
                    uint64_t a = vals[x] & wmask(w), b = vals[y] & wmask(w);
                    uint64_t rlo, rhi;
                    if (w) {
                        unsigned __int128 p = sgn
                            ? (unsigned __int128)((__int128)(int64_t)a *
                                                  (int64_t)b)
                            : (unsigned __int128)a * b;
                        rlo = (uint64_t)p;
                        rhi = (uint64_t)(p >> 64);
                    } else {
                        uint64_t p = sgn ? (uint64_t)((int64_t)(int32_t)a *
                                                      (int32_t)b)
                                         : a * b;
                        rlo = (uint32_t)p;
                        rhi = (uint32_t)(p >> 32);
                    }
                    set_in(j, w, 0, a);
                    set_in(j, w, 1, b);
                    jit_run(j);
                    ASSERT_EQ(get_out(j, w, 2), rlo);
                    ASSERT_EQ(get_out(j, w, 3), rhi);
                    ASSERT_EQ(get_out(j, w, 4), a ^ b);
                }
            }
        }
    }
    jit_free(j);
}

static uint64_t ref_deposit(bool w, uint64_t a, uint64_t b, int pos, int len)
{
    uint64_t m = (len == 64 ? ~0ull : (1ull << len) - 1) << pos;
    return ((a & ~m) | ((b << pos) & m)) & wmask(w);
}

static uint64_t ref_extract(bool w, uint64_t a, int pos, int len, bool sgn)
{
    int bits = w ? 64 : 32;
    uint64_t r = (a & wmask(w)) << (64 - pos - len);
    r = sgn ? (uint64_t)((int64_t)r >> (64 - len)) : r >> (64 - len);
    (void)bits;
    return r & wmask(w);
}

static void check_field(Jit *j, bool w, int pos, int len, int bconst)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    uint64_t bc = 0x5a5aa5a5c3c3f00full & wmask(w);
    IRTemp *b = bconst ? ir_const(f, ty, bc) : gin(j, w, 1);

    ir_deposit(f, ty, gin(j, w, 2), gin(j, w, 0), b, pos, len);
    ir_extract(f, ty, gin(j, w, 3), gin(j, w, 0), pos, len);
    ir_sextract(f, ty, gin(j, w, 4), gin(j, w, 0), pos, len);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int x = 0; x < NB_VALS; x++) {
        uint64_t a = vals[x] & wmask(w);
        uint64_t bv = bconst ? bc : vals[NB_VALS - 1 - x] & wmask(w);
        set_in(j, w, 0, a);
        set_in(j, w, 1, bv);
        jit_run(j);
        if (get_out(j, w, 2) != ref_deposit(w, a, bv, pos, len) ||
            get_out(j, w, 3) != ref_extract(w, a, pos, len, false) ||
            get_out(j, w, 4) != ref_extract(w, a, pos, len, true)) {
            fprintf(stderr, "  i%d pos %d len %d a 0x%llx b 0x%llx\n",
                    w ? 64 : 32, pos, len, (unsigned long long)a,
                    (unsigned long long)bv);
        }
        ASSERT_EQ(get_out(j, w, 2), ref_deposit(w, a, bv, pos, len));
        ASSERT_EQ(get_out(j, w, 3), ref_extract(w, a, pos, len, false));
        ASSERT_EQ(get_out(j, w, 4), ref_extract(w, a, pos, len, true));
    }
}

TEST(x86_codegen, deposit_extract)
{
    static const int fields[][2] = {
        { 0, 8 }, { 0, 16 }, { 0, 32 }, { 8, 8 }, { 4, 12 }, { 0, 1 },
        { 31, 1 }, { 3, 28 }, { 16, 16 }, { 0, 31 }, { 1, 31 }, { 63, 1 },
        { 32, 32 }, { 0, 64 }, { 8, 48 }, { 12, 40 }, { 0, 33 }, { 20, 44 },
    };
    Jit *j = jit_new();
    for (int w = 0; w < 2; w++) {
        for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
            if (fields[i][0] + fields[i][1] > (w ? 64 : 32)) {
                continue;
            }
            check_field(j, w, fields[i][0], fields[i][1], 0);
            check_field(j, w, fields[i][0], fields[i][1], 1);
        }
    }
    jit_free(j);
}

/* ---- env-relative loads and stores ---- */

TEST(x86_codegen, env_ld_st)
{
    static const int lds[] = { IR_ld8u, IR_ld8s, IR_ld16u, IR_ld16s,
                               IR_ld32u, IR_ld32s, IR_ld };
    static const int sts[] = { IR_st8, IR_st16, IR_st32, IR_st };
    Jit *j = jit_new();
    int32_t boff = (int32_t)offsetof(TestEnv, bytes);

    for (int w = 0; w < 2; w++) {
        for (size_t k = 0; k < sizeof(lds) / sizeof(lds[0]); k++) {
            IRFunc *f = jit_begin(j);
            IRType ty = w ? IR_I64 : IR_I32;
            int size;
            uint64_t want, raw;
            if (!w && (ir_op_defs[lds[k]].flags & IRF_64)) {
                continue;
            }
            ir_ld(f, (IROpcode)lds[k], ty, gin(j, w, 2), f->env, boff + 3);
            ir_exit_tb(f, 0);
            jit_gen(j);
            for (int i = 0; i < 64; i++) {
                j->env->bytes[i] = (uint8_t)(0x81 + 17 * i);
            }
            jit_run(j);
            size = lds[k] == IR_ld ? (w ? 8 : 4)
                 : 1 << ((k >> 1) & 3);
            raw = 0;
            memcpy(&raw, j->env->bytes + 3, (size_t)size);
            want = raw;
            if ((k & 1) && lds[k] != IR_ld) {
                int sh = 64 - 8 * size;
                want = (uint64_t)((int64_t)(raw << sh) >> sh);
            }
            ASSERT_EQ(get_out(j, w, 2), want & wmask(w));
        }
        for (size_t k = 0; k < sizeof(sts) / sizeof(sts[0]); k++) {
            for (int c = 0; c < 2; c++) {
                IRFunc *f = jit_begin(j);
                IRType ty = w ? IR_I64 : IR_I32;
                uint64_t v = 0xf1e2d3c4b5a69788ull & wmask(w), got = 0;
                int size = sts[k] == IR_st ? (w ? 8 : 4) : 1 << k;
                if (!w && size == 8) {
                    continue;
                }
                set_in(j, w, 0, v);
                ir_st(f, (IROpcode)sts[k], ty,
                      c ? ir_const(f, ty, v) : gin(j, w, 0), f->env,
                      boff + 5);
                ir_exit_tb(f, 0);
                jit_gen(j);
                memset(j->env->bytes, 0, sizeof(j->env->bytes));
                jit_run(j);
                memcpy(&got, j->env->bytes + 5, (size_t)size);
                ASSERT_EQ(got, size == 8 ? v : v & ((1ull << 8 * size) - 1));
                ASSERT_EQ(j->env->bytes[4], 0);
                ASSERT_EQ(j->env->bytes[5 + size], 0);
            }
        }
    }
    jit_free(j);
}

/* ld/st through env overlapping a global that is dirty in a register */
TEST(x86_codegen, env_access_aliasing_a_global)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    IRTemp *t = ir_temp_i32(f);

    ir_addi_i32(f, j->g32[0], j->g32[1], 5);         /* a dirty in a reg */
    ir_ld(f, IR_ld8u, IR_I32, t, f->env, OFF32(0));  /* must see it */
    ir_mov_i32(f, j->g32[2], t);
    ir_st(f, IR_st8, IR_I32, ir_const_i32(f, 0xee), f->env, OFF32(0) + 1);
    ir_addi_i32(f, j->g32[3], j->g32[0], 1);         /* must see the st8 */
    ir_exit_tb(f, 0);
    jit_gen(j);
    j->env->r32[1] = 0x1000;
    jit_run(j);
    ASSERT_EQ(j->env->r32[2], 0x05);
    ASSERT_EQ(j->env->r32[0], 0xee05);
    ASSERT_EQ(j->env->r32[3], 0xee06);
    jit_free(j);
}

/* ---- helper calls ---- */

static uint64_t helper_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t g)
{
    return a + 3 * b + 5 * c + 7 * d + 11 * e + 13 * g;
}

static uint32_t helper_sub32(uint32_t a, uint32_t b)
{
    return a - b;
}

/* Writes a global behind the JIT's back: flags must not say NO_WRITE. */
static void helper_set_a(TestEnv *env)
{
    env->r32[0] = 77;
}

static uint64_t helper_read_b(TestEnv *env)
{
    return env->r64[1];
}

static const IRHelper h_mix6 = {
    "mix6", (void *)helper_mix6, IR_CALL_PURE, IR_I64, 6,
    { IR_I64, IR_I64, IR_I64, IR_I64, IR_I64, IR_I64 }, NULL,
};
static const IRHelper h_sub32 = {
    "sub32", (void *)helper_sub32, IR_CALL_PURE, IR_I32, 2,
    { IR_I32, IR_I32 }, NULL,
};
static const IRHelper h_set_a = {
    "set_a", (void *)helper_set_a, 0, IR_VOID, 1, { IR_I64 }, NULL,
};
static const IRHelper h_read_b = {
    "read_b", (void *)helper_read_b, IR_CALL_NO_WRITE_GLOBALS, IR_I64, 1,
    { IR_I64 }, NULL,
};

TEST(x86_codegen, calls_args_and_results)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    IRTemp *t[6], *r = ir_temp_i64(f), *r32 = ir_temp_i32(f);

    /* arguments in a scrambled order, some used twice, one constant */
    for (int i = 0; i < 5; i++) {
        t[i] = ir_temp_i64(f);
        ir_addi_i64(f, t[i], j->g64[i % 3], (uint64_t)i);
    }
    t[5] = ir_const_i64(f, 1000);
    {
        IRTemp *args[6] = { t[4], t[2], t[0], t[3], t[1], t[5] };
        ir_call(f, &h_mix6, r, args);
    }
    ir_add_i64(f, j->g64[3], r, t[0]);      /* t[0] live across the call */
    {
        IRTemp *args[2] = { j->g32[1], j->g32[0] };
        ir_call(f, &h_sub32, r32, args);
    }
    ir_mov_i32(f, j->g32[2], r32);
    ir_exit_tb(f, 0);
    jit_gen(j);
    j->env->r64[0] = 10;
    j->env->r64[1] = 200;
    j->env->r64[2] = 3000;
    j->env->r32[0] = 5;
    j->env->r32[1] = 3;
    jit_run(j);
    {
        uint64_t v[5] = { 10, 201, 3002, 13, 204 };
        ASSERT_EQ(j->env->r64[3],
                  helper_mix6(v[4], v[2], v[0], v[3], v[1], 1000) + 10);
    }
    ASSERT_EQ(j->env->r32[2], 0xfffffffe);
    jit_free(j);
}

TEST(x86_codegen, calls_sync_and_reload_globals)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    IRTemp *r = ir_temp_i64(f);

    ir_addi_i32(f, j->g32[0], j->g32[0], 1);    /* a in a reg, dirty */
    ir_addi_i64(f, j->g64[1], j->g64[1], 2);    /* B dirty */
    ir_call(f, &h_read_b, r, (IRTemp *[]){ f->env });
    ir_mov_i64(f, j->g64[2], r);                /* must see B + 2 */
    ir_call(f, &h_set_a, NULL, (IRTemp *[]){ f->env });
    ir_addi_i32(f, j->g32[1], j->g32[0], 1);    /* must see 77 */
    ir_exit_tb(f, 0);
    jit_gen(j);
    j->env->r32[0] = 1;
    j->env->r64[1] = 40;
    jit_run(j);
    ASSERT_EQ(j->env->r64[2], 42);
    ASSERT_EQ(j->env->r32[1], 78);
    ASSERT_EQ(j->env->r32[0], 77);
    jit_free(j);
}

/* ---- register pressure ---- */

TEST(x86_codegen, many_live_temps_and_a_call)
{
    enum { N = 40 };
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    IRTemp *t[N], *sum = ir_temp_i64(f), *r = ir_temp_i64(f);
    uint64_t want = 0, tv[N];

    for (int i = 0; i < N; i++) {
        t[i] = ir_temp_i64(f);
        ir_muli_i64(f, t[i], j->g64[i % 4], (uint64_t)(i + 1));
    }
    {
        IRTemp *args[6] = { t[0], t[7], t[13], t[21], t[30], t[39] };
        ir_call(f, &h_mix6, r, args);
    }
    ir_mov_i64(f, sum, r);
    for (int i = N - 1; i >= 0; i--) {
        ir_xor_i64(f, sum, sum, t[i]);
        ir_shli_i64(f, sum, sum, 1);
    }
    ir_mov_i64(f, j->g64[5], sum);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int i = 0; i < 4; i++) {
        j->env->r64[i] = 0x1111111111111111ull * (uint64_t)(i + 1) + 7;
    }
    for (int i = 0; i < N; i++) {
        tv[i] = j->env->r64[i % 4] * (uint64_t)(i + 1);
    }
    want = helper_mix6(tv[0], tv[7], tv[13], tv[21], tv[30], tv[39]);
    for (int i = N - 1; i >= 0; i--) {
        want = (want ^ tv[i]) << 1;
    }
    jit_run(j);
    ASSERT_EQ(j->env->r64[5], want);
    jit_free(j);
}

/* ---- labels and loops ---- */

TEST(x86_codegen, loop_with_tb_temps)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    IRTemp *i = ir_local_i32(f), *sum = ir_local_i64(f), *t = ir_temp_i64(f);
    IRLabel *top = ir_label_new(f), *done = ir_label_new(f);

    ir_movi_i32(f, i, 0);
    ir_movi_i64(f, sum, 0);
    ir_brcondi_i32(f, IR_COND_EQ, j->g32[0], 0, done);
    ir_set_label(f, top);
    ir_extu_i32_i64(f, t, i);
    ir_mul_i64(f, t, t, t);
    ir_add_i64(f, sum, sum, t);
    ir_add_i64(f, j->g64[1], j->g64[1], t);     /* a global in the loop */
    ir_addi_i32(f, i, i, 1);
    ir_brcond(f, IR_I32, IR_COND_LTU, i, j->g32[0], top);
    ir_set_label(f, done);
    ir_mov_i64(f, j->g64[2], sum);
    ir_mov_i32(f, j->g32[3], i);
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (uint32_t n = 0; n < 50; n += 7) {
        uint64_t s = 0;
        for (uint64_t k = 0; k < n; k++) {
            s += k * k;
        }
        j->env->r32[0] = n;
        j->env->r64[1] = 1000;
        jit_run(j);
        ASSERT_EQ(j->env->r64[2], s);
        ASSERT_EQ(j->env->r64[1], 1000 + s);
        ASSERT_EQ(j->env->r32[3], n);
    }
    jit_free(j);
}

/* ---- exits, chaining, goto_ptr ---- */

static const void *goto_ptr_target;

static uint64_t helper_target(TestEnv *env)
{
    return env->r64[7] ? (uint64_t)(uintptr_t)goto_ptr_target : 0;
}

static const IRHelper h_target = {
    "target", (void *)helper_target, IR_CALL_NO_WRITE_GLOBALS, IR_I64, 1,
    { IR_I64 }, NULL,
};

TEST(x86_codegen, goto_tb_chaining_and_goto_ptr)
{
    Jit *j = jit_new();
    IRFunc *f;
    TB a, b;
    IRTemp *p;

    /* B: r32[1] = 42; exit_tb 7 */
    f = jit_begin(j);
    ir_movi_i32(f, j->g32[1], 42);
    ir_exit_tb(f, 7);
    jit_gen(j);
    b = j->tb;

    /* A: r32[0] += 1; goto_tb 0; exit_tb &a|0 */
    f = jit_begin(j);
    ir_addi_i32(f, j->g32[0], j->g32[0], 1);
    ir_goto_tb(f, 0);
    ir_exit_tb(f, (uintptr_t)&a);
    jit_gen(j);
    a = j->tb;
    ASSERT_EQ((uintptr_t)(a.tc_ptr + a.jmp_insn_offset[0] + 1) & 3, 0);
    ASSERT(a.jmp_reset_offset[0] == a.jmp_insn_offset[0] + 5);

    ASSERT_EQ(x86_64_backend.exec(j->ctx, &j->env->common, &a),
              (uintptr_t)&a);
    ASSERT_EQ(j->env->r32[0], 1);
    x86_64_backend.set_jmp_target(j->ctx, &a, 0, (uintptr_t)b.tc_ptr);
    ASSERT_EQ(x86_64_backend.exec(j->ctx, &j->env->common, &a), 7);
    ASSERT_EQ(j->env->r32[0], 2);
    ASSERT_EQ(j->env->r32[1], 42);
    x86_64_backend.set_jmp_target(j->ctx, &a, 0,
                                  (uintptr_t)a.tc_ptr + a.jmp_reset_offset[0]);
    ASSERT_EQ(x86_64_backend.exec(j->ctx, &j->env->common, &a),
              (uintptr_t)&a);

    /* C: goto_ptr helper_target(env) */
    goto_ptr_target = b.tc_ptr;
    f = jit_begin(j);
    p = ir_temp_i64(f);
    ir_addi_i32(f, j->g32[2], j->g32[2], 3);
    ir_call(f, &h_target, p, (IRTemp *[]){ f->env });
    ir_goto_ptr(f, p);
    jit_gen(j);
    j->env->r64[7] = 1;
    j->env->r32[1] = 0;
    ASSERT_EQ(jit_run(j), 7);
    ASSERT_EQ(j->env->r32[1], 42);
    ASSERT_EQ(j->env->r32[2], 3);
    j->env->r64[7] = 0;
    ASSERT_EQ(jit_run(j), 0);
    ASSERT_EQ(j->env->r32[2], 6);
    jit_free(j);
}

/* ---- siglongjmp out of a helper (guest exceptions) ---- */

static sigjmp_buf escape_env;

static void helper_escape(TestEnv *env)
{
    env->r32[4]++;
    siglongjmp(escape_env, 1);
}

static const IRHelper h_escape = {
    "escape", (void *)helper_escape, 0, IR_VOID, 1, { IR_I64 }, NULL,
};

TEST(x86_codegen, longjmp_out_of_generated_code)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);

    ir_addi_i32(f, j->g32[3], j->g32[3], 1);
    ir_call(f, &h_escape, NULL, (IRTemp *[]){ f->env });
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (int i = 0; i < 3; i++) {
        if (sigsetjmp(escape_env, 1) == 0) {
            jit_run(j);
            ASSERT(!"helper should not return");
        }
    }
    ASSERT_EQ(j->env->r32[3], 3);
    ASSERT_EQ(j->env->r32[4], 3);
    jit_free(j);
}

/* ---- gen_code contract ---- */

TEST(x86_codegen, insn_offsets_and_small_buffer)
{
    Jit *j = jit_new();
    IRFunc *f = jit_begin(j);
    uint32_t offs[4];
    int n;

    for (int i = 0; i < 3; i++) {
        ir_insn_start(f, (uint64_t)i * 4, 0);
        ir_addi_i32(f, j->g32[i], j->g32[i + 1], 1);
    }
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ir_liveness(f);
    n = x86_64_backend.gen_code(j->ctx, f, &j->tb, j->buf + 8192, 100000,
                                offs);
    ASSERT(n > 0);
    ASSERT(offs[0] < offs[1] && offs[1] < offs[2] && offs[2] < (uint32_t)n);
    n = x86_64_backend.gen_code(j->ctx, f, &j->tb, j->buf + 8192, 64, offs);
    ASSERT_EQ(n, -1);
    jit_free(j);
}

/* ---- guest memory through a hand-filled soft-TLB ---- */

#define GUEST_BASE32 0x12340000ull
#define GUEST_BASE64 0x76543210000ull
#define MMU 2

static uint8_t guest_ram[2 * GUEST_PAGE_SIZE];
static int fills;

static uint64_t guest_base(uint64_t vaddr)
{
    return vaddr >= GUEST_BASE64 ? GUEST_BASE64 : GUEST_BASE32;
}

/* Install the page of vaddr as RAM backed by guest_ram. */
static bool fake_tlb_fill(CPUCommon *cpu, uint64_t vaddr, int size,
                          MMUAccessType access, int mmu_idx, bool probe,
                          uintptr_t retaddr)
{
    uint64_t page = vaddr & GUEST_PAGE_MASK;
    TLBEntry *e = &cpu->tlb[mmu_idx][(vaddr >> GUEST_PAGE_BITS) &
                                     (TLB_SIZE - 1)];

    fills++;
    e->addr_read = e->addr_write = e->addr_code = page;
    e->addend = (uintptr_t)guest_ram + (page - guest_base(vaddr)) -
                (uintptr_t)page;
    return true;
}

static const CPUClass fake_cc = { .name = "fake", .tlb_fill = fake_tlb_fill };

static void tlb_invalidate_all(CPUCommon *cpu)
{
    memset(cpu->tlb, 0xff, sizeof(cpu->tlb));
}

static uint64_t ref_guest_load(uint64_t off, MemOp mop, bool w)
{
    int size = 1 << (mop & MO_SIZE);
    uint64_t v = 0;

    for (int i = 0; i < size; i++) {
        int k = (mop & MO_BE) ? size - 1 - i : i;
        v |= (uint64_t)guest_ram[off + k] << (8 * i);
    }
    if ((mop & MO_SIGN) && size < 8) {
        int sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v & wmask(w);
}

/* r[2] = ld(addr); with 12 temps live across the access */
static void build_guest_ld(Jit *j, bool w, bool a64, MemOp mop)
{
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;
    IRTemp *live[12], *x = ir_temp_i64(f), *acc = ir_temp_i64(f);

    for (int i = 0; i < 12; i++) {
        live[i] = ir_temp_i64(f);
        ir_addi_i64(f, live[i], j->g64[5], (uint64_t)i * 0x10001);
    }
    ir_qemu_ld(f, ty, gin(j, w, 2), a64 ? j->g64[0] : j->g32[0],
               make_memop_idx(mop, MMU));
    ir_movi_i64(f, acc, 0);
    for (int i = 0; i < 12; i++) {
        ir_muli_i64(f, x, live[i], (uint64_t)(i + 3));
        ir_add_i64(f, acc, acc, x);
    }
    ir_mov_i64(f, j->g64[6], acc);
    ir_exit_tb(f, 0);
    jit_gen(j);
}

static uint64_t ref_live_sum(uint64_t base)
{
    uint64_t acc = 0;
    for (int i = 0; i < 12; i++) {
        acc += (base + (uint64_t)i * 0x10001) * (uint64_t)(i + 3);
    }
    return acc;
}

static void check_guest_ld(Jit *j, bool w, bool a64, MemOp mop)
{
    static const uint64_t offs[] = { 0, 8, 0x7fe, 0xffd, 0xfff, 0x1234 };
    uint64_t base = a64 ? GUEST_BASE64 : GUEST_BASE32;

    build_guest_ld(j, w, a64, mop);
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        for (int miss = 1; miss >= 0; miss--) {
            uint64_t want = ref_guest_load(offs[i], mop, w);
            if (miss) {
                tlb_invalidate_all(&j->env->common);
            }
            fills = 0;
            set_in(j, a64, 0, base + offs[i]);
            j->env->r64[5] = 0x1000 + offs[i];
            set_in(j, w, 2, 0xdead);
            jit_run(j);
            if (get_out(j, w, 2) != want) {
                fprintf(stderr, "  ld mop 0x%x i%d a%d off 0x%llx miss %d\n",
                        mop, w ? 64 : 32, a64 ? 64 : 32,
                        (unsigned long long)offs[i], miss);
            }
            ASSERT_EQ(get_out(j, w, 2), want);
            ASSERT_EQ(j->env->r64[6], ref_live_sum(0x1000 + offs[i]));
            if (miss) {
                ASSERT(fills >= 1);
            }
        }
    }
}

TEST(x86_codegen, qemu_ld_hit_and_miss)
{
    Jit *j = jit_new();
    X86Backend *be = j->ctx;
    bool movbe = be->have_movbe;

    j->env->common.cc = &fake_cc;
    for (size_t i = 0; i < sizeof(guest_ram); i++) {
        guest_ram[i] = (uint8_t)(i * 7 + (i >> 8) + 0x80);
    }
    for (int w = 0; w < 4; w++) {
        /* w & 2: with movbe (if the host has it) */
        be->have_movbe = (w & 2) && movbe;
        for (int a64 = 0; a64 < 2; a64++) {
            for (int size = 0; size < 4; size++) {
                for (int flags = 0; flags < 4; flags++) {
                    MemOp mop = (MemOp)size | (flags & 1 ? MO_SIGN : 0) |
                                (flags & 2 ? MO_BE : 0);
                    if ((!(w & 1) && size == 3) || (size == 3 && (flags & 1))) {
                        continue;
                    }
                    check_guest_ld(j, w & 1, a64, mop);
                }
            }
        }
    }
    jit_free(j);
}

static void check_guest_st(Jit *j, bool w, bool a64, MemOp mop, bool cval)
{
    static const uint64_t offs[] = { 0, 8, 0x7fe, 0xffd, 0xfff };
    uint64_t base = a64 ? GUEST_BASE64 : GUEST_BASE32;
    uint64_t v = 0x8877665544332211ull & wmask(w);
    int size = 1 << (mop & MO_SIZE);
    IRFunc *f = jit_begin(j);
    IRType ty = w ? IR_I64 : IR_I32;

    ir_qemu_st(f, ty, cval ? ir_const(f, ty, v) : gin(j, w, 1),
               a64 ? j->g64[0] : j->g32[0], make_memop_idx(mop, MMU));
    ir_exit_tb(f, 0);
    jit_gen(j);
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        for (int miss = 1; miss >= 0; miss--) {
            if (miss) {
                tlb_invalidate_all(&j->env->common);
            }
            memset(guest_ram, 0, sizeof(guest_ram));
            set_in(j, a64, 0, base + offs[i]);
            set_in(j, w, 1, v);
            jit_run(j);
            for (int k = 0; k < size; k++) {
                int sh = (mop & MO_BE) ? size - 1 - k : k;
                ASSERT_EQ(guest_ram[offs[i] + k], (uint8_t)(v >> (8 * sh)));
            }
            ASSERT_EQ(guest_ram[offs[i] + size], 0);
        }
    }
}

TEST(x86_codegen, qemu_st_hit_and_miss)
{
    Jit *j = jit_new();
    X86Backend *xb = j->ctx;
    bool movbe = xb->have_movbe;

    j->env->common.cc = &fake_cc;
    for (int w = 0; w < 4; w++) {
        xb->have_movbe = (w & 2) && movbe;
        for (int a64 = 0; a64 < 2; a64++) {
            for (int size = 0; size < 4; size++) {
                for (int be = 0; be < 2; be++) {
                    MemOp mop = (MemOp)size | (be ? MO_BE : 0);
                    if (!(w & 1) && size == 3) {
                        continue;
                    }
                    check_guest_st(j, w & 1, a64, mop, false);
                    check_guest_st(j, w & 1, a64, mop, true);
                }
            }
        }
    }
    jit_free(j);
}

/* A store's address and value in rdx/rsi must reach softmmu_st intact. */
TEST(x86_codegen, qemu_st_slow_path_argument_shuffle)
{
    Jit *j = jit_new();
    IRFunc *f;

    j->env->common.cc = &fake_cc;
    for (int round = 0; round < 2; round++) {
        IRTemp *addr, *val;
        f = jit_begin(j);
        addr = ir_temp_i64(f);
        val = ir_temp_i64(f);
        /* the call leaves values in argument registers, then both are
         * used by the store */
        ir_call(f, &h_read_b, round ? val : addr, (IRTemp *[]){ f->env });
        ir_call(f, &h_read_b, round ? addr : val, (IRTemp *[]){ f->env });
        ir_addi_i64(f, addr, addr, GUEST_BASE64 - 0x40 + 16);
        ir_qemu_st(f, IR_I64, val, addr, make_memop_idx(MO_UQ, MMU));
        ir_exit_tb(f, 0);
        jit_gen(j);
        tlb_invalidate_all(&j->env->common);
        memset(guest_ram, 0, sizeof(guest_ram));
        j->env->r64[1] = 0x40;
        jit_run(j);
        ASSERT_EQ(guest_ram[16], 0x40);
    }
    jit_free(j);
}

/* Arguments computed while most registers are busy, passed permuted. */
TEST(x86_codegen, calls_with_busy_registers)
{
    Jit *j = jit_new();
    for (int perm = 0; perm < 3; perm++) {
        IRFunc *f = jit_begin(j);
        IRTemp *live[10], *a[6], *r = ir_temp_i64(f), *acc = ir_temp_i64(f);
        uint64_t lv[10], av[6], want;
        int order[3][6] = { { 5, 4, 3, 2, 1, 0 }, { 1, 2, 3, 4, 5, 0 },
                            { 0, 1, 2, 3, 4, 5 } };
        for (int i = 0; i < 10; i++) {
            live[i] = ir_temp_i64(f);
            ir_addi_i64(f, live[i], j->g64[i % 3], (uint64_t)i << 20);
        }
        for (int i = 0; i < 6; i++) {
            a[i] = ir_temp_i64(f);
            ir_muli_i64(f, a[i], j->g64[(i + 1) % 3], (uint64_t)i + 2);
        }
        {
            IRTemp *args[6];
            for (int i = 0; i < 6; i++) {
                args[i] = a[order[perm][i]];
            }
            ir_call(f, &h_mix6, r, args);
        }
        ir_mov_i64(f, acc, r);
        for (int i = 0; i < 10; i++) {
            ir_xor_i64(f, acc, acc, live[i]);
            ir_rotli_i64(f, acc, acc, 7);
        }
        ir_mov_i64(f, j->g64[4], acc);
        ir_exit_tb(f, 0);
        jit_gen(j);
        j->env->r64[0] = 0x1234567;
        j->env->r64[1] = 0xabcdef12345ull;
        j->env->r64[2] = 0x5555;
        for (int i = 0; i < 10; i++) {
            lv[i] = j->env->r64[i % 3] + ((uint64_t)i << 20);
        }
        for (int i = 0; i < 6; i++) {
            av[i] = j->env->r64[(i + 1) % 3] * ((uint64_t)i + 2);
        }
        want = helper_mix6(av[order[perm][0]], av[order[perm][1]],
                           av[order[perm][2]], av[order[perm][3]],
                           av[order[perm][4]], av[order[perm][5]]);
        for (int i = 0; i < 10; i++) {
            want ^= lv[i];
            want = (want << 7) | (want >> 57);
        }
        jit_run(j);
        ASSERT_EQ(j->env->r64[4], want);
    }
    jit_free(j);
}
