/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the interpreter backend (backend/interp): IR built with
 * the builder, turned into bytecode by interp_backend.gen_code and run by
 * exec on a test env (a CPUCommon followed by fields used as globals).
 * Covers every op at both widths, helper calls through libffi, branches,
 * guest memory (TLB hit and slow path), goto_tb chaining and goto_ptr.
 */
#include <stddef.h>
#include <stdlib.h>

#include "hw/core/memory.h"
#include "tcg/backend.h"
#include "tcg/cpu.h"
#include "tcg/softmmu.h"
#include "tcg/tb.h"
#include "tests/test.h"

typedef struct TestEnv {
    CPUCommon common;
    uint32_t a32, b32, c32, d32;
    uint32_t o32, p32, guard32;
    uint64_t a64, b64, c64, d64;
    uint64_t o64, p64, guard64;
    uint8_t mem[64];
} TestEnv;

#define GUARD32 0x5a5a5a5au
#define GUARD64 0xa5a5a5a5a5a5a5a5ull

typedef struct T {
    TBCache *tbc;
    TestEnv *env;
    IRFunc *f;
    IRTemp *a32, *b32, *c32, *d32, *o32, *p32;
    IRTemp *a64, *b64, *c64, *d64, *o64, *p64;
    uint32_t insn_off[16];
} T;

static const CPUClass test_cpu_class;

static void t_init(T *t)
{
    memset(t, 0, sizeof(*t));
    t->tbc = tbc_new(&interp_backend, 4 << 20);
    ASSERT(t->tbc != NULL);
    t->env = calloc(1, sizeof(TestEnv));
    ASSERT(t->env != NULL);
    t->env->common.cc = &test_cpu_class;
    t->env->common.tbc = t->tbc;
    tlb_flush(&t->env->common);
    t->env->guard32 = GUARD32;
    t->env->guard64 = GUARD64;
    t->f = ir_func_new();
#define G32(n) t->n = ir_global_i32(t->f, offsetof(TestEnv, n), #n)
#define G64(n) t->n = ir_global_i64(t->f, offsetof(TestEnv, n), #n)
    G32(a32); G32(b32); G32(c32); G32(d32); G32(o32); G32(p32);
    G64(a64); G64(b64); G64(c64); G64(d64); G64(o64); G64(p64);
#undef G32
#undef G64
    ir_func_reset(t->f);
}

static void t_fini(T *t)
{
    ir_func_free(t->f);
    tbc_free(t->tbc);
    free(t->env);
}

/* Generate f into the code buffer as a new TB and reset f. */
static TB *t_gen(T *t)
{
    TBCache *tbc = t->tbc;
    size_t off = (tbc->code_used + 63) & ~(size_t)63;
    TB *tb = (TB *)(tbc->code_buf + off);
    int n;

    memset(tb, 0, sizeof(*tb));
    off += (sizeof(TB) + 63) & ~(size_t)63;
    tb->tc_ptr = tbc->code_buf + off;
    n = interp_backend.gen_code(tbc->backend_ctx, t->f, tb, tb->tc_ptr,
                                tbc->code_size - off, t->insn_off);
    ASSERT(n > 0);
    tb->tc_size = n;
    tb->icount = t->f->nb_insns;
    tbc->code_used = off + n;
    ir_func_reset(t->f);
    return tb;
}

static uintptr_t t_exec(T *t, TB *tb)
{
    return interp_backend.exec(t->tbc->backend_ctx, &t->env->common, tb);
}

static uintptr_t t_run(T *t)
{
    return t_exec(t, t_gen(t));
}

static void t_check_guards(T *t)
{
    ASSERT_EQ(t->env->guard32, GUARD32);
    ASSERT_EQ(t->env->guard64, GUARD64);
}

/* ---- Pure ops: d = op(a, b) through globals, temps and constants ---- */

typedef struct BinVec {
    IROpcode opc;
    IRType type;
    uint64_t a, b, want;
} BinVec;

static const BinVec bin_vecs[] = {
    { IR_add, IR_I32, 0xffffffff, 2, 1 },
    { IR_add, IR_I64, 0xffffffff, 1, 0x100000000ull },
    { IR_add, IR_I64, ~0ull, 2, 1 },
    { IR_sub, IR_I32, 1, 2, 0xffffffff },
    { IR_sub, IR_I64, 0, 1, ~0ull },
    { IR_mul, IR_I32, 0x10000, 0x10001, 0x10000 },
    { IR_mul, IR_I64, 0x100000001ull, 0x100000001ull, 0x200000001ull },
    { IR_and, IR_I32, 0xf0f0ff00, 0x0ff0f0f0, 0x00f0f000 },
    { IR_and, IR_I64, 0xf0f0ff00ull << 32, ~0ull, 0xf0f0ff00ull << 32 },
    { IR_or, IR_I32, 0xf0f0ff00, 0x0ff0f0f0, 0xfff0fff0 },
    { IR_or, IR_I64, 1ull << 63, 1, 0x8000000000000001ull },
    { IR_xor, IR_I32, 0xf0f0ff00, 0x0ff0f0f0, 0xff000ff0 },
    { IR_xor, IR_I64, ~0ull, 0xff, 0xffffffffffffff00ull },
    { IR_andc, IR_I32, 0xf0f0ff00, 0x0ff0f0f0, 0xf0000f00 },
    { IR_andc, IR_I64, ~0ull, 1ull << 40, ~(1ull << 40) },
    { IR_shl, IR_I32, 0x80000001, 1, 2 },
    { IR_shl, IR_I32, 0x80000001, 33, 2 },
    { IR_shl, IR_I64, 1, 63, 1ull << 63 },
    { IR_shl, IR_I64, 1, 64, 1 },
    { IR_shl, IR_I64, 0xffffffff, 4, 0xffffffff0ull },
    { IR_shr, IR_I32, 0x80000000, 31, 1 },
    { IR_shr, IR_I32, 0x80000000, 32, 0x80000000 },
    { IR_shr, IR_I64, 1ull << 63, 63, 1 },
    { IR_sar, IR_I32, 0x80000000, 4, 0xf8000000 },
    { IR_sar, IR_I32, 0x40000000, 4, 0x04000000 },
    { IR_sar, IR_I64, 1ull << 63, 60, 0xfffffffffffffff8ull },
    { IR_rotl, IR_I32, 0x80000001, 1, 3 },
    { IR_rotl, IR_I32, 0x12345678, 0, 0x12345678 },
    { IR_rotl, IR_I32, 0x12345678, 32, 0x12345678 },
    { IR_rotl, IR_I64, 0x8000000000000001ull, 4, 0x18 },
    { IR_rotr, IR_I32, 0x80000001, 1, 0xc0000000 },
    { IR_rotr, IR_I32, 0x12345678, 0, 0x12345678 },
    { IR_rotr, IR_I64, 0x8000000000000001ull, 4, 0x1800000000000000ull },
    { IR_rotr, IR_I64, 0x8000000000000001ull, 0, 0x8000000000000001ull },
};

