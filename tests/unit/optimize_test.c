/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for tcg/optimize.c.  Folding is checked against a reference
 * evaluator written here with plain C types, on many operand values for
 * both widths; copy propagation, labels and calls on small functions.
 * (Rule-by-rule text examples live in tests/ir/.)
 */
#include <stdlib.h>

#include "tcg/ir.h"
#include "tests/test.h"

static const uint64_t samples[] = {
    0, 1, 2, 3, 7, 0x1f, 0x20, 0x21, 0x3f, 0x40, 0x41, 0x7f, 0x80, 0xff,
    0x100, 0x7fff, 0x8000, 0xffff, 0x12345678, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ull, 0x8000000000000000ull,
    0xfedcba9876543210ull, 0xffffffff80000000ull, ~0ull,
};
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

/* Reference semantics for i32, on 32-bit C types. */
static uint32_t ref32(IROpcode opc, uint32_t x, uint32_t y)
{
    unsigned n = y & 31;

    switch (opc) {
    case IR_add: return x + y;
    case IR_sub: return x - y;
    case IR_mul: return x * y;
    case IR_and: return x & y;
    case IR_or: return x | y;
    case IR_xor: return x ^ y;
    case IR_andc: return x & ~y;
    case IR_shl: return x << n;
    case IR_shr: return x >> n;
    case IR_sar: return (uint32_t)((int32_t)x >> n);
    case IR_rotl: return n ? (x << n) | (x >> (32 - n)) : x;
    case IR_rotr: return n ? (x >> n) | (x << (32 - n)) : x;
    case IR_neg: return -x;
    case IR_not: return ~x;
    case IR_clz: return x ? (uint32_t)__builtin_clz(x) : 32;
    case IR_ctz: return x ? (uint32_t)__builtin_ctz(x) : 32;
    case IR_ext8s: return (uint32_t)(int32_t)(int8_t)x;
    case IR_ext8u: return (uint8_t)x;
    case IR_ext16s: return (uint32_t)(int32_t)(int16_t)x;
    case IR_ext16u: return (uint16_t)x;
    case IR_bswap16: return (uint16_t)((x << 8) | ((x >> 8) & 0xff));
    case IR_bswap32: return __builtin_bswap32(x);
    default: return 0xdead;
    }
}

/* Reference semantics for i64. */
static uint64_t ref64(IROpcode opc, uint64_t x, uint64_t y)
{
    unsigned n = y & 63;

    switch (opc) {
    case IR_add: return x + y;
    case IR_sub: return x - y;
    case IR_mul: return x * y;
    case IR_and: return x & y;
    case IR_or: return x | y;
    case IR_xor: return x ^ y;
    case IR_andc: return x & ~y;
    case IR_shl: return x << n;
    case IR_shr: return x >> n;
    case IR_sar: return (uint64_t)((int64_t)x >> n);
    case IR_rotl: return n ? (x << n) | (x >> (64 - n)) : x;
    case IR_rotr: return n ? (x >> n) | (x << (64 - n)) : x;
    case IR_neg: return -x;
    case IR_not: return ~x;
    case IR_clz: return x ? (uint64_t)__builtin_clzll(x) : 64;
    case IR_ctz: return x ? (uint64_t)__builtin_ctzll(x) : 64;
    case IR_ext8s: return (uint64_t)(int8_t)x;
    case IR_ext8u: return (uint8_t)x;
    case IR_ext16s: return (uint64_t)(int16_t)x;
    case IR_ext16u: return (uint16_t)x;
    case IR_ext32s: return (uint64_t)(int32_t)x;
    case IR_ext32u: return (uint32_t)x;
    case IR_bswap16: return (uint16_t)((x << 8) | ((x >> 8) & 0xff));
    case IR_bswap32: return __builtin_bswap32((uint32_t)x);
    case IR_bswap64: return __builtin_bswap64(x);
    default: return 0xdead;
    }
}

