/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for tcg/liveness.c: life bits (dead args, syncs at block ends,
 * before calls and guest memory ops), dead-op removal and compaction,
 * built with the ir_* API so each bit is checked on the IROp itself.
 */
#include "tcg/ir.h"
#include "tests/test.h"

typedef struct Fx {
    IRFunc *f;
    IRTemp *r0, *r1, *r2, *x0;
} Fx;

static Fx fx_new(void)
{
    Fx x;

    x.f = ir_func_new();
    x.r0 = ir_global_i32(x.f, 16, "r0");
    x.r1 = ir_global_i32(x.f, 20, "r1");
    x.r2 = ir_global_i32(x.f, 24, "r2");
    x.x0 = ir_global_i64(x.f, 32, "x0");
    ir_func_reset(x.f);
    return x;
}

static uint64_t helper_stub(uint64_t a)
{
    return a;
}

static const IRHelper h_rw = {
    .name = "helper_rw", .func = (void *)helper_stub, .flags = 0,
    .ret = IR_VOID, .nargs = 1, .args = { IR_I32 },
};
static const IRHelper h_ro = {
    .name = "helper_ro", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_WRITE_GLOBALS, .ret = IR_I32, .nargs = 1,
    .args = { IR_I32 },
};
static const IRHelper h_pure = {
    .name = "helper_pure", .func = (void *)helper_stub,
    .flags = IR_CALL_PURE, .ret = IR_I32, .nargs = 1, .args = { IR_I32 },
};
static const IRHelper h_none = {
    .name = "helper_none", .func = (void *)helper_stub,
    .flags = IR_CALL_NO_READ_GLOBALS | IR_CALL_NO_WRITE_GLOBALS,
    .ret = IR_I32, .nargs = 1, .args = { IR_I32 },
};

TEST(liveness, dead_inputs_and_removal)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *a = ir_temp_i32(f), *b = ir_temp_i32(f), *c = ir_temp_i32(f);

    ir_add_i32(f, a, x.r0, x.r1);       /* a used twice */
    ir_add_i32(f, b, a, a);             /* b unused: removed */
    ir_sub_i32(f, c, a, x.r1);          /* last use of a and r1 */
    ir_mov_i32(f, x.r2, c);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 3);
    ASSERT_EQ(f->ops[0].opc, IR_add);
    ASSERT_EQ(f->ops[0].life, IR_DEAD_ARG(1));  /* r0; r1 lives on */
    /* "sub c, a, r1; mov r2, c" became "sub r2, a, r1" */
    ASSERT_EQ(f->ops[1].opc, IR_sub);
    ASSERT_EQ(ir_arg_temp(&f->ops[1], 0), x.r2);
    ASSERT_EQ(f->ops[1].life, IR_DEAD_ARG(0) | IR_SYNC_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    ASSERT_EQ(f->ops[2].opc, IR_exit_tb);
    ir_func_free(f);
}

TEST(liveness, r0_live_after_add)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *a = ir_temp_i32(f);

    ir_add_i32(f, a, x.r0, x.r1);
    ir_add_i32(f, x.r1, a, x.r0);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->ops[0].life, IR_DEAD_ARG(2));  /* r1 is redefined */
    ASSERT_EQ(f->ops[1].life, IR_DEAD_ARG(0) | IR_SYNC_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    ir_func_free(f);
}

TEST(liveness, sync_at_bb_end)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRLabel *l = ir_label_new(f);
    IRTemp *loc = ir_local_i32(f), *t = ir_temp_i32(f);
    IRTemp *u = ir_temp_i32(f);

    ir_addi_i32(f, x.r0, x.r0, 1);      /* 0: live into brcond, sync */
    ir_movi_i32(f, loc, 3);             /* 1: TB temp: sync, dead */
    ir_movi_i32(f, t, 4);               /* 2: EBB temp dead at the label */
    ir_brcondi_i32(f, IR_COND_EQ, x.r0, 0, l);  /* 3 */
    ir_addi_i32(f, x.r1, x.r1, 2);      /* 4: synced before set_label */
    ir_set_label(f, l);                 /* 5 */
    ir_movi_i32(f, u, 4);
    ir_add_i32(f, x.r2, loc, u);        /* 7 */
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->ops[0].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(1) |
                              IR_DEAD_ARG(2));
    ASSERT_EQ(f->ops[1].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(0) |
                              IR_DEAD_ARG(1));
    /* The EBB temp's def is removed: its value does not cross the label */
    ASSERT_EQ(f->ops[2].opc, IR_brcond);
    ASSERT_EQ(f->ops[2].life, IR_DEAD_ARG(0) | IR_DEAD_ARG(1));
    ASSERT_EQ(f->ops[3].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    ASSERT_EQ(f->ops[4].opc, IR_set_label);
    ASSERT_EQ(f->ops[5].opc, IR_mov);
    ASSERT_EQ(f->ops[6].life & IR_DEAD_ARG(1), IR_DEAD_ARG(1));
    ir_func_free(f);
}

