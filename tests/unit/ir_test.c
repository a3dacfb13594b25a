/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the IR builder (tcg/ir.c), the conditions and the text
 * printer/parser (tcg/ir-print.c, tcg/ir-parse.c).
 */
#include <stdlib.h>

#include "tcg/ir-priv.h"
#include "tests/test.h"

/* Print f into a buffer that lives until the next call (tests only). */
static const char *print_func(IRFunc *f)
{
    static char *buf;
    size_t len;
    FILE *m;

    free(buf);
    m = open_memstream(&buf, &len);
    ir_print(m, f);
    fclose(m);
    return buf;
}

TEST(ir, const_interning)
{
    IRFunc *f = ir_func_new();
    IRTemp *a = ir_const_i32(f, 5);

    ASSERT_EQ(a, ir_const_i32(f, 5));
    ASSERT(a != ir_const_i64(f, 5));
    ASSERT_EQ(ir_const_i64(f, 5), ir_const_i64(f, 5));
    ASSERT_EQ(ir_const(f, IR_I32, 0xffffffffffffffffull),
              ir_const_i32(f, 0xffffffff));
    ASSERT_EQ(ir_const_i32(f, 0xffffffff)->val, 0xffffffffu);
    ASSERT_EQ(a->kind, IR_TEMP_CONST);
    for (int i = 0; i < 1000; i++) {
        ASSERT_EQ(ir_const_i64(f, i * 7)->val, (uint64_t)i * 7);
    }
    ASSERT_EQ(a, ir_const_i32(f, 5));
    ir_func_reset(f);
    ASSERT_EQ(f->nb_temps, 1);
    a = ir_const_i32(f, 5);
    ASSERT_EQ(a->val, 5);
    ASSERT_EQ(a, ir_const_i32(f, 5));
    ir_func_free(f);
}

TEST(ir, build_and_print)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 16, "r0");
    IRTemp *r1 = ir_global_i32(f, 20, "r1");
    IRLabel *l;
    IRTemp *t, *u;

    ir_func_reset(f);
    l = ir_label_new(f);
    t = ir_temp_i32(f);
    u = ir_local_i64(f);
    ir_insn_start(f, 0x40000000, 0);
    ir_addi_i32(f, t, r0, 4);
    ir_brcondi_i32(f, IR_COND_NE, r1, 0, l);
    ir_qemu_ld(f, IR_I32, t, t, 0x21);
    ir_extu_i32_i64(f, u, t);
    ir_set_label(f, l);
    ir_exit_tb(f, 0);
    ASSERT_STR_EQ(print_func(f),
                  "insn_start $0x40000000, $0x0\n"
                  "add_i32 tmp0, r0, $0x4\n"
                  "brcond_i32 r1, $0x0, ne, L0\n"
                  "qemu_ld_i32 tmp0, tmp0, $0x21\n"
                  "extu_i32_i64 loc1, tmp0\n"
                  "set_label L0\n"
                  "exit_tb $0x0\n");
    ASSERT_EQ(f->nb_insns, 1);
    ir_func_free(f);
}

static uint64_t helper_dummy(uint64_t env, uint32_t x)
{
    return env + x;
}

static const IRHelper h_foo = {
    .name = "helper_foo", .func = (void *)helper_dummy, .ret = IR_I32,
    .nargs = 2, .args = { IR_I64, IR_I32 },
};
static const IRHelper h_bar = {
    .name = "helper_bar", .func = (void *)helper_dummy, .ret = IR_VOID,
    .nargs = 0,
};
static const IRHelper *const helpers[] = { &h_foo, &h_bar, NULL };

static IRFunc *new_func(void)
{
    IRFunc *f = ir_func_new();
    ir_global_i32(f, 16, "r0");
    ir_global_i32(f, 20, "r1");
    ir_global_i64(f, 24, "x0");
    return f;
}

/* parse(text) prints text again, and parse(print(parse(text))) too. */
static void check_round_trip(const char *text)
{
    IRFunc *f = new_func(), *g = new_func();
    char err[256] = "";
    char *first;

    if (ir_parse(f, text, helpers, err, sizeof(err)) != 0) {
        test_fail(__FILE__, __LINE__, err);
    }
    first = strdup(print_func(f));
    ASSERT_STR_EQ(first, text);
    ASSERT_EQ(ir_parse(g, first, helpers, err, sizeof(err)), 0);
    ASSERT_STR_EQ(print_func(g), first);
    free(first);
    ir_func_free(f);
    ir_func_free(g);
}