/* Build "op d, $x[, $y]; exit", optimize, return the folded constant. */
static uint64_t fold(IROpcode opc, IRType t, uint64_t x, uint64_t y)
{
    IRFunc *f = ir_func_new();
    IRTemp *g = ir_global(f, t, 0, "g");
    IROp *op;
    uint64_t v;

    ir_func_reset(f);
    if (ir_op_defs[opc].nb_iargs == 1) {
        ir_emit1(f, opc, t, g, ir_const(f, t, x));
    } else {
        ir_emit2(f, opc, t, g, ir_const(f, t, x), ir_const(f, t, y));
    }
    ir_exit_tb(f, 0);
    ir_optimize(f);
    op = &f->ops[0];
    if (op->opc != IR_mov || ir_arg_temp(op, 1)->kind != IR_TEMP_CONST) {
        ir_func_free(f);
        return 0xbad0bad0bad0ull;
    }
    v = ir_arg_temp(op, 1)->val;
    ir_func_free(f);
    return v;
}

static void check_fold(IROpcode opc, bool only64)
{
    for (size_t i = 0; i < NSAMPLES; i++) {
        for (size_t j = 0; j < NSAMPLES; j++) {
            uint64_t x = samples[i], y = samples[j];
            if (!only64) {
                ASSERT_EQ(fold(opc, IR_I32, x, y),
                          ref32(opc, (uint32_t)x, (uint32_t)y));
            }
            ASSERT_EQ(fold(opc, IR_I64, x, y), ref64(opc, x, y));
            if (ir_op_defs[opc].nb_iargs == 1) {
                break;
            }
        }
    }
}

TEST(optimize, fold_binary)
{
    static const IROpcode ops[] = {
        IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc,
        IR_shl, IR_shr, IR_sar, IR_rotl, IR_rotr,
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        check_fold(ops[i], false);
    }
}

TEST(optimize, fold_unary)
{
    static const IROpcode ops[] = {
        IR_neg, IR_not, IR_clz, IR_ctz, IR_ext8s, IR_ext8u, IR_ext16s,
        IR_ext16u, IR_bswap16, IR_bswap32,
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        check_fold(ops[i], false);
    }
    check_fold(IR_ext32s, true);
    check_fold(IR_ext32u, true);
    check_fold(IR_bswap64, true);
}

/* setcond over all conditions and samples, both widths. */
TEST(optimize, fold_setcond)
{
    static const IRCond conds[] = {
        IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE, IR_COND_LE,
        IR_COND_GT, IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU,
    };
    for (size_t c = 0; c < sizeof(conds) / sizeof(conds[0]); c++) {
        for (size_t i = 0; i < NSAMPLES; i += 3) {
            for (size_t j = 0; j < NSAMPLES; j += 2) {
                for (int w = 0; w < 2; w++) {
                    IRType t = w ? IR_I64 : IR_I32;
                    IRFunc *f = ir_func_new();
                    IRTemp *g = ir_global(f, t, 0, "g");
                    uint64_t x = samples[i], y = samples[j];
                    bool want = ir_cond_eval(conds[c], t, x, y);
                    ir_setcond(f, t, conds[c], g, ir_const(f, t, x),
                               ir_const(f, t, y));
                    ir_optimize(f);
                    ASSERT_EQ(f->ops[0].opc, IR_mov);
                    ASSERT_EQ(ir_arg_temp(&f->ops[0], 1)->val, want);
                    ir_func_free(f);
                }
            }
        }
    }
}

TEST(optimize, fold_width_changes)
{
    IRFunc *f = ir_func_new();
    IRTemp *a = ir_global_i64(f, 0, "a"), *b = ir_global_i64(f, 8, "b");
    IRTemp *c = ir_global_i32(f, 16, "c"), *d = ir_global_i32(f, 20, "d");

    ir_ext_i32_i64(f, a, ir_const_i32(f, 0x80000000));
    ir_extu_i32_i64(f, b, ir_const_i32(f, 0x80000000));
    ir_extrl_i64_i32(f, c, ir_const_i64(f, 0xaabbccdd11223344ull));
    ir_extrh_i64_i32(f, d, ir_const_i64(f, 0xaabbccdd11223344ull));
    ir_optimize(f);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 1)->val, 0xffffffff80000000ull);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 1)->val, 0x80000000u);
    ASSERT_EQ(ir_arg_temp(&f->ops[2], 1)->val, 0x11223344u);
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 1)->val, 0xaabbccddu);
    ASSERT_EQ(ir_arg_temp(&f->ops[2], 1)->type, IR_I32);
    ir_func_free(f);
}