typedef struct UnVec {
    IROpcode opc;
    IRType type;
    uint64_t a, want;
} UnVec;

static const UnVec un_vecs[] = {
    { IR_mov, IR_I32, 0xdeadbeef, 0xdeadbeef },
    { IR_mov, IR_I64, 0x0123456789abcdefull, 0x0123456789abcdefull },
    { IR_neg, IR_I32, 1, 0xffffffff },
    { IR_neg, IR_I64, 1, ~0ull },
    { IR_not, IR_I32, 0, 0xffffffff },
    { IR_not, IR_I64, 0xff, 0xffffffffffffff00ull },
    { IR_clz, IR_I32, 0, 32 },
    { IR_clz, IR_I32, 1, 31 },
    { IR_clz, IR_I32, 0x80000000, 0 },
    { IR_clz, IR_I64, 0, 64 },
    { IR_clz, IR_I64, 1, 63 },
    { IR_clz, IR_I64, 0x100000000ull, 31 },
    { IR_ctz, IR_I32, 0, 32 },
    { IR_ctz, IR_I32, 0x80000000, 31 },
    { IR_ctz, IR_I64, 0, 64 },
    { IR_ctz, IR_I64, 0x100000000ull, 32 },
    { IR_bswap16, IR_I32, 0x12345678, 0x7856 },
    { IR_bswap16, IR_I64, 0x1122334455667788ull, 0x8877 },
    { IR_bswap32, IR_I32, 0x12345678, 0x78563412 },
    { IR_bswap32, IR_I64, 0x1122334455667788ull, 0x88776655 },
    { IR_bswap64, IR_I64, 0x1122334455667788ull, 0x8877665544332211ull },
    { IR_ext8s, IR_I32, 0x80, 0xffffff80 },
    { IR_ext8s, IR_I32, 0x17f, 0x7f },
    { IR_ext8s, IR_I64, 0x80, 0xffffffffffffff80ull },
    { IR_ext8u, IR_I32, 0xabcd, 0xcd },
    { IR_ext8u, IR_I64, 0xffffffffffffffffull, 0xff },
    { IR_ext16s, IR_I32, 0x8000, 0xffff8000 },
    { IR_ext16s, IR_I64, 0x17fff, 0x7fff },
    { IR_ext16u, IR_I32, 0xffff8000, 0x8000 },
    { IR_ext16u, IR_I64, 0xffff12345678ull, 0x5678 },
    { IR_ext32s, IR_I64, 0x80000000, 0xffffffff80000000ull },
    { IR_ext32u, IR_I64, 0xffffffff80000000ull, 0x80000000 },
};

static IRTemp *g_in(T *t, IRType ty, int i)
{
    IRTemp *const g32[] = { t->a32, t->b32, t->c32, t->d32 };
    IRTemp *const g64[] = { t->a64, t->b64, t->c64, t->d64 };

    return ty == IR_I32 ? g32[i] : g64[i];
}

static void set_in(T *t, IRType ty, int i, uint64_t v)
{
    uint32_t *const p32[] = { &t->env->a32, &t->env->b32, &t->env->c32,
                              &t->env->d32 };
    uint64_t *const p64[] = { &t->env->a64, &t->env->b64, &t->env->c64,
                              &t->env->d64 };

    if (ty == IR_I32) {
        *p32[i] = (uint32_t)v;
    } else {
        *p64[i] = v;
    }
}

static uint64_t get_out(T *t, IRType ty, int i)
{
    if (ty == IR_I32) {
        return i ? t->env->p32 : t->env->o32;
    }
    return i ? t->env->p64 : t->env->o64;
}

static IRTemp *g_out(T *t, IRType ty, int i)
{
    if (ty == IR_I32) {
        return i ? t->p32 : t->o32;
    }
    return i ? t->p64 : t->o64;
}

static IRTemp *new_temp(T *t, IRType ty)
{
    return ir_temp_new(t->f, ty, IR_TEMP_EBB);
}