TEST(ir, parse_round_trip)
{
    check_round_trip(
        "insn_start $0x40000000, $0x0\n"
        "add_i32 tmp3, r0, $0x4\n"
        "brcond_i32 r1, $0x0, ne, L1\n"
        "qemu_ld_i32 tmp4, tmp3, $0x21\n"
        "qemu_ld_i64 x0, tmp4:i32, $0x31\n"
        "qemu_st_i32 r0, tmp7:i64, $0x21\n"
        "call helper_foo, tmp5 <- env, tmp4\n"
        "call helper_bar\n"
        "set_label L1\n"
        "mov_i64 loc0, x0\n"
        "setcond_i32 tmp1, r0, r1, ltu\n"
        "movcond_i64 tmp2, x0, $0xffffffffffffffff, loc0, x0, ge\n"
        "mulu2_i32 tmp8, tmp9, r0, r1\n"
        "deposit_i32 r0, r0, r1, $0x8, $0x4\n"
        "extract_i64 x0, x0, $0x3, $0x20\n"
        "sextract_i32 r1, r0, $0x0, $0x8\n"
        "ext_i32_i64 tmp10, r0\n"
        "extrh_i64_i32 r1, tmp10\n"
        "ld_i32 tmp11, env, $0x10\n"
        "ld8u_i64 tmp12, env, $-0x8\n"
        "st16_i32 r0, env, $0x12\n"
        "bswap64_i64 x0, x0\n"
        "discard_i32 tmp11\n"
        "mb $0x0\n"
        "goto_tb $0x1\n"
        "goto_ptr tmp12\n"
        "br L0\n"
        "set_label L0\n"
        "exit_tb $0x1234\n");
}

TEST(ir, parse_normalizes)
{
    IRFunc *f = new_func();
    char err[256];

    /* Decimal and negative constants, comments, blank lines, life notes. */
    ASSERT_EQ(ir_parse(f,
                       "# a comment\n"
                       "\n"
                       "  add_i32 tmp0, r0, $-1   # dead: 1\n"
                       "add_i64 tmp1, x0, $16\n",
                       helpers, err, sizeof(err)), 0);
    ASSERT_STR_EQ(print_func(f),
                  "add_i32 tmp0, r0, $0xffffffff\n"
                  "add_i64 tmp1, x0, $0x10\n");
    ir_func_free(f);
}

static void check_parse_error(const char *text, const char *msg)
{
    IRFunc *f = new_func();
    char err[256] = "";

    ASSERT_EQ(ir_parse(f, text, helpers, err, sizeof(err)), -1);
    if (!strstr(err, msg)) {
        test_fail(__FILE__, __LINE__, err);
    }
    ir_func_free(f);
}

TEST(ir, parse_errors)
{
    check_parse_error("frob_i32 tmp0\n", "unknown op");
    check_parse_error("add_i32 tmp0, r9, r0\n", "unknown global");
    check_parse_error("add_i32 tmp0, x0, r0\n", "type");
    check_parse_error("add_i32 tmp0, r0\n", "expected ','");
    check_parse_error("add_i32 tmp0, r0, r1, r1\n", "trailing");
    check_parse_error("ext32s_i32 tmp0, r0\n", "_i64");
    check_parse_error("call helper_nope\n", "unknown helper");
    check_parse_error("set_label L0\nset_label L0\n", "set twice");
    check_parse_error("brcond_i32 r0, r1, sometimes, L0\n", "condition");
    check_parse_error("mov_i32 tmp0, r0\nmov_i32 loc0, r0\n", "both");
    check_parse_error("add_i32 tmp0, r0, r1\nadd_i64 tmp0, x0, x0\n",
                      "type");
    check_parse_error("mov_i32 $0x1, r0\n", "not writable");
    check_parse_error("mov_i64 env, x0\n", "not writable");
    check_parse_error("call helper_foo, $0x1 <- env, r0\n", "not writable");
    check_parse_error("brcond_i32 r0, r1, eq\n", "expected ','");
    check_parse_error("add_i32 tmp0, r0, $x\n", "bad number");
    check_parse_error("add_i32 tmp0:i16, r0, r1\n", "annotation");
}