TEST(optimize, copy_propagation)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0"), *r1 = ir_global_i32(f, 4, "r1");
    IRTemp *t = ir_temp_i32(f), *u = ir_temp_i32(f);

    ir_mov_i32(f, t, r0);           /* 0 */
    ir_add_i32(f, u, t, t);         /* 1: reads r0, r0 */
    ir_movi_i32(f, r0, 9);          /* 2: t is no longer a copy of r0 */
    ir_add_i32(f, r1, t, r0);       /* 3: t, $9 */
    ir_mov_i32(f, r1, u);           /* 4 */
    ir_mov_i32(f, u, r1);           /* 5: already a copy: removed */
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 1), r0);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 2), r0);
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 1), t);
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 2), ir_const_i32(f, 9));
    ASSERT_EQ(f->ops[5].opc, IR_nop);
    ir_func_free(f);
}

TEST(optimize, labels_forget)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0"), *r1 = ir_global_i32(f, 4, "r1");
    IRLabel *l = ir_label_new(f);

    ir_movi_i32(f, r0, 1);
    ir_brcondi_i32(f, IR_COND_EQ, r1, 0, l);
    ir_addi_i32(f, r1, r0, 1);      /* 2: folds to mov r1, $2 */
    ir_set_label(f, l);
    ir_addi_i32(f, r1, r0, 1);      /* 4: r0 unknown after the label */
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ASSERT_EQ(f->ops[2].opc, IR_mov);
    ASSERT_EQ(ir_arg_temp(&f->ops[2], 1)->val, 2);
    ASSERT_EQ(f->ops[4].opc, IR_add);
    ASSERT_EQ(ir_arg_temp(&f->ops[4], 1), r0);
    ir_func_free(f);
}

TEST(optimize, brcond_folds)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0");
    IRLabel *l = ir_label_new(f);

    ir_movi_i32(f, r0, 5);
    ir_brcondi_i32(f, IR_COND_LTU, r0, 3, l);   /* never: removed */
    ir_brcondi_i32(f, IR_COND_GEU, r0, 3, l);   /* always: br */
    ir_set_label(f, l);
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ASSERT_EQ(f->ops[1].opc, IR_nop);
    ASSERT_EQ(f->ops[2].opc, IR_br);
    ASSERT_EQ(f->ops[2].args[0], l->id);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 4);
    ASSERT_EQ(f->ops[1].opc, IR_br);
    ir_func_free(f);
}

TEST(optimize, mul2_folds_into_two_movs)
{
    IRFunc *f = ir_func_new();
    IRTemp *lo = ir_global_i64(f, 0, "lo"), *hi = ir_global_i64(f, 8, "hi");

    ir_muls2(f, IR_I64, lo, hi, ir_const_i64(f, -3ull), ir_const_i64(f, 5));
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ASSERT_EQ(f->nb_ops, 3);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 0), lo);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 1)->val, -15ull);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 0), hi);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 1)->val, ~0ull);
    ASSERT_EQ(f->ops[2].opc, IR_exit_tb);
    ir_func_free(f);
}

static uint64_t helper_stub(uint64_t a)
{
    return a;
}

TEST(optimize, calls_clobber_global_copies)
{
    static const IRHelper h = {
        .name = "h", .func = (void *)helper_stub, .flags = 0,
        .ret = IR_I32, .nargs = 1, .args = { IR_I32 },
    };
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0"), *r1 = ir_global_i32(f, 4, "r1");
    IRTemp *t = ir_temp_i32(f), *u = ir_temp_i32(f);

    ir_movi_i32(f, r0, 7);
    ir_movi_i32(f, t, 8);
    ir_call(f, &h, u, &r0);         /* argument becomes $7 */
    ir_add_i32(f, r1, r0, t);       /* r0 unknown, t still $8 */
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ASSERT_EQ(ir_arg_temp(&f->ops[2], 1), ir_const_i32(f, 7));
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 1), r0);
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 2), ir_const_i32(f, 8));
    ir_func_free(f);
}