/* mode 0: globals in and out; 1: EBB temps; 2: b is a constant */
static void run_bin(T *t, const BinVec *v, int mode)
{
    IRTemp *a = g_in(t, v->type, 0), *b = g_in(t, v->type, 1);
    IRTemp *d = g_out(t, v->type, 0);

    set_in(t, v->type, 0, v->a);
    set_in(t, v->type, 1, v->b);
    if (mode == 1) {
        IRTemp *ta = new_temp(t, v->type), *tb = new_temp(t, v->type);
        IRTemp *td = new_temp(t, v->type);
        ir_emit1(t->f, IR_mov, v->type, ta, a);
        ir_emit1(t->f, IR_mov, v->type, tb, b);
        ir_emit2(t->f, v->opc, v->type, td, ta, tb);
        ir_emit1(t->f, IR_mov, v->type, d, td);
    } else if (mode == 2) {
        ir_emit2(t->f, v->opc, v->type, d, a, ir_const(t->f, v->type, v->b));
    } else {
        ir_emit2(t->f, v->opc, v->type, d, a, b);
    }
    ir_exit_tb(t->f, 0);
    t->env->o32 = 0x77777777;
    t->env->o64 = 0x7777777777777777ull;
    ASSERT_EQ(t_run(t), 0);
}

TEST(interp, binary_ops)
{
    T t;

    t_init(&t);
    for (size_t i = 0; i < sizeof(bin_vecs) / sizeof(bin_vecs[0]); i++) {
        for (int mode = 0; mode < 3; mode++) {
            const BinVec *v = &bin_vecs[i];
            run_bin(&t, v, mode);
            if (get_out(&t, v->type, 0) != v->want) {
                fprintf(stderr, "  %s_%s(0x%" PRIx64 ", 0x%" PRIx64
                        ") mode %d\n", ir_op_defs[v->opc].name,
                        v->type == IR_I32 ? "i32" : "i64", v->a, v->b, mode);
            }
            ASSERT_EQ(get_out(&t, v->type, 0), v->want);
        }
    }
    t_check_guards(&t);
    t_fini(&t);
}

TEST(interp, unary_ops)
{
    T t;

    t_init(&t);
    for (size_t i = 0; i < sizeof(un_vecs) / sizeof(un_vecs[0]); i++) {
        const UnVec *v = &un_vecs[i];
        for (int mode = 0; mode < 2; mode++) {
            IRTemp *a = g_in(&t, v->type, 0), *d = g_out(&t, v->type, 0);
            set_in(&t, v->type, 0, v->a);
            if (mode) {
                IRTemp *ta = new_temp(&t, v->type);
                ir_emit1(t.f, IR_mov, v->type, ta, a);
                ir_emit1(t.f, v->opc, v->type, ta, ta);
                ir_emit1(t.f, IR_mov, v->type, d, ta);
            } else {
                ir_emit1(t.f, v->opc, v->type, d, a);
            }
            ir_exit_tb(t.f, 0);
            t_run(&t);
            if (get_out(&t, v->type, 0) != v->want) {
                fprintf(stderr, "  %s_%s(0x%" PRIx64 ")\n",
                        ir_op_defs[v->opc].name,
                        v->type == IR_I32 ? "i32" : "i64", v->a);
            }
            ASSERT_EQ(get_out(&t, v->type, 0), v->want);
        }
    }
    t_check_guards(&t);
    t_fini(&t);
}

TEST(interp, width_changes)
{
    T t;

    t_init(&t);
    t.env->a32 = 0x80000000;
    t.env->a64 = 0x1122334455667788ull;
    ir_ext_i32_i64(t.f, t.o64, t.a32);
    ir_extu_i32_i64(t.f, t.p64, t.a32);
    ir_extrl_i64_i32(t.f, t.o32, t.a64);
    ir_extrh_i64_i32(t.f, t.p32, t.a64);
    ir_exit_tb(t.f, 0);
    t_run(&t);
    ASSERT_EQ(t.env->o64, 0xffffffff80000000ull);
    ASSERT_EQ(t.env->p64, 0x80000000);
    ASSERT_EQ(t.env->o32, 0x55667788);
    ASSERT_EQ(t.env->p32, 0x11223344);
    t_check_guards(&t);
    t_fini(&t);
}

static const IRCond all_conds[] = {
    IR_COND_NEVER, IR_COND_ALWAYS, IR_COND_EQ, IR_COND_NE, IR_COND_LT,
    IR_COND_GE, IR_COND_LE, IR_COND_GT, IR_COND_LTU, IR_COND_GEU,
    IR_COND_LEU, IR_COND_GTU,
};

/* Reference: conditions on (a, b) = (-1, 1), (1, 1), (1, -1). */
static bool cond_ref(IRCond c, int64_t a, int64_t b, uint64_t ua,
                     uint64_t ub)
{
    switch (c) {
    case IR_COND_NEVER: return false;
    case IR_COND_ALWAYS: return true;
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return a < b;
    case IR_COND_GE: return a >= b;
    case IR_COND_LE: return a <= b;
    case IR_COND_GT: return a > b;
    case IR_COND_LTU: return ua < ub;
    case IR_COND_GEU: return ua >= ub;
    case IR_COND_LEU: return ua <= ub;
    default: return ua > ub;
    }
}