TEST(ir, conditions)
{
    ASSERT_EQ(ir_swap_cond(IR_COND_LT), IR_COND_GT);
    ASSERT_EQ(ir_swap_cond(IR_COND_GEU), IR_COND_LEU);
    ASSERT_EQ(ir_swap_cond(IR_COND_EQ), IR_COND_EQ);
    ASSERT_EQ(ir_invert_cond(IR_COND_LT), IR_COND_GE);
    ASSERT_EQ(ir_invert_cond(IR_COND_LEU), IR_COND_GTU);
    ASSERT(ir_cond_eval(IR_COND_LT, IR_I32, 0xffffffff, 0));
    ASSERT(!ir_cond_eval(IR_COND_LT, IR_I64, 0xffffffff, 0));
    ASSERT(ir_cond_eval(IR_COND_LT, IR_I64, ~0ull, 0));
    ASSERT(ir_cond_eval(IR_COND_GTU, IR_I32, 0xffffffff, 0));
    ASSERT(ir_cond_eval(IR_COND_EQ, IR_I32, 0x100000000ull, 0));
    ASSERT(!ir_cond_eval(IR_COND_NEVER, IR_I32, 0, 0));
    ASSERT(ir_cond_eval(IR_COND_ALWAYS, IR_I32, 0, 1));
    /* Every condition: a c b == b swap(c) a, and invert negates. */
    for (int c = 0; c < 14; c++) {
        if (!strcmp(ir_cond_name((IRCond)c), "?")) {
            continue;
        }
        for (uint64_t a = 0; a < 3; a++) {
            for (uint64_t b = 0; b < 3; b++) {
                uint64_t x = a - 1, y = b - 1;
                bool r = ir_cond_eval((IRCond)c, IR_I64, x, y);
                ASSERT_EQ(r, ir_cond_eval(ir_swap_cond((IRCond)c), IR_I64,
                                          y, x));
                ASSERT_EQ(!r, ir_cond_eval(ir_invert_cond((IRCond)c),
                                           IR_I64, x, y));
            }
        }
    }
    ASSERT_STR_EQ(ir_cond_name(IR_COND_GEU), "geu");
}

TEST(ir, globals_survive_reset)
{
    IRFunc *f = ir_func_new();
    IRTemp *r0 = ir_global_i32(f, 0, "r0");
    IRTemp *t, *r1;

    ASSERT_EQ(f->env->kind, IR_TEMP_FIXED);
    ASSERT_STR_EQ(f->env->name, "env");
    ASSERT_EQ(f->env->type, IR_I64);
    ir_func_reset(f);
    t = ir_temp_i32(f);
    ASSERT_EQ(t->index, 2);
    /* A global added while TB temps exist still comes first. */
    r1 = ir_global_i32(f, 4, "r1");
    ASSERT_EQ(r1->index, 2);
    ASSERT_EQ(t->index, 3);
    ASSERT_EQ(f->temps[3], t);
    ASSERT_EQ(f->nb_globals, 3);
    ir_func_reset(f);
    ASSERT_EQ(f->nb_temps, 3);
    ASSERT_EQ(f->temps[1], r0);
    ASSERT_EQ(f->temps[2], r1);
    ASSERT_EQ(r0->mem_offset, 0);
    ASSERT_EQ(r1->mem_offset, 4);
    /* Temps are recycled: no growth over many TBs. */
    for (int tb = 0; tb < 100; tb++) {
        ir_func_reset(f);
        for (int i = 0; i < 50; i++) {
            IRTemp *x = ir_temp_i64(f);
            ASSERT_EQ(x->reg, -1);
            ir_add_i64(f, x, x, ir_const_i64(f, i));
        }
        ir_label_new(f);
    }
    ASSERT(f->cap_temps <= 256);
    ASSERT_EQ(f->nb_ops, 50);
    ir_func_free(f);
}