/* Many TBs through one IRFunc: records of old TBs never leak in. */
TEST(optimize, reuse_across_tbs)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0");

    for (int tb = 0; tb < 200; tb++) {
        IRTemp *t;
        ir_func_reset(f);
        t = ir_temp_i32(f);
        if (tb & 1) {
            ir_movi_i32(f, t, tb);
        } else {
            ir_mov_i32(f, t, r0);
        }
        ir_add_i32(f, r0, r0, t);
        ir_exit_tb(f, 0);
        ir_optimize(f);
        ASSERT_EQ(ir_arg_temp(&f->ops[1], 2),
                  (tb & 1) ? ir_const_i32(f, tb) : r0);
    }
    ir_func_free(f);
}

/* A long TB: thousands of temps and constants (growth paths). */
TEST(optimize, large_tb)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0");
    IRTemp *prev = r0;

    for (int i = 0; i < 5000; i++) {
        IRTemp *t = ir_temp_i32(f);
        ir_addi_i32(f, t, prev, i);
        prev = t;
    }
    ir_mov_i32(f, r0, prev);
    ir_exit_tb(f, 0);
    ir_optimize(f);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 5000);     /* the final mov is forwarded */
    ir_func_free(f);
}

/*
 * Differential test: random programs (forward branches only) are run by
 * a small reference interpreter before and after optimize + liveness; the
 * optimized one runs as a backend would, trusting only the life bits.
 * The globals' memory must end up equal.
 */
typedef struct Rng {
    uint64_t s;
} Rng;

static uint32_t rng_next(Rng *r)
{
    r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->s >> 33);
}

static uint64_t rng_value(Rng *r)
{
    static const uint64_t pool[] = {
        0, 1, 2, 31, 32, 63, 64, 0x80, 0xff, 0x7fffffff, 0x80000000,
        0xffffffff, ~0ull, 0x8000000000000000ull,
    };
    if (rng_next(r) & 1) {
        return pool[rng_next(r) % (sizeof(pool) / sizeof(pool[0]))];
    }
    return ((uint64_t)rng_next(r) << 32) | rng_next(r);
}

enum { NG = 6, NE = 6 };

/* Helpers of the random programs; interp_call() gives their meaning. */
static const IRHelper rh_pure = {
    .name = "rh_pure", .func = (void *)helper_stub, .flags = IR_CALL_PURE,
    .ret = IR_I32, .nargs = 2, .args = { IR_I32, IR_I32 },
};
static const IRHelper rh_read = {
    .name = "rh_read", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_WRITE_GLOBALS, .ret = IR_I32, .nargs = 1,
    .args = { IR_I32 },
};
static const IRHelper rh_write = {
    .name = "rh_write", .func = (void *)helper_stub, .flags = 0,
    .ret = IR_VOID, .nargs = 1, .args = { IR_I32 },
};
static const IRHelper rh_none = {
    .name = "rh_none", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS,
    .ret = IR_I32, .nargs = 1, .args = { IR_I32 },
};

typedef struct Prog {
    IRFunc *f;
    IRTemp *g[2][NG];       /* globals, [0] i32 [1] i64 */
    IRTemp *e[2][NE];       /* EBB temps */
    IRTemp *l[2];           /* TB temps */
    bool def[2][NE];        /* EBB temp defined in the current EBB */
    Rng rng;
} Prog;

static IRTemp *pick_src(Prog *p, int w)
{
    for (;;) {
        unsigned k = rng_next(&p->rng) % 10;
        if (k < 3) {
            return p->g[w][rng_next(&p->rng) % NG];
        }
        if (k < 5) {
            return ir_const(p->f, w ? IR_I64 : IR_I32, rng_value(&p->rng));
        }
        if (k < 6) {
            return p->l[w];
        }
        unsigned i = rng_next(&p->rng) % NE;
        if (p->def[w][i]) {
            return p->e[w][i];
        }
    }
}

static IRTemp *pick_dst(Prog *p, int w)
{
    unsigned k = rng_next(&p->rng) % 10;

    if (k < 3) {
        return p->g[w][rng_next(&p->rng) % NG];
    }
    if (k < 4) {
        return p->l[w];
    }
    k = rng_next(&p->rng) % NE;
    p->def[w][k] = true;
    return p->e[w][k];
}