TEST(interp, setcond_movcond_brcond)
{
    static const int64_t pairs[][2] = { { -1, 1 }, { 1, 1 }, { 1, -1 },
                                        { 0, INT64_MIN } };
    T t;

    t_init(&t);
    for (int ty = IR_I32; ty <= IR_I64; ty++) {
        for (size_t c = 0; c < sizeof(all_conds) / sizeof(all_conds[0]);
             c++) {
            for (int p = 0; p < 8; p++) {
                IRCond cond = all_conds[c];
                uint64_t ua = (uint64_t)pairs[p % 4][0];
                uint64_t ub = (uint64_t)pairs[p % 4][1];
                int64_t sa = pairs[p % 4][0], sb = pairs[p % 4][1];
                if (ty == IR_I32) {
                    ua = (uint32_t)ua;
                    ub = (uint32_t)ub;
                    sa = (int32_t)sa;
                    sb = (int32_t)sb;
                }
                bool want = cond_ref(cond, sa, sb, ua, ub);
                IRLabel *l = ir_label_new(t.f);
                set_in(&t, ty, 0, ua);
                set_in(&t, ty, 1, ub);
                set_in(&t, ty, 2, 0x1111);
                set_in(&t, ty, 3, 0x2222);
                /* p >= 4: b is a constant (immediate forms) */
                IRTemp *b = p < 4 ? g_in(&t, ty, 1) : ir_const(t.f, ty, ub);
                ir_setcond(t.f, ty, cond, g_out(&t, ty, 0), g_in(&t, ty, 0),
                           b);
                ir_movcond(t.f, ty, cond, g_out(&t, ty, 1), g_in(&t, ty, 0),
                           b, g_in(&t, ty, 2), g_in(&t, ty, 3));
                ir_brcond(t.f, ty, cond, g_in(&t, ty, 0), b, l);
                ir_exit_tb(t.f, 10);
                ir_set_label(t.f, l);
                ir_exit_tb(t.f, 20);
                uintptr_t r = t_run(&t);
                ASSERT_EQ(get_out(&t, ty, 0), want);
                ASSERT_EQ(get_out(&t, ty, 1), want ? 0x1111 : 0x2222);
                ASSERT_EQ(r, want ? 20 : 10);
            }
        }
    }
    t_check_guards(&t);
    t_fini(&t);
}

static void run_mul2(T *t, IROpcode opc, IRType ty, uint64_t a, uint64_t b,
                     uint64_t lo, uint64_t hi)
{
    set_in(t, ty, 0, a);
    set_in(t, ty, 1, b);
    if (opc == IR_mulu2) {
        ir_mulu2(t->f, ty, g_out(t, ty, 0), g_out(t, ty, 1), g_in(t, ty, 0),
                 g_in(t, ty, 1));
    } else {
        ir_muls2(t->f, ty, g_out(t, ty, 0), g_out(t, ty, 1), g_in(t, ty, 0),
                 g_in(t, ty, 1));
    }
    ir_exit_tb(t->f, 0);
    t_run(t);
    ASSERT_EQ(get_out(t, ty, 0), lo);
    ASSERT_EQ(get_out(t, ty, 1), hi);
}

TEST(interp, mul2)
{
    T t;

    t_init(&t);
    run_mul2(&t, IR_mulu2, IR_I32, 0xffffffff, 0xffffffff, 1, 0xfffffffe);
    run_mul2(&t, IR_muls2, IR_I32, 0xffffffff, 0xffffffff, 1, 0);
    run_mul2(&t, IR_muls2, IR_I32, 0x80000000, 2, 0, 0xffffffff);
    run_mul2(&t, IR_mulu2, IR_I64, ~0ull, ~0ull, 1, 0xfffffffffffffffeull);
    run_mul2(&t, IR_muls2, IR_I64, ~0ull, ~0ull, 1, 0);
    run_mul2(&t, IR_muls2, IR_I64, 1ull << 63, 2, 0, ~0ull);
    run_mul2(&t, IR_mulu2, IR_I64, 1ull << 63, 2, 0, 1);
    t_check_guards(&t);
    t_fini(&t);
}

typedef struct FieldVec {
    IROpcode opc;
    IRType type;
    uint64_t a, b;
    unsigned pos, len;
    uint64_t want;
} FieldVec;

static const FieldVec field_vecs[] = {
    { IR_deposit, IR_I32, 0xffffffff, 0, 4, 8, 0xfffff00f },
    { IR_deposit, IR_I32, 0, 0x12345678, 0, 32, 0x12345678 },
    { IR_deposit, IR_I32, 0, 0xffffffff, 31, 1, 0x80000000 },
    { IR_deposit, IR_I64, 0, 0xff, 60, 4, 0xf000000000000000ull },
    { IR_deposit, IR_I64, 1, 0x123456789ull, 0, 64, 0x123456789ull },
    { IR_deposit, IR_I64, ~0ull, 0, 16, 32, 0xffff00000000ffffull },
    { IR_extract, IR_I32, 0x12345678, 0, 8, 8, 0x56 },
    { IR_extract, IR_I32, 0x12345678, 0, 0, 32, 0x12345678 },
    { IR_extract, IR_I32, 0x80000000, 0, 31, 1, 1 },
    { IR_extract, IR_I64, 0x1122334455667788ull, 0, 32, 32, 0x11223344 },
    { IR_extract, IR_I64, 0x1122334455667788ull, 0, 60, 4, 1 },
    { IR_extract, IR_I64, ~0ull, 0, 0, 64, ~0ull },
    { IR_sextract, IR_I32, 0x8000, 0, 8, 8, 0xffffff80 },
    { IR_sextract, IR_I32, 0x12345678, 0, 0, 32, 0x12345678 },
    { IR_sextract, IR_I32, 0x7000, 0, 12, 4, 7 },
    { IR_sextract, IR_I64, 1ull << 63, 0, 63, 1, ~0ull },
    { IR_sextract, IR_I64, 0x70000000, 0, 28, 4, 7 },
    { IR_sextract, IR_I64, 0xf0000000, 0, 28, 4, ~0ull },
};

TEST(interp, deposit_extract)
{
    T t;

    t_init(&t);
    for (size_t i = 0; i < sizeof(field_vecs) / sizeof(field_vecs[0]); i++) {
        const FieldVec *v = &field_vecs[i];
        set_in(&t, v->type, 0, v->a);
        set_in(&t, v->type, 1, v->b);
        if (v->opc == IR_deposit) {
            ir_deposit(t.f, v->type, g_out(&t, v->type, 0),
                       g_in(&t, v->type, 0), g_in(&t, v->type, 1), v->pos,
                       v->len);
        } else if (v->opc == IR_extract) {
            ir_extract(t.f, v->type, g_out(&t, v->type, 0),
                       g_in(&t, v->type, 0), v->pos, v->len);
        } else {
            ir_sextract(t.f, v->type, g_out(&t, v->type, 0),
                        g_in(&t, v->type, 0), v->pos, v->len);
        }
        ir_exit_tb(t.f, 0);
        t_run(&t);
        ASSERT_EQ(get_out(&t, v->type, 0), v->want);
    }
    t_check_guards(&t);
    t_fini(&t);
}

