/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the IR builder (tcg/ir.c), the conditions and the text
 * printer/parser (tcg/ir-print.c, tcg/ir-parse.c).
 */
#include <stdlib.h>

#include "tcg/ir.h"
#include "tests/test.h"

/* Print f into a static buffer (tests only). */
static const char *print_func(IRFunc *f)
{
    static char buf[65536];
    FILE *m = fmemopen(buf, sizeof(buf), "w");

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