/* A helper call or a guest load (which may fault: see interp_run). */
static void gen_call_or_load(Prog *p)
{
    static const IRHelper *const hs[] = {
        &rh_pure, &rh_read, &rh_write, &rh_none,
    };
    const IRHelper *h = hs[rng_next(&p->rng) % 4];
    IRTemp *args[2];

    if (rng_next(&p->rng) % 3 == 0) {
        IRTemp *addr = pick_src(p, 0);
        ir_qemu_ld(p->f, IR_I32, pick_dst(p, 0), addr, 0x22);
        return;
    }
    args[0] = pick_src(p, 0);
    args[1] = pick_src(p, 0);
    ir_call(p->f, h, h->ret == IR_VOID ? NULL : pick_dst(p, 0), args);
}

static void gen_op(Prog *p)
{
    static const IROpcode bin[] = {
        IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_shl,
        IR_shr, IR_sar, IR_rotl, IR_rotr,
    };
    static const IROpcode un[] = {
        IR_mov, IR_neg, IR_not, IR_clz, IR_ctz, IR_ext8s, IR_ext8u,
        IR_ext16s, IR_ext16u, IR_bswap16, IR_bswap32,
    };
    static const IRCond conds[] = {
        IR_COND_EQ, IR_COND_NE, IR_COND_LT, IR_COND_GE, IR_COND_LE,
        IR_COND_GT, IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU,
    };
    IRFunc *f = p->f;
    int w = rng_next(&p->rng) & 1;
    IRType t = w ? IR_I64 : IR_I32;
    unsigned k = rng_next(&p->rng) % 20;
    IRTemp *a = pick_src(p, w), *b = pick_src(p, w);
    IRTemp *c = pick_src(p, w), *d4 = pick_src(p, w);
    IRCond cc = conds[rng_next(&p->rng) % 10];
    unsigned bits = w ? 64 : 32;
    unsigned pos = rng_next(&p->rng) % bits;
    unsigned len = 1 + rng_next(&p->rng) % (bits - pos);

    if (k < 8) {
        ir_emit2(f, bin[rng_next(&p->rng) % 12], t, pick_dst(p, w), a, b);
    } else if (k < 12) {
        ir_emit1(f, un[rng_next(&p->rng) % 11], t, pick_dst(p, w), a);
    } else if (k == 12) {
        ir_setcond(f, t, cc, pick_dst(p, w), a, b);
    } else if (k == 13) {
        ir_movcond(f, t, cc, pick_dst(p, w), a, b, c, d4);
    } else if (k == 14) {
        IRTemp *lo = pick_dst(p, w), *hi = pick_dst(p, w);
        if (lo != hi) {
            ((rng_next(&p->rng) & 1) ? ir_mulu2 : ir_muls2)(f, t, lo, hi,
                                                            a, b);
        } else {
            ir_emit1(f, IR_mov, t, lo, a);
        }
    } else if (k == 15) {
        ir_deposit(f, t, pick_dst(p, w), a, b, pos, len);
    } else if (k == 16) {
        ((rng_next(&p->rng) & 1) ? ir_extract : ir_sextract)(
            f, t, pick_dst(p, w), a, pos, len);
    } else if (k == 17) {
        IRTemp *s = pick_src(p, !w);
        IROpcode opc = w ? ((rng_next(&p->rng) & 1) ? IR_ext_i32_i64
                                                     : IR_extu_i32_i64)
                         : ((rng_next(&p->rng) & 1) ? IR_extrl_i64_i32
                                                    : IR_extrh_i64_i32);
        ir_emit1(f, opc, t, pick_dst(p, w), s);
    } else if (k == 18) {
        gen_call_or_load(p);
    } else if (w) {
        static const IROpcode un64[] = { IR_ext32s, IR_ext32u, IR_bswap64 };
        ir_emit1(f, un64[rng_next(&p->rng) % 3], t, pick_dst(p, w), a);
    } else {
        ir_mov_i32(f, pick_dst(p, w), a);
    }
}