/* ---- Host memory relative to env ---- */

TEST(interp, host_loads)
{
    static const uint8_t bytes[8] = { 0x80, 0xff, 0x34, 0x92, 0x56, 0x78,
                                      0x9a, 0xbc };
    static const struct { IROpcode opc; IRType ty; uint64_t want; } v[] = {
        { IR_ld8u, IR_I32, 0x80 },
        { IR_ld8s, IR_I32, 0xffffff80 },
        { IR_ld8u, IR_I64, 0x80 },
        { IR_ld8s, IR_I64, 0xffffffffffffff80ull },
        { IR_ld16u, IR_I32, 0xff80 },
        { IR_ld16s, IR_I32, 0xffffff80 },
        { IR_ld16u, IR_I64, 0xff80 },
        { IR_ld16s, IR_I64, 0xffffffffffffff80ull },
        { IR_ld32u, IR_I64, 0x9234ff80 },
        { IR_ld32s, IR_I64, 0xffffffff9234ff80ull },
        { IR_ld, IR_I32, 0x9234ff80 },
        { IR_ld, IR_I64, 0xbc9a78569234ff80ull },
    };
    T t;

    t_init(&t);
    memcpy(t.env->mem + 8, bytes, 8);
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        IRTemp *tmp = new_temp(&t, v[i].ty);
        ir_ld(t.f, v[i].opc, v[i].ty, tmp, t.f->env,
              offsetof(TestEnv, mem) + 8);
        ir_emit1(t.f, IR_mov, v[i].ty, g_out(&t, v[i].ty, 0), tmp);
        ir_exit_tb(t.f, 0);
        t_run(&t);
        ASSERT_EQ(get_out(&t, v[i].ty, 0), v[i].want);
    }
    t_fini(&t);
}

