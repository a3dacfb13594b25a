/* SPDX-License-Identifier: MIT */
/*
 * Liveness: one backward pass over a TB's ops after the optimizer.  It
 * fills op->life (IR_DEAD_ARG: last use / unused result; IR_SYNC_ARG: store
 * the result to its memory home) and turns ops whose results are all dead
 * into nops, then compacts the op array.  The rules a backend may rely on
 * are in tcg/README.md ("Liveness").
 */
#include <assert.h>

#include "tcg/ir-priv.h"

/* temp->state during this pass */
enum {
    TS_DEAD = 1,    /* the value is not used later */
    TS_MEM = 2,     /* the memory home must hold the value here */
};

/* End of the TB: globals must be in memory, nothing else is needed. */
static void la_func_end(IRFunc *f)
{
    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        switch (t->kind) {
        case IR_TEMP_GLOBAL:
            t->state = TS_DEAD | TS_MEM;
            break;
        case IR_TEMP_FIXED:
            t->state = 0;
            break;
        default:
            t->state = TS_DEAD;
            break;
        }
    }
}

/*
 * End of a basic block (label, br): globals and TB temps go to memory.
 * At a label, an EBB temp still live here would be read after the label
 * with a value from before it: a frontend bug (use a TB temp).
 */
static void la_bb_end(IRFunc *f, bool label)
{
    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        switch (t->kind) {
        case IR_TEMP_GLOBAL:
        case IR_TEMP_TB:
            t->state = TS_DEAD | TS_MEM;
            break;
        case IR_TEMP_FIXED:
            break;
        case IR_TEMP_EBB:
            assert(!label || (t->state & TS_DEAD));
            t->state = TS_DEAD;
            break;
        default:
            t->state = TS_DEAD;
            break;
        }
    }
}

/* Conditional branch: the taken edge needs memory, fall-through goes on. */
static void la_bb_sync(IRFunc *f)
{
    for (int i = 0; i < f->nb_temps; i++) {
        IRTemp *t = f->temps[i];
        if (t->kind == IR_TEMP_GLOBAL || t->kind == IR_TEMP_TB) {
            t->state |= TS_MEM;
        }
    }
}

/* Globals must be in memory (something may read env or raise). */
static void la_global_sync(IRFunc *f)
{
    for (int i = 0; i < f->nb_globals; i++) {
        IRTemp *t = f->temps[i];
        if (t->kind == IR_TEMP_GLOBAL) {
            t->state |= TS_MEM;
        }
    }
}

/* Globals are rewritten behind our back: register copies die here. */
static void la_global_kill(IRFunc *f)
{
    for (int i = 0; i < f->nb_globals; i++) {
        IRTemp *t = f->temps[i];
        if (t->kind == IR_TEMP_GLOBAL) {
            t->state = TS_DEAD | TS_MEM;
        }
    }
}