/* An IRFunc with the random programs' globals g0..g5 (i32), h0..h5. */
static IRFunc *prog_func(IRTemp *g[2][NG])
{
    static const char *const names[2][NG] = {
        { "g0", "g1", "g2", "g3", "g4", "g5" },
        { "h0", "h1", "h2", "h3", "h4", "h5" },
    };
    IRFunc *f = ir_func_new();

    for (int w = 0; w < 2; w++) {
        for (int i = 0; i < NG; i++) {
            g[w][i] = ir_global(f, w ? IR_I64 : IR_I32, 8 * (i + NG * w),
                                names[w][i]);
        }
    }
    return f;
}

static void gen_prog(Prog *p, uint64_t seed)
{
    IRFunc *f;
    IRLabel *labels[4];
    int nl = 0, nset = 0;

    memset(p, 0, sizeof(*p));
    p->f = f = prog_func(p->g);
    p->rng.s = seed;
    ir_func_reset(f);
    for (int w = 0; w < 2; w++) {
        for (int i = 0; i < NE; i++) {
            p->e[w][i] = ir_temp_new(f, w ? IR_I64 : IR_I32, IR_TEMP_EBB);
        }
        p->l[w] = ir_temp_new(f, w ? IR_I64 : IR_I32, IR_TEMP_TB);
        ir_emit1(f, IR_mov, w ? IR_I64 : IR_I32, p->l[w], p->g[w][0]);
    }
    for (int i = 0; i < 4; i++) {
        labels[i] = ir_label_new(f);
    }
    for (int n = 0; n < 60; n++) {
        unsigned k = rng_next(&p->rng) % 16;
        if (k == 0 && nl < 4) {
            int w = rng_next(&p->rng) & 1;
            ir_brcond(f, w ? IR_I64 : IR_I32,
                      (IRCond)(8 + (rng_next(&p->rng) % 6)),
                      pick_src(p, w), pick_src(p, w), labels[nl++]);
        } else if (k == 1 && nset < nl) {
            ir_set_label(f, labels[nset++]);
            memset(p->def, 0, sizeof(p->def));
        } else {
            gen_op(p);
        }
    }
    while (nset < 4) {
        ir_set_label(f, labels[nset++]);
    }
    ir_exit_tb(f, 0);
}

static uint64_t interp_unary(IROpcode opc, IRType t, uint64_t x)
{
    switch (opc) {
    case IR_mov: return x;
    case IR_ext_i32_i64: return (uint64_t)(int32_t)x;
    case IR_extu_i32_i64: return (uint32_t)x;
    case IR_extrl_i64_i32: return (uint32_t)x;
    case IR_extrh_i64_i32: return x >> 32;
    default:
        return t == IR_I32 ? ref32(opc, (uint32_t)x, 0) : ref64(opc, x, 0);
    }
}

static uint64_t interp_bits(const IROp *op, const uint64_t *v)
{
    bool w64 = op->type == IR_I64;
    unsigned bits = w64 ? 64 : 32;
    uint64_t a = v[1], b = v[2];

    if (op->opc == IR_deposit) {
        unsigned pos = op->args[3], len = op->args[4];
        uint64_t m = (len == 64 ? ~0ull : ((1ull << len) - 1)) << pos;
        return (a & ~m) | ((b << pos) & m);
    }
    unsigned pos = op->args[2], len = op->args[3];
    a = w64 ? a : (uint32_t)a;
    uint64_t r = a >> pos;
    if (len < 64) {
        r &= (1ull << len) - 1;
        if (op->opc == IR_sextract && (r >> (len - 1)) & 1) {
            r |= ~0ull << len;
        }
    }
    (void)bits;
    return r;
}