TEST(liveness, calls)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *t = ir_temp_i32(f), *u = ir_temp_i32(f);

    ir_addi_i32(f, x.r0, x.r0, 1);      /* 0: sync (helper_ro reads) */
    ir_call(f, &h_none, t, &x.r1);      /* 1: no effect on globals */
    ir_call(f, &h_ro, u, &t);           /* 2 */
    ir_addi_i32(f, x.r1, x.r0, 5);      /* 3: sync (rw), r0 dead (kill) */
    ir_call(f, &h_rw, NULL, &u);        /* 4 */
    ir_call(f, &h_pure, t, &x.r2);      /* removed: result unused */
    ir_addi_i32(f, x.r2, x.r0, 1);      /* 5: r0 reloaded */
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 7);
    ASSERT_EQ(f->ops[0].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(1));
    ASSERT_EQ(f->ops[1].life, IR_DEAD_ARG(1));  /* r1 is redefined */
    ASSERT_EQ(f->ops[2].life, IR_DEAD_ARG(1));
    ASSERT_EQ(f->ops[3].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    ASSERT_EQ(f->ops[4].opc, IR_call);
    ASSERT_EQ(f->ops[4].life, IR_DEAD_ARG(0));
    ASSERT_EQ(f->ops[5].opc, IR_add);
    ir_func_free(f);
}

TEST(liveness, qemu_ld_syncs_globals)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *t = ir_temp_i32(f);

    ir_addi_i32(f, x.r0, x.r0, 1);      /* sync before qemu_ld */
    ir_addi_i32(f, x.r1, x.r1, 1);      /* no sync: st does not raise */
    ir_st(f, IR_st, IR_I32, x.r1, f->env, 0x100);
    ir_addi_i32(f, x.r1, x.r1, 1);
    ir_qemu_ld(f, IR_I32, t, x.r2, 0x22);
    ir_mov_i32(f, x.r2, t);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->ops[0].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(0) |
                              IR_DEAD_ARG(1));  /* $1 is used again */
    ASSERT_EQ(f->ops[1].life, IR_DEAD_ARG(1));
    ASSERT_EQ(f->ops[2].life, 0);       /* r1 live on; env never dies */
    ASSERT_EQ(f->ops[3].life, IR_SYNC_ARG(0) | IR_DEAD_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    /* "qemu_ld t, r2; mov r2, t" became "qemu_ld r2, r2" */
    ASSERT_EQ(f->nb_ops, 6);
    ASSERT_EQ(ir_arg_temp(&f->ops[4], 0), x.r2);
    ASSERT_EQ(f->ops[4].life, IR_DEAD_ARG(0) | IR_SYNC_ARG(0) |
                              IR_DEAD_ARG(1));
    ir_func_free(f);
}

TEST(liveness, mul2_narrowing_and_discard)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *hi = ir_temp_i32(f), *t = ir_local_i32(f);

    ir_mulu2(f, IR_I32, x.r0, hi, x.r1, x.r2);
    ir_movi_i32(f, t, 1);
    ir_discard(f, t);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->ops[0].opc, IR_mul);
    ASSERT_EQ(f->ops[0].nb_out, 1);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 1), x.r1);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 2), x.r2);
    ASSERT_EQ(f->ops[1].opc, IR_discard);   /* the mov before it died */
    ir_func_free(f);
}

TEST(liveness, mov_forwarding_limits)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *t = ir_temp_i32(f), *u = ir_temp_i32(f), *v = ir_temp_i32(f);

    ir_addi_i32(f, t, x.r0, 1);         /* 0: t used after the mov */
    ir_mov_i32(f, x.r1, t);
    ir_add_i32(f, x.r2, t, t);
    ir_addi_i32(f, u, x.r0, 2);         /* 3: not adjacent (insn_start) */
    ir_insn_start(f, 4, 0);
    ir_mov_i32(f, x.r0, u);
    ir_addi_i32(f, v, x.r1, 3);         /* 6: forwarded */
    ir_mov_i32(f, x.r1, v);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 8);
    ASSERT_EQ(ir_arg_temp(&f->ops[0], 0), t);
    ASSERT_EQ(f->ops[1].opc, IR_mov);
    ASSERT_EQ(ir_arg_temp(&f->ops[3], 0), u);
    ASSERT_EQ(f->ops[5].opc, IR_mov);
    ASSERT_EQ(f->ops[6].opc, IR_add);
    ASSERT_EQ(ir_arg_temp(&f->ops[6], 0), x.r1);
    ASSERT_EQ(f->ops[6].life, IR_DEAD_ARG(0) | IR_SYNC_ARG(0) |
                              IR_DEAD_ARG(1) | IR_DEAD_ARG(2));
    ir_func_free(f);
}

TEST(liveness, side_effects_kept)
{
    Fx x = fx_new();
    IRFunc *f = x.f;
    IRTemp *t = ir_temp_i32(f);

    ir_insn_start(f, 0x1000, 0);
    ir_qemu_ld(f, IR_I32, t, x.r0, 0x2);    /* result unused but kept */
    ir_mb(f, 0);
    ir_goto_tb(f, 0);
    ir_exit_tb(f, 0);
    ir_liveness(f);
    ASSERT_EQ(f->nb_ops, 5);
    ASSERT_EQ(f->ops[1].life, IR_DEAD_ARG(0) | IR_DEAD_ARG(1));
    ir_func_free(f);
}
