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
    for (size_t k = 0; k < sizeof(bin_ops) / sizeof(bin_ops[0]); k++) {
        for (int w = 0; w < 2; w++) {
            for (int shape = 0; shape < 5; shape++) {
                check_bin(j, bin_ops[k], w, shape);
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