/* One op's result (and *hi for mulu2/muls2); v[] holds all temp args. */
static uint64_t interp_eval(const IROp *op, const uint64_t *v, uint64_t *hi)
{
    IRType t = (IRType)op->type;

    switch (op->opc) {
    case IR_setcond:
        return ir_cond_eval((IRCond)op->args[3], t, v[1], v[2]);
    case IR_movcond:
        return ir_cond_eval((IRCond)op->args[5], t, v[1], v[2]) ? v[3]
                                                                : v[4];
    case IR_mulu2: case IR_muls2:
        if (t == IR_I32) {
            uint64_t p = op->opc == IR_mulu2
                ? (uint64_t)(uint32_t)v[2] * (uint32_t)v[3]
                : (uint64_t)((int64_t)(int32_t)v[2] * (int32_t)v[3]);
            *hi = p >> 32;
            return p;
        } else if (op->opc == IR_mulu2) {
            unsigned __int128 p = (unsigned __int128)v[2] * v[3];
            *hi = (uint64_t)(p >> 64);
            return (uint64_t)p;
        } else {
            __int128 p = (__int128)(int64_t)v[2] * (int64_t)v[3];
            *hi = (uint64_t)((unsigned __int128)p >> 64);
            return (uint64_t)p;
        }
    case IR_deposit: case IR_extract: case IR_sextract:
        return interp_bits(op, v);
    default:
        if (op->nb_in == 1) {
            return interp_unary((IROpcode)op->opc, t, v[1]);
        }
        return t == IR_I32 ? ref32((IROpcode)op->opc, (uint32_t)v[1],
                                   (uint32_t)v[2])
                           : ref64((IROpcode)op->opc, v[1], v[2]);
    }
}

/*
 * The machine: in plain mode every temp has one value.  In "backend"
 * mode it follows only what the life bits promise (tcg/README.md): a
 * register copy dies at DEAD_ARG and at labels, memory is written only at
 * SYNC_ARG, globals and TB temps reload from memory, and an EBB temp
 * without a register copy reads as garbage.
 */
#define POISON 0x5a5a5a5a5a5a5a5aull

typedef struct Mach {
    bool backend;
    uint64_t reg[512], mem[512];
    bool valid[512];
} Mach;

static uint64_t mach_read(Mach *m, IRTemp *t)
{
    int i = t->index;

    if (t->kind == IR_TEMP_CONST || !m->backend || m->valid[i]) {
        return m->reg[i];
    }
    if (t->kind == IR_TEMP_GLOBAL || t->kind == IR_TEMP_TB) {
        m->reg[i] = m->mem[i];
        m->valid[i] = true;
        return m->reg[i];
    }
    return POISON;
}

static void mach_write(Mach *m, const IROp *op, int k, uint64_t v)
{
    IRTemp *t = ir_arg_temp(op, k);

    m->reg[t->index] = v;
    m->valid[t->index] = !(op->life & IR_DEAD_ARG(k));
    if (!m->backend || (op->life & IR_SYNC_ARG(k))) {
        m->mem[t->index] = v;
    }
}

static void mach_label(Mach *m, IRFunc *f)
{
    for (int i = 0; m->backend && i < f->nb_temps; i++) {
        if (f->temps[i]->kind != IR_TEMP_CONST) {
            m->valid[i] = false;
        }
    }
}

/* Globals' memory as a helper sees it (plain mode: the values). */
static uint64_t *mach_env(Mach *m)
{
    return m->backend ? m->mem : m->reg;
}

/* The helpers of the random programs; globals are read from memory. */
static uint64_t interp_call(Mach *m, IRFunc *f, const IROp *op,
                            const uint64_t *v)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];
    uint64_t *env = mach_env(m);
    uint64_t a = v[op->nb_out], r = 0;

    if (h == &rh_pure) {
        r = a * 3 + v[op->nb_out + 1];
    } else if (h == &rh_none) {
        r = a + 1;
    } else if (h == &rh_read) {
        r = a;
        for (int i = 1; i < f->nb_globals; i++) {
            r = r * 31 + env[i];
        }
    } else {
        env[1] = (uint32_t)(env[1] + a);         /* g0 */
        env[NG + 2] ^= a;                        /* h1 */
        for (int i = 0; i < f->nb_globals && m->backend; i++) {
            m->valid[i] = false;
        }
    }
    return (uint32_t)r;
}

