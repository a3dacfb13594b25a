/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for tcg/optimize.c.  Folding is checked against a reference
 * evaluator written here with plain C types, on many operand values for
 * both widths; copy propagation, labels and calls on small functions.
 * (Rule-by-rule text examples live in tests/ir/.)
 */
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
    ASSERT_EQ(f->nb_ops, 5001);
    ir_func_free(f);
}