TEST(ir, builders)
{
    IRFunc *f = new_func();
    IRTemp *r0 = f->temps[1], *x0 = f->temps[3];
    IRTemp *a = ir_temp_i32(f), *b = ir_temp_i64(f);
    IRTemp *args[2] = { f->env, a };
    IRLabel *l = ir_label_new(f);
    IROp *op;

    ir_movi_i32(f, a, 7);
    ir_ext8s_i64(f, b, x0);
    ir_mulu2(f, IR_I32, a, r0, a, r0);
    ir_call(f, &h_foo, r0, args);
    op = &f->ops[f->nb_ops - 1];
    ASSERT_EQ(ir_op_nb_oargs(op), 1);
    ASSERT_EQ(ir_op_nb_iargs(op), 2);
    ASSERT_EQ(ir_op_nb_cargs(op), 1);
    ASSERT_EQ(op->args[3], (uintptr_t)&h_foo);
    ir_call(f, &h_bar, NULL, NULL);
    ir_ld(f, IR_ld16s, IR_I64, b, f->env, -4);
    ir_st(f, IR_st, IR_I32, a, f->env, 8);
    ir_extract(f, IR_I32, a, r0, 4, 8);
    ir_movcond(f, IR_I32, IR_COND_EQ, a, r0, a, r0, a);
    ir_set_label(f, l);
    ASSERT(l->present);
    ir_goto_ptr(f, b);
    ir_discard(f, a);
    op = &f->ops[1];
    ASSERT_EQ(ir_op_nb_oargs(op), 1);
    ASSERT_EQ(ir_op_nb_iargs(op), 1);
    ASSERT_EQ(ir_op_nb_cargs(&f->ops[0]), 0);
    ASSERT_STR_EQ(print_func(f),
                  "mov_i32 tmp0, $0x7\n"
                  "ext8s_i64 tmp1, x0\n"
                  "mulu2_i32 tmp0, r0, tmp0, r0\n"
                  "call helper_foo, r0 <- env, tmp0\n"
                  "call helper_bar\n"
                  "ld16s_i64 tmp1, env, $-0x4\n"
                  "st_i32 tmp0, env, $0x8\n"
                  "extract_i32 tmp0, r0, $0x4, $0x8\n"
                  "movcond_i32 tmp0, r0, tmp0, r0, tmp0, eq\n"
                  "set_label L0\n"
                  "goto_ptr tmp1\n"
                  "discard_i32 tmp0\n");
    op = ir_insert_before(f, 0, IR_nop, IR_VOID);
    ASSERT_EQ(f->ops[1].opc, IR_mov);
    ASSERT_EQ(f->nb_ops, 13);
    ir_func_free(f);
}

/* One op of every opcode (both widths where allowed) survives the text. */
TEST(ir, every_opcode_round_trips)
{
    IRFunc *f = new_func();
    IRLabel *l = ir_label_new(f);
    char *text;

    ir_set_label(f, l);
    for (int opc = 0; opc < IR_NB_OPS; opc++) {
        const IROpDef *def = &ir_op_defs[opc];
        for (int w = 0; w < 2; w++) {
            IRType type = w ? IR_I64 : IR_I32;
            uintptr_t args[IR_MAX_ARGS] = { 0 };
            int nt = def->nb_oargs + def->nb_iargs;
            IROp probe = { .opc = (uint16_t)opc, .type = (uint8_t)type };
            if (opc == IR_call || opc == IR_nop || opc == IR_set_label ||
                ((def->flags & IRF_64) && !w)) {
                continue;
            }
            if (!ir_op_has_type_suffix((IROpcode)opc)) {
                if (w) {
                    continue;
                }
                type = opc == IR_ext_i32_i64 || opc == IR_extu_i32_i64 ||
                       opc == IR_goto_ptr ? IR_I64 :
                       opc == IR_extrl_i64_i32 || opc == IR_extrh_i64_i32
                       ? IR_I32 : IR_VOID;
                probe.type = (uint8_t)type;
            }
            for (int i = 0; i < nt; i++) {
                IRType at = ir_op_arg_type(&probe, i);
                args[i] = (uintptr_t)(i < def->nb_oargs || (i & 1)
                                      ? ir_temp_new(f, at, IR_TEMP_EBB)
                                      : ir_const(f, at, 0x10 + i));
            }
            for (int j = 0; j < def->nb_cargs; j++) {
                args[nt + j] = (opc == IR_setcond || opc == IR_movcond ||
                                opc == IR_brcond) && j == 0 ? IR_COND_LTU
                               : (opc == IR_br || (opc == IR_brcond && j))
                               ? l->id : (uintptr_t)(1 + j);
            }
            ir_emit(f, (IROpcode)opc, type, args, IR_MAX_ARGS);
        }
    }
    text = strdup(print_func(f));
    check_round_trip(text);
    ASSERT(strstr(text, "sextract_i64 ") != NULL);
    ASSERT(strstr(text, "brcond_i32 ") != NULL);
    ASSERT(strstr(text, "qemu_st_i64 ") != NULL);
    ASSERT(strstr(text, "extrh_i64_i32 ") != NULL);
    free(text);
    ir_func_free(f);
}