/* Run f with globals initialised from init; their memory ends in out. */
static void interp_run(IRFunc *f, const uint64_t *init, uint64_t *out,
                       bool backend)
{
    static Mach m;
    int label_at[16];

    memset(&m, 0, sizeof(m));
    m.backend = backend;
    for (int i = 0; i < f->nb_ops; i++) {
        if (f->ops[i].opc == IR_set_label) {
            label_at[f->ops[i].args[0]] = i;
        }
    }
    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        m.reg[i] = m.mem[i] = t->kind == IR_TEMP_CONST ? t->val
                            : t->kind == IR_TEMP_GLOBAL ? init[i] : POISON;
    }
    for (int pc = 0; pc < f->nb_ops; pc++) {
        const IROp *op = &f->ops[pc];
        uint64_t v[8], r, hi = 0;
        uint64_t mask = op->type == IR_I32 ? 0xffffffffu : ~0ull;
        int n = op->nb_out + op->nb_in;

        for (int i = op->nb_out; i < n; i++) {
            v[i] = mach_read(&m, ir_arg_temp(op, i));
        }
        for (int i = op->nb_out; i < n && backend; i++) {
            if ((op->life & IR_DEAD_ARG(i)) &&
                ir_arg_temp(op, i)->kind != IR_TEMP_CONST) {
                m.valid[ir_arg_temp(op, i)->index] = false;
            }
        }
        switch (op->opc) {
        case IR_nop: case IR_insn_start: case IR_discard:
            continue;
        case IR_set_label:
            mach_label(&m, f);
            continue;
        case IR_exit_tb:
            pc = f->nb_ops;
            continue;
        case IR_br:
            pc = label_at[op->args[0]] - 1;
            continue;
        case IR_brcond:
            if (ir_cond_eval((IRCond)op->args[2], (IRType)op->type, v[0],
                             v[1])) {
                pc = label_at[op->args[3]] - 1;
            }
            continue;
        default:
            break;
        }
        if (op->opc == IR_qemu_ld && (v[1] & 3) == 3) {
            break;      /* a guest fault: the TB ends, memory is the state */
        } else if (op->opc == IR_qemu_ld) {
            r = (uint32_t)(v[1] * 0x9e3779b9u) ^ 0x1234;
        } else if (op->opc == IR_call) {
            r = interp_call(&m, f, op, v);
            if (!op->nb_out) {
                continue;
            }
        } else {
            r = interp_eval(op, v, &hi);
        }
        if (op->nb_out == 2) {
            mach_write(&m, op, 1, hi & mask);
        }
        mach_write(&m, op, 0, r & mask);
    }
    for (int i = 0; i < f->nb_globals; i++) {
        out[i] = mach_env(&m)[i];
    }
}

static char *print_to_string(IRFunc *f)
{
    char *buf;
    size_t len;
    FILE *m = open_memstream(&buf, &len);

    ir_print(m, f);
    fclose(m);
    return buf;
}

/* The printed program parses back into one that prints the same. */
static void check_text_round_trip(IRFunc *f)
{
    static const IRHelper *const helpers[] = {
        &rh_pure, &rh_read, &rh_write, &rh_none, NULL,
    };
    IRTemp *g[2][NG];
    IRFunc *f2 = prog_func(g);
    char *text = print_to_string(f), *text2, err[200];

    if (ir_parse(f2, text, helpers, err, sizeof(err)) != 0) {
        test_fail(__FILE__, __LINE__, err);
    }
    text2 = print_to_string(f2);
    ASSERT_STR_EQ(text2, text);
    free(text);
    free(text2);
    ir_func_free(f2);
}

TEST(optimize, random_programs_keep_semantics)
{
    for (uint64_t seed = 1; seed <= 3000; seed++) {
        Prog a, b;
        uint64_t init[64], ra[64], rb[64];
        Rng r = { seed * 977 };

        gen_prog(&a, seed);
        gen_prog(&b, seed);
        check_text_round_trip(a.f);
        ir_optimize(b.f);
        check_text_round_trip(b.f);
        ir_liveness(b.f);
        for (int i = 0; i < a.f->nb_globals; i++) {
            init[i] = a.f->temps[i]->type == IR_I32 ? (uint32_t)rng_value(&r)
                                                     : rng_value(&r);
        }
        interp_run(a.f, init, ra, false);
        interp_run(b.f, init, rb, true);
        for (int i = 1; i < a.f->nb_globals; i++) {
            if (ra[i] != rb[i]) {
                fprintf(stderr, "seed %" PRIu64 ": %s differs\n", seed,
                        a.f->temps[i]->name);
                ir_print(stderr, a.f);
                fprintf(stderr, "--- optimized\n");
                ir_print(stderr, b.f);
                ASSERT_EQ(rb[i], ra[i]);
            }
        }
        ir_func_free(a.f);
        ir_func_free(b.f);
    }
}