TEST(interp, host_stores)
{
    T t;
    uint8_t want[64];

    t_init(&t);
    memset(t.env->mem, 0xee, sizeof(t.env->mem));
    memset(want, 0xee, sizeof(want));
    t.env->a32 = 0x12345678;
    t.env->a64 = 0x1122334455667788ull;
    int mem = offsetof(TestEnv, mem);
    ir_st(t.f, IR_st8, IR_I32, t.a32, t.f->env, mem + 0);
    ir_st(t.f, IR_st16, IR_I32, t.a32, t.f->env, mem + 2);
    ir_st(t.f, IR_st, IR_I32, t.a32, t.f->env, mem + 4);
    ir_st(t.f, IR_st8, IR_I64, t.a64, t.f->env, mem + 9);
    ir_st(t.f, IR_st16, IR_I64, t.a64, t.f->env, mem + 12);
    ir_st(t.f, IR_st32, IR_I64, t.a64, t.f->env, mem + 16);
    ir_st(t.f, IR_st, IR_I64, t.a64, t.f->env, mem + 24);
    ir_st(t.f, IR_st32, IR_I32, t.a32, t.f->env, mem + 36);
    ir_exit_tb(t.f, 0);
    t_run(&t);
    want[0] = 0x78;
    memcpy(want + 2, "\x78\x56", 2);
    memcpy(want + 4, "\x78\x56\x34\x12", 4);
    want[9] = 0x88;
    memcpy(want + 12, "\x88\x77", 2);
    memcpy(want + 16, "\x88\x77\x66\x55", 4);
    memcpy(want + 24, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
    memcpy(want + 36, "\x78\x56\x34\x12", 4);
    ASSERT(memcmp(t.env->mem, want, sizeof(want)) == 0);
    t_fini(&t);
}

/* ---- Control flow ---- */

TEST(interp, loop_with_tb_temp)
{
    T t;
    IRTemp *sum, *i;
    IRLabel *top, *done;

    t_init(&t);
    /* sum = 0; for (i = a32; i != 0; i--) sum += i; o32 = sum */
    sum = ir_local_i32(t.f);
    i = ir_local_i32(t.f);
    top = ir_label_new(t.f);
    done = ir_label_new(t.f);
    ir_movi_i32(t.f, sum, 0);
    ir_mov_i32(t.f, i, t.a32);
    ir_set_label(t.f, top);
    ir_brcondi_i32(t.f, IR_COND_EQ, i, 0, done);
    ir_add_i32(t.f, sum, sum, i);
    ir_subi_i32(t.f, i, i, 1);
    ir_br(t.f, top);
    ir_set_label(t.f, done);
    ir_mb(t.f, 0);                      /* no code */
    ir_mov_i32(t.f, t.o32, sum);
    ir_discard(t.f, sum);               /* no code */
    ir_exit_tb(t.f, 5);
    TB *tb = t_gen(&t);
    t.env->a32 = 100;
    ASSERT_EQ(t_exec(&t, tb), 5);
    ASSERT_EQ(t.env->o32, 5050);
    t.env->a32 = 0;
    ASSERT_EQ(t_exec(&t, tb), 5);
    ASSERT_EQ(t.env->o32, 0);
    t_fini(&t);
}

TEST(interp, many_temps_reuse_slots)
{
    T t;

    t_init(&t);
    /* 20000 short-lived EBB temps: the frame must recycle their slots */
    ir_movi_i64(t.f, t.o64, 0);
    for (int k = 0; k < 20000; k++) {
        IRTemp *x = new_temp(&t, IR_I64);
        ir_addi_i64(t.f, x, t.a64, (uint64_t)k);
        ir_add_i64(t.f, t.o64, t.o64, x);
    }
    ir_exit_tb(t.f, 0);
    t.env->a64 = 1;
    t_run(&t);
    ASSERT_EQ(t.env->o64, 20000ull + 20000ull * 19999 / 2);
    t_fini(&t);
}

/* ---- Helper calls ---- */

static uintptr_t seen_retaddr;

static uint32_t h_add3(uint32_t a, uint32_t b, uint32_t c)
{
    seen_retaddr = GETPC();
    return a + b + c;
}

static uint64_t h_six(uint64_t a, uint32_t b, uint64_t c, uint32_t d,
                      uint64_t e, uint32_t f)
{
    return a * 1 + (uint64_t)b * 10 + c * 100 + (uint64_t)d * 1000 +
           e * 10000 + (uint64_t)f * 100000;
}

static uint64_t h_ret_high(uint64_t a)
{
    return a | 0xffffffff00000000ull;
}

static void h_bump_env(uint64_t env)
{
    TestEnv *e = (TestEnv *)(uintptr_t)env;
    e->b32 = e->a32 + 1;        /* a global the TB then reads */
}

static const IRHelper helper_add3 = {
    "add3", (void *)h_add3, 0, IR_I32, 3, { IR_I32, IR_I32, IR_I32 },
};
static const IRHelper helper_six = {
    "six", (void *)h_six, IR_CALL_PURE, IR_I64, 6,
    { IR_I64, IR_I32, IR_I64, IR_I32, IR_I64, IR_I32 },
};
static const IRHelper helper_ret_high = {
    "ret_high", (void *)h_ret_high, IR_CALL_PURE, IR_I32, 1, { IR_I64 },
};
static const IRHelper helper_bump_env = {
    "bump_env", (void *)h_bump_env, 0, IR_VOID, 1, { IR_I64 },
};

TEST(interp, helper_calls)
{
    T t;

    t_init(&t);
    t.env->a32 = 1;
    t.env->a64 = 7;
    {
        IRTemp *args[] = { t.a32, ir_const_i32(t.f, 20), t.a32 };
        ir_insn_start(t.f, 0x100, 0);
        ir_call(t.f, &helper_add3, t.o32, args);
    }
    {
        IRTemp *args[] = { t.a64, ir_const_i32(t.f, 2), ir_const_i64(t.f, 3),
                           t.a32, ir_const_i64(t.f, 5), ir_const_i32(t.f, 6) };
        ir_insn_start(t.f, 0x104, 0);
        ir_call(t.f, &helper_six, t.o64, args);
    }
    {
        IRTemp *args[] = { t.f->env };
        ir_insn_start(t.f, 0x108, 0);
        ir_call(t.f, &helper_bump_env, NULL, args);
        ir_addi_i32(t.f, t.p32, t.b32, 100);
    }
    {
        IRTemp *args[] = { t.a64 };
        IRTemp *r = new_temp(&t, IR_I32);
        ir_call(t.f, &helper_ret_high, r, args);
        ir_extu_i32_i64(t.f, t.p64, r);
    }
    ir_exit_tb(t.f, 0);
    TB *tb = t_gen(&t);
    t_exec(&t, tb);
    ASSERT_EQ(t.env->o32, 22);
    ASSERT_EQ(t.env->o64, 7 + 20 + 300 + 1000 + 50000 + 600000);
    ASSERT_EQ(t.env->p32, 102);
    ASSERT_EQ(t.env->p64, 7);   /* high garbage dropped */
    /* GETPC() saw a bytecode address inside insn 0, cleared afterwards */
    uintptr_t off = seen_retaddr - (uintptr_t)tb->tc_ptr;
    ASSERT(off > t.insn_off[0] && off <= t.insn_off[1]);
    ASSERT_EQ(tcg_interp_retaddr, 0);
    t_check_guards(&t);
    t_fini(&t);
}

static sigjmp_buf escape;

static void h_escape(uint64_t env)
{
    (void)env;
    siglongjmp(escape, 1);
}

static const IRHelper helper_escape = {
    "escape", (void *)h_escape, 0, IR_VOID, 1, { IR_I64 },
};

TEST(interp, helper_longjmp_out)
{
    T t;
    TB *tb1, *tb2;

    t_init(&t);
    {
        IRTemp *args[] = { t.f->env };
        ir_insn_start(t.f, 0, 0);
        ir_movi_i32(t.f, t.o32, 1);
        ir_call(t.f, &helper_escape, NULL, args);
        ir_movi_i32(t.f, t.o32, 2);
        ir_exit_tb(t.f, 0);
    }
    tb1 = t_gen(&t);
    ir_exit_tb(t.f, 9);
    tb2 = t_gen(&t);
    if (sigsetjmp(escape, 0) == 0) {
        t_exec(&t, tb1);
        ASSERT(0);
    }
    ASSERT_EQ(t.env->o32, 1);
    ASSERT(tcg_interp_retaddr != 0);    /* left set by the escape */
    ASSERT_EQ(t_exec(&t, tb2), 9);
    ASSERT_EQ(tcg_interp_retaddr, 0);
    t_fini(&t);
}

/* ---- Chaining ---- */

TEST(interp, goto_tb_chaining)
{
    T t;
    TB *tb1, *tb2;

    t_init(&t);
    ir_insn_start(t.f, 0, 0);
    ir_addi_i32(t.f, t.o32, t.o32, 1);
    ir_goto_tb(t.f, 0);
    ir_exit_tb(t.f, 0x1000 | 0);
    tb1 = t_gen(&t);
    ir_insn_start(t.f, 0, 0);
    ir_addi_i32(t.f, t.o32, t.o32, 10);
    ir_exit_tb(t.f, 0x55);
    tb2 = t_gen(&t);

    t.env->o32 = 0;
    ASSERT_EQ(t_exec(&t, tb1), 0x1000);
    ASSERT_EQ(t.env->o32, 1);
    ASSERT(tb1->jmp_insn_offset[0] < tb1->tc_size);
    ASSERT(tb1->jmp_reset_offset[0] < tb1->tc_size);
    interp_backend.set_jmp_target(t.tbc->backend_ctx, tb1, 0,
                                  (uintptr_t)tb2->tc_ptr);
    ASSERT_EQ(t_exec(&t, tb1), 0x55);
    ASSERT_EQ(t.env->o32, 12);
    interp_backend.set_jmp_target(t.tbc->backend_ctx, tb1, 0,
                                  (uintptr_t)tb1->tc_ptr +
                                  tb1->jmp_reset_offset[0]);
    ASSERT_EQ(t_exec(&t, tb1), 0x1000);
    ASSERT_EQ(t.env->o32, 13);
    t_fini(&t);
}

TEST(interp, goto_tb_two_slots)
{
    T t;
    TB *tb1, *tb2;
    IRLabel *l;

    t_init(&t);
    l = ir_label_new(t.f);
    ir_brcondi_i32(t.f, IR_COND_NE, t.a32, 0, l);
    ir_goto_tb(t.f, 0);
    ir_exit_tb(t.f, 0x2000);
    ir_set_label(t.f, l);
    ir_goto_tb(t.f, 1);
    ir_exit_tb(t.f, 0x2001);
    tb1 = t_gen(&t);
    ir_movi_i32(t.f, t.o32, 42);
    ir_exit_tb(t.f, 0x77);
    tb2 = t_gen(&t);
    interp_backend.set_jmp_target(t.tbc->backend_ctx, tb1, 1,
                                  (uintptr_t)tb2->tc_ptr);
    t.env->a32 = 0;
    ASSERT_EQ(t_exec(&t, tb1), 0x2000);
    ASSERT_EQ(t.env->o32, 0);
    t.env->a32 = 1;
    ASSERT_EQ(t_exec(&t, tb1), 0x77);
    ASSERT_EQ(t.env->o32, 42);
    t_fini(&t);
}

TEST(interp, goto_ptr)
{
    T t;
    TB *tb1, *tb2;

    t_init(&t);
    ir_movi_i32(t.f, t.o32, 3);
    ir_exit_tb(t.f, 0x66);
    tb2 = t_gen(&t);
    ir_goto_ptr(t.f, t.a64);
    tb1 = t_gen(&t);
    t.env->a64 = (uintptr_t)tb2->tc_ptr;
    ASSERT_EQ(t_exec(&t, tb1), 0x66);
    ASSERT_EQ(t.env->o32, 3);
    t.env->a64 = 0;
    t.env->o32 = 0;
    ASSERT_EQ(t_exec(&t, tb1), 0);
    ASSERT_EQ(t.env->o32, 0);
    t_fini(&t);
}

TEST(interp, insn_offsets)
{
    T t;
    TB *tb;

    t_init(&t);
    for (int k = 0; k < 4; k++) {
        ir_insn_start(t.f, 0x1000 + 4 * k, 0);
        ir_addi_i32(t.f, t.o32, t.o32, 1);
    }
    ir_exit_tb(t.f, 0);
    tb = t_gen(&t);
    ASSERT_EQ(t.insn_off[0], 0);
    for (int k = 1; k < 4; k++) {
        ASSERT(t.insn_off[k] > t.insn_off[k - 1]);
        ASSERT(t.insn_off[k] < tb->tc_size);
    }
    t_fini(&t);
}

/* ---- Guest memory ---- */

static uintptr_t mmio_seen_retaddr;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    mmio_seen_retaddr = tcg_interp_retaddr;
    return 0xabcd0000 | off;
}