static bool la_outputs_dead(const IROp *op)
{
    for (int i = 0; i < op->nb_out; i++) {
        if (ir_arg_temp(op, i)->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

static uint32_t la_outputs(IROp *op)
{
    uint32_t life = 0;

    for (int i = 0; i < op->nb_out; i++) {
        IRTemp *t = ir_arg_temp(op, i);
        if (t->kind == IR_TEMP_FIXED) {
            continue;
        }
        if (t->state & TS_DEAD) {
            life |= IR_DEAD_ARG(i);
        }
        if (t->state & TS_MEM) {
            life |= IR_SYNC_ARG(i);
        }
        t->state = TS_DEAD;
    }
    return life;
}

static uint32_t la_inputs(IROp *op)
{
    uint32_t life = 0;
    int end = op->nb_out + op->nb_in;

    for (int i = op->nb_out; i < end; i++) {
        IRTemp *t = ir_arg_temp(op, i);
        if (t->kind != IR_TEMP_FIXED && (t->state & TS_DEAD)) {
            life |= IR_DEAD_ARG(i);
        }
    }
    for (int i = op->nb_out; i < end; i++) {
        ir_arg_temp(op, i)->state &= ~TS_DEAD;
    }
    return life;
}

/* "d = a op d" becomes "d = d op a" for commutative ops (two-address). */
static void la_commute_to_output(IROp *op)
{
    switch (op->opc) {
    case IR_add: case IR_mul: case IR_and: case IR_or: case IR_xor:
        if (op->args[2] == op->args[0] && op->args[1] != op->args[0]) {
            op->args[2] = op->args[1];
            op->args[1] = op->args[0];
        }
        break;
    default:
        break;
    }
}

/*
 * "op tmp, ...; mov g, tmp" with tmp dead after the mov becomes
 * "op g, ...": the op takes over the mov's output and its life bits.  Only
 * for directly adjacent ops (never across insn_start), so no other op can
 * observe g between the two.
 */
static void la_forward_mov(IROp *op, IROp *next)
{
    IRTemp *t = ir_arg_temp(op, 0), *g;

    if (!next || next->opc != IR_mov || op->nb_out != 1 ||
        ir_arg_temp(next, 1) != t || t->kind != IR_TEMP_EBB ||
        !(next->life & IR_DEAD_ARG(1))) {
        return;
    }
    g = ir_arg_temp(next, 0);
    op->args[0] = (uintptr_t)g;
    la_commute_to_output(op);
    next->opc = IR_nop;
    t->state = TS_DEAD;                 /* as after the mov */
    g->state = (next->life & IR_DEAD_ARG(0) ? TS_DEAD : 0) |
               (next->life & IR_SYNC_ARG(0) ? TS_MEM : 0);
}

static void la_call(IRFunc *f, IROp *op)
{
    const IRHelper *h = (const IRHelper *)op->args[op->nb_out + op->nb_in];
    uint32_t life;

    if ((h->flags & IR_CALL_NO_SIDE_EFFECTS) && la_outputs_dead(op)) {
        op->opc = IR_nop;
        return;
    }
    life = la_outputs(op);
    if (!(h->flags & IR_CALL_NO_WRITE_GLOBALS)) {
        la_global_kill(f);
    } else if (!(h->flags & IR_CALL_NO_READ_GLOBALS)) {
        la_global_sync(f);
    }
    op->life = life | la_inputs(op);
}

/* mulu2/muls2 whose high half is dead become a plain mul. */
static void la_narrow_mul2(IROp *op)
{
    IRTemp *hi = ir_arg_temp(op, 1);

    if (hi->state == TS_DEAD && ir_arg_temp(op, 0)->state != TS_DEAD) {
        op->opc = IR_mul;
        op->nb_out = 1;
        op->args[1] = op->args[2];
        op->args[2] = op->args[3];
    }
}

static void la_op(IRFunc *f, IROp *op)
{
    const IROpDef *def = &ir_op_defs[op->opc];
    uint32_t life;

    if (!(def->flags & IRF_SIDE_EFFECTS) && op->nb_out > 0 &&
        la_outputs_dead(op)) {
        op->opc = IR_nop;
        return;
    }
    if (op->opc == IR_mulu2 || op->opc == IR_muls2) {
        la_narrow_mul2(op);
    }
    life = la_outputs(op);
    if (def->flags & IRF_BB_EXIT) {
        la_func_end(f);
    } else if (def->flags & IRF_COND_BRANCH) {
        la_bb_sync(f);
    } else if (def->flags & IRF_BB_END) {
        la_bb_end(f, op->opc == IR_set_label);
    } else if (def->flags & IRF_CALL_CLOBBER) {
        la_global_sync(f);  /* qemu_ld/st may raise a guest exception */
    }
    op->life = life | la_inputs(op);
}

/* Drop the nops left by the optimizer and by this pass. */
static void la_compact(IRFunc *f)
{
    int n = 0;

    for (int i = 0; i < f->nb_ops; i++) {
        if (f->ops[i].opc != IR_nop) {
            if (n != i) {
                f->ops[n] = f->ops[i];
            }
            n++;
        }
    }
    f->nb_ops = n;
}

void ir_liveness(IRFunc *f)
{
    IROp *next = NULL;      /* the following op that is not a nop */

    la_func_end(f);
    for (int i = f->nb_ops - 1; i >= 0; i--) {
        IROp *op = &f->ops[i];
        op->life = 0;
        if (op->opc == IR_nop) {
            continue;
        }
        if (op->opc != IR_discard && op->opc != IR_insn_start &&
            op->nb_out == 1) {
            la_forward_mov(op, next);
        }
        next = op;
        switch (op->opc) {
        case IR_insn_start:
            break;
        case IR_discard:
            if (ir_arg_temp(op, 0)->kind < IR_TEMP_GLOBAL) {
                ir_arg_temp(op, 0)->state = TS_DEAD;
            }
            break;
        case IR_call:
            la_call(f, op);
            break;
        default:
            la_op(f, op);
            break;
        }
    }
    la_compact(f);
}