static void dev_write(void *opaque, uint64_t off, uint64_t val,
                      unsigned size)
{
    *(uint64_t *)opaque = val;
}

static const MemOps dev_ops = { dev_read, dev_write, 1, 8,
                                DEVICE_LITTLE_ENDIAN };

static bool test_tlb_fill(CPUCommon *cpu, uint64_t vaddr, int size,
                          MMUAccessType access, int mmu_idx, bool probe,
                          uintptr_t retaddr)
{
    tlb_set_page(cpu, vaddr, vaddr, PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                 mmu_idx);
    return true;
}

static const CPUClass test_cpu_class = {
    .name = "test",
    .tlb_fill = test_tlb_fill,
};

TEST(interp, guest_memory)
{
    T t;
    uint64_t dev_last = 0;
    MemRegion *ram;
    TB *tb;

    t_init(&t);
    t.env->common.as = as_new("test");
    ram = as_add_ram(t.env->common.as, "ram", 0x10000, 0x10000);
    as_add_mmio(t.env->common.as, "dev", 0x80000000, 0x1000, &dev_ops,
                &dev_last);
    memcpy(ram->ram + 0x100, "\x80\x81\x82\x83\x84\x85\x86\x87", 8);
    t.env->a32 = 0x10100;                       /* i32 address */
    t.env->a64 = 0x10100;
    t.env->b32 = 0x80000010;
    t.env->c64 = 0x1122334455667788ull;
    ir_insn_start(t.f, 0, 0);
    ir_qemu_ld(t.f, IR_I32, t.o32, t.a32, make_memop_idx(MO_SB, 0));
    ir_qemu_ld(t.f, IR_I64, t.o64, t.a64, make_memop_idx(MO_UQ | MO_BE, 0));
    ir_qemu_ld(t.f, IR_I32, t.p32, t.a64, make_memop_idx(MO_UW, 1));
    ir_insn_start(t.f, 0, 0);
    ir_qemu_st(t.f, IR_I64, t.c64, t.a64, make_memop_idx(MO_UL | MO_BE, 0));
    ir_qemu_ld(t.f, IR_I64, t.p64, t.a32, make_memop_idx(MO_SL, 0));
    ir_insn_start(t.f, 0, 0);
    ir_qemu_ld(t.f, IR_I32, t.d32, t.b32, make_memop_idx(MO_UL, 0));
    ir_qemu_st(t.f, IR_I32, t.a32, t.b32, make_memop_idx(MO_UW, 0));
    ir_exit_tb(t.f, 0);
    tb = t_gen(&t);
    /* Twice: the first run fills the TLB (slow path), the second hits */
    for (int run = 0; run < 2; run++) {
        memcpy(ram->ram + 0x100, "\x80\x81\x82\x83\x84\x85\x86\x87", 8);
        ASSERT_EQ(t_exec(&t, tb), 0);
        ASSERT_EQ(t.env->o32, 0xffffff80);
        ASSERT_EQ(t.env->o64, 0x8081828384858687ull);
        ASSERT_EQ(t.env->p32, 0x8180);
        ASSERT(memcmp(ram->ram + 0x100, "\x55\x66\x77\x88\x84", 5) == 0);
        ASSERT_EQ(t.env->p64, 0xffffffff88776655ull);
        ASSERT_EQ(t.env->d32, 0xabcd0010);
        ASSERT_EQ(dev_last, 0x0100);
        uintptr_t off = mmio_seen_retaddr - (uintptr_t)tb->tc_ptr;
        ASSERT(off > t.insn_off[2] && off < tb->tc_size);
        ASSERT_EQ(tcg_interp_retaddr, 0);
    }
    as_free(t.env->common.as);
    t_fini(&t);
}

/* ---- The real pipeline: optimizer and liveness before gen_code ---- */

TEST(interp, after_optimize_and_liveness)
{
    T t;
    IRLabel *l;
    IRTemp *x, *y;

    t_init(&t);
    l = ir_label_new(t.f);
    x = new_temp(&t, IR_I32);
    y = new_temp(&t, IR_I32);
    ir_insn_start(t.f, 0, 0);
    ir_movi_i32(t.f, x, 3);
    ir_shli_i32(t.f, y, t.a32, 4);
    ir_add_i32(t.f, y, y, x);
    ir_mov_i32(t.f, t.o32, y);
    ir_brcondi_i32(t.f, IR_COND_LTU, t.a32, 10, l);
    ir_xori_i32(t.f, t.o32, t.o32, 0xff00);
    ir_set_label(t.f, l);
    ir_exit_tb(t.f, 1);
    ir_optimize(t.f);
    ir_liveness(t.f);
    TB *tb = t_gen(&t);
    t.env->a32 = 5;
    ASSERT_EQ(t_exec(&t, tb), 1);
    ASSERT_EQ(t.env->o32, 5 * 16 + 3);
    t.env->a32 = 20;
    ASSERT_EQ(t_exec(&t, tb), 1);
    ASSERT_EQ(t.env->o32, (20 * 16 + 3) ^ 0xff00);
    t_fini(&t);
}

/* "op tmp; mov global, tmp" with tmp dead is generated as one op */
TEST(interp, fused_mov)
{
    T t;
    IRTemp *x, *y;

    t_init(&t);
    x = new_temp(&t, IR_I32);
    y = new_temp(&t, IR_I64);
    ir_addi_i32(t.f, x, t.a32, 5);
    ir_mov_i32(t.f, t.o32, x);
    ir_xor_i64(t.f, y, t.a64, t.b64);
    ir_mov_i64(t.f, t.o64, y);
    ir_mov_i64(t.f, t.p64, y);          /* y still live: no fusion */
    ir_exit_tb(t.f, 0);
    ir_liveness(t.f);
    TB *tb = t_gen(&t);
    t.env->a32 = 10;
    t.env->a64 = 0xff00;
    t.env->b64 = 0x0ff0;
    t_exec(&t, tb);
    ASSERT_EQ(t.env->o32, 15);
    ASSERT_EQ(t.env->o64, 0xf0f0);
    ASSERT_EQ(t.env->p64, 0xf0f0);
    /* add32i, xor64, mov64, mov64, exit_tb, end: one mov fused away */
    ASSERT_EQ(tb->tc_size, 4 * (4 + 4 + 3 + 3 + 3 + 1));
    t_fini(&t);
}

TEST(interp, disassembly)
{
    T t;
    char *text = NULL;
    size_t len = 0;
    FILE *out;

    t_init(&t);
    {
        IRTemp *args[] = { t.a32, ir_const_i32(t.f, 2), t.b32 };
        ir_addi_i32(t.f, t.o32, t.a32, 7);
        ir_call(t.f, &helper_add3, t.p32, args);
        ir_exit_tb(t.f, 0x1234);
    }
    TB *tb = t_gen(&t);
    out = open_memstream(&text, &len);
    ASSERT(out != NULL);
    interp_backend.disas(out, tb->tc_ptr, tb->tc_size);
    fclose(out);
    ASSERT(strstr(text, "add32i env+0x") != NULL);
    ASSERT(strstr(text, "call add3 -> env+0x") != NULL);
    ASSERT(strstr(text, "exit_tb 0x1234") != NULL);
    ASSERT(strstr(text, "end") != NULL);
    free(text);
    t_fini(&t);
}

TEST(interp, buffer_too_small)
{
    T t;
    TB tb;
    uint32_t insn_off[2];

    t_init(&t);
    memset(&tb, 0, sizeof(tb));
    for (int k = 0; k < 50; k++) {
        ir_addi_i32(t.f, t.o32, t.o32, 1);
    }
    ir_exit_tb(t.f, 0);
    uint8_t *buf = t.tbc->code_buf + t.tbc->code_size - 64;
    ASSERT_EQ(interp_backend.gen_code(t.tbc->backend_ctx, t.f, &tb, buf, 64,
                                      insn_off), -1);
    t_fini(&t);
}
